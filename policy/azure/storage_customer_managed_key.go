package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-003",
		Title: "Storage accounts are encrypted with a customer-managed Key Vault key",
		Description: "Police data at rest is encrypted under a key the force controls in its own Key Vault " +
			"(`encryption.keySource: Microsoft.Keyvault` with `encryption.keyVaultProperties.keyVaultUri` and " +
			"`keyName`), so the force can rotate, audit and revoke access to it.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeStorageAccount},
		Remediation: "Set `encryption: {keySource: \"Microsoft.Keyvault\", keyVaultProperties: {keyVaultUri: <vault " +
			"URI>, keyName: <key name>}, identity: {userAssignedIdentity: <identity with Key Vault Crypto Service " +
			"Encryption User>}}`.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Storage accounts should use customer-managed key for encryption (6fac406b-40ca-413b-bf8e-0bf964659c25)"},
			{Source: "Checkov", ID: "CKV2_AZURE_1"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeStorageAccount, "encryption.keySource", "encryption.keyVaultProperties.keyVaultUri", "encryption.keyVaultProperties.keyName"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		src, k := policy.Str(r.Get("encryption", "keySource"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("encryption.keySource is computed; it must be Microsoft.Keyvault")
		case k == policy.Absent:
			return policy.Fail("encryption.keySource is not set (Microsoft-managed keys); it must be Microsoft.Keyvault with a customer key")
		case semantic.ClassifyAzureKeySource(src) != semantic.KeySourceCustomer:
			return policy.Fail("encryption.keySource %q is not Microsoft.Keyvault; storage accounts must use a customer-managed key", src)
		}
		return decide(policy.Pass("encrypted with customer key %s", keyLabel(r)),
			fromVault(r, "encryption", []any{"encryption", "keyVaultProperties", "keyVaultUri"}, "encryption.keyVaultProperties.keyVaultUri"),
			fromVault(r, "encryption", []any{"encryption", "keyVaultProperties", "keyName"}, "encryption.keyVaultProperties.keyName"))
	},
})

// fromVault checks that a key reference input at path is set. A computed value counts as set when the
// top-level input dep depends on another resource (the key or vault it names); otherwise it is unknown.
func fromVault(r *policy.Resource, dep string, path []any, name string) policy.Result {
	v := r.Get(path...)
	switch {
	case v.IsComputed() && len(r.PropertyDependencies[dep]) > 0:
		return ok
	case v.IsComputed():
		return policy.Undecided("%s is computed and comes from no other resource; it must name a customer key", name)
	}
	if s, k := policy.Str(v); k != policy.Present || s == "" {
		return policy.Fail("%s is not set; a customer-managed key needs it", name)
	}
	return ok
}

// keyLabel describes the storage account's key for the pass message.
func keyLabel(r *policy.Resource) string {
	name, nk := policy.Str(r.Get("encryption", "keyVaultProperties", "keyName"))
	uri, uk := policy.Str(r.Get("encryption", "keyVaultProperties", "keyVaultUri"))
	if nk != policy.Present {
		name = "(computed)"
	}
	if uk != policy.Present {
		uri = "(computed vault)"
	}
	return name + " in " + uri
}
