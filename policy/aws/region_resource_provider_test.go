package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-REG-002",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS("aws:ec2/vpc:Vpc", "hub-vpc", map[string]any{"cidrBlock": "10.0.0.0/16"})}
	},
	BaselineMessage: "provider aws-london region eu-west-2 is allowed",
	Cases: []policytest.Case{
		{
			Name:    "no provider",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].Provider = nil },
			Want:    policy.StatusFail,
			Message: "resource has no provider; create it on an explicit AWS provider whose region is one of eu-west-2",
		},
		{
			Name: "provider in eu-west-1",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider = policytest.AWSProvider("eu-west-1")
			},
			Want:    policy.StatusFail,
			Message: `provider aws-london region "eu-west-1" is outside the UK allow-list (eu-west-2)`,
		},
		{
			Name: "provider without region",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider.Inputs = policy.DeleteAt(rs[0].Provider.Inputs, "region")
			},
			Want:    policy.StatusFail,
			Message: "provider aws-london region is not set; it must be one of eu-west-2",
		},
		{
			Name: "provider region computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider.Inputs = policy.SetAt(rs[0].Provider.Inputs, policy.FromGo(policy.UnknownSentinel), "region")
			},
			Want:    policy.StatusUnknown,
			Message: "provider aws-london region is computed; it must be one of eu-west-2",
		},
		{
			Name: "allow-list widened by pack config",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				rs[0].Provider = policytest.AWSProvider("eu-west-1")
			},
			Want:    policy.StatusPass,
			Message: "provider aws-london region eu-west-1 is allowed",
		},
		{
			Name: "global service on the London provider",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = "aws:iam/role:Role"
			},
			Want:    policy.StatusPass,
			Message: "provider aws-london region eu-west-2 is allowed",
		},
	},
})
