package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-REG-004",
		Title: "SQL failover groups replicate only to partner servers in allowed UK locations",
		Description: "An Azure SQL failover group geo-replicates every database it holds to its partner " +
			"servers. Each partner server (`partnerServers[].id`) must be an azure-native:sql:Server of this " +
			"stack whose location (or provider location) is on the allow-list, so replicas stay in the UK.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{typeSQLFailoverGroup, typeSQLServer},
		Remediation: "Create the partner server in the same stack with `location: ukwest` (or uksouth) and pass " +
			"its ID in the failover group's `partnerServers: [{id: <server id>}]`.",
		Waivable: false,
		Reads:    policy.Reads(typeSQLFailoverGroup, "partnerServers.id"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		groups := ofType(rs, typeSQLFailoverGroup)
		if len(groups) == 0 {
			return []policy.Result{policy.NotApplicable("no SQL failover groups in this stack")}
		}
		var out []policy.Result
		for _, g := range groups {
			out = append(out, withURN(checkPartners(ctx, g, rs), g))
		}
		return out
	},
})

func checkPartners(ctx *policy.Context, g *policy.Resource, rs []*policy.Resource) policy.Result {
	partners, k := policy.List(g.Get("partnerServers"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("partnerServers is computed; each partner server must be in an allowed UK location")
	case len(partners) == 0:
		return policy.Fail("partnerServers is empty; a failover group names the partner server it replicates to")
	}
	var names []string
	var results []policy.Result
	for i := range partners {
		l := resolve(g, rs, typeSQLServer, "partnerServers", i, "id")
		switch {
		case l.Computed:
			results = append(results, policy.Undecided("partner server %d is computed and comes from no server of this stack; its location cannot be checked", i))
		case l.Absent:
			results = append(results, policy.Fail("partner server %d has no id; name the partner server it replicates to", i))
		case l.External != "":
			results = append(results, policy.Undecided("partner server %q is not in this stack, so its location cannot be checked; create the partner server in this stack", l.External))
		default:
			for _, s := range l.Targets {
				loc, lk, what := location(s)
				res := checkLocation(ctx, loc, lk, "partner server "+nameOf(s)+" "+what)
				if res.Status == policy.StatusPass {
					names = append(names, nameOf(s)+" in "+loc)
					continue
				}
				if res.Status == policy.StatusFail {
					res.Message += "; the failover group would replicate its databases there"
				}
				results = append(results, res)
			}
		}
	}
	return decide(policy.Pass("failover group replicates to %s", strings.Join(names, ", ")), results...)
}
