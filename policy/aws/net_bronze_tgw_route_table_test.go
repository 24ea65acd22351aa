package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// netHubFixture is the foundation's hub as the Bronze transit rules see it: the transit gateway, the
// inspection and PSN/on-premises VPN attachments, and the Bronze route table with its routes.
func netHubFixture() []*policy.Resource {
	tgw := policytest.AWS(typeTGWTransitGateway, "hub-tgw", map[string]any{
		"defaultRouteTableAssociation": "disable", "defaultRouteTablePropagation": "disable",
	})
	inspection := policytest.AWS(typeTGWVpcAttachment, "hub-inspection", map[string]any{
		"transitGatewayId": "tgw-hub", "vpcId": "vpc-inspection",
		"transitGatewayDefaultRouteTableAssociation": false, "transitGatewayDefaultRouteTablePropagation": false,
	})
	table := policytest.AWS(typeTGWRouteTable, "bronze-rt", map[string]any{
		"transitGatewayId": "tgw-hub", "tags": map[string]any{"RouteTableFor": "bronze"},
	})
	route := func(name, cidr string, hole bool) *policy.Resource {
		r := policytest.AWS(typeTGWRoute, name, map[string]any{"destinationCidrBlock": cidr})
		policytest.SetComputed(r, "transitGatewayRouteTableId")
		policytest.Link(r, "transitGatewayRouteTableId", table)
		if hole {
			policytest.Set(r, true, "blackhole")
		} else {
			policytest.SetComputed(r, "transitGatewayAttachmentId")
			policytest.Link(r, "transitGatewayAttachmentId", inspection)
		}
		return r
	}
	assoc := policytest.AWS(typeTGWRouteTableAssociation, "bronze-rt-assoc", map[string]any{"transitGatewayAttachmentId": "tgw-attach-bronze"})
	policytest.SetComputed(assoc, "transitGatewayRouteTableId")
	policytest.Link(assoc, "transitGatewayRouteTableId", table)
	return []*policy.Resource{
		tgw, inspection, table,
		route("bronze-rt-platinum", netTestPlatinum, true),
		route("bronze-rt-gold", netTestGold, false),
		route("bronze-rt-legacy-dc", netTestLegacyDC, false),
		assoc,
	}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-NET-013",
	Context:         netFoundationCtx,
	Resources:       netHubFixture,
	BaselineMessage: "bronze transit gateway route table bronze-rt: blackhole routes cover Platinum 10.68.0.0/14; Gold 10.72.0.0/14 is routed for declared flows; 2 other routes lead only to declared flows; no default, PSN or propagated routes",
	Cases: []policytest.Case{
		{
			Name: "default route",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[5], "0.0.0.0/0", "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: route bronze-rt-legacy-dc 0.0.0.0/0 is a default route; " + netBronzeTGWRequired,
		},
		{
			Name: "route to PSN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[5], "172.20.8.0/24", "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: route bronze-rt-legacy-dc 172.20.8.0/24 (PSN) leads to PSN; " + netBronzeTGWRequired,
		},
		{
			Name: "route to the hub range",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[5], netTestHub, "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: route bronze-rt-legacy-dc 10.64.0.0/14 (hub) is not a declared flow; " + netBronzeTGWRequired,
		},
		{
			Name:    "Platinum blackhole turned into a route",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], false, "blackhole") },
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: route bronze-rt-platinum 10.68.0.0/14 (Platinum) is not a declared flow; no blackhole route covers Platinum 10.68.0.0/14; " + netBronzeTGWRequired,
		},
		{
			Name: "Platinum blackhole too narrow",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], "10.68.0.0/16", "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: no blackhole route covers Platinum 10.68.0.0/14; " + netBronzeTGWRequired,
		},
		{
			Name: "Gold flow no longer declared",
			Mutate: func(_ []*policy.Resource, ctx *policy.Context) {
				ctx.Network.Flows = ctx.Network.Flows[1:]
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: route bronze-rt-gold 10.72.0.0/14 (Gold) is not a declared flow; no blackhole route covers Gold 10.72.0.0/14; " + netBronzeTGWRequired,
		},
		{
			Name: "propagation into the bronze table",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				p := policytest.AWS(typeTGWRouteTablePropagation, "bronze-rt-from-gold", map[string]any{"transitGatewayAttachmentId": "tgw-attach-gold"})
				policytest.SetComputed(p, "transitGatewayRouteTableId")
				policytest.Link(p, "transitGatewayRouteTableId", rs[2])
				rs[6] = p
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: propagation bronze-rt-from-gold imports an attachment's routes, which are not declared flows; " + netBronzeTGWRequired,
		},
		{
			Name:    "no table tagged for bronze",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "gold", "tags", "RouteTableFor") },
			Want:    policy.StatusFail,
			Message: "no transit gateway route table is tagged RouteTableFor=bronze, so nothing shows bronze's attachment has an isolated route table; " + netBronzeTGWRequired,
		},
		{
			Name:    "route table tag computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[2], "tags") },
			Want:    policy.StatusUnknown,
			Message: "no transit gateway route table is tagged RouteTableFor=bronze yet and the tags of bronze-rt are computed; " + netBronzeTGWRequired,
		},
		{
			Name:    "route destination computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[4], "destinationCidrBlock") },
			Want:    policy.StatusUnknown,
			Message: "bronze transit gateway route table bronze-rt: route bronze-rt-gold has a computed destination; " + netBronzeTGWRequired,
		},
		{
			Name:    "blackhole computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[4], "blackhole") },
			Want:    policy.StatusUnknown,
			Message: "bronze transit gateway route table bronze-rt: whether route bronze-rt-gold is a blackhole is computed; " + netBronzeTGWRequired,
		},
		{
			Name:    "a route's table computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[5].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "bronze transit gateway route table bronze-rt: the route table of bronze-rt-legacy-dc is computed; " + netBronzeTGWRequired,
		},
		{
			Name: "address plan not known, IPv6 default route",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[5], "::/0", "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: route bronze-rt-legacy-dc ::/0 is a default route; " + netBronzeTGWRequired,
		},
		{
			Name: "address plan not known, propagation into the bronze table",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				p := policytest.AWS(typeTGWRouteTablePropagation, "bronze-rt-from-gold", map[string]any{"transitGatewayAttachmentId": "tgw-attach-gold"})
				policytest.SetComputed(p, "transitGatewayRouteTableId")
				policytest.Link(p, "transitGatewayRouteTableId", rs[2])
				rs[6] = p
			},
			Want:    policy.StatusFail,
			Message: "bronze transit gateway route table bronze-rt: propagation bronze-rt-from-gold imports an attachment's routes, which are not declared flows; " + netBronzeTGWRequired,
		},
		{
			Name:    "address plan not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: "the landing zone's address plan and declared flows are not known; " + netBronzeTGWRequired,
		},
		{
			Name:    "landing zone without bronze",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { netDropTier(ctx.Network, tier.Bronze) },
			Want:    policy.StatusNotApplicable,
			Message: "the landing zone has no bronze range",
		},
		{
			Name:    "bronze tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netBronzeCtx() },
			Want:    policy.StatusNotApplicable,
			Message: "bronze tier stack; the bronze transit gateway route table lives in the foundation (PCLZ-AWS-NET-012 checks the attachment)",
		},
		{
			Name:    "gold tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netTierCtx(tier.Gold) },
			Want:    policy.StatusNotApplicable,
			Message: "rule applies to tiers [bronze], not gold",
		},
		{
			Name:    "stack role not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; " + netBronzeTGWRequired,
		},
	},
})
