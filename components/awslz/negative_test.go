package awslz

import (
	"maps"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

// blockingRules returns the IDs of the blocking findings.
func blockingRules(fs []policy.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
	}
	return ids
}

// TestLooseningIsCaught flips one argument at a time; the named rule catches each.
func TestLooseningIsCaught(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		stack  string
		tier   func(*TierEnvironmentArgs)
		found  func(*FoundationArgs)
		wantID string
	}{
		{name: "public ingress on Platinum", stack: "pos-platinum",
			tier: func(a *TierEnvironmentArgs) { a.AllowPublicIngress = true }, wantID: "PCLZ-AWS-NET-001"},
		{name: "foundation held to the Bronze profile leaves keys unprotected", stack: "pos-foundation",
			found: func(a *FoundationArgs) { a.Profile = tier.MustProfile(tier.Bronze) }, wantID: "PCLZ-COM-RES-001"},
		{name: "short key deletion window", stack: "pos-gold",
			tier: func(a *TierEnvironmentArgs) { a.Profile.KeyDeletionWindowDays = 7 }, wantID: "PCLZ-AWS-ENC-014"},
		{name: "short log retention", stack: "pos-gold",
			tier: func(a *TierEnvironmentArgs) { a.Profile.LogRetentionDays = 90 }, wantID: "PCLZ-AWS-AUD-005"},
		{name: "Bronze backups kept too briefly", stack: "pos-bronze",
			tier: func(a *TierEnvironmentArgs) { a.Profile.Backup.RetentionDays = 35 }, wantID: "PCLZ-AWS-RES-005"},
		{name: "Bronze treated as not isolated gets a default route", stack: "pos-bronze",
			tier: func(a *TierEnvironmentArgs) { a.Profile.Isolated = false }, wantID: "PCLZ-AWS-NET-009"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, tt.stack)
			c, err := runStack(t, st, tt.found, tt.tier, false)
			require.NoError(t, err)
			assert.Contains(t, blockingRules(c.Blocking(stackctx.FromStack(st))), tt.wantID)
		})
	}
}

// TestValidationRefuses: arguments that cannot be made safe are refused before anything is registered,
// naming the field, the value and what is allowed.
func TestValidationRefuses(t *testing.T) {
	t.Parallel()
	internetFlow := netplan.Flow{
		From: netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Bronze}, To: netplan.Endpoint{Kind: netplan.EndpointInternet},
		Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 443, To: 443}}, Reason: "updates",
	}
	tests := []struct {
		name  string
		stack string
		tier  func(*TierEnvironmentArgs)
		found func(*FoundationArgs)
		want  []string
	}{
		{name: "public ingress on Bronze", stack: "pos-bronze", tier: func(a *TierEnvironmentArgs) { a.AllowPublicIngress = true },
			want: []string{`AllowPublicIngress: "true" is not allowed for the bronze tier: allowed false (the tier has no path to or from the internet)`}},
		{name: "Bronze flow to the internet", stack: "pos-bronze", tier: func(a *TierEnvironmentArgs) { a.Flows = append(a.Flows, internetFlow) },
			want: []string{`Flows[5]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`}},
		{name: "operating system twice, Windows on Bronze", stack: "pos-bronze", tier: func(a *TierEnvironmentArgs) {
			a.OperatingSystems = []string{OSRHEL9, OSWindows, OSRHEL9}
		}, want: []string{
			`OperatingSystems[1]: "windows" cannot be patched from the bronze tier's internal patch repository (the tier has no internet): allowed amazon-linux-2023, rhel-9`,
			`OperatingSystems[2]: "rhel-9" is listed twice: allowed each family once`,
		}},
		{name: "region outside London", stack: "pos-gold", tier: func(a *TierEnvironmentArgs) { a.Region = "us-east-1" },
			want: []string{`Region: "us-east-1" is not an allowed region: allowed eu-west-2 (London)`}},
		{name: "profile of no tier", stack: "pos-gold", tier: func(a *TierEnvironmentArgs) { a.Profile.Tier = "silver" },
			want: []string{`Profile.Tier: "silver" is not a tier: allowed platinum, gold, bronze (tier.ProfileFor)`}},
		{name: "missing tag", stack: "pos-gold", tier: func(a *TierEnvironmentArgs) { delete(a.Tags, "Owner") },
			want: []string{`Tags: "Owner" is missing or empty: allowed a non-empty value (every resource carries Force, Tier, Classification, Owner, ManagedBy)`}},
		{name: "no hub", stack: "pos-gold", tier: func(a *TierEnvironmentArgs) { a.Foundation = FoundationRef{} },
			want: []string{"Foundation: TransitGatewayID, RouteTableID and InspectionRouteTableID are required: allowed the foundation's outputs"}},
		{name: "evidence retention out of range", stack: "pos-gold", tier: func(a *TierEnvironmentArgs) { a.EvidenceRetentionYears = 101 },
			want: []string{`EvidenceRetentionYears: "101" is out of range: allowed 1 to 100 (0 means 7)`}},
		{name: "PSN peer private and clashing ASN", stack: "pos-foundation", found: func(a *FoundationArgs) {
			a.PSNEdge = &PSNEdge{PeerAddress: "10.0.0.1", ASN: 64512}
		}, want: []string{
			`PSNEdge.PeerAddress: "10.0.0.1" is not a public IPv4 address: allowed the PSN provider's VPN endpoint such as 203.0.113.10`,
			`PSNEdge.ASN: "64512" is not usable: allowed 1 to 4294967294 except 64512 (the Transit Gateway's own)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, tt.stack)
			c, err := runStack(t, st, tt.found, tt.tier, false)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			for _, r := range c.Resources() {
				assert.Equal(t, "backup-account", r.Name, "nothing is registered but the test's own backup account provider")
			}
		})
	}
}

// TestPreviewUnknowns runs every stack as a preview, where IDs and ARNs are unknown: nothing panics,
// and the mandatory rules still find nothing to block.
func TestPreviewUnknowns(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-foundation", "pos-platinum", "pos-gold", "pos-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, stack)
			c, err := runStack(t, st, nil, nil, true)
			require.NoError(t, err)
			assert.NotEmpty(t, c.Resources())
			blocking := c.Blocking(stackctx.FromStack(st))
			assert.Empty(t, blocking, mockcloud.Describe(blocking))
		})
	}
}

// TestEvidenceStoreOnItsOwn is the smallest use: one store with its own provider and key.
func TestEvidenceStoreOnItsOwn(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c := mockcloud.New(mockcloud.Options{Stack: "evidence"})
	var store *EvidenceStore
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		var err error
		store, err = NewEvidenceStore(ctx, "bwv", &EvidenceStoreArgs{
			Region: "eu-west-2", Profile: st.Profile, RetentionYears: 10, Tags: st.Tags(),
		})
		return err
	}))
	require.NotNil(t, store)
	outs, err := store.Outputs()
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"bucket", "bucketArn", "accessLogBucket", "keyArn"}, slices.Collect(maps.Keys(outs)),
		"every declared output is registered")
	// Everything the store creates passes. The one stack-wide finding is the tier's backup plan
	// (PCLZ-AWS-RES-004), which a Gold stack needs and a TierEnvironment provides; a program that
	// deploys an evidence store alone at a tier must add one.
	blocking := c.Blocking(stackctx.FromStack(st))
	assert.Equal(t, []string{"PCLZ-AWS-RES-004"}, blockingRules(blocking), mockcloud.Describe(blocking))
	locks := c.Find("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2")
	require.Len(t, locks, 1)
	assert.Equal(t, "COMPLIANCE", locks[0].Get("rule", "defaultRetention", "mode").AsString())
	assert.Equal(t, 10.0, locks[0].Get("rule", "defaultRetention", "years").AsNumber())
	assert.Equal(t, 1, c.Types()["aws:kms/key:Key"], "the store made its own key")
	assert.Zero(t, c.Types()["aws:s3/bucketReplicationConfig:BucketReplicationConfig"], "evidence is never replicated")

	// RetentionYears 0 means DefaultEvidenceRetentionYears, as on Azure.
	c, err = runEvidence(t, &EvidenceStoreArgs{Region: "eu-west-2", Profile: st.Profile, RetentionYears: 0, Tags: st.Tags()})
	require.NoError(t, err)
	locks = c.Find("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2")
	require.Len(t, locks, 1)
	assert.Equal(t, float64(DefaultEvidenceRetentionYears), locks[0].Get("rule", "defaultRetention", "years").AsNumber())

	_, err = runEvidence(t, &EvidenceStoreArgs{Region: "eu-west-2", Profile: st.Profile, RetentionYears: -1, Tags: st.Tags()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `RetentionYears: "-1" is out of range: allowed 1 to 100 (0 means 7)`)
}

func runEvidence(t *testing.T, args *EvidenceStoreArgs) (*mockcloud.Cloud, error) {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: "evidence"})
	return c, c.Run(func(ctx *pulumi.Context) error {
		_, err := NewEvidenceStore(ctx, "bwv", args)
		return err
	})
}
