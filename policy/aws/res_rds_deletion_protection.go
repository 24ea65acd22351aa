package aws

import (
	"github.com/policecloud/landingzones/policy"
	"slices"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-002",
		Title: "RDS databases have deletion protection",
		Description: "A managed database holds a force's records; deleting it by mistake (a refactored program, " +
			"a destroyed stack, a console click) loses data and service. Where the tier profile asks for " +
			"cloud-side delete locks (DeleteLocks, every tier today), RDS instances and clusters must set " +
			"deletionProtection, which AWS enforces whatever Pulumi does.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeRDSInstance, typeRDSCluster},
		Remediation:   "Set `deletionProtection: true` on every aws:rds/instance:Instance and aws:rds/cluster:Cluster.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "rds-instance-deletion-protection-enabled"},
			{Source: "AWS Config", ID: "rds-cluster-deletion-protection-enabled"},
			{Source: "Security Hub", ID: "RDS.8"},
			{Source: "Security Hub", ID: "RDS.7"},
		},
		Waivable: true,
		Reads:    slices.Concat(policy.Reads(typeRDSInstance, "deletionProtection"), policy.Reads(typeRDSCluster, "deletionProtection")),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return resTierUnknown("whether databases need deletion protection")
		}
		if !ctx.Profile.DeleteLocks {
			return policy.Pass("%s does not require deletion protection", resProfileName(ctx))
		}
		on, k := policy.Bool(r.Get("deletionProtection"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("deletionProtection is computed; %s requires it to be true", resProfileName(ctx))
		case k == policy.Absent:
			return policy.Fail("deletionProtection is not set; %s requires it to be true", resProfileName(ctx))
		case !on:
			return policy.Fail("deletionProtection is false; %s requires it to be true", resProfileName(ctx))
		default:
			return policy.Pass("deletion protection is enabled")
		}
	},
})
