package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resRestoreTestingFixture is the tier's backups with a weekly restore testing plan on the tier's vault and
// a selection for its instances.
func resRestoreTestingFixture() []*policy.Resource {
	rs := resBackupFixture()
	vault := rs[2]
	rtp := policytest.AWS(typeBackupRestoreTestingPlan, "platinum-restore-testing", map[string]any{
		"name":               "pos_platinum_restore_test",
		"scheduleExpression": "cron(0 3 ? * MON *)",
		"recoveryPointSelection": map[string]any{
			"algorithm": "LATEST_WITHIN_WINDOW", "includeVaults": []any{policy.UnknownSentinel}, "recoveryPointTypes": []any{"SNAPSHOT"},
		},
	})
	policytest.Link(rtp, "recoveryPointSelection", vault)
	sel := policytest.AWS(typeBackupRestoreTestingSelection, "platinum-restore-testing-EC2", map[string]any{
		"name": "pos_platinum_restore_test_EC2", "restoreTestingPlanName": policy.UnknownSentinel, "protectedResourceType": "EC2",
	})
	policytest.Link(sel, "restoreTestingPlanName", rtp)
	return append(rs, rtp, sel)
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-012",
	Resources:       resRestoreTestingFixture,
	Subject:         policytest.URN(typeBackupPlan, "platinum-plan"),
	BaselineMessage: "restore testing plan platinum-restore-testing tests restores from vault platinum-vault weekly (cron(0 3 ? * MON *)), within the 30 days the platinum profile allows, for EC2",
	Cases: []policytest.Case{
		{
			Name: "monthly is too sparse for Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], "cron(0 3 1 * ? *)", "scheduleExpression")
			},
			Want:    policy.StatusFail,
			Message: "restore testing plan platinum-restore-testing runs at gaps of up to 31 days (cron(0 3 1 * ? *)); the platinum profile tests a restore at least every 30 days",
		},
		{
			Name: "every 2 months suits Gold",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				policytest.Set(rs[4], "cron(0 3 1 1/2 ? *)", "scheduleExpression")
			},
			Want:    policy.StatusPass,
			Message: "restore testing plan platinum-restore-testing tests restores from vault platinum-vault at gaps of up to 62 days (cron(0 3 1 1/2 ? *)), within the 90 days the gold profile allows, for EC2",
		},
		{
			Name: "schedule not understood",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], "cron(0 3 L * ? *)", "scheduleExpression")
			},
			Want:    policy.StatusFail,
			Message: `restore testing plan platinum-restore-testing schedule "cron(0 3 L * ? *)" is not recognised (not a fixed day of the month every N months); the platinum profile tests a restore at least every 30 days`,
		},
		{
			Name: "another vault",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[4].PropertyDependencies = nil
				policytest.Set(rs[4], []any{"arn:aws:backup:eu-west-2:111122223333:backup-vault:other"}, "recoveryPointSelection", "includeVaults")
			},
			Want:    policy.StatusFail,
			Message: "no restore testing plan includes a vault this plan backs up to (recoveryPointSelection.includeVaults), so its recovery points are never test-restored; the platinum profile tests a restore at least every 30 days",
		},
		{
			Name: "the vault by its name in an ARN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[4].PropertyDependencies = nil
				policytest.Set(rs[4], []any{"arn:aws:backup:eu-west-2:111122223333:backup-vault:pos-platinum"}, "recoveryPointSelection", "includeVaults")
			},
			Want:    policy.StatusPass,
			Message: "restore testing plan platinum-restore-testing tests restores from vault platinum-vault weekly (cron(0 3 ? * MON *)), within the 30 days the platinum profile allows, for EC2",
		},
		{
			Name: "every vault",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[4].PropertyDependencies = nil
				policytest.Set(rs[4], []any{"*"}, "recoveryPointSelection", "includeVaults")
			},
			Want:    policy.StatusPass,
			Message: `restore testing plan platinum-restore-testing tests restores from every vault ("*") weekly (cron(0 3 ? * MON *)), within the 30 days the platinum profile allows, for EC2`,
		},
		{
			Name: "no selection",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[5].PropertyDependencies = nil
				policytest.Set(rs[5], "other", "restoreTestingPlanName")
			},
			Want:    policy.StatusFail,
			Message: "restore testing plan platinum-restore-testing has no restore testing selection, so it restores nothing; the platinum profile tests a restore at least every 30 days",
		},
		{
			Name:    "schedule computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[4], "scheduleExpression") },
			Want:    policy.StatusUnknown,
			Message: "computed at preview: restore testing plan platinum-restore-testing scheduleExpression; the platinum profile tests a restore at least every 30 days",
		},
		{
			Name:    "no restore testing plan in the stack",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[4].Type, rs[5].Type = "aws:x/y:Y", "aws:x/y:Y" },
			Want:    policy.StatusUnknown,
			Message: "no restore testing plan (aws:backup/restoreTestingPlan:RestoreTestingPlan) in the stack; restores may be tested from another stack of the account or by the runbook, which this stack cannot show; the platinum profile tests a restore at least every 30 days",
		},
	},
})
