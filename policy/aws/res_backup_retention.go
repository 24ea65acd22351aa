package aws

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-005",
		Title: "Backup plan rules keep recovery points as long as the tier requires",
		Description: "Every rule of every AWS Backup plan in a tier stack must keep its recovery points at least " +
			"Backup.RetentionDays (lifecycle.deleteAfter; 35 days for Platinum and Gold, 365 for Bronze) and, " +
			"where the profile archives (Backup.ArchiveAfterDays > 0: Bronze, 30 days), move them to cold " +
			"storage after exactly that many days (lifecycle.coldStorageAfter). Where the profile does not " +
			"archive, coldStorageAfter is not checked. A rule without deleteAfter keeps its recovery points " +
			"until someone deletes them, which meets any minimum. A failure names the plan to change. " +
			"Foundation stacks are not covered. Each plan is judged on its own rules alone, so `pulumi up` refuses " +
			"it before it is created.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupPlan},
		Remediation: "On every aws:backup/plan:Plan rule set `lifecycle.deleteAfter` to at least " +
			"profile.Backup.RetentionDays and, when profile.Backup.ArchiveAfterDays > 0, " +
			"`lifecycle.coldStorageAfter` to exactly profile.Backup.ArchiveAfterDays.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "backup-plan-min-frequency-and-min-retention-check"},
			{Source: "AWS Config", ID: "backup-recovery-point-minimum-retention-check"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeBackupPlan, "rules.lifecycle.deleteAfter", "rules.copyActions.lifecycle.deleteAfter"),
	},
	Check: resCheckBackupRetention,
})

func resCheckBackupRetention(ctx *policy.Context, plan *policy.Resource) policy.Result {
	if resIsFoundation(ctx) {
		return policy.NotApplicable("foundation stack; the rule covers tier stacks")
	}
	if !ctx.HasTier() {
		return resTierUnknown("the required backup retention")
	}
	keep, archive := ctx.Profile.Backup.RetentionDays, ctx.Profile.Backup.ArchiveAfterDays
	prof := resProfileName(ctx)
	rules, k := resPlanRules(plan)
	if k == policy.Unknown {
		return policy.Undecided("computed at preview: plan %s rules; %s requires retention of at least %d days", plan.Name, prof, keep)
	}
	if len(rules) == 0 {
		return policy.NotApplicable("plan %s has no rule to check (PCLZ-AWS-RES-004 requires one)", plan.Name)
	}
	var fails, computed []string
	for i, rule := range rules {
		where := fmt.Sprintf("plan %s rule %s", plan.Name, resRuleName(rule, i))
		del, dk := resInt(resAt(rule, "lifecycle", "deleteAfter"))
		switch {
		case dk == policy.Unknown:
			computed = append(computed, where+" lifecycle.deleteAfter")
		case dk == policy.Absent:
			// No deleteAfter: recovery points are kept until deleted, longer than any minimum.
		case del < keep:
			fails = append(fails, fmt.Sprintf("%s keeps recovery points %d days (lifecycle.deleteAfter); %s requires at least %d", where, del, prof, keep))
		}
		if archive <= 0 {
			continue
		}
		cold, ck := resInt(resAt(rule, "lifecycle", "coldStorageAfter"))
		switch {
		case ck == policy.Unknown:
			computed = append(computed, where+" lifecycle.coldStorageAfter")
		case ck == policy.Absent:
			fails = append(fails, fmt.Sprintf("%s sets no lifecycle.coldStorageAfter; %s archives after %d days", where, prof, archive))
		case cold != archive:
			fails = append(fails, fmt.Sprintf("%s moves recovery points to cold storage after %d days (lifecycle.coldStorageAfter); %s archives after %d", where, cold, prof, archive))
		}
	}
	switch {
	case len(fails) > 0:
		return policy.Fail("%s", strings.Join(fails, "; "))
	case len(computed) > 0:
		return policy.Undecided("computed at preview: %s; %s requires retention of at least %d days", strings.Join(computed, ", "), prof, keep)
	case archive > 0:
		return policy.Pass("every rule of plan %s (%d) keeps recovery points at least %d days and archives them after %d", plan.Name, len(rules), keep, archive)
	default:
		return policy.Pass("every rule of plan %s (%d) keeps recovery points at least %d days", plan.Name, len(rules), keep)
	}
}
