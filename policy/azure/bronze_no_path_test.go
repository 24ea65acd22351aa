package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-NET-012",
	Context:         bronzeCtx,
	Subject:         policytest.URN(typeSubnet, "snet-workload"),
	Resources:       bronzeSpoke,
	BaselineMessage: `subnet "workload" has no path to the internet, PSN, Gold or Platinum except declared flows: route table "rt-bronze" drops 0.0.0.0/0 (next hop None) and routes only to declared flows, no peering brings gateway routes, NSG "nsg-bronze" denies Platinum and Gold`,
	Cases: []policytest.Case{
		{
			Name:    "no route table",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "routeTable") },
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach the internet: it has no route table, so Azure's system route 0.0.0.0/0 -> Internet applies; associate a route table whose 0.0.0.0/0 route has next hop None`,
		},
		{
			Name: "default route to the hub firewall",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "VirtualAppliance", "routes", 0, "nextHopType")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach the internet, PSN, Gold and Platinum: route table "rt-bronze": route "default-drop" sends the default route 0.0.0.0/0 to next hop VirtualAppliance instead of None`,
		},
		{
			Name: "route to Platinum outside any flow",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "10.0.64.0/18", "routes", 2, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach 10.0.64.0/18 (Platinum): route table "rt-bronze": route "to-gold-clients" sends 10.0.64.0/18 (Platinum) to next hop VirtualAppliance 10.0.0.4 outside every declared Bronze flow`,
		},
		{
			Name: "route to PSN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "172.16.0.0/16", "routes", 1, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach 172.16.0.0/16 (PSN psn-core): route table "rt-bronze": route "to-legacy-dc" sends 172.16.0.0/16 (PSN psn-core) to next hop VirtualAppliance 10.0.0.4 outside every declared Bronze flow`,
		},
		{
			Name: "hub gateway routes propagate",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], true, "useRemoteGateways")
				policytest.Set(rs[2], false, "disableBgpRoutePropagation")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach PSN: peering "bronze-to-hub" uses the hub's gateways (useRemoteGateways true) and route table "rt-bronze" does not disable gateway route propagation, so the PSN edge's routes reach the subnet`,
		},
		{
			Name:    "remote gateways used but propagation disabled (no path; NET-009 fails the flag)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[4], true, "useRemoteGateways") },
			Want:    policy.StatusPass,
			Message: `subnet "workload" has no path to the internet, PSN, Gold or Platinum except declared flows: route table "rt-bronze" drops 0.0.0.0/0 (next hop None) and routes only to declared flows, no peering brings gateway routes, NSG "nsg-bronze" denies Platinum and Gold`,
		},
		{
			Name: "peering to another virtual network of the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], rs[5].ID, "remoteVirtualNetwork", "id")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach virtual network vnet-bronze-legacy: peering "bronze-to-hub" connects to it directly, bypassing the hub firewall`,
		},
		{
			Name:    "no NSG",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "networkSecurityGroup") },
			Want:    policy.StatusFail,
			Message: `subnet "workload" is not firewalled from Gold and Platinum: it has no network security group, so Azure's default rule AllowVnetInBound admits every range the VirtualNetwork tag holds`,
		},
		{
			Name: "NSG does not deny Gold outbound",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], []any{"10.0.64.0/18"}, "securityRules", 3, "destinationAddressPrefixes")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" is not firewalled from Gold and Platinum: NSG "nsg-bronze" has no Outbound Deny rule whose destination covers the Gold range 10.0.128.0/18 for all protocols and ports; Bronze NSGs must deny Platinum and Gold except declared flows`,
		},
		{
			Name: "a public IP in the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[4] = az(typePublicIP, "pip-legacy", tier.Bronze, map[string]any{"location": "uksouth"})
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach the internet: the Bronze stack holds public IP address "pip-legacy"`,
		},
		{
			// Issue 15: Bronze patches from an internal source; a route to a vendor update service added
			// "for patching" is an internet path all the same.
			Name: "route to Windows Update with next hop Internet, added for patching",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "13.107.4.0/24", "routes", 1, "addressPrefix")
				policytest.Set(rs[2], "Internet", "routes", 1, "nextHopType")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach the internet: route table "rt-bronze": route "to-legacy-dc" sends 13.107.4.0/24 to next hop Internet`,
		},
		{
			Name: "service tag AzureUpdateDelivery through the hub firewall, added for patching",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "AzureUpdateDelivery", "routes", 1, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach service tag AzureUpdateDelivery: route table "rt-bronze": route "to-legacy-dc" sends service tag "AzureUpdateDelivery" to next hop VirtualAppliance 10.0.0.4, which is no declared flow`,
		},
		{
			Name: "a NAT gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"id": rgID("rg-bronze-net") + "/providers/Microsoft.Network/natGateways/nat"}, "natGateway")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach the internet: it has a NAT gateway`,
		},
		{
			Name:    "a gateway subnet",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "GatewaySubnet", "subnetName") },
			Want:    policy.StatusFail,
			Message: `subnet "GatewaySubnet" can reach the internet or PSN: it is the Azure-reserved GatewaySubnet, which hosts an edge service; a Bronze spoke hosts no gateway, firewall or bastion`,
		},
		{
			Name: "route table and NSG computed from the stack's resources (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "routeTable", "id")
				policytest.SetComputed(rs[0], "networkSecurityGroup", "id")
				policytest.Link(rs[0], "routeTable", rs[2])
				policytest.Link(rs[0], "networkSecurityGroup", rs[3])
				rs[2].ID, rs[3].ID = "", ""
			},
			Want:    policy.StatusPass,
			Message: `subnet "workload" has no path to the internet, PSN, Gold or Platinum except declared flows: route table "rt-bronze" drops 0.0.0.0/0 (next hop None) and routes only to declared flows, no peering brings gateway routes, NSG "nsg-bronze" denies Platinum and Gold`,
		},
		{
			Name:    "route table computed from nowhere",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "routeTable") },
			Want:    policy.StatusUnknown,
			Message: `subnet "workload"'s route table is computed and comes from no route table of this stack; its routes cannot be checked`,
		},
		{
			Name: "route table outside the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], rgID("rg-hub")+"/providers/Microsoft.Network/routeTables/rt-shared", "routeTable", "id")
			},
			Want:    policy.StatusUnknown,
			Message: `subnet "workload" uses route table rt-shared from outside this stack; its routes cannot be checked`,
		},
		{
			Name: "network plan unknown, no route table",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Delete(rs[0], "routeTable")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach the internet: it has no route table, so Azure's system route 0.0.0.0/0 -> Internet applies; associate a route table whose 0.0.0.0/0 route has next hop None`,
		},
		{
			Name: "network plan unknown, default route to the hub firewall",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[2], "VirtualAppliance", "routes", 0, "nextHopType")
			},
			Want:    policy.StatusFail,
			Message: `subnet "workload" can reach the internet, PSN, Gold and Platinum: route table "rt-bronze": route "default-drop" sends the default route 0.0.0.0/0 to next hop VirtualAppliance instead of None`,
		},
		{
			Name:    "network plan unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: `the network plan is not known, so subnet "workload"'s paths cannot be checked against the declared flows`,
		},
		{
			Name: "tier unknown and untagged",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Tier = ""
				policytest.Delete(rs[0], "tags")
			},
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known (and the resource has no Tier tag); the rule holds for Bronze",
		},
	},
})
