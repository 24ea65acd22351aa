package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-006",
		Title: "Recovery Services vaults keep a restorable second copy in the paired UK region",
		Description: "The tier's second copy on Azure is the paired region's copy of a geo-redundant vault, and " +
			"it can be restored from while the primary region is down only with cross-region restore. Every " +
			"Recovery Services vault in a tier stack must keep geo-redundant storage " +
			"(`properties.redundancySettings.standardTierStorageRedundancy` GeoRedundant, the default), turn " +
			"cross-region restore on (`properties.redundancySettings.crossRegionRestore` Enabled; the default is " +
			"Disabled) and sit in the region whose pair is the profile's Backup.SecondCopy.AzureRegion (uksouth, " +
			"paired with ukwest). The tier environment component writes these settings (API version 2024-04-01). " +
			"Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeRecoveryVault},
		Remediation: "Put the vault in uksouth and set `properties.redundancySettings: {standardTierStorageRedundancy: " +
			"\"GeoRedundant\", crossRegionRestore: \"Enabled\"}`.",
		References: []policy.Reference{
			{Source: "Azure Proactive Resiliency Library", ID: "BK-2 (opt in to Cross Region Restore for GRS Recovery Services vaults)"},
		},
		Waivable: true,
		Reads: policy.Reads(typeRecoveryVault, "location", "properties.redundancySettings.standardTierStorageRedundancy",
			"properties.redundancySettings.crossRegionRestore"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		switch {
		case ctx.Role == "foundation":
			return policy.NotApplicable("foundation stack; the rule covers tier stacks")
		case !ctx.HasTier():
			return policy.Undecided("the stack's tier is not known, so the region of its second copy is not known")
		}
		want := ctx.Profile.Backup.SecondCopy.AzureRegion
		tierName := ctx.Tier.Title()
		red, rk := policy.Str(r.Get("properties", "redundancySettings", "standardTierStorageRedundancy"))
		crr, ck := policy.Str(r.Get("properties", "redundancySettings", "crossRegionRestore"))
		loc, lk, src := location(r)
		switch {
		case rk == policy.Unknown || ck == policy.Unknown:
			return policy.Undecided("properties.redundancySettings is computed; the %s tier restores across regions to %s", tierName, want)
		case rk == policy.Present && !eqFold(red, "GeoRedundant"):
			return policy.Fail("vault storage is %s, so no copy is kept in %s; the %s tier keeps a second copy there (GeoRedundant with cross-region restore)", red, want, tierName)
		case ck == policy.Absent:
			return policy.Fail("properties.redundancySettings.crossRegionRestore is not set (default Disabled), so the copy in %s cannot be restored while the primary region is down; the %s tier restores across regions to %s", want, tierName, want)
		case !eqFold(crr, "Enabled"):
			return policy.Fail("cross-region restore is %s, so the copy in %s cannot be restored while the primary region is down; the %s tier restores across regions to %s", crr, want, tierName, want)
		case lk == policy.Unknown:
			return policy.Undecided("%s is computed; the %s tier's second copy is in %s", src, tierName, want)
		case ukPair[normLocation(loc)] != want:
			return policy.Fail("the vault is in %q, whose paired region is not %s; the %s tier's second copy is in %s", loc, want, tierName, want)
		}
		return policy.Pass("geo-redundant with cross-region restore from %s to %s", normLocation(loc), want)
	},
})
