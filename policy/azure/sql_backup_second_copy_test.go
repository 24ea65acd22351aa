package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-RES-008",
	Context: ctxFor(tier.Platinum, "tier"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeSQLDatabase, "records-db", tier.Platinum, map[string]any{
			"resourceGroupName": "rg-platinum", "serverName": "sql-platinum", "location": "uksouth", "requestedBackupStorageRedundancy": "GeoZone",
		})}
	},
	BaselineMessage: "backups stored GeoZone, copied from uksouth to ukwest",
	Cases: []policytest.Case{
		{
			Name: "local backups",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Local", "requestedBackupStorageRedundancy")
			},
			Want:    policy.StatusFail,
			Message: "backup storage is Local, so no copy of the database's backups is kept in ukwest; the Platinum tier keeps a second copy there (Geo or GeoZone)",
		},
		{
			Name: "zone backups",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Zone", "requestedBackupStorageRedundancy")
			},
			Want:    policy.StatusFail,
			Message: "backup storage is Zone, so no copy of the database's backups is kept in ukwest; the Platinum tier keeps a second copy there (Geo or GeoZone)",
		},
		{
			Name: "default geo backups",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "requestedBackupStorageRedundancy")
			},
			Want:    policy.StatusPass,
			Message: "backups stored Geo (the default), copied from uksouth to ukwest",
		},
		{
			Name:    "database in ukwest",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "ukwest", "location") },
			Want:    policy.StatusFail,
			Message: `the database is in "ukwest", whose paired region is not ukwest; the Platinum tier's second copy is in ukwest`,
		},
		{
			Name: "redundancy computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "requestedBackupStorageRedundancy")
			},
			Want:    policy.StatusUnknown,
			Message: "requestedBackupStorageRedundancy is computed; the Platinum tier keeps a second copy of its backups in ukwest",
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; the rule covers tier stacks",
		},
		{
			Name:    "no second copy in the profile",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Profile.Backup.SecondCopy.AzureRegion = "" },
			Want:    policy.StatusNotApplicable,
			Message: "the platinum profile keeps no second copy in another Azure region",
		},
	},
})
