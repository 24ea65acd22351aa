package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const netBronzeSGRequired = "bronze security groups may send only to bronze's own range and to declared flows from bronze (protocol and ports included)"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-011",
	Context: netBronzeCtx,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeEC2SecurityGroup, "bronze-records", map[string]any{
			"vpcId": "vpc-bronze",
			"egress": []any{
				map[string]any{"protocol": "tcp", "fromPort": 445, "toPort": 445, "cidrBlocks": []any{"192.168.10.0/24"}},
				map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": []any{netTestBronze}},
				map[string]any{"protocol": "tcp", "fromPort": 443, "toPort": 443, "securityGroups": []any{"sg-endpoints"}},
			},
		})}
	},
	BaselineMessage: "3 egress rules checked; each stays inside bronze or matches a declared flow from bronze",
	Cases: []policytest.Case{
		{
			Name: "egress to anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"0.0.0.0/0"}, "egress", 1, "cidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "egress[1] all traffic to 0.0.0.0/0 (anywhere) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
		{
			Name:    "port outside the declared flow",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], 3389, "egress", 0, "toPort") },
			Want:    policy.StatusFail,
			Message: "egress[0] tcp 445-3389 to 192.168.10.0/24 (legacy-dc) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
		{
			Name:    "udp instead of tcp",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "udp", "egress", 0, "protocol") },
			Want:    policy.StatusFail,
			Message: "egress[0] udp 445 to 192.168.10.0/24 (legacy-dc) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
		{
			Name: "egress to Gold (the declared flow runs Gold to Bronze, not back)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"10.72.0.0/16"}, "egress", 0, "cidrBlocks")
				policytest.Set(rs[0], 1433, "egress", 0, "fromPort")
				policytest.Set(rs[0], 1433, "egress", 0, "toPort")
			},
			Want:    policy.StatusFail,
			Message: "egress[0] tcp 1433 to 10.72.0.0/16 (Gold) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
		{
			Name: "egress to PSN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{netTestPSN}, "egress", 0, "cidrBlocks")
			},
			Want:    policy.StatusFail,
			Message: "egress[0] tcp 445 to 172.20.0.0/16 (PSN) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
		{
			Name: "egress to a prefix list",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"pl-s3"}, "egress", 2, "prefixListIds")
			},
			Want:    policy.StatusFail,
			Message: "egress[2] to prefix list pl-s3 cannot be shown to hold only declared ranges; " + netBronzeSGRequired,
		},
		{
			Name: "destination computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "egress", 0, "cidrBlocks")
			},
			Want:    policy.StatusUnknown,
			Message: "egress[0] destinations are computed; " + netBronzeSGRequired,
		},
		{
			Name:    "port computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "egress", 0, "toPort") },
			Want:    policy.StatusUnknown,
			Message: "egress[0] toPort is computed; " + netBronzeSGRequired,
		},
		{
			Name:    "egress list computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "egress") },
			Want:    policy.StatusUnknown,
			Message: "egress is computed; " + netBronzeSGRequired,
		},
		{
			Name: "address plan not known, egress to anywhere",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Set(rs[0], []any{"0.0.0.0/0"}, "egress", 1, "cidrBlocks")
			},
			Want: policy.StatusFail,
			Message: "egress[1] all traffic to 0.0.0.0/0 is egress to anywhere, which an isolated tier may " +
				"never have; " + netBronzeSGRequired,
		},
		{
			Name: "address plan not known, egress to ::/0 through a vpc egress rule",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				rs[0] = policytest.AWS(typeVPCSecurityGroupEgressRule, "bronze-out", map[string]any{
					"securityGroupId": "sg-bronze", "ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv6": "::/0",
				})
			},
			Want: policy.StatusFail,
			Message: "egress tcp 443 to ::/0 is egress to anywhere, which an isolated tier may never have; " +
				netBronzeSGRequired,
		},
		{
			Name: "egress to two halves of the IPv4 space",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"0.0.0.0/1", "128.0.0.0/1"}, "egress", 0, "cidrBlocks")
			},
			Want: policy.StatusFail,
			Message: "egress[0] tcp 445 to 0.0.0.0/1 (hub, Platinum, Gold, Bronze) is not a declared flow from bronze; " +
				"egress[0] tcp 445 to 128.0.0.0/1 (PSN, legacy-dc) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
		{
			Name:    "address plan not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: "the landing zone's address plan and declared flows are not known; " + netBronzeSGRequired,
		},
		{
			Name:    "address plan without bronze",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { netDropTier(ctx.Network, tier.Bronze) },
			Want:    policy.StatusUnknown,
			Message: "the address plan has no bronze range; " + netBronzeSGRequired,
		},
		{
			Name: "ec2 security group rule with IPv6 egress",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2SecurityGroupRule, "v6", map[string]any{
					"type": "egress", "protocol": "tcp", "fromPort": 443, "toPort": 443, "ipv6CidrBlocks": []any{"::/0"},
				})
			},
			Want:    policy.StatusFail,
			Message: "egress tcp 443 to ::/0 (anywhere) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
		{
			Name: "ec2 security group ingress rule is not checked",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2SecurityGroupRule, "in", map[string]any{
					"type": "ingress", "protocol": "tcp", "fromPort": 1433, "toPort": 1433, "cidrBlocks": []any{netTestGold},
				})
			},
			Want:    policy.StatusNotApplicable,
			Message: `"ingress" rule; this rule checks egress rules`,
		},
		{
			Name: "ec2 security group rule type computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2SecurityGroupRule, "r", map[string]any{})
				policytest.SetComputed(rs[0], "type")
			},
			Want:    policy.StatusUnknown,
			Message: "type is computed; " + netBronzeSGRequired,
		},
		{
			Name: "vpc egress rule matching the declared flow",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeVPCSecurityGroupEgressRule, "smb", map[string]any{
					"ipProtocol": "tcp", "fromPort": 445, "toPort": 445, "cidrIpv4": netTestLegacyDC,
				})
			},
			Want:    policy.StatusPass,
			Message: "1 egress rule checked; each stays inside bronze or matches a declared flow from bronze",
		},
		{
			Name: "vpc egress rule to Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeVPCSecurityGroupEgressRule, "plat", map[string]any{
					"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv4": "10.68.1.0/24",
				})
			},
			Want:    policy.StatusFail,
			Message: "egress tcp 443 to 10.68.1.0/24 (Platinum) is not a declared flow from bronze; " + netBronzeSGRequired,
		},
	},
})
