package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-008",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeSQLTDE, "tde", tier.Gold, map[string]any{
			"resourceGroupName": "rg-data", "serverName": "sql-gold", "databaseName": "records", "tdeName": "current", "state": "Enabled",
		})}
	},
	BaselineMessage: "transparent data encryption is Enabled",
	Cases: []policytest.Case{
		{
			Name:    "disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "Disabled", "state") },
			Want:    policy.StatusFail,
			Message: `state "Disabled" turns transparent data encryption off; it must be Enabled`,
		},
		{
			Name:    "not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "state") },
			Want:    policy.StatusFail,
			Message: "state is not set; it must be Enabled",
		},
		{
			Name:    "computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "state") },
			Want:    policy.StatusUnknown,
			Message: "state is computed; it must be Enabled",
		},
		{
			Name: "server-level token, disabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeSQLServerTDE
				policytest.Set(rs[0], "Disabled", "state")
			},
			Want:    policy.StatusFail,
			Message: `state "Disabled" turns transparent data encryption off; it must be Enabled`,
		},
	},
})
