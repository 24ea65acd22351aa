package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-REG-004",
	Subject: policytest.URN(typeSQLFailoverGroup, "fog"),
	Resources: func() []*policy.Resource {
		primary := withID(az(typeSQLServer, "sql-primary", tier.Gold, map[string]any{
			"location": "uksouth", "serverName": "sql-gold-uks", "minimalTlsVersion": "1.2",
		}), rgID("rg-data")+"/providers/Microsoft.Sql/servers/sql-gold-uks")
		dr := withID(az(typeSQLServer, "sql-dr", tier.Gold, map[string]any{
			"location": "ukwest", "serverName": "sql-gold-ukw", "minimalTlsVersion": "1.2",
		}), rgID("rg-data")+"/providers/Microsoft.Sql/servers/sql-gold-ukw")
		fog := az(typeSQLFailoverGroup, "fog", tier.Gold, map[string]any{
			"serverName":     "sql-gold-uks",
			"partnerServers": []any{map[string]any{"id": dr.ID}},
		})
		return []*policy.Resource{fog, primary, dr}
	},
	BaselineMessage: "failover group replicates to sql-gold-ukw in ukwest",
	Context:         ctxFor(tier.Gold, "tier"),
	Cases: []policytest.Case{
		{
			Name:    "partner in northeurope",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "northeurope", "location") },
			Want:    policy.StatusFail,
			Message: `partner server sql-gold-ukw location "northeurope" is outside the UK allow-list (uksouth, ukwest); the failover group would replicate its databases there`,
		},
		{
			Name: "partner outside the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"id": "/subscriptions/x/resourceGroups/y/providers/Microsoft.Sql/servers/elsewhere"}}, "partnerServers")
			},
			Want:    policy.StatusUnknown,
			Message: `partner server "/subscriptions/x/resourceGroups/y/providers/Microsoft.Sql/servers/elsewhere" is not in this stack, so its location cannot be checked; create the partner server in this stack`,
		},
		{
			Name: "partner id computed from the stack's server (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "partnerServers", 0, "id")
				policytest.Link(rs[0], "partnerServers", rs[2])
				rs[2].ID = ""
			},
			Want:    policy.StatusPass,
			Message: "failover group replicates to sql-gold-ukw in ukwest",
		},
		{
			Name: "partner id computed from nowhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "partnerServers", 0, "id")
			},
			Want:    policy.StatusUnknown,
			Message: "partner server 0 is computed and comes from no server of this stack; its location cannot be checked",
		},
		{
			Name:    "no partners",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], []any{}, "partnerServers") },
			Want:    policy.StatusFail,
			Message: "partnerServers is empty; a failover group names the partner server it replicates to",
		},
	},
})
