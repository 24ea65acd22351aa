package aws

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID: "PCLZ-AWS-NET-014",
		Title: "Bronze has no path to the internet, PSN, Gold or Platinum other than its declared flows " +
			"(routes, Transit Gateway, peering, security groups and network ACLs)",
		Description: "The accreditor's question for Bronze is whether its legacy systems can reach anything they " +
			"were not explicitly allowed to. This rule answers it over the whole stack. In the Bronze tier stack " +
			"it follows every VPC route (destination and target: internet, NAT, egress-only and carrier gateways, " +
			"VPN gateways, peering and Cloud WAN are never allowed; Transit Gateway, endpoint and appliance routes " +
			"must lead to Bronze's own range or a declared flow's far end), VPN route propagation, the Transit " +
			"Gateway attachment's default route table settings, VPC peering, and every security group and " +
			"network ACL egress rule. In the foundation it follows the Transit Gateway's default route table " +
			"settings and Bronze's Transit Gateway route table (tag RouteTableFor=bronze): its static routes and " +
			"propagations. Each layer must hold on its own, so that no single later change opens a path. Flows " +
			"to the internet or PSN are never honoured for Bronze.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"3", "11"},
		Tiers:       tier.IsolatedTiers(),
		ResourceTypes: []string{
			typeEC2RouteTable, typeEC2DefaultRouteTable, typeEC2Route, typeEC2VpnGatewayRoutePropagation,
			typeTGWVpcAttachment, typeEC2VpcPeeringConnection, typeEC2VpcPeeringConnectionAccepter,
			typeEC2SecurityGroup, typeEC2DefaultSecurityGroup, typeEC2SecurityGroupRule, typeVPCSecurityGroupEgressRule,
			typeEC2NetworkACL, typeEC2DefaultNetworkACL, typeEC2NetworkACLRule,
			typeTGWTransitGateway, typeTGWRouteTable, typeTGWRoute, typeTGWRouteTablePropagation,
			typeEC2ManagedPrefixList, typeEC2ManagedPrefixListEntry,
		},
		Reads: netReads(netReadsRoutes(), policy.Reads(typeEC2RouteTable, "propagatingVgws"), policy.Reads(typeEC2DefaultRouteTable, "propagatingVgws"), policy.Reads(typeTGWVpcAttachment, "transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"), netReadsSG("egress", true), netReadsACL("egress"), policy.Reads(typeTGWTransitGateway, "defaultRouteTableAssociation", "defaultRouteTablePropagation"), policy.Reads(typeTGWRouteTable, "tags"), policy.Reads(typeTGWRoute, "transitGatewayRouteTableId", "destinationCidrBlock", "blackhole", "transitGatewayAttachmentId"), policy.Reads(typeTGWRouteTablePropagation, "transitGatewayRouteTableId"),
			policy.Reads(typeEC2ManagedPrefixList, "entries", "entries.cidr"), policy.Reads(typeEC2ManagedPrefixListEntry, "prefixListId", "cidr")),
		Remediation: "Remove the path the message names, or declare the flow in the landing zone's config if it is " +
			"truly needed (never to the internet or PSN). In the Bronze stack: VPC routes only to the Transit " +
			"Gateway (or a gateway VPC endpoint for a prefix list) for Bronze's range and declared flow ranges, " +
			"no propagatingVgws, the attachment with transitGatewayDefaultRouteTableAssociation and " +
			"transitGatewayDefaultRouteTablePropagation false, no VPC peering, security group egress only per " +
			"declared flow, network ACL egress allows only to declared flow ranges. In the foundation: the " +
			"transit gateway with defaultRouteTableAssociation and defaultRouteTablePropagation \"disable\", " +
			"and the Bronze route table (tag RouteTableFor=bronze) with static routes to declared flow ranges " +
			"only and no propagations.",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		summary, f := netCheckBronzePaths(ctx, rs)
		out := []policy.Result{summary}
		if f != nil && summary.Status == policy.StatusFail {
			out = append(out, f.blame()...)
		}
		return out
	},
})

const netNoPathRequired = "bronze may reach only its declared flows"

// netPathFinder collects the paths out of Bronze, what cannot be decided, and what was checked.
type netPathFinder struct {
	n     *policy.Network
	rs    []*policy.Resource
	paths []string
	// urns[i] is the URN of the resource that opens paths[i] ("" for an absence).
	urns     []string
	unknowns []string
	checked  []string
}

func (f *netPathFinder) path(urn, format string, args ...any) {
	f.paths = append(f.paths, fmt.Sprintf(format, args...))
	f.urns = append(f.urns, urn)
}

// blame returns one failing result per resource that opens a path, naming it.
func (f *netPathFinder) blame() []policy.Result {
	var order []string
	byURN := map[string][]string{}
	for i, urn := range f.urns {
		if urn == "" {
			continue
		}
		if _, seen := byURN[urn]; !seen {
			order = append(order, urn)
		}
		byURN[urn] = append(byURN[urn], f.paths[i])
	}
	out := make([]policy.Result, 0, len(order))
	for _, urn := range order {
		out = append(out, netWithURN(policy.Fail("bronze has %s through this resource: %s",
			netPlural(len(byURN[urn]), "undeclared path", "undeclared paths"), netJoin(byURN[urn])), urn))
	}
	return out
}

func (f *netPathFinder) unknown(format string, args ...any) {
	f.unknowns = append(f.unknowns, fmt.Sprintf(format, args...))
}

// netCheckBronzePaths returns the stack-level verdict and the finder that reached it (nil when the rule
// could not look).
func netCheckBronzePaths(ctx *policy.Context, rs []*policy.Resource) (policy.Result, *netPathFinder) {
	// Without the address plan the finder still follows every layer for what needs no range (gateways,
	// default routes, peering, propagation, egress to anywhere); the rest stays open (needsPlan).
	n := ctx.Network
	if n != nil {
		if _, ok := n.RangeCIDR(netBronze); !ok {
			return policy.NotApplicable("the landing zone has no bronze range"), nil
		}
	}
	f := &netPathFinder{n: n, rs: rs}
	switch role := netStackRole(ctx); {
	case role == netRoleFoundation && ctx.Tier == "":
		f.foundation()
	case role == netRoleTier && tier.IsIsolated(ctx.Tier):
		f.vpcRoutes()
		f.attachments()
		f.peerings()
		f.securityGroups()
		f.networkACLs()
	case role == netRoleTier:
		return policy.Undecided("the stack's tier is not known; %s", netNoPathRequired), nil
	default:
		return policy.Undecided("the stack's role is not known; %s", netNoPathRequired), nil
	}
	switch {
	case len(f.paths) > 0:
		return policy.Fail("bronze has %s: %s", netPlural(len(f.paths), "undeclared path", "undeclared paths"), netJoin(f.paths)), f
	case len(f.unknowns) > 0:
		return policy.Undecided("bronze's paths cannot all be decided yet: %s", netJoin(f.unknowns)), f
	case n == nil:
		return netNoNetwork(netNoPathRequired), f
	}
	flows := netPlural(len(n.FlowsOf(tier.Bronze)), "declared flow", "declared flows")
	return policy.Pass("no path from bronze to the internet, PSN, Gold or Platinum other than its %s: checked %s",
		flows, netAnd(f.checked)), f
}

// vpcRoutes follows Bronze's VPC route tables, routes and VPN route propagation.
func (f *netPathFinder) vpcRoutes() {
	tables := netOfType(f.rs, typeEC2RouteTable, typeEC2DefaultRouteTable)
	nroutes := 0
	for _, t := range tables {
		label := "bronze route table " + t.Name
		routes, where, known := netRoutesOf(t, f.rs)
		if !known {
			f.unknown("%s: its routes are computed", label)
		}
		for i, rt := range routes {
			nroutes++
			f.route(t.URN, label, where[i], rt)
		}
		switch vgws, k := policy.Strings(t.Get("propagatingVgws")); {
		case k == policy.Unknown:
			f.unknown("%s: propagatingVgws is computed", label)
		case len(vgws) > 0:
			f.path(t.URN, "%s: propagatingVgws imports routes from a VPN gateway, which are not declared flows", label)
		}
	}
	for _, r := range netOfType(f.rs, typeEC2Route) {
		label := "bronze route " + r.Name
		for _, t := range tables {
			if r.Refers("routeTableId", t) {
				label = fmt.Sprintf("bronze route table %s (route %s)", t.Name, r.Name)
				break
			}
		}
		routes, where, _ := netRoutesOf(r, f.rs)
		nroutes++
		f.route(r.URN, label, where[0], routes[0])
	}
	for _, p := range netOfType(f.rs, typeEC2VpnGatewayRoutePropagation) {
		f.path(p.URN, "bronze VPN gateway route propagation %s imports routes from a VPN gateway, which are not declared flows", p.Name)
	}
	f.checked = append(f.checked, fmt.Sprintf("%s (%s)", netPlural(len(tables), "route table", "route tables"),
		netPlural(nroutes, "route", "routes")))
}

func (f *netPathFinder) route(urn, label, where string, rt netRoute) {
	if rt.prefixList && rt.kind != "vpc-endpoint" {
		// A prefix list the stack holds with its entries is judged entry by entry.
		if cidrs, ok := netPrefixListEntries(f.rs, rt.dest); ok {
			for _, c := range cidrs {
				x := rt
				x.prefixList, x.dest, x.destUnknown = false, c, ""
				if p, ok := netParsePrefix(c); ok {
					x.prefix = p
				} else {
					x.destUnknown = fmt.Sprintf("prefix list %s entry %q is not a CIDR", rt.dest, c)
				}
				f.route(urn, label, where, x)
			}
			return
		}
	}
	if f.n == nil {
		// Only targets that always leave bronze and default routes are decided without the plan.
		if _, leaves := netReach[rt.kind]; !leaves && (rt.dest == "" || rt.prefixList || !semantic.IsDefaultRoute(rt.dest) || rt.kind == "local") {
			return
		}
	}
	path, why := netJudgeBronzeRoute(f.n, rt)
	switch {
	case path != "":
		f.path(urn, "%s: %s is not a declared flow", label, path)
	case why != "":
		f.unknown("%s: %s cannot be followed: %s", label, where, why)
	}
}

// attachments checks that Bronze's Transit Gateway attachments stay off the default route table.
func (f *netPathFinder) attachments() {
	atts := netOfType(f.rs, typeTGWVpcAttachment)
	for _, a := range atts {
		for _, prop := range []string{"transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"} {
			on, k := policy.Bool(a.Get(prop))
			switch {
			case k == policy.Unknown:
				f.unknown("bronze transit gateway attachment %s: %s is computed", a.Name, prop)
			case k == policy.Absent || on:
				f.path(a.URN, "bronze transit gateway attachment %s: %s is not false, so bronze would share the transit "+
					"gateway's default route table with every other attachment", a.Name, prop)
			}
		}
	}
	f.checked = append(f.checked, netPlural(len(atts), "transit gateway attachment", "transit gateway attachments"))
}

// peerings reports every VPC peering in the Bronze stack.
func (f *netPathFinder) peerings() {
	ps := netOfType(f.rs, typeEC2VpcPeeringConnection, typeEC2VpcPeeringConnectionAccepter)
	for _, p := range ps {
		f.path(p.URN, "bronze VPC peering %s joins another VPC directly, bypassing the transit gateway, which is not a declared flow", p.Name)
	}
	f.checked = append(f.checked, netPlural(len(ps), "VPC peering", "VPC peerings"))
}

// securityGroups judges every security group egress rule against Bronze's declared flows.
func (f *netPathFinder) securityGroups() {
	var bronze netip.Prefix
	if f.n != nil {
		bronze, _ = f.n.RangeCIDR(netBronze)
	}
	count := 0
	judge := func(urn, label string, rule netSGRule, fields netSGFields) {
		count++
		if f.n == nil {
			for _, b := range netEgressAnywhere([]netSGRule{netResolvePrefixLists(f.rs, rule)}, fields) {
				f.path(urn, "%s: %s", label, b)
			}
			return
		}
		bad, unknown := netJudgeBronzeEgress(f.n, bronze, netResolvePrefixLists(f.rs, rule), fields)
		for _, b := range bad {
			f.path(urn, "%s: %s", label, strings.Replace(b, "is not a declared flow from bronze", "is not a declared flow", 1))
		}
		for _, u := range unknown {
			f.unknown("%s: %s", label, u)
		}
	}
	for _, sg := range netOfType(f.rs, typeEC2SecurityGroup, typeEC2DefaultSecurityGroup) {
		rules, known := netInlineSGRules(sg, "egress")
		if !known {
			f.unknown("bronze security group %s: its egress is computed", sg.Name)
		}
		for _, rule := range rules {
			judge(sg.URN, "bronze security group "+sg.Name, rule, netSGInline)
		}
	}
	for _, r := range netOfType(f.rs, typeEC2SecurityGroupRule) {
		switch typ, k := policy.Str(r.Get("type")); {
		case k == policy.Unknown:
			f.unknown("bronze security group rule %s: its type is computed", r.Name)
		case typ == "egress":
			judge(r.URN, "bronze security group rule "+r.Name, netReadSG(r.Get, netSGInline, "egress"), netSGInline)
		}
	}
	for _, r := range netOfType(f.rs, typeVPCSecurityGroupEgressRule) {
		judge(r.URN, "bronze security group rule "+r.Name, netReadSG(r.Get, netSGVPCRule, "egress"), netSGVPCRule)
	}
	f.checked = append(f.checked, netPlural(count, "security group egress rule", "security group egress rules"))
}

// networkACLs judges every network ACL egress allow entry against Bronze's declared flow ranges.
func (f *netPathFinder) networkACLs() {
	count := 0
	judge := func(urn, label string, e netACLEntry) {
		count++
		switch {
		case e.action == "deny":
		case e.unknown != "":
			f.unknown("%s: %s %s is computed", label, e.where, e.unknown)
		case e.action == "allow":
			p, ok := netParsePrefix(e.cidr)
			switch {
			case !ok:
				f.unknown("%s: %s has no readable CIDR", label, e.where)
			case f.n == nil && semantic.IsAnywhere(e.cidr):
				f.path(urn, "%s: %s allows %s (anywhere), which an isolated tier may never have", label, e.where, e.cidr)
			case f.n == nil:
			case !netBronzeMayReach(f.n, p):
				f.path(urn, "%s: %s allows %s (%s), which is not a declared flow", label, e.where, e.cidr, netZone(f.n, p, "anywhere"))
			}
		}
	}
	for _, acl := range netOfType(f.rs, typeEC2NetworkACL, typeEC2DefaultNetworkACL) {
		entries, known := netInlineACL(acl, "egress")
		if !known {
			f.unknown("bronze network ACL %s: its egress is computed", acl.Name)
		}
		for _, e := range entries {
			judge(acl.URN, "bronze network ACL "+acl.Name, e)
		}
	}
	for _, r := range netOfType(f.rs, typeEC2NetworkACLRule) {
		e := netACLRule(r)
		if !e.egress && e.unknown != "egress" {
			continue
		}
		e.where = "egress"
		judge(r.URN, "bronze network ACL rule "+r.Name, e)
	}
	f.checked = append(f.checked, netPlural(count, "network ACL egress entry", "network ACL egress entries"))
}

// foundation follows the hub: the transit gateway's default route table settings and Bronze's transit
// gateway route table.
func (f *netPathFinder) foundation() {
	tgws := netOfType(f.rs, typeTGWTransitGateway)
	for _, t := range tgws {
		for _, prop := range []string{"defaultRouteTableAssociation", "defaultRouteTablePropagation"} {
			v, k := policy.Str(t.Get(prop))
			switch {
			case k == policy.Unknown:
				f.unknown("transit gateway %s: %s is computed", t.Name, prop)
			case !strings.EqualFold(v, "disable"):
				f.path(t.URN, "transit gateway %s: %s is not \"disable\", so attachments (bronze's included) would share the "+
					"default route table with Gold, Platinum, egress and PSN", t.Name, prop)
			}
		}
	}
	f.checked = append(f.checked, fmt.Sprintf("the default route table settings of %s",
		netPlural(len(tgws), "transit gateway", "transit gateways")))
	tables, tagUnknown := netBronzeTGWTables(f.rs)
	if len(tables) == 0 {
		if len(tagUnknown) > 0 {
			f.unknown("no transit gateway route table is tagged RouteTableFor=bronze yet and the tags of %s are computed",
				netNames(tagUnknown))
			return
		}
		f.path("", "no transit gateway route table is tagged RouteTableFor=bronze, so bronze's transit routes cannot be shown")
		return
	}
	for _, t := range tables {
		v := netJudgeBronzeTGWTable(f.n, f.rs, t)
		if v.needsPlan && f.n == nil {
			f.paths = append(f.paths, v.paths...)
			f.urns = append(f.urns, v.pathURNs...)
			for _, u := range v.unknown {
				f.unknown("bronze transit gateway route table %s: %s", t.Name, u)
			}
			continue
		}
		f.paths = append(f.paths, v.paths...)
		f.urns = append(f.urns, v.pathURNs...)
		for _, u := range v.unknown {
			f.unknown("bronze transit gateway route table %s: %s", t.Name, u)
		}
		f.checked = append(f.checked, fmt.Sprintf("bronze transit gateway route table %s (%s of which %s, %s, %s)",
			t.Name, netPlural(v.routes, "route", "routes"), netPlural(v.blackholes, "blackhole", "blackholes"),
			netPlural(v.propagations, "propagation", "propagations"), netPlural(v.associations, "association", "associations")))
	}
}
