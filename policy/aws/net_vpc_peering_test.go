package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-008",
	Context: netFoundationCtx,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeEC2VpcPeeringConnection, "hub-to-shared", map[string]any{
			"vpcId": "vpc-hub", "peerVpcId": "vpc-shared",
		})}
	},
	BaselineMessage: "VPC peering connection in the foundation, not in a tier stack (PCLZ-AWS-NET-014 checks Bronze's paths through the hub)",
	Cases: []policytest.Case{
		{
			Name:    "peering in a gold tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netTierCtx(tier.Gold) },
			Want:    policy.StatusFail,
			Message: "VPC peering connection in a tier stack; tiers may meet only through the Transit Gateway, along declared flows",
		},
		{
			Name: "peering accepter in a bronze tier stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netTierCtx(tier.Bronze)
				rs[0] = policytest.AWS(typeEC2VpcPeeringConnectionAccepter, "accept", map[string]any{"vpcPeeringConnectionId": "pcx-1"})
			},
			Want:    policy.StatusFail,
			Message: "VPC peering accepter in a tier stack; tiers may meet only through the Transit Gateway, along declared flows",
		},
		{
			Name:    "stack role unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's role (foundation or tier) is not known; a tier stack may hold no VPC peering connection",
		},
	},
})
