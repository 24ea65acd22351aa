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
