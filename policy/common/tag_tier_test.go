package common

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-COM-TAG-003",
	Resources:       func() []*policy.Resource { return []*policy.Resource{comProviderResource()} },
	BaselineMessage: "Tier tag Platinum matches the stack's tier",
	Cases: []policytest.Case{
		{
			Name: "Gold tag in a Platinum stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Gold", "defaultTags", "tags", "Tier")
			},
			Want:    policy.StatusFail,
			Message: `Tier tag "Gold" does not match the stack's tier; it must be Platinum`,
		},
		{
			Name: "lower-case tier name",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "platinum", "defaultTags", "tags", "Tier")
			},
			Want:    policy.StatusFail,
			Message: `Tier tag "platinum" does not match the stack's tier; it must be Platinum`,
		},
		{
			Name:    "Platinum tag in a Bronze stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", tier.Bronze) },
			Want:    policy.StatusFail,
			Message: `Tier tag "Platinum" does not match the stack's tier; it must be Bronze`,
		},
		{
			Name: "computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "defaultTags", "tags", "Tier")
			},
			Want:    policy.StatusUnknown,
			Message: "the Tier tag is computed; it must be Platinum",
		},
		{
			Name: "missing",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "defaultTags", "tags", "Tier")
			},
			Want:    policy.StatusNotApplicable,
			Message: "the provider sets no default Tier tag; each resource is judged on its own",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the Tier tag cannot be checked",
		},
		{
			Name:    "AWS resource inheriting the provider's tag",
			Mutate:  comWithResource(comAWSBucket),
			Want:    policy.StatusPass,
			Message: "Tier tag Platinum matches the stack's tier",
		},
		{
			Name: "AWS resource overriding Tier",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				policytest.Set(rs[0], "Bronze", "tags", "Tier")
			},
			Want:    policy.StatusFail,
			Message: `Tier tag "Bronze" does not match the stack's tier; it must be Platinum`,
		},
		{
			Name: "Azure Gold resource in a Gold stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				rs[0] = comAzureStorage(tier.Gold)
			},
			Want:    policy.StatusPass,
			Message: "Tier tag Gold matches the stack's tier",
		},
		{
			Name: "Azure Gold resource in a Platinum stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAzureStorage(tier.Gold)
			},
			Want:    policy.StatusFail,
			Message: `Tier tag "Gold" does not match the stack's tier; it must be Platinum`,
		},
	},
})
