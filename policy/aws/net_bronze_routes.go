package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
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
		Tiers:       []tier.Tier{tier.Bronze},
		ResourceTypes: []string{
			typeEC2RouteTable,
			typeEC2DefaultRouteTable,
			typeEC2Route,
		},
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
		n := ctx.Network
		if n == nil {
			return netNoNetwork(required)
		}
		routes, where, known := netRoutesOf(r, nil)
		if !known {
			return policy.Undecided("routes is computed; %s", required)
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
			case rt.prefix.Bits() == 0:
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
