package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-NET-007",
	Resources: func() []*policy.Resource {
		nsg := rgID("rg-net") + "/providers/Microsoft.Network/networkSecurityGroups/nsg-workload"
		return []*policy.Resource{az(typeVNet, "vnet-hub", tier.Platinum, map[string]any{
			"location": "uksouth", "resourceGroupName": "rg-net", "virtualNetworkName": "vnet-hub",
			"addressSpace": map[string]any{"addressPrefixes": []any{"10.0.0.0/18"}},
			"subnets": []any{
				map[string]any{"name": "AzureFirewallSubnet", "addressPrefix": "10.0.0.0/24"},
				map[string]any{"name": "GatewaySubnet", "addressPrefix": "10.0.10.0/25"},
				map[string]any{"name": "management", "addressPrefix": "10.0.12.0/24", "networkSecurityGroup": map[string]any{"id": nsg}},
			},
		})}
	},
	BaselineMessage: "every subnet has a network security group or is Azure-reserved (3 subnets)",
	Cases: []policytest.Case{
		{
			Name: "management subnet without NSG",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "subnets", 2, "networkSecurityGroup")
			},
			Want:    policy.StatusFail,
			Message: `subnet "management" has no network security group; set networkSecurityGroup.id`,
		},
		{
			Name: "NSG ID computed (from the NSG resource at preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "subnets", 2, "networkSecurityGroup", "id")
			},
			Want:    policy.StatusPass,
			Message: "every subnet has a network security group or is Azure-reserved (3 subnets)",
		},
		{
			Name: "name computed and no NSG",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "subnets", 2, "networkSecurityGroup")
				policytest.SetComputed(rs[0], "subnets", 2, "name")
			},
			Want:    policy.StatusUnknown,
			Message: "a subnet's name is computed and it has no network security group; only Azure-reserved subnets may go without one",
		},
		{
			Name:    "subnets computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "subnets") },
			Want:    policy.StatusUnknown,
			Message: "subnets is computed; every subnet must have a network security group",
		},
		{
			Name:    "no inline subnets",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "subnets") },
			Want:    policy.StatusNotApplicable,
			Message: "the virtual network declares no inline subnets; Subnet resources are checked on their own",
		},
		{
			Name: "Subnet resource without NSG",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeSubnet, "snet-workload", tier.Gold, map[string]any{
					"resourceGroupName": "rg-net", "virtualNetworkName": "vnet-gold", "subnetName": "workload", "addressPrefix": "10.64.0.0/21",
				})
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" has no network security group; set networkSecurityGroup.id`,
		},
		{
			Name: "auto-named Subnet resource is never reserved",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeSubnet, "GatewaySubnet", tier.Gold, map[string]any{
					"resourceGroupName": "rg-net", "virtualNetworkName": "vnet-gold", "addressPrefix": "10.64.0.0/21",
				})
			},
			Want:    policy.StatusFail,
			Message: `subnet "GatewaySubnet" has no network security group; set networkSecurityGroup.id`,
		},
		{
			Name: "explicit GatewaySubnet resource",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeSubnet, "gw", tier.Platinum, map[string]any{
					"resourceGroupName": "rg-hub", "virtualNetworkName": "vnet-hub", "subnetName": "GatewaySubnet", "addressPrefix": "10.0.10.0/25",
				})
			},
			Want:    policy.StatusPass,
			Message: `subnet "GatewaySubnet" is Azure-reserved and needs no network security group`,
		},
	},
})
