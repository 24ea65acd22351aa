package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-NET-009",
	Context:         bronzeCtx,
	Resources:       func() []*policy.Resource { return bronzeSpoke()[4:] },
	BaselineMessage: "the peering neither uses nor offers gateways",
	Cases: []policytest.Case{
		{
			Name:    "uses remote gateways",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], true, "useRemoteGateways") },
			Want:    policy.StatusFail,
			Message: "useRemoteGateways is true; Bronze must not use the hub's gateway, the PSN edge",
		},
		{
			Name:    "offers gateway transit",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], true, "allowGatewayTransit") },
			Want:    policy.StatusFail,
			Message: "allowGatewayTransit is true; Bronze offers no gateway transit",
		},
		{
			Name:    "flags absent (false in Azure)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "useRemoteGateways") },
			Want:    policy.StatusPass,
			Message: "the peering neither uses nor offers gateways",
		},
		{
			Name:    "computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "useRemoteGateways") },
			Want:    policy.StatusUnknown,
			Message: "useRemoteGateways is computed; it must be false on a Bronze peering",
		},
		{
			Name: "Gold stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *ctxFor(tier.Gold, "tier")()
				policytest.Set(rs[0], true, "useRemoteGateways")
			},
			Want:    policy.StatusNotApplicable,
			Message: "rule applies to tiers [bronze], not gold",
		},
		{
			Name: "tier unknown, resource tagged Bronze",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Tier = ""
				policytest.Set(rs[0], true, "useRemoteGateways")
			},
			Want:    policy.StatusFail,
			Message: "useRemoteGateways is true; Bronze must not use the hub's gateway, the PSN edge",
		},
		{
			Name: "tier unknown and untagged",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Tier = ""
				policytest.Delete(rs[0], "tags")
			},
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known (and the resource has no Tier tag); the rule holds for Bronze",
		},
	},
})
