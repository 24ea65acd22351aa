package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// audPatchFixture is a workload auto scaling group in patch group platinum-linux, the group's baseline
// registration and the weekly maintenance window that patches it.
func audPatchFixture() []*policy.Resource {
	asg := policytest.AWS(typeAutoscalingGroup, "records-asg", map[string]any{
		"tags": []any{map[string]any{"key": "Patch Group", "value": "platinum-linux", "propagateAtLaunch": true}},
	})
	pg := policytest.AWS(typeSSMPatchGroup, "platinum-linux", map[string]any{
		"patchGroup": "platinum-linux", "baselineId": policy.UnknownSentinel,
	})
	win := policytest.AWS(typeSSMMaintenanceWindow, "platinum-patch", map[string]any{
		"schedule": "cron(0 2 ? * SUN *)", "duration": 3, "cutoff": 1,
	})
	target := policytest.AWS(typeSSMMaintenanceWindowTarget, "platinum-patch-target", map[string]any{
		"windowId": policy.UnknownSentinel, "resourceType": "INSTANCE",
		"targets": []any{map[string]any{"key": "tag:Patch Group", "values": []any{"platinum-linux"}}},
	})
	policytest.Link(target, "windowId", win)
	task := policytest.AWS(typeSSMMaintenanceWindowTask, "platinum-patch-task", map[string]any{
		"windowId": policy.UnknownSentinel, "taskArn": "AWS-RunPatchBaseline", "taskType": "RUN_COMMAND",
	})
	policytest.Link(task, "windowId", win)
	return []*policy.Resource{asg, pg, win, target, task}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-AUD-009",
	Resources:       audPatchFixture,
	Subject:         policytest.URN(typeAutoscalingGroup, "records-asg"),
	BaselineMessage: `patch group "platinum-linux" (tag Patch Group) is patched by maintenance window platinum-patch (cron(0 2 ? * SUN *), weekly)`,
	Cases: []policytest.Case{
		{
			Name:    "no patch group tag",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "tags") },
			Want:    policy.StatusFail,
			Message: "the workload carries no patch group tag (Patch Group or PatchGroup), so no patch baseline or maintenance window applies to it; the platinum profile patches every workload at least every 7 days",
		},
		{
			Name: "tag not propagated to instances",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "tags", 0, "propagateAtLaunch")
			},
			Want:    policy.StatusFail,
			Message: "its Patch Group tag has no propagateAtLaunch, so the instances it launches carry no patch group; the platinum profile patches every workload at least every 7 days",
		},
		{
			Name:    "patch group without a baseline",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "gold-linux", "patchGroup") },
			Want:    policy.StatusFail,
			Message: `no aws:ssm/patchGroup:PatchGroup registers patch group "platinum-linux" with a patch baseline`,
		},
		{
			Name: "no target selects the group",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], []string{"gold-linux"}, "targets", 0, "values")
			},
			Want:    policy.StatusFail,
			Message: "no maintenance window target (aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget) selects tag:Patch Group=platinum-linux, so no maintenance window patches this workload; the platinum profile patches every workload at least every 7 days",
		},
		{
			Name:    "monthly window",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "cron(0 2 1 * ? *)", "schedule") },
			Want:    policy.StatusFail,
			Message: `patch group "platinum-linux": maintenance window platinum-patch runs less often than weekly (cron(0 2 1 * ? *)); the platinum profile patches at least every 7 days`,
		},
		{
			Name:    "every 14 days",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "rate(14 days)", "schedule") },
			Want:    policy.StatusFail,
			Message: `patch group "platinum-linux": maintenance window platinum-patch runs at gaps of up to 14 days (rate(14 days)); the platinum profile patches at least every 7 days`,
		},
		{
			Name:    "window disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], false, "enabled") },
			Want:    policy.StatusFail,
			Message: `patch group "platinum-linux": maintenance window platinum-patch is disabled (enabled: false)`,
		},
		{
			Name:    "window runs only a scan",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[4], "AWS-RunShellScript", "taskArn") },
			Want:    policy.StatusFail,
			Message: `patch group "platinum-linux": maintenance window platinum-patch runs no AWS-RunPatchBaseline task`,
		},
		{
			Name: "unrecognised schedule",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "at(2026-01-01T00:00:00)", "schedule")
			},
			Want:    policy.StatusFail,
			Message: `patch group "platinum-linux": maintenance window platinum-patch schedule "at(2026-01-01T00:00:00)" is not recognised (not a cron(...) expression); the platinum profile patches at least every 7 days`,
		},
		{
			Name:    "daily window, instance tagged PatchGroup",
			Subject: policytest.URN(typeEC2Instance, "custody"),
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Instance, "custody", map[string]any{"tags": map[string]any{"PatchGroup": "platinum-linux"}})
				policytest.Set(rs[3], "tag:PatchGroup", "targets", 0, "key")
				policytest.Set(rs[2], "cron(0 2 * * ? *)", "schedule")
			},
			Want:    policy.StatusPass,
			Message: `patch group "platinum-linux" (tag PatchGroup) is patched by maintenance window platinum-patch (cron(0 2 * * ? *), daily)`,
		},
		{
			Name: "registration and windows in another stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				for i := 1; i < len(rs); i++ {
					rs[i] = policytest.AWS(typeSSMParameter, "padding", nil)
				}
			},
			Want:    policy.StatusUnknown,
			Message: `the workload is in patch group "platinum-linux", and the stack holds no patch group registration or maintenance window target; they may be in another stack, which this stack cannot show`,
		},
		{
			Name:    "window schedule computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[2], "schedule") },
			Want:    policy.StatusUnknown,
			Message: `computed at preview: maintenance window platinum-patch schedule; patch group "platinum-linux" must be patched at least every 7 days`,
		},
		{
			Name:    "tier unknown",
			Mutate:  func(rs []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the patch cadence the workload needs is not known",
		},
	},
})
