package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-003",
		Title: "RDS databases span availability zones where the tier requires it",
		Description: "Where the tier profile asks for multi-AZ databases (MultiAZDatabases: Platinum and Gold), " +
			"an RDS instance must run Multi-AZ (a synchronous standby in another zone), and an RDS cluster " +
			"must list at least as many availabilityZones as the profile's AvailabilityZones. The cluster " +
			"check reads only the cluster's own availabilityZones input; it does not count the zones of the " +
			"cluster's instances, so components list the zones explicitly.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeRDSInstance, typeRDSCluster},
		Remediation: "On aws:rds/instance:Instance set `multiAz: true`; on aws:rds/cluster:Cluster set " +
			"`availabilityZones` to at least profile.AvailabilityZones distinct zones " +
			"([eu-west-2a, eu-west-2b, eu-west-2c] for Platinum).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "rds-multi-az-support"},
			{Source: "Security Hub", ID: "RDS.5"},
			{Source: "Security Hub", ID: "RDS.15"},
		},
		Waivable: true,
		Reads:    slices.Concat(policy.Reads(typeRDSInstance, "multiAz"), policy.Reads(typeRDSCluster, "availabilityZones")),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return resTierUnknown("whether databases must span availability zones")
		}
		if !ctx.Profile.MultiAZDatabases {
			return policy.Pass("%s does not require multi-AZ databases", resProfileName(ctx))
		}
		if r.Type == typeRDSCluster {
			return resCheckClusterAZs(ctx, r)
		}
		on, k := policy.Bool(r.Get("multiAz"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("multiAz is computed; %s requires it to be true", resProfileName(ctx))
		case k == policy.Absent:
			return policy.Fail("multiAz is not set; %s requires it to be true", resProfileName(ctx))
		case !on:
			return policy.Fail("multiAz is false; %s requires it to be true", resProfileName(ctx))
		default:
			return policy.Pass("instance runs Multi-AZ")
		}
	},
})

func resCheckClusterAZs(ctx *policy.Context, r *policy.Resource) policy.Result {
	need := ctx.Profile.AvailabilityZones
	zones, k := policy.Strings(r.Get("availabilityZones"))
	switch k {
	case policy.Unknown:
		return policy.Undecided("availabilityZones is computed; %s requires at least %s",
			resProfileName(ctx), resPlural(need, "availability zone"))
	case policy.Absent:
		// AWS then places the cluster's storage in three availability zones of the region.
		if need <= 3 {
			return policy.Pass("availabilityZones is not set, so AWS spreads the cluster's storage across three availability zones; %s requires %s",
				resProfileName(ctx), resPlural(need, "availability zone"))
		}
		return policy.Fail("availabilityZones is not set, so AWS uses three availability zones; %s requires at least %s",
			resProfileName(ctx), resPlural(need, "availability zone"))
	}
	slices.Sort(zones)
	zones = slices.Compact(slices.DeleteFunc(zones, func(z string) bool { return z == "" }))
	found := resPlural(len(zones), "availability zone")
	if len(zones) > 0 {
		found += " (" + strings.Join(zones, ", ") + ")"
	}
	if len(zones) < need {
		return policy.Fail("cluster lists %s; %s requires at least %d", found, resProfileName(ctx), need)
	}
	return policy.Pass("cluster lists %s", found)
}
