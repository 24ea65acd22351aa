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
		variant("sql database geo backups (default) in west europe", typeSQLDatabase, in("location", "westeurope"), nil, policy.StatusFail,
			`geo-redundant backup storage (requestedBackupStorageRedundancy Geo (the default)) replicates from "westeurope" to its paired region outside the UK; geo-redundant backup storage (requestedBackupStorageRedundancy Geo (the default)) must have its primary in uksouth or ukwest`),
		variant("sql database geo backups in uksouth", typeSQLDatabase, in("location", "uksouth"), nil, policy.StatusPass,
			"geo-redundant backup storage (requestedBackupStorageRedundancy Geo (the default)) replicates from uksouth to its pair ukwest, inside the UK"),
		variant("sql database zone backups in west europe", typeSQLDatabase, in("location", "westeurope", "requestedBackupStorageRedundancy", "Zone"), nil, policy.StatusNotApplicable,
			"requestedBackupStorageRedundancy Zone: backups do not replicate to another region"),
		variant("managed instance GeoZone in north europe", typeSQLManagedInstance, in("location", "northeurope", "requestedBackupStorageRedundancy", "GeoZone"), nil, policy.StatusFail,
			`geo-redundant backup storage (requestedBackupStorageRedundancy GeoZone) replicates from "northeurope" to its paired region outside the UK; geo-redundant backup storage (requestedBackupStorageRedundancy GeoZone) must have its primary in uksouth or ukwest`),
		variant("postgres flexible geo backup in west europe", typePGFlexible, in("location", "westeurope", "backup", map[string]any{"geoRedundantBackup": "Enabled"}), nil, policy.StatusFail,
			`geo-redundant backup storage (backup.geoRedundantBackup Enabled) replicates from "westeurope" to its paired region outside the UK; geo-redundant backup storage (backup.geoRedundantBackup Enabled) must have its primary in uksouth or ukwest`),
		variant("postgres flexible local backups", typePGFlexible, in("location", "westeurope"), nil, policy.StatusNotApplicable,
			"backup.geoRedundantBackup Disabled (the default): backups do not replicate to another region"),
		variant("mysql flexible geo backup computed", typeMySQLFlexible, in("location", "uksouth"), computed("backup"), policy.StatusUnknown,
			"backup.geoRedundantBackup is computed; geo-redundant backups must have their primary in uksouth or ukwest"),
		variant("mysql flexible geo backup in west europe", typeMySQLFlexible, in("location", "westeurope", "backup", map[string]any{"geoRedundantBackup": "Enabled"}), nil, policy.StatusFail,
			`geo-redundant backup storage (backup.geoRedundantBackup Enabled) replicates from "westeurope" to its paired region outside the UK; geo-redundant backup storage (backup.geoRedundantBackup Enabled) must have its primary in uksouth or ukwest`),
		variant("cosmos periodic geo backups (default) in west europe", typeCosmosAccount, in("location", "westeurope"), nil, policy.StatusFail,
			`geo-redundant backup storage (backupPolicy.periodicModeProperties.backupStorageRedundancy Geo (the default)) replicates from "westeurope" to its paired region outside the UK; geo-redundant backup storage (backupPolicy.periodicModeProperties.backupStorageRedundancy Geo (the default)) must have its primary in uksouth or ukwest`),
		variant("backup vault geo-redundant in west europe", typeBackupVault, in("location", "westeurope", "properties", map[string]any{"storageSettings": []any{map[string]any{"datastoreType": "VaultStore", "type": "GeoRedundant"}}}), nil, policy.StatusFail,
			`geo-redundant backup storage (properties.storageSettings GeoRedundant) replicates from "westeurope" to its paired region outside the UK; geo-redundant backup storage (properties.storageSettings GeoRedundant) must have its primary in uksouth or ukwest`),
		variant("backup vault cross-region restore in uksouth", typeBackupVault, in("location", "uksouth", "properties", map[string]any{"featureSettings": map[string]any{"crossRegionRestoreSettings": map[string]any{"state": "Enabled"}}}), nil, policy.StatusPass,
			"cross-region restore replicates from uksouth to its pair ukwest, inside the UK"),
		variant("backup vault locally redundant", typeBackupVault, in("location", "westeurope", "properties", map[string]any{"storageSettings": []any{map[string]any{"type": "LocallyRedundant"}}}), nil, policy.StatusNotApplicable,
			"Backup vault storage is not geo-redundant and cross-region restore is off; it does not replicate to another region"),
	},
})
