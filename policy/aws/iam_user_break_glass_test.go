package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// iamUserFixture: rs[0] the break-glass user, rs[1] its console login profile.
func iamUserFixture() []*policy.Resource {
	u := policytest.AWS(typeIAMUser, "break-glass-user", map[string]any{
		"name": "pos-break-glass",
		"tags": map[string]any{"BreakGlass": "true"},
	})
	lp := policytest.AWS(typeIAMUserLoginProfile, "break-glass-login", map[string]any{
		"user":                  policy.UnknownSentinel,
		"passwordResetRequired": true,
	})
	policytest.Link(lp, "user", u)
	return []*policy.Resource{u, lp}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-002",
	Resources:       iamUserFixture,
	BaselineMessage: "IAM user is the break-glass user (tag BreakGlass=true)",
	Cases: []policytest.Case{
		{
			Name:    "untagged user",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "tags") },
			Want:    policy.StatusFail,
			Message: "IAM user is not tagged BreakGlass=true; people sign in through federation, and the only IAM user allowed is the break-glass user",
		},
		{
			Name:    "BreakGlass false",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "false", "tags", "BreakGlass") },
			Want:    policy.StatusFail,
			Message: "IAM user is not tagged BreakGlass=true; people sign in through federation, and the only IAM user allowed is the break-glass user",
		},
		{
			Name:    "BreakGlass tag computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "tags", "BreakGlass") },
			Want:    policy.StatusUnknown,
			Message: "the user's BreakGlass tag is computed; only the break-glass user (tag BreakGlass=true) may be an IAM user",
		},
		{
			Name:    "tags computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "tags") },
			Want:    policy.StatusUnknown,
			Message: "the user's BreakGlass tag is computed; only the break-glass user (tag BreakGlass=true) may be an IAM user",
		},
	},
})
