package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-002",
		Title: "Storage accounts use infrastructure (double) encryption",
		Description: "Infrastructure encryption adds a second, independent layer of AES-256 encryption " +
			"beneath the service encryption, so a single key or algorithm compromise does not expose police " +
			"data at rest. It can be chosen only when the account is created.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeStorageAccount},
		Remediation:   "Set `encryption.requireInfrastructureEncryption: true` when creating the storage account (it cannot be added later).",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Storage accounts should have infrastructure encryption (4733ea7b-a883-42fe-8cac-97454c2a9e4a)"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeStorageAccount, "encryption.requireInfrastructureEncryption"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return decide(policy.Pass("infrastructure encryption is required"),
			mustBeTrue(r.Get("encryption", "requireInfrastructureEncryption"), "encryption.requireInfrastructureEncryption",
				"storage accounts must add infrastructure encryption"))
	},
})
