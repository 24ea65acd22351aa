package common

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-COM-TAG-003",
		Title: "The Tier tag matches the stack's tier",
		Description: "Reports, backup selections and isolation reviews find a resource's tier by its Tier tag. " +
			"The tag (an AWS resource's effective tags: its provider's defaultTags.tags overlaid by its own; an " +
			"Azure resource's tags) must name the stack's tier exactly as tags write it: Platinum, Gold or Bronze. A " +
			"foundation stack is held to the Platinum profile and tagged Platinum. A missing tag is " +
			"PCLZ-COM-TAG-001's finding.",
		Pack:          policy.PackClassification,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"4", "3"},
		ResourceTypes: comTagResourceTypes(),
		Remediation:   "Set the Tier tag to the stack's tier in title case (tier.Tier.Title(): Platinum, Gold or Bronze).",
		Waivable:      true,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		ts := comTags(r)
		if ts.Untaggable {
			return policy.NotApplicable("%s takes no tags", r.Type)
		}
		if !ctx.HasTier() {
			return policy.Undecided("the stack's tier is not known, so the Tier tag cannot be checked")
		}
		want := ctx.Tier.Title()
		v, k := ts.comTag("Tier")
		switch {
		case k == policy.Unknown:
			return policy.Undecided("the Tier tag is computed; it must be %s", want)
		case k == policy.Absent && ts.Provider:
			return policy.NotApplicable("the provider sets no default Tier tag; each resource is judged on its own")
		case k == policy.Absent:
			return policy.NotApplicable("no Tier tag to check (PCLZ-COM-TAG-001 requires one)")
		case v != want:
			return policy.Fail("Tier tag %q does not match the stack's tier; it must be %s", v, want)
		default:
			return policy.Pass("Tier tag %s matches the stack's tier", v)
		}
	},
})
