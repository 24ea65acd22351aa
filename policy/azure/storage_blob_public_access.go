package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-006",
		Title: "Storage accounts forbid anonymous blob access",
		Description: "With `allowBlobPublicAccess: true` any container can be made readable by anyone " +
			"without credentials. Police evidence and audit archives must never be one setting away from " +
			"anonymous access.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "2.3"},
		ResourceTypes: []string{typeStorageAccount},
		Remediation:   "Set `allowBlobPublicAccess: false` on the storage account.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Storage account public access should be disallowed (4fa4b6c0-31ca-4c0d-b10d-24b96f62a751)"},
			{Source: "Checkov", ID: "CKV_AZURE_190"},
		},
		Waivable: false,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return decide(policy.Pass("anonymous blob access is forbidden"),
			mustBeFalse(r.Get("allowBlobPublicAccess"), "allowBlobPublicAccess", "containers must never allow anonymous access"))
	},
})
