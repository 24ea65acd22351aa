package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-009",
		Title: "Recovery Services vaults encrypt backups with a customer key",
		Description: "Backups are full copies of police data; the vault must encrypt them with a customer " +
			"key from the force's Key Vault (`properties.encryption.keyVaultProperties.keyUri`).",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeRecoveryVault},
		Remediation: "Set `properties.encryption: {keyVaultProperties: {keyUri: <key URI>}, kekIdentity: " +
			"{userAssignedIdentity: <identity ID>}, infrastructureEncryption: \"Enabled\"}` on the vault.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Recovery Services vaults should use customer-managed keys for encrypting backup data (2e94d99a-8a36-4563-bc77-810d8893b671)"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeRecoveryVault, "properties.encryption.keyVaultProperties.keyUri"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return decide(policy.Pass("backups encrypted with customer key %s", orComputed(r.Get("properties", "encryption", "keyVaultProperties", "keyUri"))),
			fromVault(r, "properties", []any{"properties", "encryption", "keyVaultProperties", "keyUri"}, "properties.encryption.keyVaultProperties.keyUri"))
	},
})

// orComputed is the value's string, or "(computed)".
func orComputed(v policy.Value) string {
	if s, k := policy.Str(v); k == policy.Present {
		return s
	}
	return "(computed)"
}
