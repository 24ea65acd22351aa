package aws

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-005",
		Title: "Backup plan rules keep recovery points as long as the tier requires",
		Description: "Every rule of every AWS Backup plan in a tier stack must keep its recovery points at least " +
			"Backup.RetentionDays (lifecycle.deleteAfter; 35 days for Platinum and Gold, 365 for Bronze) and, " +
			"where the profile archives (Backup.ArchiveAfterDays > 0: Bronze, 30 days), move them to cold " +
			"storage after exactly that many days (lifecycle.coldStorageAfter). Where the profile does not " +
			"archive, coldStorageAfter is not checked. A rule without deleteAfter keeps its recovery points " +
			"until someone deletes them, which meets any minimum. A failure names the plan to change. " +
			"Foundation stacks are not covered.",
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

func resCheckBackupRetention(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
	one := func(r policy.Result) []policy.Result { return []policy.Result{r} }
	if resIsFoundation(ctx) {
		return one(policy.NotApplicable("foundation stack; the rule covers tier stacks"))
	}
	if !ctx.HasTier() {
		return one(resTierUnknown("the required backup retention"))
	}
	plans := resOfType(rs, typeBackupPlan)
	if len(plans) == 0 {
		return one(policy.NotApplicable("no backup plan in the stack to check (PCLZ-AWS-RES-004 requires one)"))
	}
	keep, archive := ctx.Profile.Backup.RetentionDays, ctx.Profile.Backup.ArchiveAfterDays
	prof := resProfileName(ctx)
	var fails, computed []string
	var failing []policy.Result
	n := 0
	for _, plan := range plans {
		before := len(fails)
		rules, k := resPlanRules(plan)
		if k == policy.Unknown {
			computed = append(computed, fmt.Sprintf("plan %s rules", plan.Name))
			continue
		}
		for i, rule := range rules {
			n++
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
		if len(fails) > before {
			res := policy.Fail("%s", strings.Join(fails[before:], "; "))
			res.URN = plan.URN
			failing = append(failing, res)
		}
	}
	switch {
	case len(failing) > 0:
		return failing
	case len(computed) > 0:
		return one(policy.Undecided("computed at preview: %s; %s requires retention of at least %d days", strings.Join(computed, ", "), prof, keep))
	case n == 0:
		return one(policy.NotApplicable("no backup plan rule in the stack to check (PCLZ-AWS-RES-004 requires one)"))
	case archive > 0:
		return one(policy.Pass("every backup plan rule (%d) keeps recovery points at least %d days and archives them after %d", n, keep, archive))
	default:
		return one(policy.Pass("every backup plan rule (%d) keeps recovery points at least %d days", n, keep))
	}
}
