package aws

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-011",
		Title: "Bronze security groups send only to Bronze and to declared flows from Bronze (protocol and ports)",
		Description: "Security groups are the last, stateful filter on what a Bronze system can open. Each egress " +
			"rule must stay inside Bronze's own range or match a declared flow that starts in Bronze, with its " +
			"protocol and ports, so that a legacy system cannot reach the internet, PSN, Gold or Platinum " +
			"through a rule nobody declared.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"3", "11"},
		Tiers:       tier.IsolatedTiers(),
		ResourceTypes: []string{
			typeEC2SecurityGroup,
			typeEC2SecurityGroupRule,
			typeVPCSecurityGroupEgressRule,
		},
		Reads: netReadsSG("egress", false),
		Remediation: "In the Bronze stack write one egress rule per declared flow from Bronze: `protocol` (tcp, udp or " +
			"icmp, never -1), `fromPort` / `toPort` inside the flow's ports and `cidrBlocks` (or `cidrIpv4` on " +
			"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule) inside the flow's destination range. Egress " +
			"inside Bronze's own range and to security group references is allowed; 0.0.0.0/0, IPv6 ranges and " +
			"prefix lists are not.",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		const required = "bronze security groups may send only to bronze's own range and to declared flows from " +
			"bronze (protocol and ports included)"
		if res, ok := netBronzeScope(ctx, r, required); !ok {
			return res
		}
		rules, fields, res, ok := netSGRulesOf(r, "egress", required)
		if !ok {
			return res
		}
		n := ctx.Network
		if n == nil {
			// Without the address plan, egress to anywhere is still decided: an isolated tier has none.
			if open := netEgressAnywhere(rules, fields); len(open) > 0 {
				return policy.Fail("%s; %s", netJoin(open), required)
			}
			return netNoNetwork(required)
		}
		bronze, ok := n.RangeCIDR(netBronze)
		if !ok {
			return policy.Undecided("the address plan has no bronze range; %s", required)
		}
		var bad, unknown []string
		for _, rule := range rules {
			b, u := netJudgeBronzeEgress(n, bronze, rule, fields)
			bad, unknown = append(bad, b...), append(unknown, u...)
		}
		switch {
		case len(bad) > 0:
			return policy.Fail("%s; %s", netJoin(bad), required)
		case len(unknown) > 0:
			return policy.Undecided("%s; %s", netJoin(unknown), required)
		default:
			return policy.Pass("%s checked; each stays inside bronze or matches a declared flow from bronze",
				netPlural(len(rules), "egress rule", "egress rules"))
		}
	},
})

// netJudgeBronzeEgress decides one Bronze security group egress rule. bad lists the undeclared paths it
// opens ("egress[0] tcp 443 to 10.72.0.0/14 (Gold) is not a declared flow from bronze"); unknown says
// what cannot be read.
func netJudgeBronzeEgress(n *policy.Network, bronze netip.Prefix, rule netSGRule, fields netSGFields) (bad, unknown []string) {
	if rule.cidrsUnknown(fields) {
		return nil, []string{fmt.Sprintf("%s destinations are computed", rule.where)}
	}
	for _, pl := range rule.prefixLists {
		bad = append(bad, fmt.Sprintf("%s to prefix list %s cannot be shown to hold only declared ranges", rule.where, pl))
	}
	ports := semantic.FromTo(rule.proto, rule.from, rule.to)
	for _, c := range rule.cidrs {
		p, ok := netParsePrefix(c)
		switch {
		case !ok:
			unknown = append(unknown, fmt.Sprintf("%s destination %q is not a CIDR", rule.where, c))
			continue
		case policy.PrefixWithin(p, bronze):
			continue
		case len(rule.unknown) > 0:
			unknown = append(unknown, fmt.Sprintf("%s %s is computed", rule.where, strings.Join(rule.unknown, ", ")))
			continue
		}
		covered := false
		for _, f := range n.FlowsOf(tier.Bronze) {
			if f.Outbound && n.MayReach(tier.Bronze, f.FarCIDR) &&
				n.Covers(f.Flow, bronze, p, netplan.Protocol(rule.proto), ports.From, ports.To) {
				covered = true
				break
			}
		}
		if !covered {
			bad = append(bad, fmt.Sprintf("%s %s to %s (%s) is not a declared flow from bronze",
				rule.where, netPorts(rule.proto, rule.from, rule.to), c, netZone(n, p, "anywhere")))
		}
	}
	return bad, unknown
}

// netEgressAnywhere describes the egress rules that, alone or together, send to anywhere ("egress[1] all
// traffic to 0.0.0.0/0 (anywhere) is egress to the internet").
func netEgressAnywhere(rules []netSGRule, fields netSGFields) []string {
	entries := make([]semantic.Entry, len(rules))
	for i, rule := range rules {
		entries[i] = rule.entry(fields)
	}
	exposed, _ := semantic.Exposed(entries)
	var out []string
	for _, x := range exposed {
		rule := rules[x.Entry]
		members := append(slices.Clone(rule.cidrs), rule.prefixLists...)
		out = append(out, fmt.Sprintf("%s %s to %s is egress to anywhere, which an isolated tier may never have",
			rule.where, netPorts(rule.proto, rule.from, rule.to),
			netFrom(members, x, func(i int) string { return rules[i].where })))
	}
	return out
}
