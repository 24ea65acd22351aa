package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-008",
		Title: "Azure SQL databases keep a second copy of their backups in the paired UK region",
		Description: "Azure SQL backs every database up by itself; where the backups are stored decides whether a " +
			"copy survives the loss of the region. In a tier stack whose profile keeps a second copy in another " +
			"region (Backup.SecondCopy.AzureRegion, ukwest), every Azure SQL database must store its backups " +
			"geo-redundantly (`requestedBackupStorageRedundancy` Geo, the default, or GeoZone), which copies them " +
			"to the paired region, and sit in the region whose pair is that one (uksouth). Local or Zone backup " +
			"storage keeps no copy outside the primary region. Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeSQLDatabase},
		Remediation:   "Set `requestedBackupStorageRedundancy: \"Geo\"` (or \"GeoZone\" where the tier asks zone-redundant storage) and put the database in uksouth.",
		References: []policy.Reference{
			{Source: "Azure Proactive Resiliency Library", ID: "SQL-2 (use geo-redundant backup storage)"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeSQLDatabase, "location", "requestedBackupStorageRedundancy"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		switch {
		case ctx.Role == "foundation":
			return policy.NotApplicable("foundation stack; the rule covers tier stacks")
		case !ctx.HasTier():
			return policy.Undecided("the stack's tier is not known, so the region of its second copy is not known")
		case ctx.Profile.Backup.SecondCopy.AzureRegion == "":
			return policy.NotApplicable("the %s profile keeps no second copy in another Azure region", ctx.Tier)
		}
		want, tierName := ctx.Profile.Backup.SecondCopy.AzureRegion, ctx.Tier.Title()
		red, rk := policy.Str(r.Get("requestedBackupStorageRedundancy"))
		loc, lk, src := location(r)
		switch {
		case rk == policy.Unknown:
			return policy.Undecided("requestedBackupStorageRedundancy is computed; the %s tier keeps a second copy of its backups in %s", tierName, want)
		case rk == policy.Present && !eqFold(red, "Geo") && !eqFold(red, "GeoZone"):
			return policy.Fail("backup storage is %s, so no copy of the database's backups is kept in %s; the %s tier keeps a second copy there (Geo or GeoZone)", red, want, tierName)
		case lk == policy.Unknown:
			return policy.Undecided("%s is computed; the %s tier's second copy is in %s", src, tierName, want)
		case ukPair[normLocation(loc)] != want:
			return policy.Fail("the database is in %q, whose paired region is not %s; the %s tier's second copy is in %s", loc, want, tierName, want)
		}
		if rk == policy.Absent {
			red = "Geo (the default)"
		}
		return policy.Pass("backups stored %s, copied from %s to %s", red, normLocation(loc), want)
	},
})
