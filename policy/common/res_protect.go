package common

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-COM-RES-001",
		Title: "Stateful resources are protected where the tier requires it",
		Description: "Pulumi's protect option makes any update or destroy that would delete the resource fail. " +
			"Where the tier profile sets ProtectStateful (Platinum and Gold, and so the foundation), every " +
			"stateful resource (keys, buckets, backup vaults, log groups and workspaces, databases, file " +
			"systems, key vaults, storage accounts, recovery vaults, disks) must be protected.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6", "5.1"},
		ResourceTypes: comStatefulTypes,
		Remediation:   "Create the resource with the `pulumi.Protect(true)` resource option when profile.ProtectStateful is true.",
		Waivable:      true,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return comStatefulCheck(ctx, r.Protect, ctx.Profile.ProtectStateful,
			"protect", "ProtectStateful", "pulumi.Protect(true)")
	},
})
