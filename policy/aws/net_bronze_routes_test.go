package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const netBronzeRoutesRequired = "bronze routes may lead only to bronze's own range and the ranges of its declared flows, never a default route or PSN"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-009",
	Context: netBronzeCtx,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeEC2RouteTable, "bronze-private-a", map[string]any{
			"vpcId": "vpc-bronze",
			"routes": []any{
				map[string]any{"cidrBlock": netTestGold, "transitGatewayId": "tgw-hub"},
				map[string]any{"cidrBlock": netTestLegacyDC, "transitGatewayId": "tgw-hub"},
				map[string]any{"destinationPrefixListId": "pl-s3", "vpcEndpointId": "vpce-s3"},
			},
		})}
	},
	BaselineMessage: "3 routes checked; every destination lies in bronze's range or a declared flow's range",
	Cases: []policytest.Case{
		{
			Name: "default route to the transit gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "0.0.0.0/0", "routes", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[0] 0.0.0.0/0 is a default route; " + netBronzeRoutesRequired,
		},
		{
			Name: "route to Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "10.68.0.0/16", "routes", 1, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[1] 10.68.0.0/16 (Platinum) is outside bronze's range and declared flows; " + netBronzeRoutesRequired,
		},
		{
			Name: "route to PSN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], netTestPSN, "routes", 1, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[1] 172.20.0.0/16 (PSN) is outside bronze's range and declared flows; " + netBronzeRoutesRequired,
		},
		{
			Name: "IPv6 default route",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "routes", 0, "cidrBlock")
				policytest.Set(rs[0], "::/0", "routes", 0, "ipv6CidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[0] ::/0 is a default route; " + netBronzeRoutesRequired,
		},
		{
			Name: "prefix list towards the transit gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "routes", 2, "vpcEndpointId")
				policytest.Set(rs[0], "tgw-hub", "routes", 2, "transitGatewayId")
			},
			Want:    policy.StatusFail,
			Message: "routes[2] prefix list pl-s3 does not lead to a gateway VPC endpoint; " + netBronzeRoutesRequired,
		},
		{
			Name: "destination computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "routes", 1, "cidrBlock")
			},
			Want:    policy.StatusUnknown,
			Message: "routes[1]: its destination is computed; " + netBronzeRoutesRequired,
		},
		{
			Name:    "routes computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "routes") },
			Want:    policy.StatusUnknown,
			Message: "routes is computed; " + netBronzeRoutesRequired,
		},
		{
			Name: "address plan not known, default route spelt with host bits",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[0], "10.0.0.0/0", "routes", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[0] 10.0.0.0/0 is a default route; " + netBronzeRoutesRequired,
		},
		{
			Name: "address plan not known, IPv6 default route",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Delete(rs[0], "routes", 0, "cidrBlock")
				policytest.Set(rs[0], "::/0", "routes", 0, "ipv6CidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[0] ::/0 is a default route; " + netBronzeRoutesRequired,
		},
		{
			Name: "address plan not known, two halves of the IPv4 space",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[0], "0.0.0.0/1", "routes", 0, "cidrBlock")
				policytest.Set(rs[0], "128.0.0.0/1", "routes", 1, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[0] and routes[1] together are a default route (together they cover every public IPv4 address); " + netBronzeRoutesRequired,
		},
		{
			Name: "address plan not known, route to a NAT gateway",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Delete(rs[0], "routes", 1, "transitGatewayId")
				policytest.Set(rs[0], "nat-0123", "routes", 1, "natGatewayId")
			},
			Want:    policy.StatusFail,
			Message: "routes[1] 192.168.0.0/16 leads to a nat-gateway (internet); " + netBronzeRoutesRequired,
		},
		{
			Name: "two halves of the IPv4 space with the address plan",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "0.0.0.0/1", "routes", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[0] 0.0.0.0/1 (hub, Platinum, Gold, Bronze) is outside bronze's range and declared flows; " + netBronzeRoutesRequired,
		},
		{
			Name:    "address plan not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: "the landing zone's address plan and declared flows are not known; " + netBronzeRoutesRequired,
		},
		{
			Name: "route resource with a default route to a NAT gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Route, "bronze-default", map[string]any{
					"routeTableId": "rtb-1", "destinationCidrBlock": "0.0.0.0/0", "natGatewayId": "nat-1",
				})
			},
			Want:    policy.StatusFail,
			Message: "route 0.0.0.0/0 is a default route; " + netBronzeRoutesRequired,
		},
		{
			// Issue 15: a NAT gateway route to a vendor update service, added "for patching", is caught.
			Name: "route resource to a vendor update service through a NAT gateway, for patching",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Route, "bronze-patching", map[string]any{
					"routeTableId": "rtb-1", "destinationCidrBlock": "13.107.4.0/24", "natGatewayId": "nat-1",
				})
			},
			Want:    policy.StatusFail,
			Message: "route 13.107.4.0/24 (outside the landing zone) is outside bronze's range and declared flows; " + netBronzeRoutesRequired,
		},
		{
			Name: "route resource inside bronze",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Route, "bronze-inspect", map[string]any{
					"routeTableId": "rtb-1", "destinationCidrBlock": "10.76.8.0/24", "networkInterfaceId": "eni-1",
				})
			},
			Want:    policy.StatusPass,
			Message: "1 route checked; every destination lies in bronze's range or a declared flow's range",
		},
		{
			Name: "default route table routing to the hub range",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2DefaultRouteTable, "bronze-main", map[string]any{
					"defaultRouteTableId": "rtb-main",
					"routes":              []any{map[string]any{"cidrBlock": netTestHub, "transitGatewayId": "tgw-hub"}},
				})
			},
			Want:    policy.StatusFail,
			Message: "routes[0] 10.64.0.0/14 (hub) is outside bronze's range and declared flows; " + netBronzeRoutesRequired,
		},
		{
			Name: "foundation stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				rs[0].Provider = nil // hub resources carry no tier tag
			},
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; bronze's VPC resources live in the bronze tier stack",
		},
		{
			Name:    "gold stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netTierCtx(tier.Gold) },
			Want:    policy.StatusNotApplicable,
			Message: "rule applies to tiers [bronze], not gold",
		},
		{
			Name: "stack tier unknown, resource not tagged bronze",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("unknown", "")
				ctx.Network = netTestNetwork()
				rs[0].Provider = nil
			},
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known; " + netBronzeRoutesRequired,
		},
		{
			Name: "stack tier unknown, resource tagged bronze",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("unknown", "")
				ctx.Network = netTestNetwork()
				policytest.Set(rs[0], "Bronze", "tags", "Tier")
				policytest.Set(rs[0], "0.0.0.0/0", "routes", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "routes[0] 0.0.0.0/0 is a default route; " + netBronzeRoutesRequired,
		},
	},
})
