package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-003",
	Resources: func() []*policy.Resource {
		vault := az(typeKeyVault, "kv", tier.Gold, map[string]any{"vaultName": "kv-lz"})
		return []*policy.Resource{storageAccount("evidence", tier.Gold), vault}
	},
	BaselineMessage: "encrypted with customer key cmk-storage in https://kv-lz.vault.azure.net/",
	Cases: []policytest.Case{
		{
			Name: "Microsoft-managed keys",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Microsoft.Storage", "encryption", "keySource")
			},
			Want:    policy.StatusFail,
			Message: `encryption.keySource "Microsoft.Storage" is not Microsoft.Keyvault; storage accounts must use a customer-managed key`,
		},
		{
			Name:    "key source missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "encryption", "keySource") },
			Want:    policy.StatusFail,
			Message: "encryption.keySource is not set (Microsoft-managed keys); it must be Microsoft.Keyvault with a customer key",
		},
		{
			Name: "key name missing",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "encryption", "keyVaultProperties", "keyName")
			},
			Want:    policy.StatusFail,
			Message: "encryption.keyVaultProperties.keyName is not set; a customer-managed key needs it",
		},
		{
			Name: "vault URI computed from the stack's vault (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "encryption", "keyVaultProperties", "keyVaultUri")
				policytest.Link(rs[0], "encryption", rs[1])
			},
			Want:    policy.StatusPass,
			Message: "encrypted with customer key cmk-storage in (computed vault)",
		},
		{
			Name: "vault URI computed from nowhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "encryption", "keyVaultProperties", "keyVaultUri")
			},
			Want:    policy.StatusUnknown,
			Message: "encryption.keyVaultProperties.keyVaultUri is computed and comes from no other resource; it must name a customer key",
		},
		{
			Name: "key source computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "encryption", "keySource")
			},
			Want:    policy.StatusUnknown,
			Message: "encryption.keySource is computed; it must be Microsoft.Keyvault",
		},
		{
			Name: "Microsoft.KeyVault spelling",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Microsoft.KeyVault", "encryption", "keySource")
			},
			Want:    policy.StatusPass,
			Message: "encrypted with customer key cmk-storage in https://kv-lz.vault.azure.net/",
		},
		{
			Name: "platform key in lower case",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "microsoft.storage", "encryption", "keySource")
			},
			Want:    policy.StatusFail,
			Message: `encryption.keySource "microsoft.storage" is not Microsoft.Keyvault; storage accounts must use a customer-managed key`,
		},
	},
})
