package azure

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-REG-003",
		Title: "Geo-replicated data stays inside the UK region pair",
		Description: "Azure replicates geo-redundant data to the primary location's paired region. Only " +
			"uksouth and ukwest pair with each other inside the UK, so a geo-replicated storage account " +
			"(sku *_GRS, *_RAGRS, *_GZRS, *_RAGZRS), a Key Vault (always replicated to its pair) and a " +
			"Recovery Services vault with geo-redundant storage or cross-region restore, and every geo-redundant " +
			"backup (Azure SQL databases and managed instances with requestedBackupStorageRedundancy Geo or " +
			"GeoZone, the default; PostgreSQL and MySQL servers with geoRedundantBackup Enabled; Cosmos DB " +
			"periodic backups with Geo storage, the default; Backup vaults with GeoRedundant storage or " +
			"cross-region restore) must have their primary in uksouth or ukwest, whatever the location " +
			"allow-list says.",
		Pack:        policy.PackRegion,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"2.1"},
		ResourceTypes: []string{typeStorageAccount, typeKeyVault, typeRecoveryVault, typeSQLDatabase, typeSQLManagedInstance,
			typePGFlexible, typeMySQLFlexible, typeCosmosAccount, typeBackupVault},
		Remediation: "Put the resource's `location` (or its provider's) in uksouth or ukwest; otherwise use a " +
			"storage sku without geo-replication (Standard_ZRS, Premium_ZRS) and a Recovery Services vault with " +
			"`properties.redundancySettings.standardTierStorageRedundancy` ZoneRedundant and crossRegionRestore Disabled.",
		Waivable: false,
		Reads: sortedReads(slices.Concat(
			policy.Reads(typeStorageAccount, "location", "sku.name"),
			policy.Reads(typeKeyVault, "location"),
			policy.Reads(typeRecoveryVault, "location", "properties.redundancySettings.standardTierStorageRedundancy",
				"properties.redundancySettings.crossRegionRestore"),
			policy.Reads(typeSQLDatabase, "location", "requestedBackupStorageRedundancy"),
			policy.Reads(typeSQLManagedInstance, "location", "requestedBackupStorageRedundancy"),
			policy.Reads(typePGFlexible, "location", "backup.geoRedundantBackup"),
			policy.Reads(typeMySQLFlexible, "location", "backup.geoRedundantBackup"),
			policy.Reads(typeCosmosAccount, "location", "backupPolicy.periodicModeProperties.backupStorageRedundancy"),
			policy.Reads(typeBackupVault, "location", "properties.storageSettings.type",
				"properties.featureSettings.crossRegionRestoreSettings.state"),
		)),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		switch r.Type {
		case typeSQLDatabase, typeSQLManagedInstance:
			return geoBackup(r, []any{"requestedBackupStorageRedundancy"}, "Geo", []string{"Geo", "GeoZone"})
		case typePGFlexible, typeMySQLFlexible:
			return geoBackup(r, []any{"backup", "geoRedundantBackup"}, "Disabled", []string{"Enabled"})
		case typeCosmosAccount:
			return geoBackup(r, []any{"backupPolicy", "periodicModeProperties", "backupStorageRedundancy"}, "Geo", []string{"Geo"})
		case typeBackupVault:
			return backupVaultPair(r)
		case typeStorageAccount:
			sku, k := policy.Str(r.Get("sku", "name"))
			switch {
			case k == policy.Unknown:
				return policy.Undecided("sku.name is computed; geo-redundant skus must have their primary in uksouth or ukwest")
			case k == policy.Absent:
				return policy.Fail("sku.name is not set; name the sku so its replication is known")
			case !strings.Contains(strings.ToUpper(sku), "GRS") && !strings.Contains(strings.ToUpper(sku), "GZRS"):
				return policy.NotApplicable("sku %s does not replicate to another region", sku)
			}
			return pairResult(r, "geo-redundant storage (sku "+sku+")")
		case typeKeyVault:
			return pairResult(r, "Key Vault geo-replication")
		default:
			redundancy, rk := policy.Str(r.Get("properties", "redundancySettings", "standardTierStorageRedundancy"))
			crr, ck := policy.Str(r.Get("properties", "redundancySettings", "crossRegionRestore"))
			if rk == policy.Unknown || ck == policy.Unknown {
				return policy.Undecided("properties.redundancySettings is computed; a geo-redundant vault must have its primary in uksouth or ukwest")
			}
			local := rk == policy.Present && (eqFold(redundancy, "LocallyRedundant") || eqFold(redundancy, "ZoneRedundant"))
			if local && !eqFold(crr, "Enabled") {
				return policy.NotApplicable("vault storage is %s without cross-region restore; it does not replicate to another region", redundancy)
			}
			what := "geo-redundant backup storage (the default)"
			if eqFold(crr, "Enabled") {
				what = "cross-region restore"
			}
			return pairResult(r, what)
		}
	},
})

// geoBackup decides a backup redundancy input at path whose absent value is def: a value in geo (or the
// default, when it is) replicates backups to the paired region.
func geoBackup(r *policy.Resource, path []any, def string, geo []string) policy.Result {
	name := pathName(path)
	v, k := policy.Str(r.Get(path...))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; geo-redundant backups must have their primary in uksouth or ukwest", name)
	case k == policy.Absent:
		v = def
		name += " " + def + " (the default)"
	default:
		name += " " + v
	}
	if !slices.ContainsFunc(geo, func(g string) bool { return eqFold(g, v) }) {
		return policy.NotApplicable("%s: backups do not replicate to another region", name)
	}
	return pairResult(r, "geo-redundant backup storage ("+name+")")
}

// backupVaultPair decides a Backup vault: GeoRedundant storage or cross-region restore replicate to the
// paired region.
func backupVaultPair(r *policy.Resource) policy.Result {
	settings, k := list(r.Get("properties", "storageSettings"))
	crr, ck := policy.Str(r.Get("properties", "featureSettings", "crossRegionRestoreSettings", "state"))
	if k == policy.Unknown || ck == policy.Unknown {
		return policy.Undecided("properties.storageSettings or crossRegionRestoreSettings is computed; a geo-redundant vault must have its primary in uksouth or ukwest")
	}
	if eqFold(crr, "Enabled") {
		return pairResult(r, "cross-region restore")
	}
	for _, s := range settings {
		t, tk := str(s, "type")
		if tk == policy.Unknown {
			return policy.Undecided("properties.storageSettings.type is computed; a geo-redundant vault must have its primary in uksouth or ukwest")
		}
		if eqFold(t, "GeoRedundant") {
			return pairResult(r, "geo-redundant backup storage (properties.storageSettings GeoRedundant)")
		}
	}
	return policy.NotApplicable("Backup vault storage is not geo-redundant and cross-region restore is off; it does not replicate to another region")
}

// pairResult passes when r's primary location is in the UK pair.
func pairResult(r *policy.Resource, what string) policy.Result {
	loc, res := locationInPair(r, what)
	if res.Status != "" {
		return res
	}
	return policy.Pass("%s replicates from %s to its pair %s, inside the UK", what, loc, ukPair[loc])
}
