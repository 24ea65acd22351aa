package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-NET-001",
	Subject:         policytest.URN(typeEC2SecurityGroup, "app-sg"),
	Resources:       netOpenIngressFixture,
	BaselineMessage: "3 ingress rules checked; none accepts ingress from anywhere",
	Cases: []policytest.Case{
		{
			Name: "inline ingress from 0.0.0.0/0",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"0.0.0.0/0"}, "ingress", 0, "cidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows tcp 443 from 0.0.0.0/0; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from ::/0",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"::/0"}, "ingress", 1, "ipv6CidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "ingress[1] allows tcp 5432 from ::/0; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from two halves of the IPv4 space in one rule",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"0.0.0.0/1", "128.0.0.0/1"}, "ingress", 0, "cidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows tcp 443 from 0.0.0.0/1, 128.0.0.0/1 (together they cover every public IPv4 address); security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from two halves split over two rules on the same port",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{
					map[string]any{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": []any{"0.0.0.0/1"}},
					map[string]any{"protocol": "6", "fromPort": 0, "toPort": 65535, "cidrBlocks": []any{"128.0.0.0/1"}},
				}, "ingress")
			},
			Want: policy.StatusFail,
			Message: "ingress[0] allows tcp 443 from 0.0.0.0/1, with ingress[1] (together they cover every public IPv4 address); " +
				"ingress[1] allows tcp 0-65535 from 128.0.0.0/1, with ingress[0] (together they cover every public IPv4 address); security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from every IPv4 range but 10.0.0.0/8",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], netTestPublicV4(), "ingress", 0, "cidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows tcp 443 from " + strings.Join(netTestPublicV4(), ", ") + " (together they cover every public IPv4 address); security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from ::/0 spelt with host bits and protocol -1",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "-1", "ingress", 0, "protocol")
				policytest.Set(rs[0], []any{"2001:db8::1/0"}, "ingress", 0, "ipv6CidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows all traffic from 2001:db8::1/0; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from the IPv6 global unicast range",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"2000::/3"}, "ingress", 0, "ipv6CidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows tcp 443 from 2000::/3; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from a managed prefix list",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"pl-0123456789abcdef0"}, "ingress", 0, "prefixListIds")
			},
			Want:    policy.StatusUnknown,
			Message: "the sources of ingress[0] cannot be decided (prefix list pl-0123456789abcdef0 is not in the stack with its entries); security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "inline ingress from private ranges only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"}, "ingress", 0, "cidrBlocks")
			},
			Want:    policy.StatusPass,
			Message: "3 ingress rules checked; none accepts ingress from anywhere",
		},
		{
			Name: "inline ingress CIDRs computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "ingress", 0, "cidrBlocks")
			},
			Want:    policy.StatusUnknown,
			Message: "the sources of ingress[0] are computed; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name:    "whole ingress list computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "ingress") },
			Want:    policy.StatusUnknown,
			Message: "ingress is computed; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name:    "no ingress at all",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "ingress") },
			Want:    policy.StatusPass,
			Message: "1 ingress rule checked; none accepts ingress from anywhere",
		},
		{
			Name: "ec2 security group rule, ingress from anywhere on ssh",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeEC2SecurityGroupRule, "ssh", map[string]any{
					"type": "ingress", "protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlocks": []any{"0.0.0.0/0"},
				})
				policytest.SetComputed(rs[1], "securityGroupId")
				policytest.Link(rs[1], "securityGroupId", rs[0])
			},
			Want:    policy.StatusFail,
			Message: "rule ssh allows tcp 22 from 0.0.0.0/0; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "ec2 security group rule of type egress is not counted",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeEC2SecurityGroupRule, "out", map[string]any{
					"type": "egress", "protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": []any{"0.0.0.0/0"},
				})
				policytest.SetComputed(rs[1], "securityGroupId")
				policytest.Link(rs[1], "securityGroupId", rs[0])
			},
			Want:    policy.StatusPass,
			Message: "2 ingress rules checked; none accepts ingress from anywhere",
		},
		{
			Name: "ec2 security group rule type computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeEC2SecurityGroupRule, "r", map[string]any{"cidrBlocks": []any{"10.0.0.0/8"}})
				policytest.SetComputed(rs[1], "type")
				policytest.SetComputed(rs[1], "securityGroupId")
				policytest.Link(rs[1], "securityGroupId", rs[0])
			},
			Want:    policy.StatusUnknown,
			Message: "rule r: type is computed; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "vpc ingress rule from ::/0, all traffic",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "-1", "ipProtocol")
				policytest.Delete(rs[1], "cidrIpv4")
				policytest.Set(rs[1], "::/0", "cidrIpv6")
			},
			Want:    policy.StatusFail,
			Message: "rule https-from-hub allows all traffic from ::/0; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "vpc ingress rule source computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "cidrIpv4")
			},
			Want:    policy.StatusUnknown,
			Message: "the sources of rule https-from-hub are computed; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "vpc ingress rule and an inline rule splitting the IPv4 space on one port",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"128.0.0.0/1"}, "ingress", 0, "cidrBlocks")
				policytest.Set(rs[1], "0.0.0.0/1", "cidrIpv4")
			},
			Want: policy.StatusFail,
			Message: "ingress[0] allows tcp 443 from 128.0.0.0/1, with rule https-from-hub (together they cover every public IPv4 address); " +
				"rule https-from-hub allows tcp 443 from 0.0.0.0/1, with ingress[0] (together they cover every public IPv4 address); security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "vpc ingress rule whose group is outside the stack is judged on its own",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "sg-elsewhere", "securityGroupId")
				policytest.Set(rs[1], "0.0.0.0/0", "cidrIpv4")
			},
			Want:    policy.StatusPass,
			Message: "2 ingress rules checked; none accepts ingress from anywhere",
		},
		{
			Name: "vpc ingress rule from a prefix list the stack holds with an entry for anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "cidrIpv4")
				policytest.Set(rs[1], "pl-0hub", "prefixListId")
				policytest.Set(rs[2], []any{map[string]any{"cidr": "10.64.0.0/12"}, map[string]any{"cidr": "0.0.0.0/0"}}, "entries")
			},
			Want:    policy.StatusFail,
			Message: "rule https-from-hub allows tcp 443 from 0.0.0.0/0; security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)",
		},
		{
			Name: "vpc ingress rule from a prefix list the stack holds with private entries",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "cidrIpv4")
				policytest.Set(rs[1], "pl-0hub", "prefixListId")
			},
			Want:    policy.StatusPass,
			Message: "3 ingress rules checked; none accepts ingress from anywhere",
		},
	},
})

// netOpenIngressFixture is a security group with two inline ingress rules, a separate
// aws:vpc/securityGroupIngressRule naming it (linked by property dependency, as at preview), and a managed
// prefix list of the landing zone's range.
func netOpenIngressFixture() []*policy.Resource {
	sg := policytest.AWS(typeEC2SecurityGroup, "app-sg", map[string]any{
		"vpcId": "vpc-0123",
		"ingress": []any{
			map[string]any{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": []any{"10.64.0.0/12"}},
			map[string]any{"protocol": "tcp", "fromPort": 5432, "toPort": 5432, "securityGroups": []any{"sg-web"}},
		},
	})
	rule := policytest.AWS(typeVPCSecurityGroupIngressRule, "https-from-hub", map[string]any{
		"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv4": "10.64.0.0/12",
	})
	policytest.SetComputed(rule, "securityGroupId")
	policytest.Link(rule, "securityGroupId", sg)
	list := policytest.AWS(typeEC2ManagedPrefixList, "hub-ranges", map[string]any{
		"addressFamily": "IPv4", "maxEntries": 4, "entries": []any{map[string]any{"cidr": "10.64.0.0/12"}},
	})
	list.ID = "pl-0hub"
	return []*policy.Resource{sg, rule, list}
}
