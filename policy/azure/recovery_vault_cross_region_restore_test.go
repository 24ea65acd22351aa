package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-RES-006",
	Resources: func() []*policy.Resource {
		v := recoveryVault("platinum", tier.Platinum)
		policytest.Set(v, map[string]any{"standardTierStorageRedundancy": "GeoRedundant", "crossRegionRestore": "Enabled"}, "properties", "redundancySettings")
		return []*policy.Resource{v}
	},
	BaselineMessage: "geo-redundant with cross-region restore from uksouth to ukwest",
	Cases: []policytest.Case{
		{
			Name: "cross-region restore not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "redundancySettings")
			},
			Want:    policy.StatusFail,
			Message: "properties.redundancySettings.crossRegionRestore is not set (default Disabled), so the copy in ukwest cannot be restored while the primary region is down; the Platinum tier restores across regions to ukwest",
		},
		{
			Name: "cross-region restore disabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Disabled", "properties", "redundancySettings", "crossRegionRestore")
			},
			Want:    policy.StatusFail,
			Message: "cross-region restore is Disabled, so the copy in ukwest cannot be restored while the primary region is down; the Platinum tier restores across regions to ukwest",
		},
		{
			Name: "zone-redundant storage",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "ZoneRedundant", "properties", "redundancySettings", "standardTierStorageRedundancy")
			},
			Want:    policy.StatusFail,
			Message: "vault storage is ZoneRedundant, so no copy is kept in ukwest; the Platinum tier keeps a second copy there (GeoRedundant with cross-region restore)",
		},
		{
			Name:    "vault in ukwest",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "ukwest", "location") },
			Want:    policy.StatusFail,
			Message: `the vault is in "ukwest", whose paired region is not ukwest; the Platinum tier's second copy is in ukwest`,
		},
		{
			Name: "redundancy computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "redundancySettings", "crossRegionRestore")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.redundancySettings is computed; the Platinum tier restores across regions to ukwest",
		},
		{
			Name:    "foundation vault",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; the rule covers tier stacks",
		},
	},
})
