package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-AUD-002",
	Resources:       func() []*policy.Resource { return []*policy.Resource{workspace()} },
	BaselineMessage: "logs kept 400 days (at least 400)",
	Cases: []policytest.Case{
		{
			Name:    "90 days",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], 90, "retentionInDays") },
			Want:    policy.StatusFail,
			Message: "retentionInDays is 90; the Platinum tier keeps logs at least 400 days",
		},
		{
			Name:    "not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "retentionInDays") },
			Want:    policy.StatusFail,
			Message: "retentionInDays is not set (Azure's default is 30 days); it must be at least 400",
		},
		{
			Name:    "computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "retentionInDays") },
			Want:    policy.StatusUnknown,
			Message: "retentionInDays is computed; it must be at least 400",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the required log retention is not known",
		},
	},
})
