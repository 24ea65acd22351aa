package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-NET-003",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeNIC, "nic-app", tier.Gold, map[string]any{
			"location": "uksouth", "resourceGroupName": "rg-app",
			"ipConfigurations": []any{map[string]any{
				"name": "ipconfig1", "privateIPAllocationMethod": "Dynamic",
				"subnet": map[string]any{"id": rgID("rg-net") + "/providers/Microsoft.Network/virtualNetworks/vnet-gold/subnets/workload"},
			}},
		})}
	},
	BaselineMessage: "no public IP address on 1 ip configuration",
	Cases: []policytest.Case{
		{
			Name: "public IP attached",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"id": rgID("rg-app") + "/providers/Microsoft.Network/publicIPAddresses/pip-app"}, "ipConfigurations", 0, "publicIPAddress")
			},
			Want:    policy.StatusFail,
			Message: `ip configuration "ipconfig1" has a public IP address; network interfaces reach the internet only through the hub firewall`,
		},
		{
			Name: "public IP setting computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "ipConfigurations", 0, "publicIPAddress")
			},
			Want:    policy.StatusUnknown,
			Message: `ip configuration "ipconfig1" has a computed public IP address setting; it must have none`,
		},
		{
			Name:    "ip configurations computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "ipConfigurations") },
			Want:    policy.StatusUnknown,
			Message: "ipConfigurations is computed; no ip configuration may have a public IP address",
		},
	},
})
