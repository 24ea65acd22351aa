package azurelz

import (
	"fmt"
	"strconv"
	"time"

	"github.com/policecloud/landingzones/components/netplan"

	"github.com/policecloud/landingzones/components/tier"
)

// The security decisions of the Azure components that are not network rules (those are in
// netrules.go), as pure functions of the tier profile and the arguments. Each returns plain values; the
// resource code only copies them into resource arguments. plan_test.go pins each one in a table across
// the tiers.

// immutability is a storage account's account-level, version-level immutability policy.
type immutability struct {
	// Enabled is false for an account without one.
	Enabled bool
	// Days is how long every blob version stays immutable after it is written.
	Days int
	// State is "Locked" (the period can never be shortened, the policy never removed) or "Unlocked".
	State string
	// AllowProtectedAppendWrites lets new blocks be appended to append blobs (log archives).
	AllowProtectedAppendWrites bool
}

// immutabilityPlan decides a storage account's immutability from its period in days (0: none), whether
// the caller asked for it unlocked (first deployment only: Azure creates account policies unlocked) and
// whether appends are allowed.
func immutabilityPlan(days int, unlocked, appendWrites bool) immutability {
	if days <= 0 {
		return immutability{}
	}
	state := "Locked"
	if unlocked {
		state = "Unlocked"
	}
	return immutability{Enabled: true, Days: days, State: state, AllowProtectedAppendWrites: appendWrites}
}

// auditRetentionDays is how long the audit archive keeps every blob immutable: the caller's
// AuditRetentionDays (validate refuses less than the profile's LogRetentionDays), or the profile's
// LogRetentionDays for 0.
func auditRetentionDays(days int, p tier.Profile) int {
	if days == 0 {
		return p.LogRetentionDays
	}
	return days
}

// storageSKU is a storage account's redundancy: zone-redundant where the profile asks
// (Profile.ZoneRedundantStorage).
func storageSKU(zoneRedundant bool) string {
	if zoneRedundant {
		return "Standard_ZRS"
	}
	return "Standard_LRS"
}

// maxFlowLogStorageDays is the longest retention Azure allows flow logs in a storage account.
const maxFlowLogStorageDays = 365

// flowLogRetentionDays is how long a tier's flow logs stay in the flow log storage account: the
// profile's LogRetentionDays, at most the 365 days Azure allows there. Traffic analytics carries them
// to the Log Analytics workspace, which keeps them for LogRetentionDays.
func flowLogRetentionDays(p tier.Profile) int { return min(p.LogRetentionDays, maxFlowLogStorageDays) }

// usesHubGateway decides whether a tier's peering with the hub uses the hub's PSN edge gateway (when the
// hub has one): only a tier with PSN access, so that the PSN edge learns the spoke's range. Any other
// tier neither uses nor offers gateways.
func usesHubGateway(p tier.Profile) bool { return p.PSNAccess }

// recoveryVaultImmutability is a Recovery Services vault's immutability state for the profile's vault
// lock: compliance locks it (irreversibly), governance leaves it enabled but unlocked.
func recoveryVaultImmutability(p tier.Profile) (string, error) {
	switch p.Backup.VaultLock {
	case tier.VaultLockCompliance:
		return "Locked", nil
	case tier.VaultLockGovernance:
		return "Unlocked", nil
	case tier.VaultLockNone:
		return "Disabled", nil
	}
	return "", &netplan.FieldError{Path: "Profile.Backup.VaultLock", Value: string(p.Backup.VaultLock), Msg: "is not allowed",
		Allowed: fmt.Sprintf("%q, %q or %q (none)", tier.VaultLockCompliance, tier.VaultLockGovernance, tier.VaultLockNone)}
}

// recoveryVault is how a tier's Recovery Services vault is set up from its profile.
type recoveryVault struct {
	// immutability is the vault's immutability state (recoveryVaultImmutability).
	immutability string
	// crossRegionRestore is Enabled or Disabled (recoveryVaultCrossRegionRestore).
	crossRegionRestore string
}

// recoveryVaultDefaultType is the type token the tier's vault had before it moved to API version
// 2024-04-01; the vault is registered with an alias to it.
const recoveryVaultDefaultType = "azure-native:recoveryservices:Vault"

// pairedRegion is each allowed region's Azure region pair.
var pairedRegion = map[string]string{"uksouth": "ukwest", "ukwest": "uksouth"}

// recoveryVaultCrossRegionRestore is the vault's cross-region restore setting: "Enabled" when the
// profile keeps its Azure second copy (Backup.SecondCopy.AzureRegion) in the region paired with the
// vault's region (the geo-redundant copy lives there), "Disabled" when the profile names no Azure second
// copy. Any other region is an error: a geo-redundant vault's copy is always in the paired region.
func recoveryVaultCrossRegionRestore(p tier.Profile, region string) (string, error) {
	want := p.Backup.SecondCopy.AzureRegion
	switch {
	case want == "":
		return "Disabled", nil
	case pairedRegion[region] != want:
		return "", &netplan.FieldError{Path: "Profile.Backup.SecondCopy.AzureRegion", Value: want, Msg: "is not allowed",
			Allowed: fmt.Sprintf("%q (the region paired with the tier's region %q), or empty for no cross-region restore", pairedRegion[region], region)}
	}
	return "Enabled", nil
}

// backupStart is the first scheduled backup time; only its time of day (01:00 UTC) matters.
const backupStart = "2024-01-01T01:00:00Z"

// vmBackup is a tier's Azure VM backup policy (enhanced, V2).
type vmBackup struct {
	// Frequency is the schedule: "Hourly", "Daily" or "Weekly".
	Frequency string
	// IntervalHours is the hourly schedule's interval (Hourly only).
	IntervalHours int
	// RunDays are the weekly schedule's days (Weekly only).
	RunDays []string
	// RetentionCount and RetentionUnit ("Days" or "Weeks") are how long recovery points are kept.
	RetentionCount int
	RetentionUnit  string
}

// vmBackupPlan decides a tier's VM backup policy: a recovery point as often as the profile's
// Backup.Frequency, kept Backup.RetentionDays (in whole weeks, rounded up, for a weekly schedule).
//
// Backup.ArchiveAfterDays is not applied: Azure Backup moves only monthly and yearly VM recovery points
// older than three months to the archive tier.
func vmBackupPlan(p tier.Profile) (vmBackup, error) {
	hours := p.Backup.Frequency.IntervalHours()
	if hours <= 0 {
		return vmBackup{}, &netplan.FieldError{Path: "Profile.Backup.Frequency", Value: string(p.Backup.Frequency),
			Msg: "is not allowed", Allowed: fmt.Sprintf("%s, %s, %s", tier.BackupEvery4Hours, tier.BackupDaily, tier.BackupWeekly)}
	}
	if p.Backup.RetentionDays <= 0 {
		return vmBackup{}, &netplan.FieldError{Path: "Profile.Backup.RetentionDays", Value: strconv.Itoa(p.Backup.RetentionDays), Msg: "is not allowed", Allowed: "1 or more"}
	}
	switch {
	case hours < 24:
		return vmBackup{Frequency: "Hourly", IntervalHours: hours, RetentionCount: p.Backup.RetentionDays, RetentionUnit: "Days"}, nil
	case hours == 24:
		return vmBackup{Frequency: "Daily", RetentionCount: p.Backup.RetentionDays, RetentionUnit: "Days"}, nil
	}
	return vmBackup{Frequency: "Weekly", RunDays: []string{"Sunday"}, RetentionCount: (p.Backup.RetentionDays + 6) / 7, RetentionUnit: "Weeks"}, nil
}

// patchSchedule is a tier's Update Manager maintenance configuration, as plain values.
type patchSchedule struct {
	// RecurEvery is the recurrence ("1Week Sunday", "3Days").
	RecurEvery string
	// StartDateTime ("2026-01-04 02:00", UTC) is the first window: the first day on or after
	// patchScheduleEpoch that is the reboot window's day, at its start hour.
	StartDateTime string
	// Duration ("03:00") is how long each window stays open: the reboot window, at most
	// maxInGuestPatchDuration.
	Duration string
	// LinuxClassifications and WindowsClassifications are the update classifications installed.
	LinuxClassifications, WindowsClassifications []string
}

// patchScheduleEpoch is the date the maintenance configurations' first windows are counted from.
var patchScheduleEpoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// maxInGuestPatchDurationMinutes is the longest window Update Manager allows an in-guest patch
// maintenance configuration: 3 hours 55 minutes.
const maxInGuestPatchDurationMinutes = 3*60 + 55

// windowDays maps the profile's weekdays to Go's and to Update Manager's names.
var windowDays = map[tier.Weekday]time.Weekday{
	"MON": time.Monday, "TUE": time.Tuesday, "WED": time.Wednesday, "THU": time.Thursday,
	"FRI": time.Friday, tier.Saturday: time.Saturday, tier.Sunday: time.Sunday,
}

// patchSchedulePlan decides a tier's maintenance configuration from its profile: it recurs every
// Patching.CadenceDays (in weeks on the reboot window's day when the cadence is whole weeks, else in
// days), opens at the reboot window and stays open as long as it, up to Update Manager's limit. It
// installs critical and security updates, and every other classification too when the profile bounds
// the age of other patches (Patching.MaxAgeOtherDays).
func patchSchedulePlan(p tier.Profile) (patchSchedule, error) {
	pt := p.Patching
	w := pt.RebootWindow
	day, ok := windowDays[w.Day]
	switch {
	case pt.CadenceDays <= 0:
		return patchSchedule{}, &netplan.FieldError{Path: "Profile.Patching.CadenceDays", Value: strconv.Itoa(pt.CadenceDays), Msg: "is not allowed", Allowed: "1 or more"}
	case !ok:
		return patchSchedule{}, &netplan.FieldError{Path: "Profile.Patching.RebootWindow.Day", Value: string(w.Day), Msg: "is not a weekday", Allowed: "MON, TUE, WED, THU, FRI, SAT, SUN"}
	case w.StartHourUTC < 0 || w.StartHourUTC > 23:
		return patchSchedule{}, &netplan.FieldError{Path: "Profile.Patching.RebootWindow.StartHourUTC", Value: strconv.Itoa(w.StartHourUTC), Msg: "is out of range", Allowed: "0 to 23"}
	case w.DurationHours < 2:
		return patchSchedule{}, &netplan.FieldError{Path: "Profile.Patching.RebootWindow.DurationHours", Value: strconv.Itoa(w.DurationHours), Msg: "is too short",
			Allowed: "2 or more (Update Manager needs at least 1 hour 30 minutes)"}
	}
	recur := fmt.Sprintf("%dDays", pt.CadenceDays)
	if pt.CadenceDays%7 == 0 {
		recur = fmt.Sprintf("%dWeek %s", pt.CadenceDays/7, day)
	}
	start := patchScheduleEpoch.AddDate(0, 0, (int(day)-int(patchScheduleEpoch.Weekday())+7)%7).Add(time.Duration(w.StartHourUTC) * time.Hour)
	minutes := min(w.DurationHours*60, maxInGuestPatchDurationMinutes)
	s := patchSchedule{
		RecurEvery:             recur,
		StartDateTime:          start.Format("2006-01-02 15:04"),
		Duration:               fmt.Sprintf("%02d:%02d", minutes/60, minutes%60),
		LinuxClassifications:   []string{"Critical", "Security"},
		WindowsClassifications: []string{"Critical", "Security", "Definition"},
	}
	if pt.MaxAgeOtherDays > 0 {
		s.LinuxClassifications = append(s.LinuxClassifications, "Other")
		s.WindowsClassifications = append(s.WindowsClassifications, "UpdateRollup", "FeaturePack", "ServicePack", "Tools", "Updates")
	}
	return s, nil
}
