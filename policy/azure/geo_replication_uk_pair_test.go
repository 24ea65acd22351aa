package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-REG-003",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeStorageAccount, "audit", tier.Platinum, map[string]any{
			"location": "uksouth", "kind": "StorageV2", "sku": map[string]any{"name": "Standard_RAGZRS"},
		})}
	},
	BaselineMessage: "geo-redundant storage (sku Standard_RAGZRS) replicates from uksouth to its pair ukwest, inside the UK",
	Cases: []policytest.Case{
		{
			Name: "GRS in westeurope (allow-list widened)",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AzureLocations = []string{"uksouth", "ukwest", "westeurope"}
				policytest.Set(rs[0], "westeurope", "location")
			},
			Want:    policy.StatusFail,
			Message: `geo-redundant storage (sku Standard_RAGZRS) replicates from "westeurope" to its paired region outside the UK; geo-redundant storage (sku Standard_RAGZRS) must have its primary in uksouth or ukwest`,
		},
		{
			Name:    "zone-redundant only",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "Standard_ZRS", "sku", "name") },
			Want:    policy.StatusNotApplicable,
			Message: "sku Standard_ZRS does not replicate to another region",
		},
		{
			Name:    "sku computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "sku") },
			Want:    policy.StatusUnknown,
			Message: "sku.name is computed; geo-redundant skus must have their primary in uksouth or ukwest",
		},
		{
			Name:    "location computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "location") },
			Want:    policy.StatusUnknown,
			Message: "location is computed; geo-redundant storage (sku Standard_RAGZRS) needs it to be uksouth or ukwest",
		},
		{
			Name: "key vault in ukwest",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeKeyVault
				policytest.Set(rs[0], "ukwest", "location")
			},
			Want:    policy.StatusPass,
			Message: "Key Vault geo-replication replicates from ukwest to its pair uksouth, inside the UK",
		},
		{
			Name: "key vault in northeurope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeKeyVault
				policytest.Set(rs[0], "northeurope", "location")
			},
			Want:    policy.StatusFail,
			Message: `Key Vault geo-replication replicates from "northeurope" to its paired region outside the UK; Key Vault geo-replication must have its primary in uksouth or ukwest`,
		},
		{
			Name: "recovery vault with cross-region restore in westeurope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeRecoveryVault
				policytest.Set(rs[0], "westeurope", "location")
				policytest.Set(rs[0], map[string]any{"redundancySettings": map[string]any{
					"standardTierStorageRedundancy": "GeoRedundant", "crossRegionRestore": "Enabled",
				}}, "properties")
			},
			Want:    policy.StatusFail,
			Message: `cross-region restore replicates from "westeurope" to its paired region outside the UK; cross-region restore must have its primary in uksouth or ukwest`,
		},
		{
			Name: "recovery vault zone-redundant in westeurope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeRecoveryVault
				policytest.Set(rs[0], "westeurope", "location")
				policytest.Set(rs[0], map[string]any{"redundancySettings": map[string]any{
					"standardTierStorageRedundancy": "ZoneRedundant", "crossRegionRestore": "Disabled",
				}}, "properties")
			},
			Want:    policy.StatusNotApplicable,
			Message: "vault storage is ZoneRedundant without cross-region restore; it does not replicate to another region",
		},
		{
			Name: "recovery vault default redundancy in uksouth",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeRecoveryVault
			},
			Want:    policy.StatusPass,
			Message: "geo-redundant backup storage (the default) replicates from uksouth to its pair ukwest, inside the UK",
		},
	},
})
