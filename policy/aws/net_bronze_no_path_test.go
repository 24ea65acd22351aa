package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// netBronzeStackFixture is a compliant Bronze tier stack: one VPC whose route table sends Gold and the
// legacy data centre (its two declared flows) to the Transit Gateway and S3 to a gateway endpoint, an
// attachment off the default route table, and security group and network ACL egress per declared flow.
func netBronzeStackFixture() []*policy.Resource {
	vpc := policytest.AWS(typeEC2Vpc, "bronze-vpc", map[string]any{"cidrBlock": netTestBronze})
	table := policytest.AWS(typeEC2RouteTable, "bronze-private-a", map[string]any{
		"vpcId": "vpc-bronze",
		"routes": []any{
			map[string]any{"cidrBlock": netTestGold, "transitGatewayId": "tgw-hub"},
			map[string]any{"destinationPrefixListId": "pl-s3", "vpcEndpointId": "vpce-s3"},
		},
	})
	route := policytest.AWS(typeEC2Route, "bronze-private-a-legacy", map[string]any{
		"destinationCidrBlock": netTestLegacyDC, "transitGatewayId": "tgw-hub",
	})
	policytest.SetComputed(route, "routeTableId")
	policytest.Link(route, "routeTableId", table)
	att := policytest.AWS(typeTGWVpcAttachment, "bronze-tgw", map[string]any{
		"transitGatewayId": "tgw-hub", "vpcId": "vpc-bronze",
		"transitGatewayDefaultRouteTableAssociation": false, "transitGatewayDefaultRouteTablePropagation": false,
	})
	sg := policytest.AWS(typeEC2SecurityGroup, "bronze-records", map[string]any{
		"vpcId": "vpc-bronze",
		"egress": []any{
			map[string]any{"protocol": "tcp", "fromPort": 445, "toPort": 445, "cidrBlocks": []any{"192.168.10.0/24"}},
			map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": []any{netTestBronze}},
		},
	})
	entry := func(no int, action, proto string, from, to int, cidr string) map[string]any {
		return map[string]any{"ruleNo": no, "action": action, "protocol": proto, "fromPort": from, "toPort": to, "cidrBlock": cidr}
	}
	acl := policytest.AWS(typeEC2NetworkACL, "bronze-nacl", map[string]any{
		"vpcId": "vpc-bronze", "subnetIds": []any{"subnet-a"},
		"egress": []any{
			entry(100, "allow", "tcp", 445, 445, netTestLegacyDC),
			entry(110, "allow", "tcp", 1024, 65535, netTestGold),
			entry(200, "deny", "-1", 0, 0, netTestPlatinum),
			entry(210, "deny", "-1", 0, 0, netTestGold),
		},
	})
	endpoint := policytest.AWS(typeEC2VpcEndpoint, "bronze-s3", map[string]any{
		"vpcId": "vpc-bronze", "serviceName": "com.amazonaws.eu-west-2.s3", "vpcEndpointType": "Gateway",
	})
	return []*policy.Resource{vpc, table, route, att, sg, acl, endpoint}
}

// netUse replaces the fixture's resources by with (the harness cannot change the slice's length), padding
// with inert resources.
func netUse(rs []*policy.Resource, with []*policy.Resource) {
	for i := range rs {
		if i < len(with) {
			rs[i] = with[i]
			continue
		}
		rs[i] = policytest.AWS("aws:ssm/parameter:Parameter", "padding", nil)
	}
}

// netUseHub turns the fixture into the foundation stack holding the hub.
func netUseHub(rs []*policy.Resource, ctx *policy.Context) {
	*ctx = *netFoundationCtx()
	netUse(rs, netHubFixture())
}

const netBronzePassTier = "no path from bronze to the internet, PSN, Gold or Platinum other than its 2 declared flows: " +
	"checked 1 route table (3 routes), 1 transit gateway attachment, 0 VPC peerings, 2 security group egress rules " +
	"and 4 network ACL egress entries"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-NET-014",
	Context:         netBronzeCtx,
	Resources:       netBronzeStackFixture,
	BaselineMessage: netBronzePassTier,
	Cases: []policytest.Case{
		{
			Name: "default route to a NAT gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], map[string]any{"cidrBlock": "0.0.0.0/0", "natGatewayId": "nat-0abc"}, "routes", 0)
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a: 0.0.0.0/0 -> nat-gateway (internet) is not a declared flow",
		},
		{
			// Issue 15: Bronze patches from an internal source (an S3 patch repository through the gateway
			// endpoint, in the baseline). A NAT gateway added "for patching" is an internet path all the same.
			Name: "NAT gateway route to a vendor update service added for patching",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[6] = policytest.AWS(typeEC2NatGateway, "bronze-patching-nat", map[string]any{"subnetId": "subnet-a"})
				policytest.Delete(rs[2], "transitGatewayId")
				policytest.Set(rs[2], "13.107.4.0/24", "destinationCidrBlock")
				policytest.SetComputed(rs[2], "natGatewayId")
				policytest.Link(rs[2], "natGatewayId", rs[6])
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a (route bronze-private-a-legacy): 13.107.4.0/24 -> nat-gateway (internet) is not a declared flow",
		},
		{
			Name: "route to an internet gateway known only by its dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[6] = policytest.AWS(typeEC2InternetGateway, "bronze-igw", map[string]any{"vpcId": "vpc-bronze"})
				policytest.Set(rs[1], map[string]any{"cidrBlock": "10.72.0.0/24"}, "routes", 0)
				policytest.SetComputed(rs[1], "routes", 0, "gatewayId")
				policytest.Link(rs[1], "routes", rs[6])
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a: 10.72.0.0/24 -> internet-gateway (internet) is not a declared flow",
		},
		{
			Name: "route resource to an egress-only internet gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[2], "transitGatewayId")
				policytest.Set(rs[2], "eigw-1", "egressOnlyGatewayId")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a (route bronze-private-a-legacy): 192.168.0.0/16 -> egress-only-internet-gateway (internet) is not a declared flow",
		},
		{
			Name: "route to Platinum through the transit gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], netTestPlatinum, "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a (route bronze-private-a-legacy): 10.68.0.0/14 (Platinum) -> transit-gateway is not a declared flow",
		},
		{
			Name: "route to PSN through the transit gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], netTestPSN, "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a (route bronze-private-a-legacy): 172.20.0.0/16 (PSN) -> transit-gateway is not a declared flow",
		},
		{
			Name: "default route to the transit gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "0.0.0.0/0", "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a (route bronze-private-a-legacy): 0.0.0.0/0 (default route) -> transit-gateway is not a declared flow",
		},
		{
			Name: "route to a VPC peering",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[2], "transitGatewayId")
				policytest.Set(rs[2], "pcx-1", "vpcPeeringConnectionId")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a (route bronze-private-a-legacy): 192.168.0.0/16 -> vpc-peering (another VPC, bypassing the transit gateway) is not a declared flow",
		},
		{
			Name: "route propagation from a VPN gateway",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], []any{"vgw-1"}, "propagatingVgws")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a: propagatingVgws imports routes from a VPN gateway, which are not declared flows",
		},
		{
			Name:    "route propagation computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "propagatingVgws") },
			Want:    policy.StatusUnknown,
			Message: "bronze's paths cannot all be decided yet: bronze route table bronze-private-a: propagatingVgws is computed",
		},
		{
			Name: "VPN gateway route propagation resource",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[6] = policytest.AWS(typeEC2VpnGatewayRoutePropagation, "bronze-vgw-prop", map[string]any{"vpnGatewayId": "vgw-1", "routeTableId": "rtb-1"})
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze VPN gateway route propagation bronze-vgw-prop imports routes from a VPN gateway, which are not declared flows",
		},
		{
			Name: "attachment joins the default route table",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], true, "transitGatewayDefaultRouteTableAssociation")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze transit gateway attachment bronze-tgw: transitGatewayDefaultRouteTableAssociation is not false, so bronze would share the transit gateway's default route table with every other attachment",
		},
		{
			Name: "VPC peering in the bronze stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[6] = policytest.AWS(typeEC2VpcPeeringConnection, "bronze-to-gold", map[string]any{"vpcId": "vpc-bronze", "peerVpcId": "vpc-gold"})
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze VPC peering bronze-to-gold joins another VPC directly, bypassing the transit gateway, which is not a declared flow",
		},
		{
			Name: "security group egress to anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], []any{"0.0.0.0/0"}, "egress", 0, "cidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze security group bronze-records: egress[0] tcp 445 to 0.0.0.0/0 (anywhere) is not a declared flow",
		},
		{
			Name: "security group egress to a prefix list in the stack holding anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], []any{"pl-0bronze"}, "egress", 0, "prefixListIds")
				policytest.Delete(rs[4], "egress", 0, "cidrBlocks")
				rs[6] = policytest.AWS(typeEC2ManagedPrefixList, "bronze-egress-list", map[string]any{
					"addressFamily": "IPv4", "maxEntries": 2,
					"entries": []any{map[string]any{"cidr": "0.0.0.0/1"}, map[string]any{"cidr": "128.0.0.0/1"}},
				})
				rs[6].ID = "pl-0bronze"
			},
			Want: policy.StatusFail,
			Message: "bronze has 2 undeclared paths: bronze security group bronze-records: egress[0] tcp 445 to 0.0.0.0/1 (hub, Platinum, Gold, Bronze) is not a declared flow; " +
				"bronze security group bronze-records: egress[0] tcp 445 to 128.0.0.0/1 (PSN, legacy-dc) is not a declared flow",
		},
		{
			Name: "security group egress to a prefix list in the stack holding the declared flow's range",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], []any{"pl-0bronze"}, "egress", 0, "prefixListIds")
				policytest.Delete(rs[4], "egress", 0, "cidrBlocks")
				rs[6] = policytest.AWS(typeEC2ManagedPrefixList, "bronze-egress-list", map[string]any{
					"addressFamily": "IPv4", "maxEntries": 1, "entries": []any{map[string]any{"cidr": "192.168.10.0/24"}},
				})
				rs[6].ID = "pl-0bronze"
			},
			Want:    policy.StatusPass,
			Message: netBronzePassTier,
		},
		{
			Name: "security group egress to a prefix list outside the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], []any{"pl-0bronze"}, "egress", 0, "prefixListIds")
				policytest.Delete(rs[4], "egress", 0, "cidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze security group bronze-records: egress[0] to prefix list pl-0bronze cannot be shown to hold only declared ranges",
		},
		{
			Name: "security group egress rule resource to Gold",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[6] = policytest.AWS(typeVPCSecurityGroupEgressRule, "bronze-to-gold-https", map[string]any{
					"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv4": netTestGold,
				})
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze security group rule bronze-to-gold-https: egress tcp 443 to 10.72.0.0/14 (Gold) is not a declared flow",
		},
		{
			Name: "network ACL egress allow to Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[5], netTestPlatinum, "egress", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze network ACL bronze-nacl: egress[0] allows 10.68.0.0/14 (Platinum), which is not a declared flow",
		},
		{
			Name: "network ACL rule resource allowing egress anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[6] = policytest.AWS(typeEC2NetworkACLRule, "bronze-nacl-out", map[string]any{
					"networkAclId": "acl-1", "ruleNumber": 90, "egress": true, "protocol": "-1", "ruleAction": "allow", "cidrBlock": "0.0.0.0/0",
				})
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze network ACL rule bronze-nacl-out: egress allows 0.0.0.0/0 (anywhere), which is not a declared flow",
		},
		{
			Name: "two layers opened at once (message lists every path)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "0.0.0.0/0", "destinationCidrBlock")
				policytest.Set(rs[4], []any{"0.0.0.0/0"}, "egress", 0, "cidrBlocks")
			},
			Want: policy.StatusFail,
			Message: "bronze has 2 undeclared paths: bronze route table bronze-private-a (route bronze-private-a-legacy): 0.0.0.0/0 (default route) -> transit-gateway is not a declared flow; " +
				"bronze security group bronze-records: egress[0] tcp 445 to 0.0.0.0/0 (anywhere) is not a declared flow",
		},
		{
			Name:    "route destination computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[2], "destinationCidrBlock") },
			Want:    policy.StatusUnknown,
			Message: "bronze's paths cannot all be decided yet: bronze route table bronze-private-a (route bronze-private-a-legacy): route cannot be followed: its destination is computed",
		},
		{
			Name: "gateway computed with no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "routes", 0, "transitGatewayId")
				policytest.SetComputed(rs[1], "routes", 0, "gatewayId")
			},
			Want:    policy.StatusUnknown,
			Message: "bronze's paths cannot all be decided yet: bronze route table bronze-private-a: routes[0] cannot be followed: its gatewayId is computed and its gateway cannot be identified",
		},
		{
			Name:    "security group egress computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[4], "egress") },
			Want:    policy.StatusUnknown,
			Message: "bronze's paths cannot all be decided yet: bronze security group bronze-records: its egress is computed",
		},
		{
			Name: "address plan not known, route to a NAT gateway",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[1], map[string]any{"cidrBlock": "10.72.0.0/24", "natGatewayId": "nat-0abc"}, "routes", 0)
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a: 10.72.0.0/24 -> nat-gateway (internet) is not a declared flow",
		},
		{
			Name: "address plan not known, IPv6 default route to the transit gateway",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[1], map[string]any{"ipv6CidrBlock": "::/0", "transitGatewayId": "tgw-hub"}, "routes", 0)
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze route table bronze-private-a: ::/0 (default route) -> transit-gateway is not a declared flow",
		},
		{
			Name: "address plan not known, security group egress to anywhere",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[4], []any{"0.0.0.0/1", "128.0.0.0/1"}, "egress", 0, "cidrBlocks")
			},
			Want: policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze security group bronze-records: egress[0] tcp 445 to 0.0.0.0/1, 128.0.0.0/1 " +
				"(together they cover every public IPv4 address) is egress to anywhere, which an isolated tier may never have",
		},
		{
			Name: "address plan not known, network ACL egress allowing anywhere",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[5], "0.0.0.0/0", "egress", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze network ACL bronze-nacl: egress[0] allows 0.0.0.0/0 (anywhere), which an isolated tier may never have",
		},
		{
			Name:    "address plan not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: "the landing zone's address plan and declared flows are not known; bronze may reach only its declared flows",
		},
		{
			Name:    "landing zone without bronze",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { netDropTier(ctx.Network, tier.Bronze) },
			Want:    policy.StatusNotApplicable,
			Message: "the landing zone has no bronze range",
		},
		{
			Name:    "gold tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netTierCtx(tier.Gold) },
			Want:    policy.StatusNotApplicable,
			Message: "rule applies to tiers [bronze], not gold",
		},
		{
			Name: "tier stack whose tier is not known",
			Mutate: func(_ []*policy.Resource, ctx *policy.Context) {
				*ctx = *netTierCtx("")
			},
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known; bronze may reach only its declared flows",
		},
		{
			Name: "stack role not known",
			Mutate: func(_ []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("unknown", "")
				ctx.Network = netTestNetwork()
			},
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; bronze may reach only its declared flows",
		},
		{
			Name:   "foundation: the hub keeps bronze to its declared flows",
			Mutate: netUseHub,
			Want:   policy.StatusPass,
			Message: "no path from bronze to the internet, PSN, Gold or Platinum other than its 2 declared flows: checked the default route table settings of 1 transit gateway " +
				"and bronze transit gateway route table bronze-rt (3 routes of which 1 blackhole, 0 propagations, 1 association)",
		},
		{
			Name: "foundation: default route in the bronze transit gateway route table",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				policytest.Set(rs[5], "0.0.0.0/0", "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze transit gateway route table bronze-rt: 0.0.0.0/0 (default route) -> attachment hub-inspection is not a declared flow",
		},
		{
			Name: "foundation: PSN route in the bronze transit gateway route table",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				policytest.Set(rs[5], netTestPSN, "destinationCidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze transit gateway route table bronze-rt: 172.20.0.0/16 (PSN) -> attachment hub-inspection is not a declared flow",
		},
		{
			Name: "foundation: Platinum blackhole made a route",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				policytest.Set(rs[3], false, "blackhole")
				policytest.Set(rs[3], "tgw-attach-platinum", "transitGatewayAttachmentId")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze transit gateway route table bronze-rt: 10.68.0.0/14 (Platinum) -> attachment tgw-attach-platinum is not a declared flow",
		},
		{
			Name: "foundation: propagation into the bronze table",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				p := policytest.AWS(typeTGWRouteTablePropagation, "bronze-rt-from-gold", map[string]any{"transitGatewayAttachmentId": "tgw-attach-gold"})
				policytest.SetComputed(p, "transitGatewayRouteTableId")
				policytest.Link(p, "transitGatewayRouteTableId", rs[2])
				rs[6] = p
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: bronze transit gateway route table bronze-rt: propagation bronze-rt-from-gold imports routes from tgw-attach-gold, which are not declared flows",
		},
		{
			Name: "foundation: transit gateway default route table propagation enabled",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				policytest.Set(rs[0], "enable", "defaultRouteTablePropagation")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: transit gateway hub-tgw: defaultRouteTablePropagation is not \"disable\", so attachments (bronze's included) would share the default route table with Gold, Platinum, egress and PSN",
		},
		{
			Name: "foundation: no bronze transit gateway route table",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				policytest.Delete(rs[2], "tags", "RouteTableFor")
			},
			Want:    policy.StatusFail,
			Message: "bronze has 1 undeclared path: no transit gateway route table is tagged RouteTableFor=bronze, so bronze's transit routes cannot be shown",
		},
		{
			Name: "foundation: transit gateway setting computed",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				policytest.SetComputed(rs[0], "defaultRouteTableAssociation")
			},
			Want:    policy.StatusUnknown,
			Message: "bronze's paths cannot all be decided yet: transit gateway hub-tgw: defaultRouteTableAssociation is computed",
		},
		{
			Name: "foundation: bronze table tags computed",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				netUseHub(rs, ctx)
				policytest.SetComputed(rs[2], "tags")
			},
			Want:    policy.StatusUnknown,
			Message: "bronze's paths cannot all be decided yet: no transit gateway route table is tagged RouteTableFor=bronze yet and the tags of bronze-rt are computed",
		},
	},
})
