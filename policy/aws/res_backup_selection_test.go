package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-006",
	Resources:       resBackupFixture,
	Subject:         policytest.URN(typeBackupPlan, "platinum-plan"),
	BaselineMessage: "backup selection platinum-selection assigns resources to the plan",
	Cases: []policytest.Case{
		{
			Name: "selection not linked to the plan",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "other-plan-id", "planId")
			},
			Want:    policy.StatusFail,
			Message: "no backup selection (aws:backup/selection:Selection) refers to this plan through planId, so it backs up nothing",
		},
		{
			Name: "selection found by plan ID in exported state",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				rs[0].ID = "6a1c3c56-plan"
				policytest.Set(rs[1], "6a1c3c56-plan", "planId")
			},
			Want:    policy.StatusPass,
			Message: "backup selection platinum-selection assigns resources to the plan",
		},
		{
			Name:    "selection's planId computed and unlinked",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "a backup selection's planId is computed and not linked to a plan, so whether one assigns resources to this plan is not known",
		},
		{
			Name:    "selection selects nothing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "selectionTags") },
			Want:    policy.StatusFail,
			Message: "backup selection platinum-selection selects nothing (resources and selectionTags are empty)",
		},
		{
			Name: "selection by resource ARNs",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "selectionTags")
				policytest.Set(rs[1], []string{"arn:aws:rds:eu-west-2:111122223333:db:records"}, "resources")
			},
			Want:    policy.StatusPass,
			Message: "backup selection platinum-selection assigns resources to the plan",
		},
		{
			Name:    "selection tags computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "selectionTags") },
			Want:    policy.StatusUnknown,
			Message: "the resources or selectionTags of backup selection platinum-selection are computed",
		},
	},
})
