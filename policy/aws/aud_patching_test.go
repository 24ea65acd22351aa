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

var audNoTarget = "no maintenance window target (aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget) selects this workload, by a tag its instances carry or by instance ID, so no maintenance window patches it; the platinum profile patches every workload at least every 7 days"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-AUD-009",
	Resources:       audPatchFixture,
	Subject:         policytest.URN(typeAutoscalingGroup, "records-asg"),
	BaselineMessage: "patched by maintenance window platinum-patch (target platinum-patch-target by tag Patch Group=platinum-linux) (cron(0 2 ? * SUN *), weekly)",
	Cases: []policytest.Case{
		{
			Name:    "no tag the target selects",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "tags") },
			Want:    policy.StatusFail,
			Message: audNoTarget,
		},
		{
			Name: "tag not propagated to instances",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "tags", 0, "propagateAtLaunch")
			},
			Want:    policy.StatusFail,
			Message: audNoTarget,
		},
		{
			Name:    "patch group without a baseline",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "gold-linux", "patchGroup") },
			Want:    policy.StatusFail,
			Message: `the workload is in patch group "platinum-linux", which no aws:ssm/patchGroup:PatchGroup registers with a baseline, so the tier's approval delays do not apply to it`,
		},
		{
			Name: "target selects another group",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], []string{"gold-linux"}, "targets", 0, "values")
			},
			Want:    policy.StatusFail,
			Message: audNoTarget,
		},
		{
			Name: "selected by the Tier tag, no patch group (default baseline)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"key": "Tier", "value": "Platinum", "propagateAtLaunch": true}}, "tags")
				policytest.Set(rs[3], []any{map[string]any{"key": "tag:Tier", "values": []any{"Platinum"}}}, "targets")
			},
			Want:    policy.StatusPass,
			Message: "patched by maintenance window platinum-patch (target platinum-patch-target by tag Tier=Platinum) (cron(0 2 ? * SUN *), weekly)",
		},
		{
			Name:    "instance selected by instance ID",
			Subject: policytest.URN(typeEC2Instance, "custody"),
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Instance, "custody", map[string]any{"instanceType": "m6i.large"})
				policytest.Set(rs[3], []any{map[string]any{"key": "InstanceIds", "values": []any{policy.UnknownSentinel}}}, "targets")
				policytest.Link(rs[3], "targets", rs[0])
			},
			Want:    policy.StatusPass,
			Message: "patched by maintenance window platinum-patch (target platinum-patch-target by instance ID) (cron(0 2 ? * SUN *), weekly)",
		},
		{
			Name:    "monthly window",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "cron(0 2 1 * ? *)", "schedule") },
			Want:    policy.StatusFail,
			Message: "maintenance window platinum-patch runs less often than weekly (cron(0 2 1 * ? *)); the platinum profile patches every workload at least every 7 days",
		},
		{
			Name:    "every 14 days",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "rate(14 days)", "schedule") },
			Want:    policy.StatusFail,
			Message: "maintenance window platinum-patch runs at gaps of up to 14 days (rate(14 days)); the platinum profile patches every workload at least every 7 days",
		},
		{
			Name:    "window disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], false, "enabled") },
			Want:    policy.StatusFail,
			Message: "maintenance window platinum-patch is disabled (enabled: false); the platinum profile patches every workload at least every 7 days",
		},
		{
			Name:    "window runs only a script",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[4], "AWS-RunShellScript", "taskArn") },
			Want:    policy.StatusFail,
			Message: "maintenance window platinum-patch runs no AWS-RunPatchBaseline task; the platinum profile patches every workload at least every 7 days",
		},
		{
			Name: "unrecognised schedule",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "at(2026-01-01T00:00:00)", "schedule")
			},
			Want:    policy.StatusFail,
			Message: `maintenance window platinum-patch schedule "at(2026-01-01T00:00:00)" is not recognised (not a cron(...) expression); the platinum profile patches every workload at least every 7 days`,
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
			Message: "patched by maintenance window platinum-patch (target platinum-patch-target by tag PatchGroup=platinum-linux) (cron(0 2 * * ? *), daily)",
		},
		{
			Name: "maintenance windows in another stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				for i := 1; i < len(rs); i++ {
					rs[i] = policytest.AWS(typeSSMParameter, "padding", nil)
				}
			},
			Want:    policy.StatusUnknown,
			Message: "the stack holds no maintenance window target; the workload may be patched from another stack (a central maintenance window or a Patch Manager patch policy), which this stack cannot show",
		},
		{
			Name:    "window schedule computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[2], "schedule") },
			Want:    policy.StatusUnknown,
			Message: "computed at preview: maintenance window platinum-patch schedule; the workload must be patched at least every 7 days",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(rs []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the patch cadence the workload needs is not known",
		},
	},
})
