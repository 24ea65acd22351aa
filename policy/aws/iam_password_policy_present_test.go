package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-IAM-006",
	Context: func() *policy.Context {
		ctx := policy.NewContext("pos-foundation", tier.Platinum)
		ctx.Role = "foundation"
		return ctx
	},
	Resources:       iamPasswordPolicyFixture,
	BaselineMessage: "foundation declares the account password policy (password-policy)",
	Cases: []policytest.Case{
		{
			Name: "no password policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeIAMRole, "ops", map[string]any{"name": "ops"})
			},
			Want:    policy.StatusFail,
			Message: "foundation declares no account password policy (aws:iam/accountPasswordPolicy:AccountPasswordPolicy), so AWS's weak default applies",
		},
		{
			Name:    "tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "tier" },
			Want:    policy.StatusNotApplicable,
			Message: "tier stack; the account password policy belongs to the foundation",
		},
		{
			Name:    "role unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "" },
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; the foundation stack must declare the account password policy",
		},
	},
})
