package azurelz

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
)

func TestImmutabilityPlan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		days             int
		unlocked, append bool
		want             immutability
	}{
		{"no period, no policy", 0, false, false, immutability{}},
		{"no period even if unlocked asked", 0, true, true, immutability{}},
		{"evidence: locked", 2557, false, false, immutability{Enabled: true, Days: 2557, State: "Locked"}},
		{"audit archive: locked, appends", 400, false, true, immutability{Enabled: true, Days: 400, State: "Locked", AllowProtectedAppendWrites: true}},
		{"first deployment: unlocked", 2557, true, false, immutability{Enabled: true, Days: 2557, State: "Unlocked"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, immutabilityPlan(tt.days, tt.unlocked, tt.append))
		})
	}
}

// TestTierDecisions pins, per tier, the decisions the tier environment takes from its profile.
func TestTierDecisions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tier           tier.Tier
		sku            string
		flowLogDays    int
		hubGateway     bool
		vaultImmutable string
		backup         vmBackup
	}{
		{tier.Platinum, "Standard_ZRS", 365, true, "Locked",
			vmBackup{Frequency: "Hourly", IntervalHours: 4, RetentionCount: 35, RetentionUnit: "Days"}},
		{tier.Gold, "Standard_LRS", 365, true, "Unlocked",
			vmBackup{Frequency: "Daily", RetentionCount: 35, RetentionUnit: "Days"}},
		{tier.Bronze, "Standard_LRS", 365, false, "Unlocked",
			vmBackup{Frequency: "Weekly", RunDays: []string{"Sunday"}, RetentionCount: 53, RetentionUnit: "Weeks"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.tier), func(t *testing.T) {
			t.Parallel()
			p := tier.MustProfile(tt.tier)
			assert.Equal(t, tt.sku, storageSKU(p.ZoneRedundantStorage))
			assert.Equal(t, tt.flowLogDays, flowLogRetentionDays(p))
			assert.Equal(t, tt.hubGateway, usesHubGateway(p))
			state, err := recoveryVaultImmutability(p)
			require.NoError(t, err)
			assert.Equal(t, tt.vaultImmutable, state)
			b, err := vmBackupPlan(p)
			require.NoError(t, err)
			assert.Equal(t, tt.backup, b)
		})
	}
}

func TestPlanEdges(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 400, auditRetentionDays(0, tier.MustProfile(tier.Platinum)), "0: the profile's LogRetentionDays")
	assert.Equal(t, 2557, auditRetentionDays(2557, tier.MustProfile(tier.Platinum)), "the caller's, when longer")
	assert.Equal(t, 90, flowLogRetentionDays(tier.Profile{LogRetentionDays: 90}), "shorter than Azure's limit: the profile's")
	none := tier.MustProfile(tier.Bronze)
	none.Backup.VaultLock = tier.VaultLockNone
	state, err := recoveryVaultImmutability(none)
	require.NoError(t, err)
	assert.Equal(t, "Disabled", state)

	crr, err := recoveryVaultCrossRegionRestore(tier.MustProfile(tier.Gold), "uksouth")
	require.NoError(t, err)
	assert.Equal(t, "Enabled", crr, "the second copy in ukwest, uksouth's pair")
	noCopy := tier.MustProfile(tier.Gold)
	noCopy.Backup.SecondCopy.AzureRegion = ""
	crr, err = recoveryVaultCrossRegionRestore(noCopy, "uksouth")
	require.NoError(t, err)
	assert.Equal(t, "Disabled", crr, "no Azure second copy named")
	_, err = recoveryVaultCrossRegionRestore(tier.MustProfile(tier.Gold), "ukwest")
	assert.EqualError(t, err, `Profile.Backup.SecondCopy.AzureRegion: "ukwest" is not allowed: allowed "uksouth" (the region paired with the tier's region "ukwest"), or empty for no cross-region restore`)

	p := tier.MustProfile(tier.Gold)
	p.Backup.VaultLock = "strict"
	_, err = recoveryVaultImmutability(p)
	assert.EqualError(t, err, `Profile.Backup.VaultLock: "strict" is not allowed: allowed "compliance", "governance" or "" (none)`)

	p = tier.MustProfile(tier.Gold)
	p.Backup.Frequency = "hourly"
	_, err = vmBackupPlan(p)
	assert.EqualError(t, err, `Profile.Backup.Frequency: "hourly" is not allowed: allowed every-4-hours, daily, weekly`)
	p = tier.MustProfile(tier.Gold)
	p.Backup.RetentionDays = 0
	_, err = vmBackupPlan(p)
	assert.EqualError(t, err, `Profile.Backup.RetentionDays: "0" is not allowed: allowed 1 or more`)
	p = tier.MustProfile(tier.Bronze)
	p.Backup.RetentionDays = 7
	b, err := vmBackupPlan(p)
	require.NoError(t, err)
	assert.Equal(t, 1, b.RetentionCount, "a week kept is one weekly point")
}

// TestPatchSchedulePlan pins each tier's Update Manager schedule, and the profile values it refuses.
func TestPatchSchedulePlan(t *testing.T) {
	t.Parallel()
	all := []string{"Critical", "Security", "Other"}
	for _, tt := range []struct {
		tier                   tier.Tier
		recur, start, duration string
	}{
		{tier.Platinum, "1Week Sunday", "2026-01-04 02:00", "03:00"},
		{tier.Gold, "1Week Saturday", "2026-01-03 23:00", "03:55"}, // a 4-hour window, cut to Update Manager's limit
		{tier.Bronze, "1Week Sunday", "2026-01-04 22:00", "03:55"},
	} {
		t.Run(string(tt.tier), func(t *testing.T) {
			t.Parallel()
			s, err := patchSchedulePlan(tier.MustProfile(tt.tier))
			require.NoError(t, err)
			assert.Equal(t, tt.recur, s.RecurEvery)
			assert.Equal(t, tt.start, s.StartDateTime)
			assert.Equal(t, tt.duration, s.Duration)
			assert.Equal(t, all, s.LinuxClassifications)
		})
	}
	p := tier.MustProfile(tier.Gold)
	p.Patching.CadenceDays = 3
	p.Patching.MaxAgeOtherDays = 0
	s, err := patchSchedulePlan(p)
	require.NoError(t, err)
	assert.Equal(t, "3Days", s.RecurEvery, "a cadence that is not whole weeks recurs in days")
	assert.Equal(t, []string{"Critical", "Security"}, s.LinuxClassifications, "no bound on other patches: critical and security only")

	for _, tt := range []struct {
		change func(p *tier.Profile)
		want   string
	}{
		{func(p *tier.Profile) { p.Patching.CadenceDays = 0 }, `Profile.Patching.CadenceDays: "0" is not allowed: allowed 1 or more`},
		{func(p *tier.Profile) { p.Patching.RebootWindow.Day = "Sunday" }, `Profile.Patching.RebootWindow.Day: "Sunday" is not a weekday: allowed MON, TUE, WED, THU, FRI, SAT, SUN`},
		{func(p *tier.Profile) { p.Patching.RebootWindow.StartHourUTC = 24 }, `Profile.Patching.RebootWindow.StartHourUTC: "24" is out of range: allowed 0 to 23`},
		{func(p *tier.Profile) { p.Patching.RebootWindow.DurationHours = 1 }, `Profile.Patching.RebootWindow.DurationHours: "1" is too short: allowed 2 or more (Update Manager needs at least 1 hour 30 minutes)`},
	} {
		p := tier.MustProfile(tier.Gold)
		tt.change(&p)
		_, err := patchSchedulePlan(p)
		assert.EqualError(t, err, tt.want)
	}
}

func TestSQLServerKeyName(t *testing.T) {
	t.Parallel()
	got, err := sqlServerKeyName("https://metgold.vault.azure.net/keys/data-key/0123abcd")
	require.NoError(t, err)
	assert.Equal(t, "metgold_data-key_0123abcd", got)
	_, err = sqlServerKeyName("https://metgold.vault.azure.net/keys/data-key")
	assert.EqualError(t, err, `data key URI "https://metgold.vault.azure.net/keys/data-key" is not https://<vault>.vault.azure.net/keys/<key>/<version>`)
}

func TestSQLServerKeyNameBadURL(t *testing.T) {
	t.Parallel()
	_, err := sqlServerKeyName("%zz")
	assert.EqualError(t, err, `data key URI "%zz" is not https://<vault>.vault.azure.net/keys/<key>/<version>`)
}
