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
		Title: "Every workload is patched by a maintenance window on the tier's cadence",
		Description: "NCSC principle 5.2 asks that known vulnerabilities are patched within a set time. Every " +
			"EC2 instance and auto scaling group in a stack must be selected by an " +
			"aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget (by a `tag:<key>` target its instances' " +
			"tags match, an auto scaling group's tags counting only with `propagateAtLaunch`, or by instance " +
			"ID) of an enabled aws:ssm/maintenanceWindow:MaintenanceWindow that runs an AWS-RunPatchBaseline " +
			"(or AWS-RunPatchBaselineWithHooks, AWS-PatchAsgInstance) task and whose schedule leaves no gap " +
			"longer than the tier's Patching.CadenceDays (7 days on every tier). A workload in a patch group " +
			"(`Patch Group` or `PatchGroup` tag) must get its group's baseline when the stack registers patch " +
			"groups (aws:ssm/patchGroup:PatchGroup). A stack with no maintenance window target at all is not " +
			"known (a central maintenance window or a Patch Manager patch policy may patch it); one whose " +
			"targets leave a workload out fails, naming it. A stack without a workload is not covered.",
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

// audLaunchTags returns the tags the workload's instances carry: an instance's effective tags, or an auto
// scaling group's tags with propagateAtLaunch. computed is true when they cannot be told.
func audLaunchTags(r *policy.Resource) (tags map[string]string, computed bool) {
	if r.Type != typeAutoscalingGroup {
		t, unknown, c := r.Tags()
		return t, c || len(unknown) > 0
	}
	items, lk := policy.List(r.Get("tags"))
	if lk == policy.Unknown {
		return nil, true
	}
	tags = map[string]string{}
	for _, it := range items {
		key, kk := policy.Str(resAt(it, "key"))
		v, vk := policy.Str(resAt(it, "value"))
		prop := resAt(it, "propagateAtLaunch")
		on, _ := policy.Bool(prop)
		if kk == policy.Unknown || vk == policy.Unknown || prop.IsComputed() {
			return nil, true
		}
		if on {
			tags[key] = v
		}
	}
	return tags, false
}

func audPatched(ctx *policy.Context, rs []*policy.Resource, w *policy.Resource) policy.Result {
	cadence := ctx.Profile.Patching.CadenceDays
	prof := resProfileName(ctx)
	targets := resOfType(rs, typeSSMMaintenanceWindowTarget)
	if len(targets) == 0 {
		return policy.Undecided("the stack holds no maintenance window target; the workload may be patched from another stack (a central maintenance window or a Patch Manager patch policy), which this stack cannot show")
	}
	tags, tagsComputed := audLaunchTags(w)
	var reasons, computed []string
	selected := false
	for _, t := range targets {
		how, tk := audTargetSelects(t, w, tags, tagsComputed)
		switch tk {
		case policy.Unknown:
			computed = append(computed, fmt.Sprintf("maintenance window target %s (%s)", t.Name, how))
			continue
		case policy.Absent:
			continue
		}
		selected = true
		for _, win := range resOfType(rs, typeSSMMaintenanceWindow) {
			if !t.Refers("windowId", win) {
				continue
			}
			res := audWindowPatches(rs, win, cadence)
			switch res.Status {
			case policy.StatusPass:
				if r := audBaseline(rs, tags); r.Status != "" {
					return r
				}
				return policy.Pass("patched by maintenance window %s (target %s by %s) %s", win.Name, t.Name, how, res.Message)
			case policy.StatusUnknown:
				computed = append(computed, res.Message)
			default:
				reasons = append(reasons, res.Message)
			}
		}
	}
	switch {
	case len(reasons) > 0:
		return policy.Fail("%s; %s patches every workload at least every %d days", strings.Join(reasons, "; "), prof, cadence)
	case len(computed) > 0:
		return policy.Undecided("computed at preview: %s; the workload must be patched at least every %d days", strings.Join(computed, ", "), cadence)
	case selected:
		return policy.Undecided("the maintenance window of the target that selects the workload is not in the stack")
	}
	return policy.Fail("no maintenance window target (aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget) selects this workload, by a tag its instances carry or by instance ID, so no maintenance window patches it; %s patches every workload at least every %d days", prof, cadence)
}

// audBaseline checks that a workload in a patch group (the Patch Group tag) gets its group's baseline: when
// the stack registers patch groups, one must be this workload's. An empty result is sound.
func audBaseline(rs []*policy.Resource, tags map[string]string) policy.Result {
	var group string
	for _, k := range audPatchTagKeys {
		if v, ok := tags[k]; ok {
			group = v
			break
		}
	}
	groups := resOfType(rs, typeSSMPatchGroup)
	if group == "" || len(groups) == 0 {
		return policy.Result{}
	}
	for _, pg := range groups {
		v, vk := policy.Str(pg.Get("patchGroup"))
		if vk == policy.Unknown {
			return policy.Undecided("a patch group's patchGroup is computed, so whether patch group %q has a baseline is not known", group)
		}
		if v == group {
			return policy.Result{}
		}
	}
	return policy.Fail("the workload is in patch group %q, which no aws:ssm/patchGroup:PatchGroup registers with a baseline, so the tier's approval delays do not apply to it", group)
}

// audTargetSelects reports whether a maintenance window target selects workload w: by a tag:<key> target
// its instances' tags match, or (an instance) by instance ID. how says by what, or what is computed.
func audTargetSelects(t, w *policy.Resource, tags map[string]string, tagsComputed bool) (string, policy.Known) {
	items, k := policy.List(t.Get("targets"))
	if k == policy.Unknown {
		return "targets is computed", policy.Unknown
	}
	for _, it := range items {
		key, kk := policy.Str(resAt(it, "key"))
		vals, vk := policy.Strings(resAt(it, "values"))
		if kk == policy.Unknown || vk == policy.Unknown {
			if w.Type == typeEC2Instance && t.Refers("targets", w) {
				return "instance ID", policy.Present
			}
			return "targets is computed", policy.Unknown
		}
		switch {
		case strings.HasPrefix(key, "tag:"):
			tag := strings.TrimPrefix(key, "tag:")
			if tagsComputed {
				return "the workload's tags are computed", policy.Unknown
			}
			if v, ok := tags[tag]; ok && slices.Contains(vals, v) {
				return fmt.Sprintf("tag %s=%s", tag, v), policy.Present
			}
		case key == "InstanceIds" && w.Type == typeEC2Instance:
			if t.Refers("targets", w) || (w.ID != "" && slices.Contains(vals, w.ID)) {
				return "instance ID", policy.Present
			}
		}
	}
	return "", policy.Absent
}

// audWindowPatches decides whether window win is enabled, runs a patch task and meets the cadence. A pass's
// message reads "(schedule ...)"; other messages name the window.
func audWindowPatches(rs []*policy.Resource, win *policy.Resource, cadenceDays int) policy.Result {
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
		return policy.Fail("maintenance window %s schedule %q is not recognised (%v)", win.Name, sched, err)
	case hours > cadenceDays*24:
		return policy.Fail("maintenance window %s runs %s (%s)", win.Name, resIntervalText(hours), sched)
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
