package aws

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-004",
		Title: "Tier stacks have a backup plan on the tier's schedule",
		Description: "A tier stack must declare an AWS Backup plan with at least one rule whose schedule takes " +
			"recovery points at least as often as the tier profile's Backup.Frequency: every 4 hours for " +
			"Platinum, daily for Gold, weekly for Bronze. Schedules are read as AWS Backup cron expressions " +
			"(cron(Minutes Hours Day-of-month Month Day-of-week Year)) and judged by the longest gap between " +
			"two backups: hours */4 or 0/4 every day is every 4 hours, one fixed hour every day is daily, one " +
			"fixed hour on one day of week is weekly. A more frequent schedule also meets a less frequent " +
			"profile. Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupPlan},
		Remediation: "Create an aws:backup/plan:Plan whose rules[].schedule is cron(0 */4 * * ? *) for Platinum, " +
			"cron(0 1 * * ? *) (any fixed minute and hour) for Gold, or cron(0 1 ? * SUN *) (any fixed minute, " +
			"hour and one day of week) for Bronze.",
		References: []policy.Reference{{Source: "AWS Config", ID: "backup-plan-min-frequency-and-min-retention-check"}},
		Waivable:   true,
		Reads:      policy.Reads(typeBackupPlan, "rules.schedule"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		return []policy.Result{resCheckBackupSchedule(ctx, rs)}
	},
})

func resCheckBackupSchedule(ctx *policy.Context, rs []*policy.Resource) policy.Result {
	if resIsFoundation(ctx) {
		return policy.NotApplicable("foundation stack; the rule covers tier stacks")
	}
	if ctx != nil && ctx.Role == audStackRoleOrganization {
		return policy.NotApplicable("organization stack; the rule covers tier stacks (the organisation's log archive is kept under object lock, not backed up)")
	}
	if !ctx.HasTier() {
		return resTierUnknown("the required backup frequency")
	}
	freq := ctx.Profile.Backup.Frequency
	need := freq.IntervalHours()
	if need == 0 {
		return policy.Pass("%s requires no scheduled backups", resProfileName(ctx))
	}
	want := fmt.Sprintf("%s requires backups %s, for example %s", resProfileName(ctx), resFrequencyText(freq), resFrequencyExample(freq))
	plans := resOfType(rs, typeBackupPlan)
	if len(plans) == 0 && ctx.RoleInferred {
		return policy.Undecided("no backup plan (aws:backup/plan:Plan) in the stack and no stack file says it is a tier stack: "+
			"a tier stack elsewhere may select these resources by tag; %s", want)
	}
	if len(plans) == 0 {
		return policy.Fail("no backup plan (aws:backup/plan:Plan) in the stack; %s", want)
	}
	var found, computed []string
	for _, plan := range plans {
		rules, k := resPlanRules(plan)
		if k == policy.Unknown {
			computed = append(computed, fmt.Sprintf("plan %s rules", plan.Name))
			continue
		}
		for i, rule := range rules {
			where := fmt.Sprintf("plan %s rule %s", plan.Name, resRuleName(rule, i))
			sched, sk := policy.Str(resAt(rule, "schedule"))
			switch sk {
			case policy.Unknown:
				computed = append(computed, where+" schedule")
				continue
			case policy.Absent:
				found = append(found, where+" has no schedule")
				continue
			}
			gap, err := resCronInterval(sched)
			if err != nil {
				found = append(found, fmt.Sprintf("%s schedule %q is not a recognised AWS Backup cron expression (%v)", where, sched, err))
				continue
			}
			if gap <= need {
				return policy.Pass("backup %s runs %s (%s); %s requires %s", where, resIntervalText(gap), sched,
					resProfileName(ctx), resFrequencyText(freq))
			}
			found = append(found, fmt.Sprintf("%s runs %s (%s)", where, resIntervalText(gap), sched))
		}
	}
	if len(computed) > 0 {
		return policy.Undecided("computed at preview: %s; %s", strings.Join(computed, ", "), want)
	}
	if len(found) == 0 {
		return policy.Fail("no backup plan has a rule; %s", want)
	}
	return policy.Fail("no backup plan rule runs %s or more often: %s; %s", resFrequencyText(freq), strings.Join(found, "; "), want)
}
