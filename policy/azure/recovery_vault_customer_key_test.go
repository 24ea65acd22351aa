package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// recoveryVault is a compliant Recovery Services vault for every vault rule's baseline.
func recoveryVault(name string, t tier.Tier) *policy.Resource {
	return withID(az(typeRecoveryVault, name, t, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-backup", "vaultName": "rsv-" + name,
		"sku": map[string]any{"name": "RS0", "tier": "Standard"},
		"properties": map[string]any{
			"publicNetworkAccess": "Disabled",
			"encryption": map[string]any{
				"keyVaultProperties":       map[string]any{"keyUri": "https://kv-lz.vault.azure.net/keys/cmk-backup"},
				"kekIdentity":              map[string]any{"userAssignedIdentity": rgID("rg-keys") + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-backup"},
				"infrastructureEncryption": "Enabled",
			},
			"securitySettings": map[string]any{
				"immutabilitySettings": map[string]any{"state": "Locked"},
				"softDeleteSettings":   map[string]any{"softDeleteState": "AlwaysON", "softDeleteRetentionPeriodInDays": 14},
			},
		},
	}), rgID("rg-backup")+"/providers/Microsoft.RecoveryServices/vaults/rsv-"+name)
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-009",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{recoveryVault("gold", tier.Gold), keyVault("lz", tier.Gold)}
	},
	BaselineMessage: "backups encrypted with customer key https://kv-lz.vault.azure.net/keys/cmk-backup",
	Cases: []policytest.Case{
		{
			Name:    "no customer key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "properties", "encryption") },
			Want:    policy.StatusFail,
			Message: "properties.encryption.keyVaultProperties.keyUri is not set; a customer-managed key needs it",
		},
		{
			Name: "key URI computed from the stack's vault (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "encryption", "keyVaultProperties", "keyUri")
				policytest.Link(rs[0], "properties", rs[1])
			},
			Want:    policy.StatusPass,
			Message: "backups encrypted with customer key (computed)",
		},
		{
			Name: "key URI computed from nowhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "encryption")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.encryption.keyVaultProperties.keyUri is computed and comes from no other resource; it must name a customer key",
		},
	},
})
