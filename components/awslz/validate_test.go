package awslz

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
)

// TestArgumentErrorMessages pins each argument error, word for word, for the paths the stack-file
// tests do not reach.
func TestArgumentErrorMessages(t *testing.T) {
	t.Parallel()
	found := func(mutate func(*FoundationArgs)) func() error {
		return func() error {
			a := foundationArgs(loadStack(t, "pos-foundation"))
			mutate(a)
			return a.validate()
		}
	}
	tierEnv := func(mutate func(*TierEnvironmentArgs)) func() error {
		return func() error {
			a := tierArgs(loadStack(t, "pos-gold"), testFoundation())
			mutate(a)
			return a.validate()
		}
	}
	evidence := func(mutate func(*EvidenceStoreArgs)) func() error {
		return func() error {
			st := loadStack(t, "pos-gold")
			a := &EvidenceStoreArgs{Region: "eu-west-2", Profile: st.Profile, RetentionYears: 7, Tags: st.Tags()}
			mutate(a)
			return a.validate(a.Provider == nil)
		}
	}
	tests := []struct {
		name     string
		validate func() error
		want     string
	}{
		{"foundation without a profile", found(func(a *FoundationArgs) { a.Profile = tier.Profile{} }),
			"Profile: is empty: allowed a tier profile from tier.ProfileFor (the foundation uses platinum)"},
		{"foundation in one zone", found(func(a *FoundationArgs) { a.Profile.AvailabilityZones = 1 }),
			`Profile.AvailabilityZones: "1" is too few: allowed 2 or more`},
		{"foundation without a plan", found(func(a *FoundationArgs) { a.Plan = netplan.Plan{}; a.Flows = nil }),
			"Plan.Hub: has no range: allowed a plan from netplan.Allocate"},
		{"foundation outside London", found(func(a *FoundationArgs) { a.Region = "eu-west-1" }),
			`Region: "eu-west-1" is not an allowed region: allowed eu-west-2 (London)`},
		{"foundation without a Force tag", found(func(a *FoundationArgs) { a.Tags["Force"] = "" }),
			`Tags: "Force" is missing or empty: allowed a non-empty value (every resource carries Force, Tier, Classification, Owner, ManagedBy)`},
		{"unknown tier", tierEnv(func(a *TierEnvironmentArgs) { a.Profile.Tier = "silver" }),
			`Profile.Tier: "silver" is not a tier: allowed platinum, gold, bronze (tier.ProfileFor)`},
		{"fewer zones than the tier", tierEnv(func(a *TierEnvironmentArgs) { a.Profile.AvailabilityZones = 1 }),
			`Profile.AvailabilityZones: "1" is fewer than the gold tier's: allowed 2 or more`},
		{"plan without the tier's range", tierEnv(func(a *TierEnvironmentArgs) { a.Plan = netplan.Plan{}; a.Flows = nil }),
			`Plan.Tiers: has no range for tier "gold": allowed a plan from netplan.Allocate`},
		{"evidence kept for a negative time", evidence(func(a *EvidenceStoreArgs) { a.RetentionYears = -1 }),
			`RetentionYears: "-1" is out of range: allowed 1 to 100 (0 means 7)`},
		{"evidence kept beyond Object Lock's limit", evidence(func(a *EvidenceStoreArgs) { a.RetentionYears = 101 }),
			`RetentionYears: "101" is out of range: allowed 1 to 100 (0 means 7)`},
		{"tier evidence kept beyond Object Lock's limit", tierEnv(func(a *TierEnvironmentArgs) { a.EvidenceRetentionYears = 101 }),
			`EvidenceRetentionYears: "101" is out of range: allowed 1 to 100 (0 means 7)`},
		{"PSN peer with the reserved ASN", found(func(a *FoundationArgs) { a.PSNEdge = &PSNEdge{PeerAddress: "203.0.113.10", ASN: 4294967295} }),
			`PSNEdge.ASN: "4294967295" is not usable: allowed 1 to 4294967294 except 64512 (the Transit Gateway's own)`},
		{"public Transit Gateway ASN", found(func(a *FoundationArgs) { a.GatewayASN = 100 }),
			`GatewayASN: "100" is not a private AS number: allowed 64512 to 65534 or 4200000000 to 4294967294 (0 means 64512)`},
		{"reserved Transit Gateway ASN", found(func(a *FoundationArgs) { a.GatewayASN = 4294967295 }),
			`GatewayASN: "4294967295" is not a private AS number: allowed 64512 to 65534 or 4200000000 to 4294967294 (0 means 64512)`},
		{"PSN peer with the chosen Transit Gateway ASN", found(func(a *FoundationArgs) {
			a.GatewayASN = 65000
			a.PSNEdge = &PSNEdge{PeerAddress: "203.0.113.10", ASN: 65000}
		}), `PSNEdge.ASN: "65000" is not usable: allowed 1 to 4294967294 except 65000 (the Transit Gateway's own)`},
		{"PSN peer without an ASN", found(func(a *FoundationArgs) { a.PSNEdge = &PSNEdge{PeerAddress: "203.0.113.10"} }),
			`PSNEdge.ASN: "0" is not usable: allowed 1 to 4294967294 except 64512 (the Transit Gateway's own)`},
		{"evidence without a profile", evidence(func(a *EvidenceStoreArgs) { a.Profile = tier.Profile{} }),
			"Profile: is empty: allowed a tier profile from tier.ProfileFor"},
		{"evidence with its own provider and no tags", evidence(func(a *EvidenceStoreArgs) { a.Tags = nil }),
			`Tags: "Force" is missing or empty: allowed a non-empty value (every resource carries Force, Tier, Classification, Owner, ManagedBy)`},
		{"evidence with a caller's provider and incomplete tags", func() error {
			a := &EvidenceStoreArgs{Region: "eu-west-2", Profile: tier.MustProfile(tier.Gold), RetentionYears: 7, Tags: map[string]string{"Force": "CTY"}}
			return a.validate(false)
		}, `Tags: "Tier" is missing or empty: allowed a non-empty value (every resource carries Force, Tier, Classification, Owner, ManagedBy)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestNilArguments: each constructor refuses nil arguments and registers nothing.
func TestNilArguments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		new  func(ctx *pulumi.Context) error
		want string
	}{
		{"foundation", func(ctx *pulumi.Context) error { _, err := NewFoundation(ctx, "x", nil); return err }, "awslz.NewFoundation: args are required"},
		{"tier environment", func(ctx *pulumi.Context) error { _, err := NewTierEnvironment(ctx, "x", nil); return err }, "awslz.NewTierEnvironment: args are required"},
		{"evidence store", func(ctx *pulumi.Context) error { _, err := NewEvidenceStore(ctx, "x", nil); return err }, "awslz.NewEvidenceStore: args are required"},
		{"workload check", func(*pulumi.Context) error { return CheckWorkload(nil) }, "awslz.CheckWorkload: args are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := mockcloud.New(mockcloud.Options{})
			err := c.Run(tt.new)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, c.Resources())
		})
	}
}

// TestBackupFrequencyWithoutSchedule: a profile whose backup frequency has no AWS Backup schedule fails
// with the field, the value and the allowed values.
func TestBackupFrequencyWithoutSchedule(t *testing.T) {
	t.Parallel()
	_, err := runTier(t, loadStack(t, "pos-gold"), func(a *TierEnvironmentArgs) { a.Profile.Backup.Frequency = "hourly" }, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Profile.Backup.Frequency: "hourly" has no schedule: allowed [every-4-hours daily weekly]`)
}
