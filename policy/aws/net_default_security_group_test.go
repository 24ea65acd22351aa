package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-007",
	Subject: policytest.URN(typeEC2Vpc, "gold-vpc"),
	Resources: func() []*policy.Resource {
		vpc := policytest.AWS(typeEC2Vpc, "gold-vpc", map[string]any{"cidrBlock": "10.128.0.0/16"})
		sg := policytest.AWS(typeEC2DefaultSecurityGroup, "gold-default-sg", map[string]any{})
		policytest.SetComputed(sg, "vpcId")
		policytest.Link(sg, "vpcId", vpc)
		return []*policy.Resource{vpc, sg}
	},
	BaselineMessage: "default security group gold-default-sg has no ingress and no egress rules",
	Cases: []policytest.Case{
		{
			Name:    "default security group not adopted",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = policytest.AWS(typeEC2Subnet, "s", nil) },
			Want:    policy.StatusFail,
			Message: "no aws:ec2/defaultSecurityGroup adopts this VPC's default security group, which AWS leaves open; the VPC's default security group must be adopted with an aws:ec2/defaultSecurityGroup that has no ingress and no egress rules",
		},
		{
			Name: "self-referencing ingress kept",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "self": true}}, "ingress")
			},
			Want:    policy.StatusNotApplicable,
			Message: "default security group gold-default-sg is judged before create by PCLZ-AWS-NET-016, which names it",
		},
		{
			Name: "allow-all egress kept",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": []any{"0.0.0.0/0"}}}, "egress")
			},
			Want:    policy.StatusNotApplicable,
			Message: "default security group gold-default-sg is judged before create by PCLZ-AWS-NET-016, which names it",
		},
		{
			Name:    "egress computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "egress") },
			Want:    policy.StatusNotApplicable,
			Message: "default security group gold-default-sg is judged before create by PCLZ-AWS-NET-016, which names it",
		},
		{
			Name:    "vpcId computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "no default security group is linked to this VPC and the vpcId of gold-default-sg is computed; the VPC's default security group must be adopted with an aws:ec2/defaultSecurityGroup that has no ingress and no egress rules",
		},
		{
			Name:    "empty lists are closed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], []any{}, "ingress") },
			Want:    policy.StatusPass,
			Message: "default security group gold-default-sg has no ingress and no egress rules",
		},
	},
})
