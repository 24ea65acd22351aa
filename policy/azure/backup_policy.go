package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-005",
		Title: "Backup policies take and keep recovery points as often and as long as the tier requires",
		Description: "A Recovery Services protection policy (AzureIaasVM or AzureStorage) must take a recovery " +
			"point at least as often as the tier's Backup.Frequency (`properties.schedulePolicy`: Hourly with " +
			"`hourlySchedule.interval` hours, Daily, or Weekly) and keep each one at least Backup.RetentionDays " +
			"(`properties.retentionPolicy` LongTermRetentionPolicy: `dailySchedule.retentionDuration` for hourly " +
			"and daily schedules, `weeklySchedule.retentionDuration` for weekly ones).",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeProtectionPolicy},
		Remediation: "Platinum: `schedulePolicy: {schedulePolicyType: SimpleSchedulePolicyV2, scheduleRunFrequency: " +
			"Hourly, hourlySchedule: {interval: 4, ...}}` with `policyType: V2`; Gold: daily; Bronze: weekly. Set " +
			"`retentionPolicy: {retentionPolicyType: LongTermRetentionPolicy, dailySchedule (or weeklySchedule): " +
			"{retentionDuration: {count: <days or weeks>, durationType: Days|Weeks}}}` to at least the tier's retention.",
		Waivable: true,
		Reads:    policy.Reads(typeProtectionPolicy, "properties.backupManagementType", "properties.schedulePolicy", "properties.retentionPolicy"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return policy.Undecided("the stack's tier is not known, so its backup frequency and retention are not known")
		}
		b := ctx.Profile.Backup
		props := r.Get("properties")
		kind, kk := str(props, "backupManagementType")
		switch {
		case kk == policy.Unknown:
			return policy.Undecided("properties.backupManagementType is computed; the policy's schedule cannot be read")
		case kk == policy.Absent || (!eqFold(kind, "AzureIaasVM") && !eqFold(kind, "AzureStorage")):
			return policy.Undecided("backup management type %q is not one the rule reads (AzureIaasVM, AzureStorage); check its schedule by hand", kind)
		}
		freq, fk := str(props, "schedulePolicy", "scheduleRunFrequency")
		var hours int
		var keepPath []any
		switch {
		case fk == policy.Unknown:
			return policy.Undecided("properties.schedulePolicy.scheduleRunFrequency is computed; the %s tier backs up %s", ctx.Tier.Title(), b.Frequency)
		case eqFold(freq, "Hourly"):
			n, nk := policy.Int(at(props, "schedulePolicy", "hourlySchedule", "interval"))
			if nk == policy.Unknown {
				return policy.Undecided("properties.schedulePolicy.hourlySchedule.interval is computed; the %s tier backs up %s", ctx.Tier.Title(), b.Frequency)
			}
			if nk == policy.Absent || n <= 0 {
				return policy.Fail("the hourly schedule has no hourlySchedule.interval; set it to at most %d hours", b.Frequency.IntervalHours())
			}
			hours, keepPath = n, []any{"retentionPolicy", "dailySchedule", "retentionDuration"}
		case eqFold(freq, "Daily"):
			hours, keepPath = 24, []any{"retentionPolicy", "dailySchedule", "retentionDuration"}
		case eqFold(freq, "Weekly"):
			hours, keepPath = 24*7, []any{"retentionPolicy", "weeklySchedule", "retentionDuration"}
		default:
			return policy.Fail("properties.schedulePolicy.scheduleRunFrequency %q is not Hourly, Daily or Weekly; the %s tier backs up %s", freq, ctx.Tier.Title(), b.Frequency)
		}
		if hours > b.Frequency.IntervalHours() {
			return policy.Fail("the policy takes a recovery point every %d hours; the %s tier needs one at least every %d hours (%s)", hours, ctx.Tier.Title(), b.Frequency.IntervalHours(), b.Frequency)
		}
		count, ck := policy.Int(at(props, append(keepPath, "count")...))
		unit, uk := str(props, append(keepPath, "durationType")...)
		path := "properties." + strings.Join([]string{"retentionPolicy", keepPath[1].(string), "retentionDuration"}, ".")
		switch {
		case ck == policy.Unknown || uk == policy.Unknown:
			return policy.Undecided("%s is computed; it must keep recovery points %d days", path, b.RetentionDays)
		case ck == policy.Absent || uk == policy.Absent:
			return policy.Fail("%s is not set; it must keep recovery points at least %d days", path, b.RetentionDays)
		}
		days := count * unitDays(unit)
		if days < b.RetentionDays {
			return policy.Fail("%s keeps recovery points %d %s (%d days); the %s tier keeps them at least %d days", path, count, unit, days, ctx.Tier.Title(), b.RetentionDays)
		}
		return policy.Pass("a recovery point every %d hours, kept %d %s (at least %d days)", hours, count, unit, b.RetentionDays)
	},
})

// unitDays converts a retention duration type to days, rounding months down to 28 days so a policy is
// never credited with more retention than it has.
func unitDays(unit string) int {
	switch strings.ToLower(unit) {
	case "days":
		return 1
	case "weeks":
		return 7
	case "months":
		return 28
	case "years":
		return 365
	default:
		return 0
	}
}
