package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-003",
	Resources:       iamUserFixture,
	Subject:         policytest.URN(typeIAMUserLoginProfile, "break-glass-login"),
	BaselineMessage: "login profile belongs to the break-glass user break-glass-user",
	Cases: []policytest.Case{
		{
			Name:    "user not break-glass",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "tags") },
			Want:    policy.StatusFail,
			Message: "login profile gives user break-glass-user, which is not tagged BreakGlass=true, a console password; only the break-glass user may have one",
		},
		{
			Name: "user not in the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "alice", "user")
			},
			Want:    policy.StatusFail,
			Message: `the login profile's user "alice" is not declared in this stack, so it cannot be shown to be the break-glass user (tag BreakGlass=true)`,
		},
		{
			Name: "user found by name",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "pos-break-glass", "user")
			},
			Want:    policy.StatusPass,
			Message: "login profile belongs to the break-glass user break-glass-user",
		},
		{
			Name:    "user computed and unlinked",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "the login profile's user is computed and not linked to a user in the stack, so whether it is the break-glass user is not known",
		},
		{
			Name:    "user's BreakGlass tag computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "tags", "BreakGlass") },
			Want:    policy.StatusUnknown,
			Message: "the BreakGlass tag of user break-glass-user is computed; only the break-glass user may have a console password",
		},
	},
})
