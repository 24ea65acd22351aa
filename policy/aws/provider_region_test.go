package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-REG-001",
	Resources: func() []*policy.Resource {
		p := policytest.AWSProvider("eu-west-2")
		return []*policy.Resource{{Type: p.Type, Name: p.Name, URN: p.URN, Inputs: p.Inputs}}
	},
	BaselineMessage: "provider region eu-west-2 is allowed",
	Cases: []policytest.Case{
		{
			Name:    "us-east-1",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "us-east-1", "region") },
			Want:    policy.StatusFail,
			Message: `provider region "us-east-1" is outside the UK allow-list (eu-west-2)`,
		},
		{
			Name:    "eu-west-1 (Ireland)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "eu-west-1", "region") },
			Want:    policy.StatusFail,
			Message: `provider region "eu-west-1" is outside the UK allow-list (eu-west-2)`,
		},
		{
			Name:    "region missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "region") },
			Want:    policy.StatusFail,
			Message: "provider region is not set; it must be one of eu-west-2",
		},
		{
			Name:    "region computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "region") },
			Want:    policy.StatusUnknown,
			Message: "provider region is computed; it must be one of eu-west-2",
		},
		{
			Name: "allow-list widened by pack config",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				policytest.Set(rs[0], "eu-west-1", "region")
			},
			Want:    policy.StatusPass,
			Message: "provider region eu-west-1 is allowed",
		},
	},
})
