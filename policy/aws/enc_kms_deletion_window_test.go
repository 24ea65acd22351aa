package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-ENC-014",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeKMSKey, "data-key", map[string]any{
			"enableKeyRotation": true, "deletionWindowInDays": 30,
		})}
	},
	BaselineMessage: "deletion window of 30 days meets the Platinum tier's 30",
	Cases: []policytest.Case{
		{
			Name:    "7 days",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], 7, "deletionWindowInDays") },
			Want:    policy.StatusFail,
			Message: "deletionWindowInDays is 7; the Platinum tier requires at least 30",
		},
		{
			Name: "Bronze, 29 days",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				policytest.Set(rs[0], 29, "deletionWindowInDays")
			},
			Want:    policy.StatusFail,
			Message: "deletionWindowInDays is 29; the Bronze tier requires at least 30",
		},
		{
			Name:    "not set (AWS default 30)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "deletionWindowInDays") },
			Want:    policy.StatusPass,
			Message: "deletionWindowInDays is not set; the AWS default of 30 days meets the Platinum tier's 30",
		},
		{
			Name: "not set, profile demanding more than the default",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Profile.KeyDeletionWindowDays = 31
				policytest.Delete(rs[0], "deletionWindowInDays")
			},
			Want:    policy.StatusFail,
			Message: "deletionWindowInDays is not set and the AWS default of 30 days is below the Platinum tier's 31; set it",
		},
		{
			Name:    "computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "deletionWindowInDays") },
			Want:    policy.StatusUnknown,
			Message: "deletionWindowInDays is computed; the Platinum tier requires at least 30 days",
		},
		{
			Name:    "tier not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the required deletion window cannot be decided",
		},
		{
			Name: "replica key, 7 days",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeKMSReplicaKey
				policytest.Set(rs[0], 7, "deletionWindowInDays")
			},
			Want:    policy.StatusFail,
			Message: "deletionWindowInDays is 7; the Platinum tier requires at least 30",
		},
	},
})
