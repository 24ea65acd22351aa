package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-REG-001",
		Title: "AWS providers are pinned to an allowed UK region",
		Description: "Every explicit AWS provider must name its region, and the region must be on the " +
			"allow-list (eu-west-2, London), so that data and services stay under UK jurisdiction.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{typeProvider},
		Remediation:   "Create the provider with `region: eu-west-2` (or another region on the pack's allow-list).",
		Waivable:      false,
		Reads:         policy.Reads(typeProvider, "region"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return checkRegion(ctx, r.Get("region"), "provider region")
	},
})

// checkRegion decides whether v (a region input) is on the context's AWS allow-list.
func checkRegion(ctx *policy.Context, v policy.Value, what string) policy.Result {
	allowed := ctx.AWSRegions
	if len(allowed) == 0 {
		allowed = policy.DefaultAWSRegions
	}
	region, k := policy.Str(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; it must be one of %s", what, strings.Join(allowed, ", "))
	case k == policy.Absent || region == "":
		return policy.Fail("%s is not set; it must be one of %s", what, strings.Join(allowed, ", "))
	case !slices.Contains(allowed, region):
		return policy.Fail("%s %q is outside the UK allow-list (%s)", what, region, strings.Join(allowed, ", "))
	default:
		return policy.Pass("%s %s is allowed", what, region)
	}
}
