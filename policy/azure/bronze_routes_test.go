package azure

import (
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const bronzeRoutesTail = "; Bronze reaches nothing outside its declared flows"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-NET-010",
	Context: bronzeCtx,
	Subject: policytest.URN(typeRouteTable, "rt-bronze"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{bronzeTable(), az(typeRoute, "to-legacy-backup", tier.Bronze, map[string]any{
			"resourceGroupName": "rg-bronze-net", "routeTableName": "rt-bronze", "routeName": "to-legacy-backup",
			"addressPrefix": "192.168.10.0/24", "nextHopType": "VirtualAppliance", "nextHopIpAddress": firewallIP,
		})}
	},
	BaselineMessage: `route table "rt-bronze" drops 0.0.0.0/0 (next hop None), learns no gateway routes, and its 3 other routes stay inside declared Bronze flows`,
	Cases: []policytest.Case{
		{
			Name: "no default drop",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "10.0.192.0/18", "routes", 0, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: "no 0.0.0.0/0 route has next hop None, so Azure's system route 0.0.0.0/0 -> Internet applies" + bronzeRoutesTail,
		},
		{
			Name: "default route to the hub firewall",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"name": "default-drop", "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": firewallIP}, "routes", 0)
			},
			Want:    policy.StatusFail,
			Message: `route "default-drop" sends the default route 0.0.0.0/0 to next hop VirtualAppliance 10.0.0.4 instead of None` + bronzeRoutesTail,
		},
		{
			Name: "route to Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "10.0.64.0/18", "routes", 2, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-gold-clients" sends 10.0.64.0/18 (Platinum) to next hop VirtualAppliance 10.0.0.4 outside every declared Bronze flow` + bronzeRoutesTail,
		},
		{
			Name: "route to PSN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "172.16.0.0/16", "routes", 1, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-dc" sends 172.16.0.0/16 (PSN psn-core) to next hop VirtualAppliance 10.0.0.4 outside every declared Bronze flow` + bronzeRoutesTail,
		},
		{
			Name: "supernet route covering every tier",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "10.0.0.0/16", "routes", 2, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-gold-clients" sends 10.0.0.0/16 (hub, Platinum, Gold, Bronze) to next hop VirtualAppliance 10.0.0.4 outside every declared Bronze flow` + bronzeRoutesTail,
		},
		{
			Name: "next hop Internet",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Internet", "routes", 1, "nextHopType")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-dc" sends 192.168.0.0/16 to next hop Internet` + bronzeRoutesTail,
		},
		{
			Name: "service tag route",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "AzureCloud", "routes", 1, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-dc" sends service tag "AzureCloud" (service tag AzureCloud admits every customer of the cloud) to next hop VirtualAppliance 10.0.0.4` + bronzeRoutesTail,
		},
		{
			Name: "service tag route to a single service",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Storage.UKSouth", "routes", 1, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-dc" sends service tag "Storage.UKSouth" to next hop VirtualAppliance 10.0.0.4, which is no declared flow` + bronzeRoutesTail,
		},
		{
			Name: "a flow to the internet does not open the internet",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network.Flows = append(ctx.Network.Flows, netplan.Flow{From: netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Bronze}, To: netplan.Endpoint{Kind: netplan.EndpointInternet}, Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 443, To: 443}}})
				policytest.Set(rs[0], "8.8.8.0/24", "routes", 1, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-dc" sends 8.8.8.0/24 to next hop VirtualAppliance 10.0.0.4 outside every declared Bronze flow` + bronzeRoutesTail,
		},
		{
			Name: "learns gateway routes",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "disableBgpRoutePropagation")
			},
			Want:    policy.StatusFail,
			Message: "disableBgpRoutePropagation is false; Bronze route tables must not learn the PSN edge gateway's routes",
		},
		{
			Name:    "Route resource naming the table reaches Platinum",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "10.0.64.0/24", "addressPrefix") },
			Want:    policy.StatusFail,
			Message: `route "to-legacy-backup" sends 10.0.64.0/24 (Platinum) to next hop VirtualAppliance 10.0.0.4 outside every declared Bronze flow` + bronzeRoutesTail,
		},
		{
			Name: "Route resource linked by dependency at preview",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "routeTableName")
				policytest.Link(rs[1], "routeTableName", rs[0])
				policytest.Set(rs[1], "0.0.0.0/0", "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-backup" sends the default route 0.0.0.0/0 to next hop VirtualAppliance 10.0.0.4 instead of None` + bronzeRoutesTail,
		},
		{
			Name: "Route resource of another table is not counted",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "rt-elsewhere", "routeTableName")
				policytest.Set(rs[1], "0.0.0.0/0", "addressPrefix")
			},
			Want:    policy.StatusPass,
			Message: `route table "rt-bronze" drops 0.0.0.0/0 (next hop None), learns no gateway routes, and its 2 other routes stay inside declared Bronze flows`,
		},
		{
			Name: "route computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "routes", 2, "addressPrefix")
			},
			Want:    policy.StatusUnknown,
			Message: `route "to-gold-clients" has a computed address prefix or next hop; Bronze routes must stay inside declared flows`,
		},
		{
			Name:    "routes computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "routes") },
			Want:    policy.StatusUnknown,
			Message: `route table "rt-bronze"'s routes are computed; Bronze needs a 0.0.0.0/0 route with next hop None`,
		},
		{
			Name: "network plan unknown, default drop missing",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[0], "10.0.192.0/18", "routes", 0, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: "no 0.0.0.0/0 route has next hop None, so Azure's system route 0.0.0.0/0 -> Internet applies" + bronzeRoutesTail,
		},
		{
			Name: "network plan unknown, IPv6 default route to the firewall",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[0], "::/0", "routes", 1, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-dc" sends the default route ::/0 to next hop VirtualAppliance 10.0.0.4 instead of None` + bronzeRoutesTail,
		},
		{
			Name: "network plan unknown, next hop Internet",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[0], "Internet", "routes", 1, "nextHopType")
				policytest.Delete(rs[0], "routes", 1, "nextHopIpAddress")
			},
			Want:    policy.StatusFail,
			Message: `route "to-legacy-dc" sends 192.168.0.0/16 to next hop Internet` + bronzeRoutesTail,
		},
		{
			Name: "IPv6 default drop does not replace the IPv4 one",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "::/0", "routes", 0, "addressPrefix")
			},
			Want:    policy.StatusFail,
			Message: "no 0.0.0.0/0 route has next hop None, so Azure's system route 0.0.0.0/0 -> Internet applies" + bronzeRoutesTail,
		},
		{
			Name:    "network plan unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: `the network plan is not known, so route table "rt-bronze"'s routes cannot be checked against the declared flows`,
		},
	},
})
