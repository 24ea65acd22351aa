package aws

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// Type tokens the resilience rules read (pulumi-aws v6.83.2).

// resRoleFoundation is the value of Context.Role for a landing zone's foundation stack.
const resRoleFoundation = "foundation"

// resIsFoundation reports whether the stack is known to be a foundation stack (tier-stack rules do not
// apply there).
func resIsFoundation(ctx *policy.Context) bool { return ctx != nil && ctx.Role == resRoleFoundation }

// resTierUnknown is the result of a tier-aware resilience rule when the stack's tier is not known.
func resTierUnknown(what string) policy.Result {
	return policy.Undecided("the stack's tier is not known, so %s is not known", what)
}

// resProfileName names the profile in messages ("the platinum profile").
func resProfileName(ctx *policy.Context) string { return "the " + string(ctx.Tier) + " profile" }

// resPlural returns "1 availability zone" / "2 availability zones".
func resPlural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// resOfType returns the resources of type typ, in the order given.
func resOfType(rs []*policy.Resource, typ string) []*policy.Resource {
	return slices.Clone(policy.OfType(rs, typ))
}

// resLinked returns the resources of type typ whose input prop points at target: by property dependency
// or ID (policy.Refers), or, for resources named by a plain string (backup vaults), by target's known
// "name" input. unlinked is true when some candidate's prop is computed and not linked by a property
// dependency, so it might still point at target once known (a computed prop whose property dependencies
// name other resources points at those).
func resLinked(rs []*policy.Resource, typ, prop string, target *policy.Resource) (out []*policy.Resource, unlinked bool) {
	name, nk := policy.Str(target.Get("name"))
	for _, r := range rs {
		if r == nil || r.Type != typ {
			continue
		}
		if r.Refers(prop, target) {
			out = append(out, r)
			continue
		}
		v, k := policy.Str(r.Get(prop))
		switch {
		case k == policy.Unknown && len(r.PropertyDependencies[prop]) > 0:
			// Computed from another resource: it points there, not at target.
		case k == policy.Unknown:
			unlinked = true
		case k == policy.Present && nk == policy.Present && v != "" && v == name:
			out = append(out, r)
		}
	}
	return out, unlinked
}

// resFrequencyText describes a backup frequency as messages say it.
func resFrequencyText(f tier.BackupFrequency) string {
	switch f {
	case tier.BackupEvery4Hours:
		return "every 4 hours"
	case tier.BackupDaily:
		return "daily"
	case tier.BackupWeekly:
		return "weekly"
	default:
		return string(f)
	}
}

// resFrequencyExample is an AWS Backup schedule that meets frequency f exactly.
func resFrequencyExample(f tier.BackupFrequency) string {
	switch f {
	case tier.BackupEvery4Hours:
		return "cron(0 */4 * * ? *)"
	case tier.BackupDaily:
		return "cron(0 1 * * ? *)"
	case tier.BackupWeekly:
		return "cron(0 1 ? * SUN *)"
	default:
		return ""
	}
}

// resIntervalText describes the longest gap between two scheduled backups.
func resIntervalText(hours int) string {
	switch {
	case hours >= resIrregular:
		return "less often than weekly"
	case hours == 1:
		return "hourly"
	case hours < 24:
		return fmt.Sprintf("every %d hours", hours)
	case hours == 24:
		return "daily"
	case hours == 24*7:
		return "weekly"
	case hours%24 == 0:
		return fmt.Sprintf("at gaps of up to %d days", hours/24)
	default:
		return fmt.Sprintf("at gaps of up to %d hours", hours)
	}
}

// resIrregular is the interval given to schedules that name days of the month, months or years: less
// often than weekly, whatever the exact dates.
const resIrregular = 24 * 31

// resCronInterval parses an AWS Backup schedule expression, cron(Minutes Hours Day-of-month Month
// Day-of-week Year), and returns the longest gap in hours between two backups it starts. It understands
// what backup schedules use: a fixed minute; hours as a fixed hour, a comma list of hours, "*", or an
// increment "*/N" or "0/N"; day of month and day of week as "*" or "?", or day of week as one day, a list
// or a range (1-7 or SUN-SAT). A fixed day of month, month or year counts as less often than weekly. Any
// other form is an error, which rules report as an unrecognised schedule. It never panics.
func resCronInterval(expr string) (int, error) {
	s := strings.TrimSpace(expr)
	if !strings.HasPrefix(s, "cron(") || !strings.HasSuffix(s, ")") {
		return 0, fmt.Errorf("not a cron(...) expression")
	}
	f := strings.Fields(s[len("cron(") : len(s)-1])
	if len(f) != 6 {
		return 0, fmt.Errorf("cron expression has %d fields, not 6", len(f))
	}
	if m, err := strconv.Atoi(f[0]); err != nil || m < 0 || m > 59 {
		return 0, fmt.Errorf("minute field %q is not a fixed minute", f[0])
	}
	hourGap, err := resCronHours(f[1])
	if err != nil {
		return 0, err
	}
	anyDay := func(x string) bool { return x == "*" || x == "?" }
	if !anyDay(f[2]) || f[3] != "*" || f[5] != "*" {
		return resIrregular, nil
	}
	if anyDay(f[4]) {
		return hourGap, nil
	}
	dayGap, err := resCronDays(f[4])
	if err != nil {
		return 0, err
	}
	if dayGap == 1 {
		return hourGap, nil
	}
	return dayGap * 24, nil
}

// resCronHours returns the longest gap in hours between the hours the field names, across midnight.
func resCronHours(field string) (int, error) {
	if field == "*" {
		return 1, nil
	}
	if base, step, ok := strings.Cut(field, "/"); ok {
		n, err := strconv.Atoi(step)
		if (base != "*" && base != "0") || err != nil || n < 1 || n > 23 {
			return 0, fmt.Errorf("hour field %q is not an increment */N or 0/N", field)
		}
		return n, nil
	}
	var hours []int
	for _, p := range strings.Split(field, ",") {
		h, err := strconv.Atoi(p)
		if err != nil || h < 0 || h > 23 {
			return 0, fmt.Errorf("hour field %q is not a list of hours", field)
		}
		hours = append(hours, h)
	}
	return resMaxCyclicGap(hours, 24), nil
}

var resWeekdays = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

// resCronDay reads one day of week: 1-7 (Sunday is 1) or SUN-SAT, as a number 0-6.
func resCronDay(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n - 1, n >= 1 && n <= 7
	}
	i := slices.Index(resWeekdays, strings.ToUpper(s))
	return i, i >= 0
}

// resCronDays returns the longest gap in days between the days of week the field names.
func resCronDays(field string) (int, error) {
	var days []int
	for _, p := range strings.Split(field, ",") {
		from, to, isRange := strings.Cut(p, "-")
		a, okA := resCronDay(from)
		b, okB := a, okA
		if isRange {
			b, okB = resCronDay(to)
		}
		if !okA || !okB || b < a {
			return 0, fmt.Errorf("day-of-week field %q is not a day, list or range of days", field)
		}
		for d := a; d <= b; d++ {
			days = append(days, d)
		}
	}
	return resMaxCyclicGap(days, 7), nil
}

// resMaxCyclicGap returns the longest gap between consecutive values on a cycle of length n.
func resMaxCyclicGap(vals []int, n int) int {
	vs := slices.Clone(vals)
	slices.Sort(vs)
	vs = slices.Compact(vs)
	if len(vs) == 0 {
		return n
	}
	gap := vs[0] + n - vs[len(vs)-1]
	for i := 1; i < len(vs); i++ {
		gap = max(gap, vs[i]-vs[i-1])
	}
	return gap
}

// resPlanRules returns a backup plan's rules; k is Unknown when the list itself is computed.
func resPlanRules(plan *policy.Resource) ([]policy.Value, policy.Known) {
	return policy.List(plan.Get("rules"))
}

// resRuleName names a backup plan rule in messages: its ruleName, or its position.
func resRuleName(rule policy.Value, i int) string {
	if n, k := policy.Str(resAt(rule, "ruleName")); k == policy.Present && n != "" {
		return strconv.Quote(n)
	}
	return fmt.Sprintf("%d", i+1)
}

// resAt walks v along path like policy.At (a computed value stays computed).
func resAt(v policy.Value, path ...any) policy.Value {
	return policy.At(property.NewMap(map[string]property.Value{"v": v}), append([]any{"v"}, path...)...)
}

// resInt reads a whole number like policy.Int, but reports a computed value as Unknown. (policy.Num
// returns min(k, Absent), which turns Unknown into Absent; until the engine is fixed, rules that must
// tell a computed number from a missing one check IsComputed first.)
func resInt(v policy.Value) (int, policy.Known) {
	if v.IsComputed() {
		return 0, policy.Unknown
	}
	return policy.Int(v)
}

// resPerTier judges every resource of type typ (a noun: "backup plan") in a tier stack with judge, one
// result per resource; a stack with none, a foundation, or a stack whose tier is not known (what names
// what the tier decides) gets one result for the stack.
func resPerTier(ctx *policy.Context, rs []*policy.Resource, typ, noun, what string,
	judge func(*policy.Context, []*policy.Resource, *policy.Resource) policy.Result) []policy.Result {
	of := resOfType(rs, typ)
	switch {
	case len(of) == 0:
		return []policy.Result{policy.NotApplicable("no %s in the stack", noun)}
	case resIsFoundation(ctx):
		return []policy.Result{policy.NotApplicable("foundation stack; the rule covers tier stacks")}
	case !ctx.HasTier():
		return []policy.Result{resTierUnknown(what)}
	}
	out := make([]policy.Result, 0, len(of))
	for _, r := range of {
		res := judge(ctx, rs, r)
		res.URN = r.URN
		out = append(out, res)
	}
	return out
}
