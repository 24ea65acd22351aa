package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-009",
		Title: "Bronze route tables have no default route and route only to Bronze and its declared flows",
		Description: "Bronze holds legacy systems with no internet and no PSN access, firewalled from Gold and " +
			"Platinum except for explicitly declared flows. A default route, or a route to any range that is " +
			"neither Bronze's own nor the far end of a declared flow, gives Bronze a way out that nobody declared.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"3", "11"},
		Tiers:       tier.IsolatedTiers(),
		ResourceTypes: []string{
			typeEC2RouteTable,
			typeEC2DefaultRouteTable,
			typeEC2Route,
		},
		Reads: netReadsRoutes(),
		Remediation: "In the Bronze stack, give aws:ec2/routeTable:RouteTable / aws:ec2/defaultRouteTable:DefaultRouteTable " +
			"`routes[].cidrBlock` and aws:ec2/route:Route `destinationCidrBlock` only ranges inside Bronze's range " +
			"or inside the far end of a declared flow to or from Bronze (one route per flow range, to the " +
			"Transit Gateway); never 0.0.0.0/0, ::/0, a PSN range or another undeclared range, and no IPv6 " +
			"routes. Prefix-list destinations are allowed only towards a gateway VPC endpoint (`vpcEndpointId`).",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		const required = "bronze routes may lead only to bronze's own range and the ranges of its declared " +
			"flows, never a default route or PSN"
		if res, ok := netBronzeScope(ctx, r, required); !ok {
			return res
		}
		routes, where, known := netRoutesOf(r, nil)
		if !known {
			return policy.Undecided("routes is computed; %s", required)
		}
		n := ctx.Network
		if n == nil {
			// Without the address plan, a default route (or routes that together are one) and a route to
			// an internet-facing gateway are still decided: an isolated tier has neither.
			if bad := netIsolatedRoutes(routes, where); len(bad) > 0 {
				return policy.Fail("%s; %s", netJoin(bad), required)
			}
			return netNoNetwork(required)
		}
		var bad, unknown []string
		for i, rt := range routes {
			switch {
			case rt.kind == "local":
			case rt.destUnknown != "":
				unknown = append(unknown, fmt.Sprintf("%s: %s", where[i], rt.destUnknown))
			case rt.prefixList && rt.kind == "vpc-endpoint":
			case rt.prefixList:
				bad = append(bad, fmt.Sprintf("%s prefix list %s does not lead to a gateway VPC endpoint", where[i], rt.dest))
			case semantic.IsDefaultRoute(rt.dest):
				bad = append(bad, fmt.Sprintf("%s %s is a default route", where[i], rt.dest))
			case !netBronzeMayReach(n, rt.prefix):
				bad = append(bad, fmt.Sprintf("%s %s (%s) is outside bronze's range and declared flows",
					where[i], rt.dest, netZone(n, rt.prefix, "default route")))
			}
		}
		switch {
		case len(bad) > 0:
			return policy.Fail("%s; %s", netJoin(bad), required)
		case len(unknown) > 0:
			return policy.Undecided("%s; %s", netJoin(unknown), required)
		default:
			return policy.Pass("%s checked; every destination lies in bronze's range or a declared flow's range",
				netPlural(len(routes), "route", "routes"))
		}
	},
})

// netIsolatedRoutes lists what an isolated tier's routes get wrong whatever the address plan: a default
// route in any spelling (IPv4 or IPv6), routes whose destinations together cover every public address,
// and any route to an internet, NAT, egress-only or carrier gateway.
func netIsolatedRoutes(routes []netRoute, where []string) []string {
	var bad, union []string
	var joined semantic.AddrSet
	for i, rt := range routes {
		switch {
		case rt.kind == "local":
			continue
		case netReach[rt.kind] == "internet":
			dest := rt.dest
			if dest == "" {
				dest = "an unknown destination"
			}
			bad = append(bad, fmt.Sprintf("%s %s leads to a %s (internet)", where[i], dest, rt.kind))
			continue
		case rt.dest != "" && semantic.IsDefaultRoute(rt.dest):
			bad = append(bad, fmt.Sprintf("%s %s is a default route", where[i], rt.dest))
			continue
		case rt.prefix.IsValid():
			joined.Add(rt.dest)
			union = append(union, where[i])
		}
	}
	if r, why := joined.Reach(); r == semantic.Anywhere && len(union) > 1 {
		bad = append(bad, fmt.Sprintf("%s together are a default route (%s)", netAnd(union), why))
	}
	return bad
}
