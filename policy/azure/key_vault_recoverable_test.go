package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// keyVault is a compliant Key Vault for every vault rule's baseline.
func keyVault(name string, t tier.Tier) *policy.Resource {
	return withID(az(typeKeyVault, name, t, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-keys", "vaultName": "kv-" + name,
		"properties": map[string]any{
			"tenantId": "11111111-1111-1111-1111-111111111111", "sku": map[string]any{"family": "A", "name": "premium"},
			"enablePurgeProtection": true, "softDeleteRetentionInDays": 90, "enableRbacAuthorization": true,
			"publicNetworkAccess": "Disabled",
		},
	}), rgID("rg-keys")+"/providers/Microsoft.KeyVault/vaults/kv-"+name)
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-ENC-004",
	Resources:       func() []*policy.Resource { return []*policy.Resource{keyVault("lz", tier.Platinum)} },
	BaselineMessage: "purge protection on, soft delete kept for 90 days",
	Cases: []policytest.Case{
		{
			Name: "purge protection off",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "properties", "enablePurgeProtection")
			},
			Want:    policy.StatusFail,
			Message: "properties.enablePurgeProtection is false; Key Vaults must be protected from purge",
		},
		{
			Name: "purge protection not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "enablePurgeProtection")
			},
			Want:    policy.StatusFail,
			Message: "properties.enablePurgeProtection is not set; it must be true (Key Vaults must be protected from purge)",
		},
		{
			Name: "soft delete 7 days",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 7, "properties", "softDeleteRetentionInDays")
			},
			Want:    policy.StatusFail,
			Message: "properties.softDeleteRetentionInDays is 7; it must be 90",
		},
		{
			Name: "soft delete retention not set: Azure's default is 90 days",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "softDeleteRetentionInDays")
			},
			Want:    policy.StatusPass,
			Message: "purge protection on, soft delete kept for 90 days",
		},
		{
			Name: "soft delete disabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "properties", "enableSoftDelete")
			},
			Want:    policy.StatusFail,
			Message: "properties.enableSoftDelete is false; Key Vaults must keep deleted keys recoverable",
		},
		{
			Name: "purge protection computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "enablePurgeProtection")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.enablePurgeProtection is computed; it must be true",
		},
	},
})
