package tier

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateReadme = flag.Bool("update", false, "rewrite the tier matrix in the root README.md")

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Tier
		wantErr string
	}{
		{in: "platinum", want: Platinum},
		{in: "Gold", want: Gold},
		{in: "  BRONZE ", want: Bronze},
		{in: "silver", wantErr: `unknown tier "silver": allowed are platinum, gold, bronze`},
		{in: "", wantErr: `unknown tier "": allowed are platinum, gold, bronze`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tc.in)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				assert.Equal(t, Tier(""), got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestTierHelpers(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"platinum", "gold", "bronze"}, Names())
	assert.Equal(t, "Platinum", Platinum.Title())
	assert.Equal(t, "", Tier("").Title())
	assert.True(t, Gold.Valid())
	assert.False(t, Tier("Gold").Valid(), "tier values are lower case")
	assert.False(t, Tier("silver").Valid())
	all := All()
	all[0] = "changed"
	assert.Equal(t, Platinum, All()[0], "All returns a copy")
}

// TestProfiles pins every field of every profile: a change to the tier matrix must be deliberate.
func TestProfiles(t *testing.T) {
	t.Parallel()
	want := map[Tier]Profile{
		Platinum: {
			Tier: Platinum, AvailabilityZones: 3, InternetEgress: EgressHubFirewall, PSNAccess: true,
			ExplicitFlowsOnly: true,
			Backup: Backup{Frequency: BackupEvery4Hours, RetentionDays: 35, VaultLock: VaultLockCompliance,
				CoverAllStateful: true, RestoreTestDays: 30,
				SecondCopy: SecondCopy{OtherAccount: true, AWSRegion: "eu-west-2", AzureRegion: "ukwest", RetentionDays: 35}},
			ProtectStateful: true, RetainStatefulOnDelete: true, DeleteLocks: true,
			KeyDeletionWindowDays: 30, LogRetentionDays: 400, ZoneRedundantStorage: true, MultiAZDatabases: true,
			Patching: Patching{CadenceDays: 7, ApproveCriticalAfterDays: 3, ApproveOtherAfterDays: 7,
				MaxAgeCriticalDays: 14, MaxAgeOtherDays: 30, RebootWindow: Window{Day: Sunday, StartHourUTC: 2, DurationHours: 3}},
			Scanning: Scanning{EveryWorkload: true, CadenceHours: 12},
		},
		Gold: {
			Tier: Gold, AvailabilityZones: 2, InternetEgress: EgressHubFirewall, PSNAccess: true,
			ExplicitFlowsOnly: true,
			Backup: Backup{Frequency: BackupDaily, RetentionDays: 35, VaultLock: VaultLockGovernance,
				CoverAllStateful: true, RestoreTestDays: 90,
				SecondCopy: SecondCopy{OtherAccount: true, AWSRegion: "eu-west-2", AzureRegion: "ukwest", RetentionDays: 35}},
			ProtectStateful: true, RetainStatefulOnDelete: true, DeleteLocks: true,
			KeyDeletionWindowDays: 30, LogRetentionDays: 400, MultiAZDatabases: true,
			Patching: Patching{CadenceDays: 7, ApproveCriticalAfterDays: 0, ApproveOtherAfterDays: 7,
				MaxAgeCriticalDays: 14, MaxAgeOtherDays: 30, RebootWindow: Window{Day: Saturday, StartHourUTC: 23, DurationHours: 4}},
			Scanning: Scanning{EveryWorkload: true, CadenceHours: 24},
		},
		Bronze: {
			Tier: Bronze, AvailabilityZones: 2, InternetEgress: EgressNone, PSNAccess: false, Isolated: true,
			ExplicitFlowsOnly: true,
			Backup: Backup{
				Frequency: BackupWeekly, RetentionDays: 365, ArchiveAfterDays: 30, VaultLock: VaultLockGovernance,
				CoverAllStateful: true, RestoreTestDays: 180,
				SecondCopy: SecondCopy{OtherAccount: true, AWSRegion: "eu-west-2", AzureRegion: "ukwest", RetentionDays: 365},
			},
			ProtectStateful: false, RetainStatefulOnDelete: true, DeleteLocks: true,
			KeyDeletionWindowDays: 30, LogRetentionDays: 400,
			Patching: Patching{CadenceDays: 7, ApproveCriticalAfterDays: 3, ApproveOtherAfterDays: 7,
				MaxAgeCriticalDays: 14, MaxAgeOtherDays: 30, RebootWindow: Window{Day: Sunday, StartHourUTC: 22, DurationHours: 4},
				InternalSource: true},
			Scanning: Scanning{EveryWorkload: true, CadenceHours: 24},
		},
	}
	for _, tr := range All() {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			got, err := ProfileFor(tr)
			require.NoError(t, err)
			assert.Equal(t, want[tr], got)
		})
	}
	_, err := ProfileFor("silver")
	require.EqualError(t, err, `no profile for tier "silver": unknown tier "silver": allowed are platinum, gold, bronze`)
	_, err = ProfileFor("Gold")
	require.EqualError(t, err, `no profile for tier "Gold": tier names are lower case`)
	assert.Panics(t, func() { MustProfile("silver") })
	assert.Len(t, Profiles(), 3)
}

// TestProfileInvariants states what the matrix must always satisfy, whatever the numbers.
func TestProfileInvariants(t *testing.T) {
	t.Parallel()
	for _, p := range Profiles() {
		assert.True(t, p.ExplicitFlowsOnly, "%s: every tier is reachable by explicit flows only", p.Tier)
		assert.GreaterOrEqual(t, p.KeyDeletionWindowDays, 7, "%s: AWS minimum key deletion window", p.Tier)
		assert.LessOrEqual(t, p.KeyDeletionWindowDays, 30, "%s: AWS maximum key deletion window", p.Tier)
		assert.GreaterOrEqual(t, p.LogRetentionDays, 365, "%s: a year of logs at least", p.Tier)
		assert.True(t, p.RetainStatefulOnDelete, "%s: nothing is lost", p.Tier)
		assert.True(t, p.AvailabilityZones >= 1 && p.AvailabilityZones <= 4, "%s: AZ count", p.Tier)
		assert.Positive(t, p.Backup.Frequency.IntervalHours(), "%s: backup frequency", p.Tier)
		assert.True(t, p.Backup.CoverAllStateful, "%s: every stateful resource is backed up", p.Tier)
		assert.GreaterOrEqual(t, p.Backup.SecondCopy.RetentionDays, p.Backup.RetentionDays, "%s: the second copy lives as long as the first", p.Tier)
		assert.True(t, p.Backup.SecondCopy.OtherAccount, "%s: the second copy is in another account", p.Tier)
		assert.Positive(t, p.Backup.RestoreTestDays, "%s: restores are tested", p.Tier)
		assert.True(t, p.Scanning.EveryWorkload, "%s: every workload is scanned", p.Tier)
		assert.Positive(t, p.Scanning.CadenceHours, "%s: scan cadence", p.Tier)
		pt := p.Patching
		assert.LessOrEqual(t, pt.ApproveCriticalAfterDays+pt.CadenceDays, pt.MaxAgeCriticalDays,
			"%s: a critical patch approved and waiting for the next window is still within its maximum age", p.Tier)
		assert.LessOrEqual(t, pt.ApproveOtherAfterDays+pt.CadenceDays, pt.MaxAgeOtherDays,
			"%s: any other patch approved and waiting for the next window is still within its maximum age", p.Tier)
		assert.LessOrEqual(t, pt.MaxAgeCriticalDays, 14, "%s: critical patches within 14 days (Cyber Essentials)", p.Tier)
		assert.True(t, pt.RebootWindow.StartHourUTC >= 0 && pt.RebootWindow.StartHourUTC < 24, "%s: reboot window hour", p.Tier)
		assert.Positive(t, pt.RebootWindow.DurationHours, "%s: reboot window length", p.Tier)
		if p.InternetEgress == EgressNone {
			assert.True(t, pt.InternalSource, "%s: a tier without internet patches from an internal source", p.Tier)
		}
		if p.Isolated {
			assert.Equal(t, EgressNone, p.InternetEgress, "%s: isolated tiers have no internet", p.Tier)
			assert.False(t, p.PSNAccess, "%s: isolated tiers have no PSN", p.Tier)
		}
	}
	assert.Equal(t, 0, BackupFrequency("hourly").IntervalHours())
}

func TestMatrixMarkdown(t *testing.T) {
	t.Parallel()
	m := MarkdownMatrix()
	assert.Contains(t, m, "| | Platinum | Gold | Bronze |")
	assert.Contains(t, m, "| internet egress | hub firewall, allow-listed FQDNs | hub firewall, allow-listed FQDNs | **none** |")
	assert.Contains(t, m, "| PSN | via PSN edge | via PSN edge | **none** |")
	assert.Contains(t, m, "| availability zones | 3 | 2 | 2 |")
	assert.Contains(t, m, "| patch source | vendor repositories through the hub firewall | vendor repositories through the hub firewall | **internal repository only** (declared flows, no internet) |")
	assert.Contains(t, m, "| patch cadence | at least every 7 days; window SUN 02:00 UTC, 3 hours |")
	assert.Contains(t, m, "| backup second copy | 35 days; AWS: eu-west-2 in another account (own key, vault lock); Azure: cross-region restore to ukwest |")
	assert.Equal(t, "cron(0 22 ? * SUN *)", MustProfile(Bronze).Patching.RebootWindow.AWSCron())
	assert.Contains(t, m, "| stateful resources | protect + retain on delete + delete lock | protect + retain on delete + delete lock | retain on delete + delete lock |")

	_, err := ReplaceMatrix("no markers")
	require.Error(t, err)
	got, err := ReplaceMatrix("a\n" + MatrixStart + "\nold\n" + MatrixEnd + "\nb")
	require.NoError(t, err)
	assert.Equal(t, "a\n"+MatrixStart+"\n"+m+MatrixEnd+"\nb", got)
}

// TestReadmeMatrixMatchesCode fails when the README's tier matrix and the profiles disagree. Run
// `go test ./components/tier -run TestReadmeMatrix -update` to regenerate it.
func TestReadmeMatrixMatchesCode(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "README.md")
	doc, err := os.ReadFile(path)
	require.NoError(t, err)
	want, err := ReplaceMatrix(string(doc))
	require.NoError(t, err)
	if *updateReadme {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o600))
		return
	}
	assert.Equal(t, want, string(doc),
		"README.md tier matrix is stale: run go test ./components/tier -run TestReadmeMatrix -update")
}

func ExampleProfileFor() {
	p, _ := ProfileFor(Bronze)
	fmt.Println(p.AvailabilityZones, p.InternetEgress == EgressNone, p.PSNAccess, p.Isolated)
	// Output: 2 true false true
}

func TestIsolatedTiers(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []Tier{Bronze}, IsolatedTiers())
	assert.True(t, IsIsolated(Bronze))
	assert.False(t, IsIsolated(Gold))
	assert.False(t, IsIsolated(""))
}
