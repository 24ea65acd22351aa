package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-003",
		Title: "Storage accounts refuse shared key authorisation",
		Description: "Account keys and the SAS tokens signed with them grant full access with no identity, no " +
			"PIM and no per-person audit. With `allowSharedKeyAccess: false` every request must carry an Entra ID " +
			"identity.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10", "9"},
		ResourceTypes: []string{typeStorageAccount},
		Remediation: "Set `allowSharedKeyAccess: false` (and `defaultToOAuthAuthentication: true`); give workloads " +
			"managed identities with Storage Blob Data roles.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Storage accounts should prevent shared key access (8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54)"},
			{Source: "Checkov", ID: "CKV2_AZURE_40"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeStorageAccount, "allowSharedKeyAccess"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return decide(policy.Pass("shared key authorisation is refused; requests need an Entra ID identity"),
			mustBeFalse(r.Get("allowSharedKeyAccess"), "allowSharedKeyAccess", "requests must be authorised with Entra ID, never account keys"))
	},
})
