package azure

import (
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
			"Recovery Services vault with geo-redundant storage or cross-region restore must have their " +
			"primary in uksouth or ukwest, whatever the location allow-list says.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{typeStorageAccount, typeKeyVault, typeRecoveryVault},
		Remediation: "Put the resource's `location` (or its provider's) in uksouth or ukwest; otherwise use a " +
			"storage sku without geo-replication (Standard_ZRS, Premium_ZRS) and a Recovery Services vault with " +
			"`properties.redundancySettings.standardTierStorageRedundancy` ZoneRedundant and crossRegionRestore Disabled.",
		Waivable: false,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		switch r.Type {
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

// pairResult passes when r's primary location is in the UK pair.
func pairResult(r *policy.Resource, what string) policy.Result {
	loc, res := locationInPair(r, what)
	if res.Status != "" {
		return res
	}
	return policy.Pass("%s replicates from %s to its pair %s, inside the UK", what, loc, ukPair[loc])
}
