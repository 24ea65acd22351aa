package aws

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

const netBronzeTGWRequired = "the bronze transit gateway route table may hold only static routes to bronze's " +
	"declared flows, no default or PSN route, and blackhole routes for the Platinum and Gold ranges that no " +
	"declared flow needs"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-013",
		Title: "The hub's Bronze Transit Gateway route table routes only declared flows and blackholes Platinum and Gold",
		Description: "Whatever Bronze's own VPC routes say, traffic that reaches the Transit Gateway goes where " +
			"Bronze's Transit Gateway route table sends it. In the foundation that table must hold no default " +
			"route (the internet) and no PSN route, take no propagated routes, route only to the far ends of " +
			"declared flows, and blackhole the Platinum and Gold ranges so that a later, wider route cannot " +
			"open them.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"3", "11"},
		Tiers:       tier.IsolatedTiers(),
		ResourceTypes: []string{
			typeTGWRouteTable,
			typeTGWRoute,
			typeTGWRouteTablePropagation,
		},
		Reads: netReads(policy.Reads(typeTGWRouteTable, "tags"), policy.Reads(typeTGWRoute, "transitGatewayRouteTableId", "destinationCidrBlock", "blackhole", "transitGatewayAttachmentId"), policy.Reads(typeTGWRouteTablePropagation, "transitGatewayRouteTableId")),
		Remediation: "In the foundation, tag the Bronze aws:ec2transitgateway/routeTable:RouteTable " +
			"`RouteTableFor=bronze` (the convention this rule uses to find it). Give it " +
			"aws:ec2transitgateway/route:Route entries (`transitGatewayRouteTableId` = the table's ID) only for " +
			"the far-end ranges of Bronze's declared flows (`destinationCidrBlock` inside the flow's range, " +
			"`transitGatewayAttachmentId` towards inspection), plus `blackhole: true` routes whose " +
			"`destinationCidrBlock` covers the whole Platinum range and the whole Gold range (unless a declared " +
			"flow needs that tier's range). Never 0.0.0.0/0 or a PSN range, and no " +
			"aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation into this table.",
		Waivable: false,
	},
	Check: netCheckBronzeTGW,
})

// netCheckBronzeTGW returns the stack-level verdict, followed on failure by one failing result per
// resource at fault (route, propagation, or the table that lacks a blackhole).
func netCheckBronzeTGW(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
	switch netStackRole(ctx) {
	case netRoleTier:
		return []policy.Result{policy.NotApplicable("bronze tier stack; the bronze transit gateway route table lives in the foundation " +
			"(PCLZ-AWS-NET-012 checks the attachment)")}
	case "":
		return []policy.Result{policy.Undecided("the stack's role is not known; %s", netBronzeTGWRequired)}
	}
	// Without the address plan, default routes and propagations are still decided, and so is the absence
	// of a bronze table; only range-specific questions stay open.
	n := ctx.Network
	if n != nil {
		if _, ok := n.RangeCIDR(netBronze); !ok {
			return []policy.Result{policy.NotApplicable("the landing zone has no bronze range")}
		}
	}
	tables, tagUnknown := netBronzeTGWTables(rs)
	if len(tables) == 0 {
		if len(tagUnknown) > 0 {
			return []policy.Result{policy.Undecided("no transit gateway route table is tagged RouteTableFor=bronze yet and the tags of "+
				"%s are computed; %s", netNames(tagUnknown), netBronzeTGWRequired)}
		}
		return []policy.Result{policy.Fail("no transit gateway route table is tagged RouteTableFor=bronze, so nothing shows bronze's "+
			"attachment has an isolated route table; %s", netBronzeTGWRequired)}
	}
	var fails, unknowns, passes []string
	var blamed []policy.Result
	for _, t := range tables {
		v := netJudgeBronzeTGWTable(n, rs, t)
		for _, urn := range v.blameOrder {
			blamed = append(blamed, netWithURN(policy.Fail("%s; %s", netJoin(v.blame[urn]), netBronzeTGWRequired), urn))
		}
		prefix := "bronze transit gateway route table " + t.Name + ": "
		switch {
		case len(v.bad) > 0:
			fails = append(fails, prefix+netJoin(v.bad))
		case len(v.unknown) > 0:
			unknowns = append(unknowns, prefix+netJoin(v.unknown))
		default:
			passes = append(passes, prefix+v.summary)
		}
	}
	switch {
	case len(fails) > 0:
		return append([]policy.Result{policy.Fail("%s; %s", netJoin(fails), netBronzeTGWRequired)}, blamed...)
	case len(unknowns) > 0:
		return []policy.Result{policy.Undecided("%s; %s", netJoin(unknowns), netBronzeTGWRequired)}
	case n == nil:
		return []policy.Result{netNoNetwork(netBronzeTGWRequired)}
	}
	return []policy.Result{policy.Pass("%s", netJoin(passes))}
}

// fault records what is wrong with the resource urn.
func (v *netTGWVerdict) fault(urn, what string) {
	if v.blame == nil {
		v.blame = map[string][]string{}
	}
	if _, seen := v.blame[urn]; !seen {
		v.blameOrder = append(v.blameOrder, urn)
	}
	v.blame[urn] = append(v.blame[urn], what)
}

// netBronzeTGWTables finds the hub's Bronze transit gateway route tables (tag RouteTableFor=bronze) and the
// route tables whose tags are computed.
func netBronzeTGWTables(rs []*policy.Resource) (tables, tagUnknown []*policy.Resource) {
	for _, t := range netOfType(rs, typeTGWRouteTable) {
		switch is, k := netTagIs(t, netTagRouteTableFor, netBronze); {
		case k == policy.Unknown:
			tagUnknown = append(tagUnknown, t)
		case is:
			tables = append(tables, t)
		}
	}
	return tables, tagUnknown
}

// netTGWVerdict is the judgement of one Bronze transit gateway route table.
type netTGWVerdict struct {
	bad, unknown []string
	// summary describes a table with no problem.
	summary string
	// routes, blackholes, propagations and associations are counts for the path rule's summary.
	routes, blackholes, propagations, associations int
	// paths are the undeclared paths in the path rule's words; pathURNs[i] is the resource that opens
	// paths[i].
	paths    []string
	pathURNs []string
	// blame maps the URN of each resource at fault to what is wrong with it, in order of discovery.
	blame      map[string][]string
	blameOrder []string
	// needsPlan is true when a question was left open for want of the address plan.
	needsPlan bool
}

// netJudgeBronzeTGWTable checks one Bronze transit gateway route table: its static routes, propagations
// and blackholes. n may be nil (the address plan is not known): default routes and propagations are
// still judged, the rest is left open (needsPlan).
func netJudgeBronzeTGWTable(n *policy.Network, rs []*policy.Resource, table *policy.Resource) netTGWVerdict {
	var v netTGWVerdict
	routes := policy.Referrers(rs, typeTGWRoute, "transitGatewayRouteTableId", table)
	if unlinked := netUnlinked(rs, typeTGWRoute, "transitGatewayRouteTableId"); len(unlinked) > 0 {
		v.unknown = append(v.unknown, fmt.Sprintf("the route table of %s is computed", netNames(unlinked)))
	}
	var blackholes []string
	for _, r := range routes {
		v.routes++
		dest, dk := policy.Str(r.Get("destinationCidrBlock"))
		hole, hk := policy.Bool(r.Get("blackhole"))
		p, ok := netParsePrefix(dest)
		switch {
		case dk == policy.Unknown:
			v.unknown = append(v.unknown, fmt.Sprintf("route %s has a computed destination", r.Name))
			continue
		case !ok:
			v.unknown = append(v.unknown, fmt.Sprintf("route %s has no readable destinationCidrBlock", r.Name))
			continue
		case hk == policy.Unknown:
			v.unknown = append(v.unknown, fmt.Sprintf("whether route %s is a blackhole is computed", r.Name))
			continue
		case hole:
			v.blackholes++
			blackholes = append(blackholes, dest)
			continue
		}
		target := netTGWTarget(rs, r)
		switch {
		case semantic.IsDefaultRoute(dest):
			v.bad = append(v.bad, fmt.Sprintf("route %s %s is a default route", r.Name, dest))
		case n == nil:
			v.needsPlan = true
			continue
		case netIsPSN(n, p):
			v.bad = append(v.bad, fmt.Sprintf("route %s %s (PSN) leads to PSN", r.Name, dest))
		case !netBronzeMayReach(n, p):
			v.bad = append(v.bad, fmt.Sprintf("route %s %s (%s) is not a declared flow", r.Name, dest, netZone(n, p, "default route")))
		default:
			continue
		}
		v.paths = append(v.paths, fmt.Sprintf("bronze transit gateway route table %s: %s (%s) -> %s is not a declared flow",
			table.Name, dest, netZone(n, p, "default route"), target))
		v.pathURNs = append(v.pathURNs, r.URN)
		v.fault(r.URN, v.bad[len(v.bad)-1])
	}
	for _, pr := range policy.Referrers(rs, typeTGWRouteTablePropagation, "transitGatewayRouteTableId", table) {
		v.propagations++
		v.bad = append(v.bad, fmt.Sprintf("propagation %s imports an attachment's routes, which are not declared flows", pr.Name))
		v.paths = append(v.paths, fmt.Sprintf("bronze transit gateway route table %s: propagation %s imports routes from %s, "+
			"which are not declared flows", table.Name, pr.Name, netTGWAttachmentName(rs, pr)))
		v.pathURNs = append(v.pathURNs, pr.URN)
		v.fault(pr.URN, v.bad[len(v.bad)-1])
	}
	if unlinked := netUnlinked(rs, typeTGWRouteTablePropagation, "transitGatewayRouteTableId"); len(unlinked) > 0 {
		v.unknown = append(v.unknown, fmt.Sprintf("the route table of %s is computed", netNames(unlinked)))
	}
	v.associations = len(policy.Referrers(rs, typeTGWRouteTableAssociation, "transitGatewayRouteTableId", table))
	if n == nil {
		v.needsPlan = true
		return v
	}
	var holed, flowed []string
	peers := n.Peers(tier.Bronze)
	for _, name := range []tier.Tier{tier.Platinum, tier.Gold} {
		rng, ok := n.RangeCIDR(string(name))
		if !ok {
			continue
		}
		label := fmt.Sprintf("%s %s", name.Title(), rng)
		needed := false
		for _, peer := range peers {
			if policy.PrefixWithin(rng, peer) {
				needed = true
			}
		}
		if needed {
			flowed = append(flowed, label)
			continue
		}
		covered := false
		for _, b := range blackholes {
			if bp, ok := netParsePrefix(b); ok && policy.PrefixWithin(rng, bp) {
				covered = true
			}
		}
		if covered {
			holed = append(holed, label)
		} else {
			v.bad = append(v.bad, fmt.Sprintf("no blackhole route covers %s", label))
			v.fault(table.URN, v.bad[len(v.bad)-1])
		}
	}
	var parts []string
	if len(holed) > 0 {
		parts = append(parts, "blackhole routes cover "+netAnd(holed))
	}
	if len(flowed) > 0 {
		verb := "is"
		if len(flowed) > 1 {
			verb = "are"
		}
		parts = append(parts, fmt.Sprintf("%s %s routed for declared flows", netAnd(flowed), verb))
	}
	parts = append(parts, fmt.Sprintf("%s lead only to declared flows",
		netPlural(v.routes-v.blackholes, "other route", "other routes")))
	v.summary = strings.Join(parts, "; ") + "; no default, PSN or propagated routes"
	return v
}

// netTGWTarget names a transit gateway route's target for messages: the attachment's name when it is in
// the stack, "attachment <id>" otherwise.
func netTGWTarget(rs []*policy.Resource, r *policy.Resource) string {
	return "attachment " + netTGWAttachmentName(rs, r)
}

// netTGWAttachmentName names the attachment r's transitGatewayAttachmentId points at.
func netTGWAttachmentName(rs []*policy.Resource, r *policy.Resource) string {
	for _, x := range rs {
		if x != nil && strings.HasPrefix(x.Type, "aws:ec2transitgateway/") && strings.HasSuffix(x.Type, "Attachment") &&
			r.Refers("transitGatewayAttachmentId", x) {
			return x.Name
		}
	}
	if id, k := policy.Str(r.Get("transitGatewayAttachmentId")); k == policy.Present && id != "" {
		return id
	}
	return "an attachment"
}
