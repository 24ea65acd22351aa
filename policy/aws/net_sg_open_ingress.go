package aws

import (
	"fmt"
	"slices"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-001",
		Title: "Security groups accept no ingress from anywhere (0.0.0.0/0 or ::/0)",
		Description: "A security group rule that admits 0.0.0.0/0 or ::/0 exposes whatever it protects to every " +
			"network that can reach it. Police landing zones take traffic only from declared ranges: other " +
			"tiers through the Transit Gateway, PSN and on-premises ranges through the hub edge. Sources are " +
			"read as AWS evaluates them: by their union per protocol and port, across all of a group's rules " +
			"(0.0.0.0/1 and 128.0.0.0/1 together are anywhere, and so is every public range without the " +
			"private ones), in any spelling (\"-1\", protocol numbers, -1 ports); a managed prefix list, " +
			"whose entries the rule cannot see, is reported unknown.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"11", "3"},
		ResourceTypes: []string{
			typeEC2SecurityGroup,
			typeEC2SecurityGroupRule,
			typeVPCSecurityGroupIngressRule,
		},
		Reads: netReadsSG("ingress", false),
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
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		const required = "security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)"
		rules, fields, res, ok := netSGRulesOf(r, "ingress", required)
		if !ok {
			return res
		}
		entries := make([]semantic.Entry, len(rules))
		for i, rule := range rules {
			entries[i] = rule.entry(fields)
		}
		name := func(i int) string { return rules[i].where }
		exposed, undecided := semantic.Exposed(entries)
		var open, unknown []string
		for _, x := range exposed {
			rule := rules[x.Entry]
			members := append(slices.Clone(rule.cidrs), rule.prefixLists...)
			open = append(open, fmt.Sprintf("%s allows %s from %s", rule.where,
				netPorts(rule.proto, rule.from, rule.to), netFrom(members, x, name)))
		}
		for _, x := range undecided {
			rule := rules[x.Entry]
			if rule.cidrsUnknown(fields) {
				unknown = append(unknown, fmt.Sprintf("the sources of %s are computed", rule.where))
				continue
			}
			unknown = append(unknown, fmt.Sprintf("the sources of %s cannot be decided (%s)", rule.where, x.Why))
		}
		switch {
		case len(open) > 0:
			return policy.Fail("%s; %s", netJoin(open), required)
		case len(unknown) > 0:
			return policy.Undecided("%s; %s", netJoin(unknown), required)
		default:
			return policy.Pass("%s checked; none accepts ingress from anywhere",
				netPlural(len(rules), "ingress rule", "ingress rules"))
		}
	},
})
