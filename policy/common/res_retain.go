package common

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-COM-RES-002",
		Title: "Stateful resources are retained on delete where the tier requires it",
		Description: "Pulumi's retainOnDelete option leaves the cloud resource in place when it leaves the " +
			"program or the stack is destroyed, so that data outlives a mistaken change. Where the tier " +
			"profile sets RetainStatefulOnDelete (every tier today), every stateful resource (keys, buckets, " +
			"backup vaults, log groups and workspaces, databases, file systems, key vaults, storage accounts, " +
			"recovery vaults, disks) must be retained on delete.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6", "5.1"},
		ResourceTypes: comStatefulTypes,
		Remediation:   "Create the resource with the `pulumi.RetainOnDelete(true)` resource option when profile.RetainStatefulOnDelete is true.",
		Waivable:      true,
		EngineAdvisory: "the Pulumi engine does not send retainOnDelete to policy packs, so the pack cannot " +
			"decide this rule; lz plan and lz check decide it from the program and the exported state",
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if r.RetainOnDeleteNotReported && ctx.HasTier() && ctx.Profile.RetainStatefulOnDelete {
			return policy.Undecided("the Pulumi engine does not report retainOnDelete to policy packs; " +
				"lz plan and lz check decide this rule from the program and the exported state")
		}
		return comStatefulCheck(ctx, r.RetainOnDelete, ctx.Profile.RetainStatefulOnDelete,
			"retainOnDelete", "RetainStatefulOnDelete", "pulumi.RetainOnDelete(true)")
	},
})
