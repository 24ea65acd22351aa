package azurelz

import (
	"fmt"
	"strconv"

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
