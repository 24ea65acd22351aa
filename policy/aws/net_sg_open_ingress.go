package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-001",
		Title: "Security groups accept no ingress from anywhere (0.0.0.0/0 or ::/0)",
		Description: "A security group rule that admits 0.0.0.0/0 or ::/0 exposes whatever it protects to every " +
			"network that can reach it. Police landing zones take traffic only from declared ranges: other " +
			"tiers through the Transit Gateway, PSN and on-premises ranges through the hub edge. Sources are " +
			"read as AWS evaluates them: by their union per protocol and port, across all of a group's rules " +
			"(0.0.0.0/1 and 128.0.0.0/1 together are anywhere, and so is every public range without the " +
			"private ones), in any spelling (\"-1\", protocol numbers, -1 ports). A group is judged with its " +
			"inline rules and the aws:ec2/securityGroupRule and aws:vpc/securityGroupIngressRule resources that " +
			"name it; a managed prefix list counts by its entries when the stack holds the list, and is " +
			"reported unknown otherwise.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"11", "3"},
		ResourceTypes: []string{
			typeEC2SecurityGroup,
			typeEC2SecurityGroupRule,
			typeVPCSecurityGroupIngressRule,
			typeEC2ManagedPrefixList,
			typeEC2ManagedPrefixListEntry,
		},
		Reads: netReads(netReadsSG("ingress", false), policy.Reads(typeEC2SecurityGroupRule, "securityGroupId"),
			policy.Reads(typeVPCSecurityGroupIngressRule, "securityGroupId"),
			policy.Reads(typeEC2ManagedPrefixList, "entries", "entries.cidr"),
			policy.Reads(typeEC2ManagedPrefixListEntry, "prefixListId", "cidr")),
		Remediation: "Name the sources of every ingress rule precisely: in aws:ec2/securityGroup:SecurityGroup " +
			"`ingress[].cidrBlocks` / `ingress[].ipv6CidrBlocks`, in aws:ec2/securityGroupRule:SecurityGroupRule " +
			"(`type: ingress`) `cidrBlocks` / `ipv6CidrBlocks`, and in " +
			"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule `cidrIpv4` / `cidrIpv6`, use only the " +
			"ranges of declared flows (or `securityGroups` / `referencedSecurityGroupId` references), never " +
			"0.0.0.0/0 or ::/0.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "vpc-sg-open-only-to-authorized-ports"},
			{Source: "AWS Config", ID: "restricted-ssh"},
			{Source: "Security Hub", ID: "EC2.18"},
			{Source: "Security Hub", ID: "EC2.19"},
			{Source: "Checkov", ID: "CKV_AWS_24"},
			{Source: "Checkov", ID: "CKV_AWS_25"},
			{Source: "Checkov", ID: "CKV_AWS_260"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		claimed := map[*policy.Resource]bool{}
		for _, sg := range netOfType(rs, typeEC2SecurityGroup) {
			var members []*policy.Resource
			for _, typ := range []string{typeEC2SecurityGroupRule, typeVPCSecurityGroupIngressRule} {
				for _, m := range policy.Referrers(rs, typ, "securityGroupId", sg) {
					claimed[m] = true
					members = append(members, m)
				}
			}
			out = append(out, netCheckOpenIngress(rs, sg, members)...)
		}
		for _, m := range netOfType(rs, typeEC2SecurityGroupRule, typeVPCSecurityGroupIngressRule) {
			if !claimed[m] {
				out = append(out, netCheckOpenIngress(rs, m, nil)...)
			}
		}
		return out
	},
})

// netOpenIngressRequired completes PCLZ-AWS-NET-001's messages.
const netOpenIngressRequired = "security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges " +
	"that together cover every public address)"

// netCheckOpenIngress judges one security group with its separate rule resources (members), or one rule
// resource whose group is not in the stack (owner a rule, members nil). The first result is the owner's;
// each member that opens ingress from anywhere gets its own failing result.
func netCheckOpenIngress(rs []*policy.Resource, owner *policy.Resource, members []*policy.Resource) []policy.Result {
	rules, fields, res, ok := netSGRulesOf(owner, "ingress", netOpenIngressRequired)
	if !ok {
		return []policy.Result{netWithURN(res, owner.URN)}
	}
	ruleFields := make([]netSGFields, len(rules))
	from := make([]*policy.Resource, len(rules))
	for i := range rules {
		ruleFields[i] = fields
	}
	var unknown []string
	for _, m := range members {
		more, f, res, ok := netSGRulesOf(m, "ingress", netOpenIngressRequired)
		switch {
		case !ok && res.Status == policy.StatusUnknown:
			unknown = append(unknown, fmt.Sprintf("rule %s: %s", m.Name, strings.TrimSuffix(res.Message, "; "+netOpenIngressRequired)))
			continue
		case !ok:
			continue // an egress rule
		}
		for _, rule := range more {
			rule.where = "rule " + m.Name
			rules = append(rules, rule)
			ruleFields = append(ruleFields, f)
			from = append(from, m)
		}
	}
	entries := make([]semantic.Entry, len(rules))
	for i := range rules {
		rules[i] = netResolvePrefixLists(rs, rules[i])
		entries[i] = rules[i].entry(ruleFields[i])
	}
	name := func(i int) string { return rules[i].where }
	exposed, undecided := semantic.Exposed(entries)
	var open []string
	var blamed []policy.Result
	for _, x := range exposed {
		rule := rules[x.Entry]
		members := append(slices.Clone(rule.cidrs), rule.prefixLists...)
		msg := fmt.Sprintf("%s allows %s from %s", rule.where, netPorts(rule.proto, rule.from, rule.to), netFrom(members, x, name))
		open = append(open, msg)
		if m := from[x.Entry]; m != nil {
			blamed = append(blamed, netWithURN(policy.Fail("%s; %s", msg, netOpenIngressRequired), m.URN))
		}
	}
	for _, x := range undecided {
		rule := rules[x.Entry]
		if rule.cidrsUnknown(ruleFields[x.Entry]) {
			unknown = append(unknown, fmt.Sprintf("the sources of %s are computed", rule.where))
			continue
		}
		unknown = append(unknown, fmt.Sprintf("the sources of %s cannot be decided (%s)", rule.where, x.Why))
	}
	switch {
	case len(open) > 0:
		return append([]policy.Result{netWithURN(policy.Fail("%s; %s", netJoin(open), netOpenIngressRequired), owner.URN)}, blamed...)
	case len(unknown) > 0:
		return []policy.Result{netWithURN(policy.Undecided("%s; %s", netJoin(unknown), netOpenIngressRequired), owner.URN)}
	default:
		return []policy.Result{netWithURN(policy.Pass("%s checked; none accepts ingress from anywhere",
			netPlural(len(rules), "ingress rule", "ingress rules")), owner.URN)}
	}
}
