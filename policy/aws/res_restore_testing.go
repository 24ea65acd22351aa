package aws

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-012",
		Title: "Restores of every backup plan's recovery points are tested on the tier's cadence",
		Description: "A backup that has never been restored is a hope, not a control: NCSC principle 2.6 asks that " +
			"data can be recovered. Every AWS Backup plan in a tier stack must have its recovery points tested " +
			"by an aws:backup/restoreTestingPlan:RestoreTestingPlan whose `recoveryPointSelection.includeVaults` " +
			"names a vault the plan backs up to (by reference, its name in an ARN, or \"*\"), whose " +
			"`scheduleExpression` leaves no gap longer than the profile's Backup.RestoreTestDays (30 days for " +
			"Platinum, 90 for Gold, 180 for Bronze; a month counts as 31 days), and which has at least one " +
			"aws:backup/restoreTestingSelection:RestoreTestingSelection. A stack with no restore testing plan at " +
			"all is not known (restore tests may be run from another stack of the account, or by the runbook); " +
			"one whose restore testing plans leave the plan untested fails, naming it. Foundation stacks are not " +
			"covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupPlan, typeBackupVault, typeBackupRestoreTestingPlan, typeBackupRestoreTestingSelection},
		Remediation: "Add an aws:backup/restoreTestingPlan:RestoreTestingPlan with `recoveryPointSelection.includeVaults` " +
			"[the plan's vault ARN] and a `scheduleExpression` at least every profile.Backup.RestoreTestDays (for " +
			"example cron(0 3 1 1/2 ? *) for 90 days), and an aws:backup/restoreTestingSelection:RestoreTestingSelection " +
			"for the tier's resource types (EC2, RDS) by the tier's tags.",
		References: []policy.Reference{
			{Source: "AWS Backup", ID: "restore-testing"},
		},
		Waivable: true,
		Reads: append(policy.Reads(typeBackupRestoreTestingPlan, "recoveryPointSelection.includeVaults", "scheduleExpression"),
			policy.Reads(typeBackupRestoreTestingSelection, "restoreTestingPlanName")...),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		return resPerTier(ctx, rs, typeBackupPlan, "backup plan", "how often the tier tests restores", resRestoreTested)
	},
})

// resRestoreTested decides whether a restore testing plan of the stack tests the recovery points of
// backup plan p on the tier's cadence.
func resRestoreTested(ctx *policy.Context, rs []*policy.Resource, p *policy.Resource) policy.Result {
	days, prof := ctx.Profile.Backup.RestoreTestDays, resProfileName(ctx)
	tests := resOfType(rs, typeBackupRestoreTestingPlan)
	if len(tests) == 0 {
		return policy.Undecided("no restore testing plan (aws:backup/restoreTestingPlan:RestoreTestingPlan) in the stack; restores may be tested from another stack of the account or by the runbook, which this stack cannot show; %s tests a restore at least every %d days", prof, days)
	}
	// The vaults the plan backs up to: those its rules name on the plan's own provider (a copy action's
	// vault in another account is tested there).
	var vaults []*policy.Resource
	for _, v := range resOfType(rs, typeBackupVault) {
		if p.Refers("rules", v) && (v.Provider == nil || p.Provider == nil || v.Provider.URN == p.Provider.URN) {
			vaults = append(vaults, v)
		}
	}
	var reasons, unknown []string
	for _, t := range tests {
		vault, k := resTestsVault(t, vaults)
		switch k {
		case policy.Unknown:
			unknown = append(unknown, fmt.Sprintf("restore testing plan %s includeVaults", t.Name))
			continue
		case policy.Absent:
			continue
		}
		sched, sk := policy.Str(t.Get("scheduleExpression"))
		if sk == policy.Unknown {
			unknown = append(unknown, fmt.Sprintf("restore testing plan %s scheduleExpression", t.Name))
			continue
		}
		hours, err := resRestoreGapHours(sched)
		switch {
		case err != nil:
			reasons = append(reasons, fmt.Sprintf("restore testing plan %s schedule %q is not recognised (%v)", t.Name, sched, err))
			continue
		case hours > days*24:
			reasons = append(reasons, fmt.Sprintf("restore testing plan %s runs %s (%s)", t.Name, resGapText(hours), sched))
			continue
		}
		sels, unlinked := resLinked(rs, typeBackupRestoreTestingSelection, "restoreTestingPlanName", t)
		if len(sels) == 0 {
			if unlinked {
				unknown = append(unknown, fmt.Sprintf("a restore testing selection's restoreTestingPlanName (plan %s)", t.Name))
			} else {
				reasons = append(reasons, fmt.Sprintf("restore testing plan %s has no restore testing selection, so it restores nothing", t.Name))
			}
			continue
		}
		var types []string
		for _, s := range sels {
			if typ, k := policy.Str(s.Get("protectedResourceType")); k == policy.Present && !slices.Contains(types, typ) {
				types = append(types, typ)
			}
		}
		slices.Sort(types) // the stack's resource order is not the program's
		return policy.Pass("restore testing plan %s tests restores from %s %s (%s), within the %d days %s allows, for %s",
			t.Name, vault, resGapText(hours), sched, days, prof, strings.Join(types, ", "))
	}
	switch {
	case len(reasons) > 0:
		return policy.Fail("%s; %s tests a restore at least every %d days", strings.Join(reasons, "; "), prof, days)
	case len(unknown) > 0:
		return policy.Undecided("computed at preview: %s; %s tests a restore at least every %d days", strings.Join(unknown, ", "), prof, days)
	}
	return policy.Fail("no restore testing plan includes a vault this plan backs up to (recoveryPointSelection.includeVaults), so its recovery points are never test-restored; %s tests a restore at least every %d days", prof, days)
}

// resTestsVault reports whether restore testing plan t includes one of vaults (by reference, "*", or
// the vault's name at the end of an ARN), and names what it includes.
func resTestsVault(t *policy.Resource, vaults []*policy.Resource) (string, policy.Known) {
	for _, v := range vaults {
		if t.Refers("recoveryPointSelection", v) {
			return "vault " + v.Name, policy.Present
		}
	}
	arns, k := policy.Strings(t.Get("recoveryPointSelection", "includeVaults"))
	if k == policy.Unknown {
		if len(t.PropertyDependencies["recoveryPointSelection"]) > 0 {
			return "", policy.Absent // computed from other resources than these vaults
		}
		return "", policy.Unknown
	}
	for _, a := range arns {
		if a == "*" {
			return `every vault ("*")`, policy.Present
		}
		for _, v := range vaults {
			if name, nk := policy.Str(v.Get("name")); nk == policy.Present && name != "" && strings.HasSuffix(a, ":backup-vault:"+name) {
				return "vault " + v.Name, policy.Present
			}
		}
	}
	return "", policy.Absent
}

// resRestoreGapHours returns the longest gap in hours between two runs of a restore testing schedule:
// the forms resCronInterval reads (hourly, daily, weekly), or a fixed day of the month every N months
// (cron(M H D * ? *), cron(M H D 1/N ? *), cron(M H D */N ? *)), counting a month as 31 days.
func resRestoreGapHours(expr string) (int, error) {
	if h, err := resCronInterval(expr); err != nil || h < resIrregular {
		return h, err
	}
	f := strings.Fields(strings.TrimSpace(expr)[len("cron(") : len(strings.TrimSpace(expr))-1])
	if d, err := strconv.Atoi(f[2]); err != nil || d < 1 || d > 31 || f[4] != "?" || f[5] != "*" {
		return 0, fmt.Errorf("not a fixed day of the month every N months")
	}
	months := 1
	if f[3] != "*" {
		base, step, ok := strings.Cut(f[3], "/")
		n, err := strconv.Atoi(step)
		b, berr := strconv.Atoi(base)
		if !ok || err != nil || n < 1 || n > 12 || (base != "*" && (berr != nil || b < 1 || b > 12)) {
			return 0, fmt.Errorf("month field %q is not * or an increment 1/N", f[3])
		}
		months = n
	}
	return months * 31 * 24, nil
}

// resGapText describes a gap in hours: hourly, daily, weekly, or in days.
func resGapText(hours int) string {
	if hours < resIrregular {
		return resIntervalText(hours)
	}
	return fmt.Sprintf("at gaps of up to %d days", hours/24)
}
