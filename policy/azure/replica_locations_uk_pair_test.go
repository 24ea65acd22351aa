package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func cosmosLocations(locs ...string) func() map[string]any {
	return func() map[string]any {
		var l []any
		for i, loc := range locs {
			l = append(l, map[string]any{"locationName": loc, "failoverPriority": i})
		}
		return map[string]any{"location": "uksouth", "locations": l}
	}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-REG-005",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeCosmosAccount, "cosmos", cosmosLocations("uksouth", "UK West")())}
	},
	BaselineMessage: "Cosmos DB account: locations uksouth, UK West",
	Cases: []policytest.Case{
		variant("cosmos replica in north europe", typeCosmosAccount, cosmosLocations("uksouth", "northeurope"), nil, policy.StatusFail,
			`locations[1].locationName "northeurope" is outside the UK region pair (uksouth, ukwest); the account replicates every write to each location it lists`),
		variant("cosmos location computed", typeCosmosAccount, cosmosLocations("uksouth"), computed("locations", 0, "locationName"), policy.StatusUnknown,
			"locations[0].locationName is computed; it must be uksouth or ukwest"),
		variant("cosmos location missing", typeCosmosAccount, in("locations", []any{map[string]any{"failoverPriority": 0}}), nil, policy.StatusUnknown,
			"locations[0].locationName is not set, so its location cannot be seen (the account replicates every write to each location it lists); it must be uksouth or ukwest"),
		variant("gallery target region westeurope", typeGalleryImageVersion, in("publishingProfile", map[string]any{"targetRegions": []any{map[string]any{"name": "uksouth"}, map[string]any{"name": "westeurope"}}}), nil, policy.StatusFail,
			`publishingProfile.targetRegions[1].name "westeurope" is outside the UK region pair (uksouth, ukwest); the image and its disks are copied to each target region`),
		variant("gallery UK only", typeGalleryImageVersion, in("publishingProfile", map[string]any{"targetRegions": []any{map[string]any{"name": "uksouth"}, map[string]any{"name": "ukwest"}}}), nil, policy.StatusPass,
			"gallery image version: publishingProfile.targetRegions uksouth, ukwest, no publishingProfile.targetExtendedLocations"),
		variant("managed hsm region", typeManagedHSM, in("properties", map[string]any{"regions": []any{map[string]any{"name": "uksouth", "isPrimary": true}, map[string]any{"name": "francecentral"}}}), nil, policy.StatusFail,
			`properties.regions[1].name "francecentral" is outside the UK region pair (uksouth, ukwest); the HSM's keys are replicated to each region`),
		variant("managed instance failover partner region", typeSQLInstanceFailover, in("locationName", "uksouth", "partnerRegions", []any{map[string]any{"location": "westeurope"}}), nil, policy.StatusFail,
			`partnerRegions[0].location "westeurope" is outside the UK region pair (uksouth, ukwest); the failover group replicates every database to each partner region`),
		variant("redis linked cache location", typeRedisLinkedServer, in("linkedRedisCacheLocation", "East US", "serverRole", "Secondary"), nil, policy.StatusFail,
			`linkedRedisCacheLocation "East US" is outside the UK region pair (uksouth, ukwest); the cache replicates its data to the linked cache`),
		variant("registry replication in west europe", typeRegistryReplication, in("location", "westeurope", "registryName", "acrmet"), nil, policy.StatusFail,
			`location "westeurope" is outside the UK region pair (uksouth, ukwest); the registry copies every image to its replication's location`),
		variant("registry replication on a uksouth provider", typeRegistryReplication, in("registryName", "acrmet"), nil, policy.StatusPass,
			"container registry replication: provider location uksouth"),
		variant("netapp replication to west europe", typeNetAppVolume, in("location", "uksouth", "dataProtection", map[string]any{"replication": map[string]any{"remoteVolumeRegion": "westeurope", "remoteVolumeResourceId": "vol-id"}}), nil, policy.StatusFail,
			`dataProtection.replication.remoteVolumeRegion "westeurope" is outside the UK region pair (uksouth, ukwest); the volume replicates to the remote volume`),
		variant("netapp replication region unseen", typeNetAppVolume, in("location", "uksouth", "dataProtection", map[string]any{"replication": map[string]any{"remoteVolumeResourceId": "vol-id"}}), nil, policy.StatusUnknown,
			"dataProtection.replication.remoteVolumeRegion is not set, so its location cannot be seen (the volume replicates to the remote volume); it must be uksouth or ukwest"),
		variant("storage cross-tenant replication", typeStorageAccount, in("allowCrossTenantReplication", true), nil, policy.StatusFail,
			"allowCrossTenantReplication is true, which lets object replication copy blobs to accounts in other tenants, whose location this stack cannot see; it must be false"),
		variant("storage default allows cross-tenant replication", typeStorageAccount, in(), nil, policy.StatusFail,
			"allowCrossTenantReplication is not set (Azure's default is true, which lets object replication copy blobs to accounts in other tenants, whose location this stack cannot see); it must be false"),
		variant("storage cross-tenant replication off", typeStorageAccount, in("allowCrossTenantReplication", false), nil, policy.StatusPass,
			"storage account: allowCrossTenantReplication false"),
	},
})
