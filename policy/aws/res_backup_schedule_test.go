package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resBackupFixture is a Platinum tier's backup: rs[0] the plan (one rule every 4 hours, kept 35 days),
// rs[1] its selection, rs[2] the vault, rs[3] the vault's compliance-mode lock.
func resBackupFixture() []*policy.Resource {
	vault := policytest.AWS(typeBackupVault, "platinum-vault", map[string]any{
		"name":      "pos-platinum",
		"kmsKeyArn": policy.UnknownSentinel,
	})
	plan := policytest.AWS(typeBackupPlan, "platinum-plan", map[string]any{
		"name": "pos-platinum",
		"rules": []any{map[string]any{
			"ruleName":        "every-4-hours",
			"targetVaultName": "pos-platinum",
			"schedule":        "cron(0 */4 * * ? *)",
			"lifecycle":       map[string]any{"deleteAfter": 35},
		}},
	})
	policytest.Link(plan, "rules", vault)
	sel := policytest.AWS(typeBackupSelection, "platinum-selection", map[string]any{
		"name":       "tier-resources",
		"planId":     policy.UnknownSentinel,
		"iamRoleArn": policy.UnknownSentinel,
		"selectionTags": []any{map[string]any{
			"type": "STRINGEQUALS", "key": "Tier", "value": "Platinum",
		}},
	})
	policytest.Link(sel, "planId", plan)
	lock := policytest.AWS(typeBackupVaultLockConfiguration, "platinum-vault-lock", map[string]any{
		"backupVaultName":   policy.UnknownSentinel,
		"changeableForDays": 3,
		"minRetentionDays":  7,
		"maxRetentionDays":  400,
	})
	policytest.Link(lock, "backupVaultName", vault)
	return []*policy.Resource{plan, sel, vault, lock}
}

// resSetSchedule replaces the first plan rule's schedule.
func resSetSchedule(rs []*policy.Resource, cron string) {
	policytest.Set(rs[0], cron, "rules", 0, "schedule")
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-004",
	Resources:       resBackupFixture,
	BaselineMessage: `backup plan platinum-plan rule "every-4-hours" runs every 4 hours (cron(0 */4 * * ? *)); the platinum profile requires every 4 hours`,
	Cases: []policytest.Case{
		{
			Name:    "daily schedule on platinum",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { resSetSchedule(rs, "cron(0 1 * * ? *)") },
			Want:    policy.StatusFail,
			Message: `no backup plan rule runs every 4 hours or more often: plan platinum-plan rule "every-4-hours" runs daily (cron(0 1 * * ? *)); the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)`,
		},
		{
			Name:    "every 6 hours on platinum",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { resSetSchedule(rs, "cron(30 0/6 * * ? *)") },
			Want:    policy.StatusFail,
			Message: `no backup plan rule runs every 4 hours or more often: plan platinum-plan rule "every-4-hours" runs every 6 hours (cron(30 0/6 * * ? *)); the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)`,
		},
		{
			Name:    "every 4 hours on weekdays only",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { resSetSchedule(rs, "cron(0 */4 ? * MON-FRI *)") },
			Want:    policy.StatusFail,
			Message: `no backup plan rule runs every 4 hours or more often: plan platinum-plan rule "every-4-hours" runs at gaps of up to 3 days (cron(0 */4 ? * MON-FRI *)); the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)`,
		},
		{
			Name:    "0/4 form",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { resSetSchedule(rs, "cron(15 0/4 * * ? *)") },
			Want:    policy.StatusPass,
			Message: `backup plan platinum-plan rule "every-4-hours" runs every 4 hours (cron(15 0/4 * * ? *)); the platinum profile requires every 4 hours`,
		},
		{
			Name:    "unrecognised schedule",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { resSetSchedule(rs, "rate(4 hours)") },
			Want:    policy.StatusFail,
			Message: `no backup plan rule runs every 4 hours or more often: plan platinum-plan rule "every-4-hours" schedule "rate(4 hours)" is not a recognised AWS Backup cron expression (not a cron(...) expression); the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)`,
		},
		{
			Name:    "rule without schedule",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "rules", 0, "schedule") },
			Want:    policy.StatusFail,
			Message: `no backup plan rule runs every 4 hours or more often: plan platinum-plan rule "every-4-hours" has no schedule; the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)`,
		},
		{
			Name:    "plan without rules",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], []any{}, "rules") },
			Want:    policy.StatusFail,
			Message: "no backup plan has a rule; the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)",
		},
		{
			Name: "no backup plan",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeBackupVault, "other-vault", map[string]any{"name": "other"})
			},
			Want:    policy.StatusFail,
			Message: "no backup plan (aws:backup/plan:Plan) in the stack; the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)",
		},
		{
			Name: "no backup plan in a stack with no stack file",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[0] = policytest.AWS(typeBackupVault, "other-vault", map[string]any{"name": "other"})
				ctx.Role, ctx.RoleInferred = "tier", true
			},
			Want: policy.StatusUnknown,
			Message: "no backup plan (aws:backup/plan:Plan) in the stack and no stack file says it is a tier stack: a tier stack " +
				"elsewhere may select these resources by tag; the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)",
		},
		{
			Name:    "schedule computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "rules", 0, "schedule") },
			Want:    policy.StatusUnknown,
			Message: `computed at preview: plan platinum-plan rule "every-4-hours" schedule; the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)`,
		},
		{
			Name:    "rules computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "rules") },
			Want:    policy.StatusUnknown,
			Message: "computed at preview: plan platinum-plan rules; the platinum profile requires backups every 4 hours, for example cron(0 */4 * * ? *)",
		},
		{
			Name: "gold daily",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				resSetSchedule(rs, "cron(0 1 * * ? *)")
			},
			Want:    policy.StatusPass,
			Message: `backup plan platinum-plan rule "every-4-hours" runs daily (cron(0 1 * * ? *)); the gold profile requires daily`,
		},
		{
			Name: "gold weekly",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				resSetSchedule(rs, "cron(0 1 ? * SUN *)")
			},
			Want:    policy.StatusFail,
			Message: `no backup plan rule runs daily or more often: plan platinum-plan rule "every-4-hours" runs weekly (cron(0 1 ? * SUN *)); the gold profile requires backups daily, for example cron(0 1 * * ? *)`,
		},
		{
			Name: "bronze weekly",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				resSetSchedule(rs, "cron(0 2 ? * 1 *)")
			},
			Want:    policy.StatusPass,
			Message: `backup plan platinum-plan rule "every-4-hours" runs weekly (cron(0 2 ? * 1 *)); the bronze profile requires weekly`,
		},
		{
			Name: "bronze monthly",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				resSetSchedule(rs, "cron(0 2 1 * ? *)")
			},
			Want:    policy.StatusFail,
			Message: `no backup plan rule runs weekly or more often: plan platinum-plan rule "every-4-hours" runs less often than weekly (cron(0 2 1 * ? *)); the bronze profile requires backups weekly, for example cron(0 1 ? * SUN *)`,
		},
		{
			Name:    "profile without a frequency",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Profile.Backup.Frequency = "" },
			Want:    policy.StatusPass,
			Message: "the platinum profile requires no scheduled backups",
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; the rule covers tier stacks",
		},
		{
			Name:    "organisation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "organization" },
			Want:    policy.StatusNotApplicable,
			Message: "organization stack; the rule covers tier stacks (the organisation's log archive is kept under object lock, not backed up)",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the required backup frequency is not known",
		},
	},
})
