package aws

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// audPatchTagKeys are the tag keys Systems Manager Patch Manager reads a patch group from.
var audPatchTagKeys = []string{"Patch Group", "PatchGroup"}

// audPatchTasks are the Systems Manager documents a maintenance window task runs to install patches.
var audPatchTasks = []string{"AWS-RunPatchBaseline", "AWS-RunPatchBaselineWithHooks", "AWS-PatchAsgInstance"}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-009",
		Title: "Every workload is in a patch group patched on the tier's cadence",
		Description: "NCSC principle 5.2 asks that known vulnerabilities are patched within a set time. Every " +
			"EC2 instance and auto scaling group in a stack must carry a Systems Manager patch group tag " +
			"(`Patch Group` or `PatchGroup`; on an auto scaling group with `propagateAtLaunch` so its instances " +
			"carry it), that patch group must be registered with a patch baseline " +
			"(aws:ssm/patchGroup:PatchGroup), and an aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget " +
			"selecting `tag:Patch Group` (or `tag:PatchGroup`) with that value must belong to an enabled " +
			"aws:ssm/maintenanceWindow:MaintenanceWindow that runs an AWS-RunPatchBaseline (or " +
			"AWS-RunPatchBaselineWithHooks, AWS-PatchAsgInstance) task and whose schedule leaves no gap longer " +
			"than the tier's Patching.CadenceDays (7 days on every tier). A workload without the tag fails; a " +
			"stack with neither patch group registrations nor maintenance window targets is not known (they " +
			"may be in a central stack); otherwise a workload no window patches on the cadence fails. A stack " +
			"without a workload is not covered. A failure names the workload.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5.2"},
		ResourceTypes: []string{typeEC2Instance, typeAutoscalingGroup, typeSSMPatchGroup, typeSSMMaintenanceWindow, typeSSMMaintenanceWindowTarget, typeSSMMaintenanceWindowTask},
		Remediation: "Tag the workload `Patch Group=<tier>-<os>` (propagateAtLaunch on an auto scaling group), " +
			"register the group with the tier's baseline (aws:ssm/patchGroup:PatchGroup), and patch it from a " +
			"maintenance window on the tier's reboot window (profile.Patching.RebootWindow.AWSCron(), for example " +
			"cron(0 2 ? * SUN *)) with a target on `tag:Patch Group` and an AWS-RunPatchBaseline task " +
			"(Operation=Install).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "ec2-managedinstance-patch-compliance-status-check"},
			{Source: "AWS Config", ID: "ec2-instance-managed-by-systems-manager"},
			{Source: "Security Hub", ID: "SSM.1"},
			{Source: "Security Hub", ID: "SSM.2"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeEC2Instance, "tags"),
			policy.Reads(typeAutoscalingGroup, "tags"),
			policy.Reads(typeSSMPatchGroup, "patchGroup"),
			policy.Reads(typeSSMMaintenanceWindow, "schedule", "enabled"),
			policy.Reads(typeSSMMaintenanceWindowTarget, "windowId", "targets"),
			policy.Reads(typeSSMMaintenanceWindowTask, "windowId", "taskArn"),
		),
	},
	Check: audCheckPatching,
})

func audCheckPatching(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
	var out []policy.Result
	for _, r := range rs {
		if r.Type != typeEC2Instance && r.Type != typeAutoscalingGroup {
			continue
		}
		var res policy.Result
		if !ctx.HasTier() {
			res = resTierUnknown("the patch cadence the workload needs")
		} else {
			res = audPatched(ctx, rs, r)
		}
		res.URN = r.URN
		out = append(out, res)
	}
	if len(out) == 0 {
		return []policy.Result{policy.NotApplicable("no workload (EC2 instance, auto scaling group) in the stack")}
	}
	return out
}

// audPatchGroupOf returns the workload's patch group tag value; what is non-empty when it is unknown or
// absent and says why.
func audPatchGroupOf(r *policy.Resource) (group, key, why string, k policy.Known) {
	if r.Type == typeAutoscalingGroup {
		items, lk := policy.List(r.Get("tags"))
		if lk == policy.Unknown {
			return "", "", "tags is computed", policy.Unknown
		}
		for _, it := range items {
			name, _ := policy.Str(resAt(it, "key"))
			if !slices.Contains(audPatchTagKeys, name) {
				continue
			}
			v, vk := policy.Str(resAt(it, "value"))
			prop, pk := policy.Bool(resAt(it, "propagateAtLaunch"))
			switch {
			case vk == policy.Unknown || resAt(it, "propagateAtLaunch").IsComputed():
				return "", name, "the " + name + " tag is computed", policy.Unknown
			case pk != policy.Present || !prop:
				return "", name, fmt.Sprintf("its %s tag has no propagateAtLaunch, so the instances it launches carry no patch group", name), policy.Absent
			}
			return v, name, "", policy.Present
		}
		return "", "", "", policy.Absent
	}
	tags, unknown, computed := r.Tags()
	for _, key := range audPatchTagKeys {
		if computed || slices.Contains(unknown, key) {
			return "", key, "its tags are computed", policy.Unknown
		}
		if v, ok := tags[key]; ok {
			return v, key, "", policy.Present
		}
	}
	return "", "", "", policy.Absent
}

func audPatched(ctx *policy.Context, rs []*policy.Resource, w *policy.Resource) policy.Result {
	cadence := ctx.Profile.Patching.CadenceDays
	prof := resProfileName(ctx)
	group, key, why, k := audPatchGroupOf(w)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("the workload's patch group is not known: %s", why)
	case k == policy.Absent && why != "":
		return policy.Fail("%s; %s patches every workload at least every %d days", why, prof, cadence)
	case k == policy.Absent:
		return policy.Fail("the workload carries no patch group tag (Patch Group or PatchGroup), so no patch baseline or maintenance window applies to it; %s patches every workload at least every %d days", prof, cadence)
	}
	groups, targets := resOfType(rs, typeSSMPatchGroup), resOfType(rs, typeSSMMaintenanceWindowTarget)
	if len(groups) == 0 && len(targets) == 0 {
		return policy.Undecided("the workload is in patch group %q, and the stack holds no patch group registration or maintenance window target; they may be in another stack, which this stack cannot show", group)
	}
	registered, unknown := false, false
	for _, pg := range groups {
		v, vk := policy.Str(pg.Get("patchGroup"))
		switch {
		case vk == policy.Unknown:
			unknown = true
		case v == group:
			registered = true
		}
	}
	if !registered {
		if unknown {
			return policy.Undecided("a patch group's patchGroup is computed, so whether patch group %q has a baseline is not known", group)
		}
		return policy.Fail("no aws:ssm/patchGroup:PatchGroup registers patch group %q with a patch baseline", group)
	}
	var reasons, computed []string
	for _, t := range targets {
		sel, tk := audTargetSelects(t, group)
		switch {
		case tk == policy.Unknown:
			computed = append(computed, fmt.Sprintf("maintenance window target %s targets", t.Name))
			continue
		case !sel:
			continue
		}
		for _, win := range resOfType(rs, typeSSMMaintenanceWindow) {
			if !t.Refers("windowId", win) {
				continue
			}
			res := audWindowPatches(rs, win, cadence, prof)
			switch res.Status {
			case policy.StatusPass:
				return policy.Pass("patch group %q (tag %s) is patched by maintenance window %s %s", group, key, win.Name, res.Message)
			case policy.StatusUnknown:
				computed = append(computed, res.Message)
			default:
				reasons = append(reasons, res.Message)
			}
		}
	}
	switch {
	case len(reasons) > 0:
		return policy.Fail("patch group %q: %s", group, strings.Join(reasons, "; "))
	case len(computed) > 0:
		return policy.Undecided("computed at preview: %s; patch group %q must be patched at least every %d days", strings.Join(computed, ", "), group, cadence)
	}
	return policy.Fail("no maintenance window target (aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget) selects tag:%s=%s, so no maintenance window patches this workload; %s patches every workload at least every %d days", key, group, prof, cadence)
}

// audTargetSelects reports whether a maintenance window target selects instances tagged with patch group
// group.
func audTargetSelects(t *policy.Resource, group string) (bool, policy.Known) {
	items, k := policy.List(t.Get("targets"))
	if k == policy.Unknown {
		return false, policy.Unknown
	}
	for _, it := range items {
		key, kk := policy.Str(resAt(it, "key"))
		vals, vk := policy.Strings(resAt(it, "values"))
		if kk == policy.Unknown || vk == policy.Unknown {
			return false, policy.Unknown
		}
		if slices.Contains([]string{"tag:Patch Group", "tag:PatchGroup"}, key) && slices.Contains(vals, group) {
			return true, policy.Present
		}
	}
	return false, policy.Absent
}

// audWindowPatches decides whether window win is enabled, runs a patch task and meets the cadence. A pass's
// message reads "(schedule ...)"; other messages name the window.
func audWindowPatches(rs []*policy.Resource, win *policy.Resource, cadenceDays int, prof string) policy.Result {
	if on, k := policy.Bool(win.Get("enabled")); k == policy.Present && !on {
		return policy.Fail("maintenance window %s is disabled (enabled: false)", win.Name)
	}
	tasks, unlinked := resLinked(rs, typeSSMMaintenanceWindowTask, "windowId", win)
	patches := false
	for _, task := range tasks {
		arn, ak := policy.Str(task.Get("taskArn"))
		if ak == policy.Unknown {
			return policy.Undecided("maintenance window %s task %s taskArn", win.Name, task.Name)
		}
		if slices.Contains(audPatchTasks, arn) {
			patches = true
		}
	}
	if !patches {
		if unlinked {
			return policy.Undecided("a maintenance window task's windowId (window %s)", win.Name)
		}
		return policy.Fail("maintenance window %s runs no AWS-RunPatchBaseline task", win.Name)
	}
	sched, sk := policy.Str(win.Get("schedule"))
	if sk == policy.Unknown {
		return policy.Undecided("maintenance window %s schedule", win.Name)
	}
	hours, err := audScheduleHours(sched)
	switch {
	case err != nil:
		return policy.Fail("maintenance window %s schedule %q is not recognised (%v); %s patches at least every %d days", win.Name, sched, err, prof, cadenceDays)
	case hours > cadenceDays*24:
		return policy.Fail("maintenance window %s runs %s (%s); %s patches at least every %d days", win.Name, resIntervalText(hours), sched, prof, cadenceDays)
	}
	return policy.Pass("(%s, %s)", sched, resIntervalText(hours))
}

// audScheduleHours returns the longest gap in hours of a maintenance window schedule: cron(...) as AWS
// Backup schedules read, or rate(N hours|days).
func audScheduleHours(s string) (int, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "rate(") && strings.HasSuffix(s, ")") {
		f := strings.Fields(s[len("rate(") : len(s)-1])
		if len(f) == 2 {
			n, err := strconv.Atoi(f[0])
			if err == nil && n > 0 {
				switch strings.TrimSuffix(f[1], "s") {
				case "hour":
					return n, nil
				case "day":
					return n * 24, nil
				}
			}
		}
		return 0, fmt.Errorf("rate expression is not rate(N hours) or rate(N days)")
	}
	return resCronInterval(s)
}
