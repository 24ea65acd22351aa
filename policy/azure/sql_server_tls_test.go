package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-007",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeSQLServer, "sql", tier.Gold, map[string]any{
			"location": "uksouth", "serverName": "sql-gold", "minimalTlsVersion": "1.2", "publicNetworkAccess": "Disabled",
		})}
	},
	BaselineMessage: "minimal TLS version 1.2",
	Cases: []policytest.Case{
		{
			Name:    "TLS 1.1",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "1.1", "minimalTlsVersion") },
			Want:    policy.StatusFail,
			Message: `minimalTlsVersion "1.1" is below 1.2; only TLS 1.2 or later is allowed`,
		},
		{
			Name:    "None",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "None", "minimalTlsVersion") },
			Want:    policy.StatusFail,
			Message: `minimalTlsVersion "None" is below 1.2; only TLS 1.2 or later is allowed`,
		},
		{
			Name:    "not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "minimalTlsVersion") },
			Want:    policy.StatusFail,
			Message: "minimalTlsVersion is not set; it must be 1.2 or 1.3",
		},
		{
			Name:    "computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "minimalTlsVersion") },
			Want:    policy.StatusUnknown,
			Message: "minimalTlsVersion is computed; it must be 1.2 or 1.3",
		},
		{
			Name:    "TLS 1.3",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "1.3", "minimalTlsVersion") },
			Want:    policy.StatusPass,
			Message: "minimal TLS version 1.3",
		},
	},
})
