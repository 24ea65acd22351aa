package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-003",
	Context: netFoundationCtx,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeEC2NatGateway, "hub-nat-a", map[string]any{
			"subnetId": "subnet-egress-a", "allocationId": "eipalloc-1",
			"tags": map[string]any{"Role": "hub-egress"},
		})}
	},
	BaselineMessage: "NAT gateway belongs to the foundation's hub egress VPC (Role=hub-egress)",
	Cases: []policytest.Case{
		{
			Name:    "NAT gateway in a tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netTierCtx(tier.Gold) },
			Want:    policy.StatusFail,
			Message: "NAT gateway in a tier stack; tiers reach the internet only through the foundation's hub egress VPC (resources tagged Role=hub-egress)",
		},
		{
			Name: "internet gateway in a bronze tier stack, even tagged hub-egress",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netTierCtx(tier.Bronze)
				rs[0] = policytest.AWS(typeEC2InternetGateway, "igw", map[string]any{"vpcId": "vpc-1", "tags": map[string]any{"Role": "hub-egress"}})
			},
			Want:    policy.StatusFail,
			Message: "internet gateway in a tier stack; tiers reach the internet only through the foundation's hub egress VPC (resources tagged Role=hub-egress)",
		},
		{
			Name: "egress-only internet gateway in a tier stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netTierCtx(tier.Platinum)
				rs[0] = policytest.AWS(typeEC2EgressOnlyInternetGateway, "eigw", map[string]any{"vpcId": "vpc-1"})
			},
			Want:    policy.StatusFail,
			Message: "egress-only internet gateway in a tier stack; tiers reach the internet only through the foundation's hub egress VPC (resources tagged Role=hub-egress)",
		},
		{
			Name: "elastic IP in a tier stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netTierCtx(tier.Gold)
				rs[0] = policytest.AWS(typeEC2Eip, "eip", map[string]any{"domain": "vpc"})
			},
			Want:    policy.StatusFail,
			Message: "elastic IP in a tier stack; tiers reach the internet only through the foundation's hub egress VPC (resources tagged Role=hub-egress)",
		},
		{
			Name:    "untagged NAT gateway in the foundation",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "tags", "Role") },
			Want:    policy.StatusFail,
			Message: "NAT gateway in the foundation is not tagged Role=hub-egress; only the hub egress VPC may hold internet-facing gateways and addresses",
		},
		{
			Name:    "NAT gateway tagged for another role in the foundation",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "inspection", "tags", "Role") },
			Want:    policy.StatusFail,
			Message: "NAT gateway in the foundation is not tagged Role=hub-egress; only the hub egress VPC may hold internet-facing gateways and addresses",
		},
		{
			Name:    "Role tag computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "tags", "Role") },
			Want:    policy.StatusUnknown,
			Message: "the Role tag of this NAT gateway is computed; in the foundation an internet-facing resource must be tagged Role=hub-egress",
		},
		{
			Name:    "stack role unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's role (foundation or tier) is not known; this NAT gateway is allowed only in the foundation's hub egress VPC",
		},
	},
})
