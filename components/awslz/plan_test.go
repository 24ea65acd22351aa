package awslz

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

func TestObjectLockPlan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		days, years int
		want        objectLock
	}{
		{"no retention, no lock", 0, 0, objectLock{}},
		{"audit archive: days", 400, 0, objectLock{Enabled: true, Mode: "COMPLIANCE", Days: 400}},
		{"evidence: years", 0, 7, objectLock{Enabled: true, Mode: "COMPLIANCE", Years: 7}},
		{"years win over days", 400, 10, objectLock{Enabled: true, Mode: "COMPLIANCE", Years: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, objectLockPlan(tt.days, tt.years))
		})
	}
}

func TestLogRetentionDays(t *testing.T) {
	t.Parallel()
	for _, tr := range tier.All() {
		got, err := logRetentionDays(tier.MustProfile(tr))
		require.NoError(t, err)
		assert.Equal(t, 400, got, "%s keeps logs the profile's 400 days", tr)
	}
	tests := []struct {
		days, want int
		err        string
	}{
		{365, 365, ""},
		{366, 400, ""}, // rounded up, never down
		{3653, 3653, ""},
		{0, 0, `Profile.LogRetentionDays: "0" is not allowed: allowed 1 to 3653 (CloudWatch Logs rounds up to [1 3 5 7 14 30 60 90 120 150 180 365 400 545 731 1096 1827 2192 2557 2922 3288 3653])`},
		{3654, 0, `Profile.LogRetentionDays: "3654" is not allowed: allowed 1 to 3653 (CloudWatch Logs rounds up to [1 3 5 7 14 30 60 90 120 150 180 365 400 545 731 1096 1827 2192 2557 2922 3288 3653])`},
	}
	for _, tt := range tests {
		got, err := logRetentionDays(tier.Profile{LogRetentionDays: tt.days})
		if tt.err != "" {
			assert.EqualError(t, err, tt.err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "%d days", tt.days)
	}
}

func TestBackupPlanFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tier tier.Tier
		want backupPlan
	}{
		{tier.Platinum, backupPlan{RuleName: "every-4-hours", Schedule: "cron(0 */4 * * ? *)", DeleteAfterDays: 35,
			LockMinRetentionDays: 35, LockMaxRetentionDays: 70, LockChangeableForDays: 3, CopyDeleteAfterDays: 35}},
		{tier.Gold, backupPlan{RuleName: "daily", Schedule: "cron(0 1 * * ? *)", DeleteAfterDays: 35,
			LockMinRetentionDays: 35, LockMaxRetentionDays: 70, CopyDeleteAfterDays: 35}},
		{tier.Bronze, backupPlan{RuleName: "weekly", Schedule: "cron(0 1 ? * SUN *)", DeleteAfterDays: 365, ColdStorageAfterDays: 30,
			LockMinRetentionDays: 365, LockMaxRetentionDays: 730, CopyDeleteAfterDays: 365}},
	}
	for _, tt := range tests {
		t.Run(string(tt.tier), func(t *testing.T) {
			t.Parallel()
			got, err := backupPlanFor(tier.MustProfile(tt.tier))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	p := tier.MustProfile(tier.Gold)
	p.Backup.Frequency = "hourly"
	_, err := backupPlanFor(p)
	assert.EqualError(t, err, `Profile.Backup.Frequency: "hourly" has no schedule: allowed [every-4-hours daily weekly]`)
	p = tier.MustProfile(tier.Gold)
	p.Backup.RetentionDays = 0
	_, err = backupPlanFor(p)
	assert.EqualError(t, err, `Profile.Backup.RetentionDays: "0" is not allowed: allowed 1 or more`)
	p = tier.MustProfile(tier.Gold)
	p.Backup.SecondCopy.RetentionDays = 0
	_, err = backupPlanFor(p)
	assert.EqualError(t, err, `Profile.Backup.SecondCopy.RetentionDays: "0" is not allowed: allowed 1 or more`)
}

// TestRestoreTestFor pins each tier's restore testing: at least as often as the profile's RestoreTestDays,
// of a recovery point no older than that, for the tier's instances and databases.
func TestRestoreTestFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tier     tier.Tier
		schedule string
		window   int
	}{
		{tier.Platinum, "cron(0 3 ? * MON *)", 30},
		{tier.Gold, "cron(0 3 1 1/2 ? *)", 90},
		{tier.Bronze, "cron(0 3 1 1/5 ? *)", 180},
	}
	for _, tt := range tests {
		t.Run(string(tt.tier), func(t *testing.T) {
			t.Parallel()
			got, err := restoreTestFor(tier.MustProfile(tt.tier), "pos-"+string(tt.tier))
			require.NoError(t, err)
			assert.Equal(t, restoreTest{Name: "pos_" + string(tt.tier) + "_restore_test", Schedule: tt.schedule, SelectionWindowDays: tt.window,
				StartWindowHours: 24, ValidationWindowHours: 24, ResourceTypes: []string{"EC2", "RDS"}}, got)
		})
	}
	p := tier.MustProfile(tier.Gold)
	p.Backup.RestoreTestDays = 31
	got, err := restoreTestFor(p, "x")
	require.NoError(t, err)
	assert.Equal(t, "cron(0 3 1 1/1 ? *)", got.Schedule, "monthly once a month's longest gap fits")
	p.Backup.RestoreTestDays = 400
	got, err = restoreTestFor(p, "x")
	require.NoError(t, err)
	assert.Equal(t, "cron(0 3 1 1/12 ? *)", got.Schedule, "yearly at most")
	assert.Equal(t, 365, got.SelectionWindowDays)
	p.Backup.RestoreTestDays = 6
	_, err = restoreTestFor(p, "x")
	assert.EqualError(t, err, `Profile.Backup.RestoreTestDays: "6" is too short for a restore test: allowed 7 or more (weekly tests at most)`)
}

// planFixture is a landing zone plan with a legacy data centre, PSN and flows touching Bronze.
func planFixture(t *testing.T) (netplan.Plan, []netplan.External, []netplan.Flow) {
	t.Helper()
	plan, err := netplan.Allocate(netip.MustParsePrefix("10.40.0.0/16"), netplan.ProfileAZs())
	require.NoError(t, err)
	externals := []netplan.External{
		{Name: "psn", Kind: netplan.ExternalPSN, CIDR: netip.MustParsePrefix("10.128.0.0/10")},
		{Name: "force-dc", Kind: netplan.ExternalOnPrem, CIDR: netip.MustParsePrefix("172.24.0.0/16")},
	}
	tierEnd := func(tr tier.Tier) netplan.Endpoint { return netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tr} }
	ext := func(n string) netplan.Endpoint { return netplan.Endpoint{Kind: netplan.EndpointExternal, Name: n} }
	flows := []netplan.Flow{
		{From: tierEnd(tier.Gold), To: tierEnd(tier.Bronze), Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 1521, To: 1521}}, Reason: "reads"},
		{From: tierEnd(tier.Bronze), To: ext("force-dc"), Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 1521, To: 1521}, {From: 8000, To: 8080}}, Reason: "replicates"},
		{From: tierEnd(tier.Gold), To: netplan.Endpoint{Kind: netplan.EndpointInternet}, Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 443, To: 443}}, Reason: "patching"},
		{From: tierEnd(tier.Gold), To: ext("psn"), Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 443, To: 443}}, Reason: "PSN"},
		{From: ext("force-dc"), To: tierEnd(tier.Bronze), Protocol: netplan.ProtocolICMP, Reason: "monitoring"},
	}
	return plan, externals, flows
}

func cidrOf(t *testing.T, plan netplan.Plan, tr tier.Tier) string {
	t.Helper()
	r, ok := plan.TierRange(tr)
	require.True(t, ok)
	return r.CIDR.String()
}

func TestWorkloadRules(t *testing.T) {
	t.Parallel()
	plan, externals, flows := planFixture(t)
	intent := netplan.Intent{Plan: plan, Externals: externals, Flows: flows}
	gold, bronze := cidrOf(t, plan, tier.Gold), cidrOf(t, plan, tier.Bronze)

	in, out := workloadRules(netip.MustParsePrefix(bronze), intent.FlowsOf(tier.Bronze), false)
	assert.Equal(t, []sgRule{
		{Description: "declared flow from gold", Protocol: "tcp", From: 1521, To: 1521, CIDR: gold},
		{Description: "declared flow from force-dc", Protocol: "icmp", From: -1, To: -1, CIDR: "172.24.0.0/16"},
		{Description: "members of this group", Protocol: "-1", Self: true},
	}, in)
	assert.Equal(t, []sgRule{
		{Description: "HTTPS to the tier's private endpoints", Protocol: "tcp", From: 443, To: 443, CIDR: bronze},
		{Description: "declared flow to force-dc", Protocol: "tcp", From: 1521, To: 1521, CIDR: "172.24.0.0/16"},
		{Description: "declared flow to force-dc", Protocol: "tcp", From: 8000, To: 8080, CIDR: "172.24.0.0/16"},
	}, out)

	in, _ = workloadRules(netip.MustParsePrefix(gold), intent.FlowsOf(tier.Gold), true)
	assert.Equal(t, sgRule{Description: "public HTTPS (AllowPublicIngress)", Protocol: "tcp", From: 443, To: 443, CIDR: "0.0.0.0/0"}, in[len(in)-1],
		"public ingress only when asked")
	in, _ = workloadRules(netip.MustParsePrefix(gold), intent.FlowsOf(tier.Gold), false)
	for _, r := range in {
		assert.NotEqual(t, "0.0.0.0/0", r.CIDR, "no public ingress by default")
	}
}

func TestVPCRoutes(t *testing.T) {
	t.Parallel()
	plan, externals, flows := planFixture(t)
	intent := netplan.Intent{Plan: plan, Externals: externals, Flows: flows}
	for _, tt := range []struct {
		tier tier.Tier
		want []string
	}{
		{tier.Platinum, []string{"0.0.0.0/0"}},
		{tier.Gold, []string{"0.0.0.0/0"}},
		// Bronze: the far ends of its flows only; never the internet or PSN.
		{tier.Bronze, []string{cidrOf(t, plan, tier.Gold), "172.24.0.0/16"}},
	} {
		assert.Equal(t, tt.want, vpcRoutes(intent, tier.MustProfile(tt.tier)), "%s", tt.tier)
	}
}

func TestIsolationACL(t *testing.T) {
	t.Parallel()
	plan, externals, flows := planFixture(t)
	intent := netplan.Intent{Plan: plan, Externals: externals, Flows: flows}
	platinum, gold, bronze := cidrOf(t, plan, tier.Platinum), cidrOf(t, plan, tier.Gold), cidrOf(t, plan, tier.Bronze)
	in, out := isolationACL(intent, tier.Bronze, netip.MustParsePrefix(bronze))
	assert.Equal(t, []aclEntry{
		{RuleNo: 100, Action: "allow", Protocol: "-1", CIDR: bronze},
		{RuleNo: 110, Action: "allow", Protocol: "tcp", CIDR: gold, From: 1521, To: 1521},
		{RuleNo: 120, Action: "allow", Protocol: "tcp", CIDR: "172.24.0.0/16", From: 1024, To: 65535},
		{RuleNo: 130, Action: "allow", Protocol: "tcp", CIDR: "172.24.0.0/16", From: 1024, To: 65535},
		{RuleNo: 140, Action: "allow", Protocol: "icmp", CIDR: "172.24.0.0/16", From: -1, To: -1},
		{RuleNo: 30000, Action: "deny", Protocol: "-1", CIDR: platinum},
		{RuleNo: 30010, Action: "deny", Protocol: "-1", CIDR: gold},
	}, in)
	assert.Equal(t, []aclEntry{
		{RuleNo: 100, Action: "allow", Protocol: "-1", CIDR: bronze},
		{RuleNo: 110, Action: "allow", Protocol: "tcp", CIDR: gold, From: 1024, To: 65535},
		{RuleNo: 120, Action: "allow", Protocol: "tcp", CIDR: "172.24.0.0/16", From: 1521, To: 1521},
		{RuleNo: 130, Action: "allow", Protocol: "tcp", CIDR: "172.24.0.0/16", From: 8000, To: 8080},
		{RuleNo: 140, Action: "allow", Protocol: "icmp", CIDR: "172.24.0.0/16", From: -1, To: -1},
		{RuleNo: 30000, Action: "deny", Protocol: "-1", CIDR: platinum},
		{RuleNo: 30010, Action: "deny", Protocol: "-1", CIDR: gold},
	}, out)
}

func TestFirewallPlanFor(t *testing.T) {
	t.Parallel()
	plan, externals, flows := planFixture(t)
	intent := netplan.Intent{Plan: plan, Externals: externals, Flows: flows}
	platinum, gold, bronze := cidrOf(t, plan, tier.Platinum), cidrOf(t, plan, tier.Gold), cidrOf(t, plan, tier.Bronze)
	got := firewallPlanFor(intent, []string{"*.ubuntu.com", "packages.example.org"})
	assert.Equal(t, firewallPlan{
		Flows: []firewallRule{
			{Action: "PASS", Protocol: "TCP", Source: gold, SourcePort: "ANY", Destination: bronze, DestinationPort: "1521", SID: 1001, Msg: "declared flow gold to bronze", ToServer: true},
			{Action: "PASS", Protocol: "TCP", Source: bronze, SourcePort: "ANY", Destination: "172.24.0.0/16", DestinationPort: "1521", SID: 1002, Msg: "declared flow bronze to force-dc", ToServer: true},
			{Action: "PASS", Protocol: "TCP", Source: bronze, SourcePort: "ANY", Destination: "172.24.0.0/16", DestinationPort: "8000:8080", SID: 1003, Msg: "declared flow bronze to force-dc", ToServer: true},
			// The internet flow is the domain allow-list's; the PSN flow passes like any other.
			{Action: "PASS", Protocol: "TCP", Source: gold, SourcePort: "ANY", Destination: "10.128.0.0/10", DestinationPort: "443", SID: 1004, Msg: "declared flow gold to psn", ToServer: true},
			{Action: "PASS", Protocol: "ICMP", Source: "172.24.0.0/16", SourcePort: "ANY", Destination: bronze, DestinationPort: "ANY", SID: 1005, Msg: "declared flow force-dc to bronze", ToServer: true},
		},
		EgressDomains: []string{".ubuntu.com", "packages.example.org"},
		HomeNet:       []string{platinum, gold}, // Bronze has no internet egress
	}, got)

	none := firewallPlanFor(netplan.Intent{Plan: plan, Externals: externals}, nil)
	assert.Equal(t, []firewallRule{{Action: "DROP", Protocol: "IP", Source: "ANY", SourcePort: "ANY", Destination: "ANY", DestinationPort: "ANY", SID: 1000, Msg: "no declared flows"}}, none.Flows)
	assert.Empty(t, none.EgressDomains)
}

func TestTransitRoutes(t *testing.T) {
	t.Parallel()
	plan, externals, flows := planFixture(t)
	intent := netplan.Intent{Plan: plan, Externals: externals, Flows: flows}
	platinum, gold, bronze := cidrOf(t, plan, tier.Platinum), cidrOf(t, plan, tier.Gold), cidrOf(t, plan, tier.Bronze)
	routes, err := tierTransitRoutes(intent)
	require.NoError(t, err)
	assert.Equal(t, []tgwRoute{
		{Table: "platinum", Name: "tgw-platinum-default", CIDR: "0.0.0.0/0", Via: viaInspection},
		{Table: "gold", Name: "tgw-gold-default", CIDR: "0.0.0.0/0", Via: viaInspection},
		// Bronze: its flows' far ends through inspection, never PSN or the internet; other tiers dropped.
		{Table: "bronze", Name: "tgw-bronze-flow-gold", CIDR: gold, Via: viaInspection},
		{Table: "bronze", Name: "tgw-bronze-flow-force-dc", CIDR: "172.24.0.0/16", Via: viaInspection},
		{Table: "bronze", Name: "tgw-bronze-blackhole-platinum", CIDR: platinum, Via: blackhole},
	}, routes)

	routes, err = psnTransitRoutes(intent)
	require.NoError(t, err)
	assert.Equal(t, []tgwRoute{
		{Table: "inspection", Name: "tgw-inspection-psn", CIDR: "10.128.0.0/10", Via: viaPSN},
		{Table: "psn", Name: "tgw-psn-platinum", CIDR: platinum, Via: viaInspection},
		{Table: "psn", Name: "tgw-psn-gold", CIDR: gold, Via: viaInspection},
		{Table: "psn", Name: "tgw-psn-bronze", CIDR: bronze, Via: blackhole}, // Bronze has no PSN access
	}, routes)

	bad := plan
	bad.Tiers = append([]netplan.Range(nil), plan.Tiers...)
	bad.Tiers[0].Tier = "silver"
	_, err = tierTransitRoutes(netplan.Intent{Plan: bad, Externals: externals, Flows: flows})
	assert.EqualError(t, err, `no profile for tier "silver": unknown tier "silver": allowed are platinum, gold, bronze`)
}

// TestPlannersFollowIntentReach: the isolated tier's routes and network ACL are what the intent lets it
// reach, not merely its flows' far ends: a declared range inside a PSN range is never routed to or allowed
// for Bronze (no PSN access), even though it is not of kind psn and a flow names it.
func TestPlannersFollowIntentReach(t *testing.T) {
	t.Parallel()
	plan, externals, flows := planFixture(t)
	externals = append(externals, netplan.External{Name: "psn-gateway", Kind: netplan.ExternalOnPrem, CIDR: netip.MustParsePrefix("10.130.0.0/16")})
	flows = append(flows, netplan.Flow{From: netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Bronze},
		To: netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "psn-gateway"}, Protocol: netplan.ProtocolTCP,
		Ports: []netplan.PortRange{{From: 443, To: 443}}, Reason: "inside PSN"})
	intent := netplan.Intent{Plan: plan, Externals: externals, Flows: flows}
	gold, bronze := cidrOf(t, plan, tier.Gold), cidrOf(t, plan, tier.Bronze)

	assert.Equal(t, []string{gold, "172.24.0.0/16"}, vpcRoutes(intent, tier.MustProfile(tier.Bronze)))
	in, out := isolationACL(intent, tier.Bronze, netip.MustParsePrefix(bronze))
	for _, e := range append(in, out...) {
		assert.NotEqual(t, "10.130.0.0/16", e.CIDR, "no ACL entry for a range inside PSN")
	}
	routes, err := tierTransitRoutes(intent)
	require.NoError(t, err)
	for _, r := range routes {
		assert.NotEqual(t, "10.130.0.0/16", r.CIDR, "no Transit Gateway route to a range inside PSN")
	}
	// The security group lists every declared flow of the tier; the ACL and routes above keep this one
	// from leaving.
	_, egress := workloadRules(netip.MustParsePrefix(bronze), intent.FlowsOf(tier.Bronze), false)
	assert.Contains(t, egress, sgRule{Description: "declared flow to psn-gateway", Protocol: "tcp", From: 443, To: 443, CIDR: "10.130.0.0/16"})
}
