package azure

import "github.com/policecloud/landingzones/policy"

// minSoftDeleteDays is the soft-delete retention Key Vaults must keep: Azure's maximum.
const minSoftDeleteDays = 90

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-004",
		Title: "Key Vaults are recoverable: purge protection on, soft delete for 90 days",
		Description: "Deleting or purging a Key Vault destroys every key that encrypts police data, making " +
			"that data unreadable. Purge protection (`properties.enablePurgeProtection: true`) and soft delete " +
			"kept for 90 days (`properties.softDeleteRetentionInDays: 90`, `enableSoftDelete` not false) leave " +
			"time to recover from a mistaken or malicious deletion.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeKeyVault},
		Remediation: "Set `properties.enablePurgeProtection: true` and `properties.softDeleteRetentionInDays: 90` " +
			"(and leave `enableSoftDelete` unset or true).",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Key vaults should have deletion protection enabled (0b60c0b2-2dc2-4e1c-b5c9-abbed971de53)"},
			{Source: "Azure Policy", ID: "Key vaults should have soft delete enabled (1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d)"},
			{Source: "Checkov", ID: "CKV_AZURE_42"},
			{Source: "Checkov", ID: "CKV_AZURE_110"},
		},
		Waivable: false,
		Reads:    policy.Reads(typeKeyVault, "properties.enablePurgeProtection", "properties.softDeleteRetentionInDays"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		softDelete := ok
		if b, k := policy.Bool(r.Get("properties", "enableSoftDelete")); k == policy.Unknown {
			softDelete = policy.Undecided("properties.enableSoftDelete is computed; it must not be false")
		} else if k == policy.Present && !b {
			softDelete = policy.Fail("properties.enableSoftDelete is false; Key Vaults must keep deleted keys recoverable")
		}
		days, k := policy.Int(r.Get("properties", "softDeleteRetentionInDays"))
		retention := ok
		switch {
		case k == policy.Unknown:
			retention = policy.Undecided("properties.softDeleteRetentionInDays is computed; it must be %d", minSoftDeleteDays)
		case k == policy.Absent:
			days = minSoftDeleteDays // Azure's default retention is 90 days.
		case days < minSoftDeleteDays:
			retention = policy.Fail("properties.softDeleteRetentionInDays is %d; it must be %d", days, minSoftDeleteDays)
		}
		return decide(policy.Pass("purge protection on, soft delete kept for %d days", days),
			mustBeTrue(r.Get("properties", "enablePurgeProtection"), "properties.enablePurgeProtection",
				"Key Vaults must be protected from purge"),
			softDelete, retention)
	},
})
