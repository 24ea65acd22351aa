package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-REG-001",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeStorageAccount, "evidence", tier.Platinum, map[string]any{
			"location": "uksouth", "kind": "StorageV2", "sku": map[string]any{"name": "Standard_ZRS"},
		})}
	},
	BaselineMessage: "location uksouth is allowed",
	Cases: []policytest.Case{
		{
			Name:    "westeurope",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "westeurope", "location") },
			Want:    policy.StatusFail,
			Message: `location "westeurope" is outside the UK allow-list (uksouth, ukwest)`,
		},
		{
			Name:    "global on a storage account",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "global", "location") },
			Want:    policy.StatusFail,
			Message: `location "global" is allowed only for global resource types; azure-native:storage:StorageAccount must be in one of uksouth, ukwest`,
		},
		{
			Name: "global on a private DNS zone",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = "azure-native:network:PrivateZone"
				policytest.Set(rs[0], "Global", "location")
			},
			Want:    policy.StatusPass,
			Message: "location global is allowed for azure-native:network:PrivateZone",
		},
		{
			Name: "global on an Azure Monitor private link scope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = "azure-native:insights:PrivateLinkScope"
				policytest.Set(rs[0], "global", "location")
			},
			Want:    policy.StatusPass,
			Message: "location global is allowed for azure-native:insights:PrivateLinkScope",
		},
		{
			Name:    "display name UK West",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "UK West", "location") },
			Want:    policy.StatusPass,
			Message: "location UK West is allowed",
		},
		{
			Name:    "location computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "location") },
			Want:    policy.StatusUnknown,
			Message: "location is computed; it must be one of uksouth, ukwest",
		},
		{
			Name:    "no location input: provider's location is used",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "location") },
			Want:    policy.StatusPass,
			Message: "provider location uksouth is allowed",
		},
		{
			Name: "no location input, provider in northeurope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "location")
				rs[0].Provider = policytest.AzureProvider("northeurope")
			},
			Want:    policy.StatusFail,
			Message: `provider location "northeurope" is outside the UK allow-list (uksouth, ukwest)`,
		},
		{
			Name: "no location anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "location")
				rs[0].Provider = nil
			},
			Want:    policy.StatusFail,
			Message: "provider location is not set; it must be one of uksouth, ukwest",
		},
		{
			Name: "allow-list narrowed to uksouth",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AzureLocations = []string{"uksouth"}
				policytest.Set(rs[0], "ukwest", "location")
			},
			Want:    policy.StatusFail,
			Message: `location "ukwest" is outside the UK allow-list (uksouth)`,
		},
		{
			Name: "global on a Front Door profile",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeCDNProfile
				policytest.Set(rs[0], "Global", "location")
			},
			Want:    policy.StatusPass,
			Message: "location global is allowed for azure-native:cdn:Profile",
		},
		{
			Name: "global on a Cosmos DB account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeCosmosAccount
				policytest.Set(rs[0], "global", "location")
			},
			Want:    policy.StatusFail,
			Message: `location "global" is allowed only for global resource types; azure-native:documentdb:DatabaseAccount must be in one of uksouth, ukwest`,
		},
	},
})
