package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-AUD-005",
	Context: func() *policy.Context { return netTierCtx(tier.Platinum) },
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeCloudWatchLogGroup, "platinum-flow-logs", map[string]any{
			"name": "/policecloud/platinum/flow-logs", "retentionInDays": 400,
		})}
	},
	BaselineMessage: "retentionInDays 400 meets the 400 days the platinum profile requires",
	Cases: []policytest.Case{
		{
			Name:    "90 days",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], 90, "retentionInDays") },
			Want:    policy.StatusFail,
			Message: "retentionInDays 90 is less than the 400 days the platinum profile requires",
		},
		{
			Name: "one day short in bronze",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netBronzeCtx()
				policytest.Set(rs[0], 399, "retentionInDays")
			},
			Want:    policy.StatusFail,
			Message: "retentionInDays 399 is less than the 400 days the bronze profile requires",
		},
		{
			Name:    "never expires (unset)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "retentionInDays") },
			Want:    policy.StatusPass,
			Message: "retentionInDays is not set, so logs never expire (the platinum profile requires at least 400 days)",
		},
		{
			Name:    "never expires (0)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], 0, "retentionInDays") },
			Want:    policy.StatusPass,
			Message: "retentionInDays is not set, so logs never expire (the platinum profile requires at least 400 days)",
		},
		{
			Name:    "retention computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "retentionInDays") },
			Want:    policy.StatusUnknown,
			Message: "retentionInDays is computed; the platinum profile requires at least 400 days",
		},
		{
			Name: "foundation is held to the strictest tier",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				policytest.Set(rs[0], 365, "retentionInDays")
			},
			Want:    policy.StatusFail,
			Message: "retentionInDays 365 is less than the 400 days the foundation (strictest tier) requires",
		},
		{
			Name:    "stack tier and role not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the required log retention is not known",
		},
	},
})
