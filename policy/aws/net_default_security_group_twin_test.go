package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: netDefaultSGTwin,
	Resources: func() []*policy.Resource {
		sg := policytest.AWS(typeEC2DefaultSecurityGroup, "gold-default-sg", map[string]any{"ingress": []any{}, "egress": []any{}})
		policytest.SetComputed(sg, "vpcId")
		return []*policy.Resource{sg}
	},
	BaselineMessage: "default security group gold-default-sg has no ingress and no egress rules",
	Cases: []policytest.Case{
		{
			Name: "self-referencing ingress kept",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "self": true}}, "ingress")
			},
			Want:    policy.StatusFail,
			Message: "default security group gold-default-sg has 1 ingress rule; " + netDefaultSGRequired,
		},
		{
			Name: "ingress and egress kept",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "self": true}}, "ingress")
				policytest.Set(rs[0], []any{
					map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": []any{"0.0.0.0/0"}},
					map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "ipv6CidrBlocks": []any{"::/0"}},
				}, "egress")
			},
			Want:    policy.StatusFail,
			Message: "default security group gold-default-sg has 1 ingress rule and 2 egress rules; " + netDefaultSGRequired,
		},
		{
			Name: "ingress kept, egress computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "self": true}}, "ingress")
				policytest.SetComputed(rs[0], "egress")
			},
			Want:    policy.StatusFail,
			Message: "default security group gold-default-sg has 1 ingress rule; " + netDefaultSGRequired,
		},
		{
			Name:    "egress computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "egress") },
			Want:    policy.StatusUnknown,
			Message: "default security group gold-default-sg has egress computed; " + netDefaultSGRequired,
		},
		{
			Name:    "rules omitted",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].Inputs = policy.MapFromGo(map[string]any{}) },
			Want:    policy.StatusPass,
			Message: "default security group gold-default-sg has no ingress and no egress rules",
		},
	},
})
