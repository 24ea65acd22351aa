package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// storageAccount is a compliant storage account for every storage rule's baseline.
func storageAccount(name string, t tier.Tier) *policy.Resource {
	return withID(az(typeStorageAccount, name, t, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-data", "accountName": "st" + name, "kind": "StorageV2",
		"sku":                    map[string]any{"name": "Standard_ZRS"},
		"enableHttpsTrafficOnly": true, "minimumTlsVersion": "TLS1_2",
		"allowBlobPublicAccess": false, "allowSharedKeyAccess": false, "publicNetworkAccess": "Disabled",
		"encryption": map[string]any{
			"requireInfrastructureEncryption": true,
			"keySource":                       "Microsoft.Keyvault",
			"keyVaultProperties":              map[string]any{"keyVaultUri": "https://kv-lz.vault.azure.net/", "keyName": "cmk-storage"},
		},
	}), rgID("rg-data")+"/providers/Microsoft.Storage/storageAccounts/st"+name)
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-ENC-001",
	Resources:       func() []*policy.Resource { return []*policy.Resource{storageAccount("evidence", tier.Gold)} },
	BaselineMessage: "HTTPS only, minimum TLS version TLS1_2",
	Cases: []policytest.Case{
		{
			Name:    "http allowed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "enableHttpsTrafficOnly") },
			Want:    policy.StatusFail,
			Message: "enableHttpsTrafficOnly is false; storage accounts must accept HTTPS only",
		},
		{
			Name:    "https flag missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "enableHttpsTrafficOnly") },
			Want:    policy.StatusFail,
			Message: "enableHttpsTrafficOnly is not set; it must be true (storage accounts must accept HTTPS only)",
		},
		{
			Name:    "TLS 1.0",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "TLS1_0", "minimumTlsVersion") },
			Want:    policy.StatusFail,
			Message: `minimumTlsVersion "TLS1_0" is below TLS1_2; only TLS 1.2 or later is allowed`,
		},
		{
			Name:    "TLS version missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "minimumTlsVersion") },
			Want:    policy.StatusFail,
			Message: "minimumTlsVersion is not set; it must be TLS1_2 or TLS1_3",
		},
		{
			Name:    "TLS version computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "minimumTlsVersion") },
			Want:    policy.StatusUnknown,
			Message: "minimumTlsVersion is computed; it must be TLS1_2 or TLS1_3",
		},
		{
			Name: "computed TLS does not hide plain HTTP",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "minimumTlsVersion")
				policytest.Set(rs[0], false, "enableHttpsTrafficOnly")
			},
			Want:    policy.StatusFail,
			Message: "enableHttpsTrafficOnly is false; storage accounts must accept HTTPS only",
		},
	},
})
