package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-NET-004",
	Resources:       func() []*policy.Resource { return []*policy.Resource{storageAccount("evidence", tier.Gold)} },
	BaselineMessage: "publicNetworkAccess is Disabled",
	Cases: []policytest.Case{
		{
			Name: "storage enabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Enabled", "publicNetworkAccess")
			},
			Want:    policy.StatusFail,
			Message: `publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`,
		},
		{
			Name:    "storage not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "publicNetworkAccess") },
			Want:    policy.StatusFail,
			Message: "publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled",
		},
		{
			Name:    "storage computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "publicNetworkAccess") },
			Want:    policy.StatusUnknown,
			Message: "publicNetworkAccess is computed; it must be Disabled",
		},
		{
			Name: "key vault enabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = keyVault("lz", tier.Gold)
				policytest.Set(rs[0], "enabled", "properties", "publicNetworkAccess")
			},
			Want:    policy.StatusFail,
			Message: `properties.publicNetworkAccess is "enabled"; it must be Disabled, with access through a private endpoint`,
		},
		{
			Name:    "key vault disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = keyVault("lz", tier.Gold) },
			Want:    policy.StatusPass,
			Message: "properties.publicNetworkAccess is Disabled",
		},
		{
			Name: "SQL server not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeSQLServer, "sql", tier.Gold, map[string]any{"location": "uksouth", "minimalTlsVersion": "1.2"})
			},
			Want:    policy.StatusFail,
			Message: "publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled",
		},
		{
			Name: "recovery vault enabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = recoveryVault("gold", tier.Gold)
				policytest.Set(rs[0], "Enabled", "properties", "publicNetworkAccess")
			},
			Want:    policy.StatusFail,
			Message: `properties.publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`,
		},
	},
})
