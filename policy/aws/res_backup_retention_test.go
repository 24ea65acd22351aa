package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resBronzePlan makes the stack Bronze and the backup plan changed to weekly, 365 days, archived
// after 30.
func resBronzePlan(rs []*policy.Resource, ctx *policy.Context) {
	*ctx = *policy.NewContext("fixture", tier.Bronze)
	resSetSchedule(rs, "cron(0 2 ? * SUN *)")
	policytest.Set(rs[0], map[string]any{"deleteAfter": 365, "coldStorageAfter": 30}, "rules", 0, "lifecycle")
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-005",
	Resources:       resBackupFixture,
	BaselineMessage: "every rule of plan platinum-plan (1) keeps recovery points at least 35 days",
	Cases: []policytest.Case{
		{
			Name: "kept 7 days",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 7, "rules", 0, "lifecycle", "deleteAfter")
			},
			Want:    policy.StatusFail,
			Message: `plan platinum-plan rule "every-4-hours" keeps recovery points 7 days (lifecycle.deleteAfter); the platinum profile requires at least 35`,
		},
		{
			Name: "no deleteAfter",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "rules", 0, "lifecycle", "deleteAfter")
			},
			Want:    policy.StatusPass,
			Message: "every rule of plan platinum-plan (1) keeps recovery points at least 35 days",
		},
		{
			Name: "deleteAfter computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "rules", 0, "lifecycle", "deleteAfter")
			},
			Want:    policy.StatusUnknown,
			Message: `computed at preview: plan platinum-plan rule "every-4-hours" lifecycle.deleteAfter; the platinum profile requires retention of at least 35 days`,
		},
		{
			Name:    "bronze archived after 30 and kept a year",
			Mutate:  resBronzePlan,
			Want:    policy.StatusPass,
			Message: "every rule of plan platinum-plan (1) keeps recovery points at least 365 days and archives them after 30",
		},
		{
			Name: "bronze kept 35 days",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				resBronzePlan(rs, ctx)
				policytest.Set(rs[0], 35, "rules", 0, "lifecycle", "deleteAfter")
			},
			Want:    policy.StatusFail,
			Message: `plan platinum-plan rule "every-4-hours" keeps recovery points 35 days (lifecycle.deleteAfter); the bronze profile requires at least 365`,
		},
		{
			Name: "bronze archived after 90",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				resBronzePlan(rs, ctx)
				policytest.Set(rs[0], 90, "rules", 0, "lifecycle", "coldStorageAfter")
			},
			Want:    policy.StatusFail,
			Message: `plan platinum-plan rule "every-4-hours" moves recovery points to cold storage after 90 days (lifecycle.coldStorageAfter); the bronze profile archives after 30`,
		},
		{
			Name: "bronze not archived",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				resBronzePlan(rs, ctx)
				policytest.Delete(rs[0], "rules", 0, "lifecycle", "coldStorageAfter")
			},
			Want:    policy.StatusFail,
			Message: `plan platinum-plan rule "every-4-hours" sets no lifecycle.coldStorageAfter; the bronze profile archives after 30 days`,
		},
		{
			Name: "bronze archive computed",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				resBronzePlan(rs, ctx)
				policytest.SetComputed(rs[0], "rules", 0, "lifecycle", "coldStorageAfter")
			},
			Want:    policy.StatusUnknown,
			Message: `computed at preview: plan platinum-plan rule "every-4-hours" lifecycle.coldStorageAfter; the bronze profile requires retention of at least 365 days`,
		},
		{
			Name:    "rules computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "rules") },
			Want:    policy.StatusUnknown,
			Message: "computed at preview: plan platinum-plan rules; the platinum profile requires retention of at least 35 days",
		},
		{
			Name:    "plan without rules",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], []any{}, "rules") },
			Want:    policy.StatusNotApplicable,
			Message: "plan platinum-plan has no rule to check (PCLZ-AWS-RES-004 requires one)",
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; the rule covers tier stacks",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the required backup retention is not known",
		},
	},
})
