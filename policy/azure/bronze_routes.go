package azure

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-010",
		Title: "Bronze route tables drop the default route and reach only declared flows",
		Description: "Bronze has no internet and no PSN. Every Bronze route table (inline `routes[]` plus the " +
			"azure-native:network:Route resources naming it in `routeTableName`) must hold a 0.0.0.0/0 route " +
			"with next hop None (without it Azure's system route 0.0.0.0/0 -> Internet applies), no other " +
			"default route, no route with next hop Internet, and every other route's `addressPrefix` inside " +
			"the Bronze range or a range a declared Bronze flow connects to. It must also set " +
			"`disableBgpRoutePropagation: true`, so routes learned by the PSN edge gateway never reach Bronze.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"3", "11"},
		Tiers:         tier.IsolatedTiers(),
		ResourceTypes: []string{typeRouteTable, typeRoute},
		Reads:         append(policy.Reads(typeRouteTable, "routes", "routes.addressPrefix", "routes.nextHopType", "routes.nextHopIpAddress", "disableBgpRoutePropagation"), policy.Reads(typeRoute, "routeTableName", "addressPrefix", "nextHopType", "nextHopIpAddress")...),
		Remediation: "Give the Bronze route table `disableBgpRoutePropagation: true` and `routes: [{name: " +
			"\"default-drop\", addressPrefix: \"0.0.0.0/0\", nextHopType: \"None\"}]`, plus one route per declared " +
			"flow's remote range with `nextHopType: VirtualAppliance` and `nextHopIpAddress: <hub firewall private IP>`.",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		claimed := map[*policy.Resource]bool{}
		for _, t := range ofType(rs, typeRouteTable) {
			res, routes, culprit := checkBronzeTable(ctx, t, rs)
			for _, r := range routes {
				claimed[r] = true
			}
			out = append(out, withURN(res, t))
			// A Route resource that opens the path is the one to change: name it too.
			if res.Status == policy.StatusFail && culprit != nil {
				out = append(out, withURN(res, culprit))
			}
		}
		for _, r := range ofType(rs, typeRoute) {
			if claimed[r] {
				continue
			}
			res := policy.Undecided("route %q belongs to a route table outside this stack, so the table's default route cannot be checked", nameOf(r))
			if stop, done := bronzeUnknown(ctx, r); done {
				res = stop
			} else {
				probs, unknown := bronzeRouteProblems(ctx.Network, []bronzeRoute{{Name: nameOf(r), V: inputs(r)}}, false)
				if len(probs) > 0 {
					res = policy.Fail("%s; Bronze reaches nothing outside its declared flows", probs[0].Why)
				} else if unknown.Status != "" {
					res = unknown
				}
			}
			out = append(out, withURN(res, r))
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no route tables in this stack")}
		}
		return out
	},
})

// checkBronzeTable decides one route table and returns the Route resources that belong to it, and, on a
// failure caused by one of them, that Route resource.
func checkBronzeTable(ctx *policy.Context, t *policy.Resource, rs []*policy.Resource) (policy.Result, []*policy.Resource, *policy.Resource) {
	if res, stop := bronzeUnknown(ctx, t); stop {
		return res, nil, nil
	}
	routes, members, res := tableRoutes(t, rs)
	if res.Status != "" {
		return res, members, nil
	}
	// Without the network plan, default routes, next hop Internet and the missing drop route are still
	// decided; only the range-specific question stays open.
	probs, unknown := bronzeRouteProblems(ctx.Network, routes, true)
	if ctx.Network == nil && len(probs) == 0 && unknown.Status == "" {
		unknown = policy.Undecided("the network plan is not known, so route table %q's routes cannot be checked against the declared flows", nameOf(t))
	}
	var checks []policy.Result
	var culprit *policy.Resource
	for _, p := range probs {
		if p.Res != nil {
			culprit = p.Res // the first Route resource that opens a path, whatever the table's own faults
			break
		}
	}
	for _, p := range probs {
		checks = append(checks, policy.Fail("%s; Bronze reaches nothing outside its declared flows", p.Why))
	}
	checks = append(checks, unknown)
	checks = append(checks, mustBeTrue(t.Get("disableBgpRoutePropagation"), "disableBgpRoutePropagation",
		"Bronze route tables must not learn the PSN edge gateway's routes"))
	return decide(policy.Pass("route table %q drops 0.0.0.0/0 (next hop None), learns no gateway routes, and its %s inside declared Bronze flows",
		nameOf(t), plural(len(routes)-1, "other route stays", "other routes stay")), checks...), members, culprit
}

// bronzeRoute is one route: an inline routes[] entry or a Route resource's inputs (same field names).
type bronzeRoute struct {
	Name string
	V    policy.Value
	// Res is the Route resource, or nil for an inline route.
	Res *policy.Resource
}

// tableRoutes gathers a route table's inline routes and the Route resources that name it.
func tableRoutes(t *policy.Resource, rs []*policy.Resource) ([]bronzeRoute, []*policy.Resource, policy.Result) {
	var routes []bronzeRoute
	var members []*policy.Resource
	for _, r := range ofType(rs, typeRoute) {
		if refersByName(r, "routeTableName", t, "routeTableName") {
			members = append(members, r)
			routes = append(routes, bronzeRoute{Name: nameOf(r), V: inputs(r), Res: r})
		}
	}
	inline, k := list(t.Get("routes"))
	if k == policy.Unknown {
		return nil, members, policy.Undecided("route table %q's routes are computed; Bronze needs a 0.0.0.0/0 route with next hop None", nameOf(t))
	}
	for i, v := range inline {
		name, nk := str(v, "name")
		if nk != policy.Present {
			name = "#" + strconv.Itoa(i)
		}
		routes = append(routes, bronzeRoute{Name: name, V: v})
	}
	return routes, members, ok
}

// routeProblem is one way a Bronze route table lets traffic out: Reach is where to ("the internet",
// "10.128.0.0/18 (Gold)"), Why the route (or missing route) responsible.
type routeProblem struct {
	Reach, Why string
	// Res is the Route resource responsible, or nil (an inline route or a missing one).
	Res *policy.Resource
}

// bronzeRouteProblems lists every way routes let Bronze traffic out. With needDefault, a missing
// 0.0.0.0/0 -> None route is a problem too. unknown is set when a route's fields are computed. n may be
// nil (the network plan is not known): default routes in any spelling (IPv4 or IPv6), next hop Internet
// and service tags are still judged, and a route whose range needs the plan is left to the caller.
func bronzeRouteProblems(n *policy.Network, routes []bronzeRoute, needDefault bool) (probs []routeProblem, unknown policy.Result) {
	dropped := false
	var defaults []routeProblem
	for _, r := range routes {
		prefix, pk := str(r.V, "addressPrefix")
		hop, hk := str(r.V, "nextHopType")
		if r.V.IsComputed() || pk == policy.Unknown || hk == policy.Unknown {
			unknown = policy.Undecided("route %q has a computed address prefix or next hop; Bronze routes must stay inside declared flows", r.Name)
			continue
		}
		hopLabel := hop
		if ip, ik := str(r.V, "nextHopIpAddress"); ik == policy.Present && ip != "" {
			hopLabel += " " + ip
		}
		p, parsed := parsePrefix(prefix)
		mark := len(probs)
		markD := len(defaults)
		switch {
		case semantic.IsDefaultRoute(prefix):
			if eqFold(hop, "None") {
				// Only an IPv4 default drop displaces Azure's system route 0.0.0.0/0 -> Internet.
				dropped = dropped || (parsed && p.Addr().Is4())
				continue
			}
			defaults = append(defaults, routeProblem{"the internet, PSN, Gold and Platinum",
				fmt.Sprintf("route %q sends the default route %s to next hop %s instead of None", r.Name, prefix, hopLabel), nil})
		case eqFold(hop, "None"):
			continue // dropping traffic never opens a path
		case eqFold(hop, "Internet"):
			probs = append(probs, routeProblem{"the internet", fmt.Sprintf("route %q sends %s to next hop Internet", r.Name, prefix), nil})
		case !parsed && semantic.IsAnywhere(prefix):
			probs = append(probs, routeProblem{"the internet",
				fmt.Sprintf("route %q sends service tag %q (%s) to next hop %s", r.Name, prefix, reachWhy(prefix), hopLabel), nil})
		case !parsed:
			probs = append(probs, routeProblem{fmt.Sprintf("service tag %s", prefix),
				fmt.Sprintf("route %q sends service tag %q to next hop %s, which is no declared flow", r.Name, prefix, hopLabel), nil})
		case n == nil:
			continue // whether the range is a declared flow needs the network plan
		case !n.MayReach(tier.Bronze, p):
			reach := p.String()
			if names := overlapsNamed(n, p); len(names) > 0 {
				reach += " (" + strings.Join(names, ", ") + ")"
			}
			probs = append(probs, routeProblem{reach,
				fmt.Sprintf("route %q sends %s to next hop %s outside every declared Bronze flow", r.Name, reach, hopLabel), nil})
		}
		for i := mark; i < len(probs); i++ {
			probs[i].Res = r.Res
		}
		for i := markD; i < len(defaults); i++ {
			defaults[i].Res = r.Res
		}
	}
	if needDefault && !dropped && len(defaults) == 0 && unknown.Status == "" {
		defaults = append(defaults, routeProblem{"the internet", "no 0.0.0.0/0 route has next hop None, so Azure's system route 0.0.0.0/0 -> Internet applies", nil})
	}
	return append(defaults, probs...), unknown
}

// reachWhy explains why an address prefix reaches anywhere (see semantic.AddrSet.Reach).
func reachWhy(prefix string) string {
	_, why := semantic.ParseAddrs(prefix).Reach()
	return why
}
