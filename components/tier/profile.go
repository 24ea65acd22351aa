package tier

import "fmt"

// Egress says how a tier reaches the internet. The zero value is the secure one: no internet.
type Egress string

const (
	// EgressNone means no route to the internet exists at all.
	EgressNone Egress = ""
	// EgressHubFirewall means internet traffic leaves only through the hub firewall, which allows only
	// listed domain names.
	EgressHubFirewall Egress = "hub-firewall-allowlist"
)

// VaultLock is the lock mode of a backup vault. The zero value means no lock.
type VaultLock string

const (
	// VaultLockNone leaves the vault unlocked.
	VaultLockNone VaultLock = ""
	// VaultLockGovernance lets only specially privileged principals shorten retention or delete recovery
	// points.
	VaultLockGovernance VaultLock = "governance"
	// VaultLockCompliance makes recovery points immutable for their retention period; nobody, the account
	// root included, can delete them early. It cannot be undone once its grace period ends.
	VaultLockCompliance VaultLock = "compliance"
)

// BackupFrequency is how often backups are taken.
type BackupFrequency string

const (
	// BackupEvery4Hours takes a recovery point every four hours.
	BackupEvery4Hours BackupFrequency = "every-4-hours"
	// BackupDaily takes a recovery point once a day.
	BackupDaily BackupFrequency = "daily"
	// BackupWeekly takes a recovery point once a week.
	BackupWeekly BackupFrequency = "weekly"
)

// IntervalHours returns the hours between two recovery points.
func (f BackupFrequency) IntervalHours() int {
	switch f {
	case BackupEvery4Hours:
		return 4
	case BackupDaily:
		return 24
	case BackupWeekly:
		return 24 * 7
	default:
		return 0
	}
}

// Backup is a tier's backup policy, independent of cloud.
type Backup struct {
	// Frequency is how often a recovery point is taken.
	Frequency BackupFrequency
	// RetentionDays is how long a recovery point is kept.
	RetentionDays int
	// ArchiveAfterDays moves recovery points to archive (cold) storage after this many days; 0 means never.
	ArchiveAfterDays int
	// VaultLock is the lock mode of the backup vault.
	VaultLock VaultLock
	// CoverAllStateful requires every stateful resource of the tier (databases, volumes, file systems,
	// tables, virtual machines) to be selected by a backup plan or policy.
	CoverAllStateful bool
	// SecondCopy is the copy of every recovery point kept outside the tier's own vault.
	SecondCopy SecondCopy
	// RestoreTestDays is the longest gap, in days, between two restore tests of the tier's backups.
	RestoreTestDays int
}

// SecondCopy is where and how long the second copy of a tier's backups is kept.
type SecondCopy struct {
	// OtherAccount keeps the copy in a different AWS account (its own keys, its own vault lock), so one
	// compromised account cannot delete both copies.
	OtherAccount bool
	// AWSRegion is the region of the copy's vault on AWS (AWS has one UK region, so the same region in
	// another account).
	AWSRegion string
	// AzureRegion is the region Azure Backup restores to across regions (cross-region restore to the
	// paired region).
	AzureRegion string
	// RetentionDays is how long the copy is kept.
	RetentionDays int
}

// Weekday is a day of the week as the clouds' schedules name it.
type Weekday string

// The weekdays the reboot windows use.
const (
	Saturday Weekday = "SAT"
	Sunday   Weekday = "SUN"
)

// Window is a weekly maintenance window in UTC.
type Window struct {
	// Day is the day the window opens.
	Day Weekday
	// StartHourUTC is the hour (0-23, UTC) the window opens.
	StartHourUTC int
	// DurationHours is how long the window stays open.
	DurationHours int
}

// AWSCron is the window's start as an AWS Systems Manager maintenance window schedule.
func (w Window) AWSCron() string { return fmt.Sprintf("cron(0 %d ? * %s *)", w.StartHourUTC, w.Day) }

// String describes the window ("SUN 02:00 UTC, 3 hours").
func (w Window) String() string {
	return fmt.Sprintf("%s %02d:00 UTC, %d hours", w.Day, w.StartHourUTC, w.DurationHours)
}

// Patching is a tier's patch policy, independent of cloud.
type Patching struct {
	// CadenceDays is the longest gap, in days, between two patch runs (maintenance windows) of a workload.
	CadenceDays int
	// ApproveCriticalAfterDays is how long a released critical or security patch waits before it is
	// approved (AWS patch baseline approveAfterDays; the time to test it on a lower tier first).
	ApproveCriticalAfterDays int
	// ApproveOtherAfterDays is the same wait for every other patch.
	ApproveOtherAfterDays int
	// MaxAgeCriticalDays is the longest a released critical or security patch may stay uninstalled.
	MaxAgeCriticalDays int
	// MaxAgeOtherDays is the longest any other released patch may stay uninstalled.
	MaxAgeOtherDays int
	// RebootWindow is when patches are installed and machines may restart.
	RebootWindow Window
	// InternalSource means patches come only from a patch source inside the landing zone (a repository
	// reached over declared flows), never from the vendor over the internet.
	InternalSource bool
}

// Scanning is a tier's vulnerability scanning policy.
type Scanning struct {
	// EveryWorkload requires every workload (virtual machines, scale sets, container images, functions,
	// databases) to be scanned for known vulnerabilities.
	EveryWorkload bool
	// CadenceHours is the longest gap, in hours, between two assessments of a workload (continuous
	// scanners such as Amazon Inspector and Defender vulnerability management rescan on every change and
	// at least this often).
	CadenceHours int
}

// Profile is everything that differs between tiers, as data. Components read these fields; they never
// branch on the tier's name.
type Profile struct {
	// Tier the profile belongs to.
	Tier Tier
	// AvailabilityZones is how many availability zones the tier's network and services span.
	AvailabilityZones int
	// InternetEgress says how (if at all) the tier reaches the internet.
	InternetEgress Egress
	// PSNAccess allows routes to the Public Services Network through the hub's PSN edge.
	PSNAccess bool
	// Isolated puts the tier on its own transit route table that holds only routes to explicitly
	// declared flows; every other tier's range is blackholed, and it can have no default route.
	Isolated bool
	// ExplicitFlowsOnly means other tiers reach this tier only through declared flows.
	ExplicitFlowsOnly bool
	// Backup is the tier's backup policy.
	Backup Backup
	// ProtectStateful sets Pulumi's protect option on stateful resources (keys, log archives, evidence
	// stores, backup vaults, state buckets), so that no update or destroy can delete them.
	ProtectStateful bool
	// RetainStatefulOnDelete sets Pulumi's retainOnDelete option on stateful resources, so that removing
	// them from the program leaves them in the cloud.
	RetainStatefulOnDelete bool
	// DeleteLocks adds cloud-side delete locks (Azure CanNotDelete management locks, AWS deletion
	// protection) on stateful resources.
	DeleteLocks bool
	// KeyDeletionWindowDays is the waiting period before a scheduled customer key deletion completes.
	KeyDeletionWindowDays int
	// LogRetentionDays is the minimum retention of audit, flow and platform logs.
	LogRetentionDays int
	// ZoneRedundantStorage requires storage that survives the loss of one availability zone.
	ZoneRedundantStorage bool
	// MultiAZDatabases requires managed databases to run across availability zones.
	MultiAZDatabases bool
	// Patching is the tier's patch policy.
	Patching Patching
	// Scanning is the tier's vulnerability scanning policy.
	Scanning Scanning
}

// ukSecondCopy is the second copy every tier keeps: another AWS account in the one UK region, and
// Azure's paired UK region.
func ukSecondCopy(days int) SecondCopy {
	return SecondCopy{OtherAccount: true, AWSRegion: "eu-west-2", AzureRegion: "ukwest", RetentionDays: days}
}

var profiles = map[Tier]Profile{
	Platinum: {
		Tier:              Platinum,
		AvailabilityZones: 3,
		InternetEgress:    EgressHubFirewall,
		PSNAccess:         true,
		ExplicitFlowsOnly: true,
		Backup: Backup{
			Frequency:        BackupEvery4Hours,
			RetentionDays:    35,
			VaultLock:        VaultLockCompliance,
			CoverAllStateful: true,
			SecondCopy:       ukSecondCopy(35),
			RestoreTestDays:  30,
		},
		ProtectStateful:        true,
		RetainStatefulOnDelete: true,
		DeleteLocks:            true,
		KeyDeletionWindowDays:  30,
		LogRetentionDays:       400,
		ZoneRedundantStorage:   true,
		MultiAZDatabases:       true,
		Patching: Patching{
			CadenceDays: 7, ApproveCriticalAfterDays: 3, ApproveOtherAfterDays: 7,
			MaxAgeCriticalDays: 14, MaxAgeOtherDays: 30,
			RebootWindow: Window{Day: Sunday, StartHourUTC: 2, DurationHours: 3},
		},
		Scanning: Scanning{EveryWorkload: true, CadenceHours: 12},
	},
	Gold: {
		Tier:              Gold,
		AvailabilityZones: 2,
		InternetEgress:    EgressHubFirewall,
		PSNAccess:         true,
		ExplicitFlowsOnly: true,
		Backup: Backup{
			Frequency:        BackupDaily,
			RetentionDays:    35,
			VaultLock:        VaultLockGovernance,
			CoverAllStateful: true,
			SecondCopy:       ukSecondCopy(35),
			RestoreTestDays:  90,
		},
		ProtectStateful:        true,
		RetainStatefulOnDelete: true,
		DeleteLocks:            true,
		KeyDeletionWindowDays:  30,
		LogRetentionDays:       400,
		MultiAZDatabases:       true,
		Patching: Patching{
			CadenceDays: 7, ApproveCriticalAfterDays: 0, ApproveOtherAfterDays: 7,
			MaxAgeCriticalDays: 14, MaxAgeOtherDays: 30,
			RebootWindow: Window{Day: Saturday, StartHourUTC: 23, DurationHours: 4},
		},
		Scanning: Scanning{EveryWorkload: true, CadenceHours: 24},
	},
	Bronze: {
		Tier:              Bronze,
		AvailabilityZones: 2,
		InternetEgress:    EgressNone,
		PSNAccess:         false,
		Isolated:          true,
		ExplicitFlowsOnly: true,
		Backup: Backup{
			Frequency:        BackupWeekly,
			RetentionDays:    365,
			ArchiveAfterDays: 30,
			VaultLock:        VaultLockGovernance,
			CoverAllStateful: true,
			SecondCopy:       ukSecondCopy(365),
			RestoreTestDays:  180,
		},
		ProtectStateful:        false,
		RetainStatefulOnDelete: true,
		DeleteLocks:            true,
		KeyDeletionWindowDays:  30,
		LogRetentionDays:       400,
		Patching: Patching{
			CadenceDays: 7, ApproveCriticalAfterDays: 3, ApproveOtherAfterDays: 7,
			MaxAgeCriticalDays: 14, MaxAgeOtherDays: 30,
			RebootWindow:   Window{Day: Sunday, StartHourUTC: 22, DurationHours: 4},
			InternalSource: true,
		},
		Scanning: Scanning{EveryWorkload: true, CadenceHours: 24},
	},
}

// ProfileFor returns the profile of a tier. An unknown tier is an error listing the allowed ones.
func ProfileFor(t Tier) (Profile, error) {
	p, ok := profiles[t]
	if !ok {
		return Profile{}, fmt.Errorf("no profile for tier %q: %w", string(t), errUnknown(t))
	}
	return p, nil
}

// MustProfile returns the profile of a known tier and panics on an unknown one. Use it only with the
// constants Platinum, Gold and Bronze.
func MustProfile(t Tier) Profile {
	p, err := ProfileFor(t)
	if err != nil {
		panic(err)
	}
	return p
}

// Profiles returns every tier's profile, most critical first.
func Profiles() []Profile {
	out := make([]Profile, 0, len(profiles))
	for _, t := range All() {
		out = append(out, profiles[t])
	}
	return out
}

func errUnknown(t Tier) error {
	_, err := Parse(string(t))
	if err == nil {
		err = fmt.Errorf("tier names are lower case")
	}
	return err
}

// IsolatedTiers returns the tiers whose profile is Isolated (declared flows only, no internet, no PSN),
// most critical first. Rules that hold a tier to isolation key on this, never on a tier's name.
func IsolatedTiers() []Tier {
	var out []Tier
	for _, p := range Profiles() {
		if p.Isolated {
			out = append(out, p.Tier)
		}
	}
	return out
}

// IsIsolated reports whether t is a known tier whose profile is Isolated.
func IsIsolated(t Tier) bool {
	p, err := ProfileFor(t)
	return err == nil && p.Isolated
}
