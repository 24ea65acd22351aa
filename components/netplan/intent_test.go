package netplan_test

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// testIntent is the realistic intent over 10.20.0.0/16: hub 10.20.0.0/18, Platinum 10.20.64.0/18,
// Gold 10.20.128.0/18, Bronze 10.20.192.0/18; psn 10.240.0.0/12, legacy-dc 172.16.0.0/16, met
// 10.60.0.0/16.
func testIntent(t *testing.T) netplan.Intent {
	t.Helper()
	externals, flows := realisticFlows()
	return netplan.Intent{Plan: mustAllocate(t, "10.20.0.0/16"), Externals: externals, Flows: flows}
}

func TestIntentResolve(t *testing.T) {
	t.Parallel()
	in := testIntent(t)
	for _, tc := range []struct {
		e    netplan.Endpoint
		want string
		ok   bool
	}{
		{epGold, "10.20.128.0/18", true},
		{epBronze, "10.20.192.0/18", true},
		{epPSN, "10.240.0.0/12", true},
		{netplan.Endpoint{Kind: netplan.EndpointExternal, Name: " Legacy-DC "}, "172.16.0.0/16", true},
		{epInternet, "0.0.0.0/0", true},
		{netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "nhs"}, "", false},
		{netplan.Endpoint{Kind: netplan.EndpointExternal, Name: ""}, "", false},
		{netplan.Endpoint{Kind: netplan.EndpointTier, Tier: "silver"}, "", false},
		{netplan.Endpoint{}, "", false},
	} {
		got, ok := in.Resolve(tc.e)
		assert.Equal(t, tc.ok, ok, tc.e.String())
		if tc.ok {
			assert.Equal(t, tc.want, got.String(), tc.e.String())
		} else {
			assert.False(t, got.IsValid(), tc.e.String())
		}
	}
	p, ok := netplan.Intent{}.Resolve(epGold)
	assert.False(t, ok, "a tier without a range in the plan does not resolve")
	require.Equal(t, netip.Prefix{}, p)
}

func TestIntentFlowsOf(t *testing.T) {
	t.Parallel()
	in := testIntent(t)
	type row struct {
		index    int
		outbound bool
		far      string
		cidr     string
		kind     netplan.ExternalKind
	}
	for _, tc := range []struct {
		tier tier.Tier
		want []row
	}{
		{tier.Bronze, []row{
			{4, false, "gold", "10.20.128.0/18", ""},
			{5, true, "legacy-dc", "172.16.0.0/16", netplan.ExternalOnPrem},
			{6, false, "legacy-dc", "172.16.0.0/16", netplan.ExternalOnPrem},
			{8, true, "MET", "10.60.0.0/16", netplan.ExternalLandingZone},
		}},
		{tier.Platinum, []row{
			{0, false, "gold", "10.20.128.0/18", ""},
			{1, true, "psn", "10.240.0.0/12", netplan.ExternalPSN},
			{7, true, "gold", "10.20.128.0/18", ""},
		}},
		{tier.Gold, []row{
			{0, true, "platinum", "10.20.64.0/18", ""},
			{2, false, "psn", "10.240.0.0/12", netplan.ExternalPSN},
			{3, true, "internet", "0.0.0.0/0", ""},
			{4, true, "bronze", "10.20.192.0/18", ""},
			{7, false, "platinum", "10.20.64.0/18", ""},
		}},
		{"silver", nil},
		{"", nil},
	} {
		var got []row
		for _, f := range in.FlowsOf(tc.tier) {
			assert.Equal(t, in.Flows[f.Index], f.Flow)
			got = append(got, row{f.Index, f.Outbound, f.Far.String(), f.FarCIDR.String(), f.FarKind})
		}
		assert.Equal(t, tc.want, got, string(tc.tier))
	}

	// A far end that names nothing declared is returned unresolved: callers decide (Validate refuses it).
	in.Flows = []netplan.Flow{tcp(epBronze, netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "nhs"}, 443)}
	got := in.FlowsOf(tier.Bronze)
	require.Len(t, got, 1)
	assert.False(t, got[0].FarCIDR.IsValid())
}

func TestIntentMayReach(t *testing.T) {
	t.Parallel()
	in := testIntent(t)
	p := netip.MustParsePrefix
	for _, tc := range []struct {
		name string
		tier tier.Tier
		to   string
		want bool
	}{
		{"bronze: own range", tier.Bronze, "10.20.192.0/18", true},
		{"bronze: a subnet of its own range", tier.Bronze, "10.20.200.0/24", true},
		{"bronze: gold, a declared flow (inbound: the return path)", tier.Bronze, "10.20.128.0/18", true},
		{"bronze: a subnet of gold", tier.Bronze, "10.20.130.0/24", true},
		{"bronze: legacy-dc, a declared flow", tier.Bronze, "172.16.4.0/24", true},
		{"bronze: met, declared by another spelling of its name", tier.Bronze, "10.60.0.0/16", true},
		{"bronze: platinum, no flow", tier.Bronze, "10.20.64.0/18", false},
		{"bronze: the hub", tier.Bronze, "10.20.0.0/18", false},
		{"bronze: the internet", tier.Bronze, "0.0.0.0/0", false},
		{"bronze: a public range", tier.Bronze, "8.8.8.0/24", false},
		{"bronze: wider than a peer", tier.Bronze, "172.16.0.0/15", false},
		{"bronze: PSN", tier.Bronze, "10.240.0.0/12", false},
		{"gold: the internet, declared and allowed by its profile", tier.Gold, "0.0.0.0/0", true},
		{"gold: PSN, declared and allowed", tier.Gold, "10.241.0.0/16", true},
		{"gold: bronze, declared", tier.Gold, "10.20.192.0/18", true},
		{"gold: legacy-dc, no flow (its internet flow does not open declared ranges)", tier.Gold, "172.16.0.0/16", false},
		{"gold: a subnet of platinum, a declared flow", tier.Gold, "10.20.64.0/24", true},
		{"gold: the hub, no flow", tier.Gold, "10.20.0.0/24", false},
		{"gold: a public range, through its internet flow", tier.Gold, "8.8.8.0/24", true},
		{"platinum: the internet, allowed by its profile but not declared", tier.Platinum, "0.0.0.0/0", false},
		{"unknown tier", "silver", "10.20.192.0/18", false},
	} {
		assert.Equal(t, tc.want, in.MayReach(tc.tier, p(tc.to)), tc.name)
	}
	assert.False(t, in.MayReach(tier.Bronze, netip.Prefix{}), "an invalid prefix is never reachable")

	// Bronze's PSN ban holds whatever a flow declares: a declared flow to PSN does not open it.
	in.Flows = append(in.Flows, tcp(epBronze, epPSN, 443))
	assert.False(t, in.MayReach(tier.Bronze, p("10.240.0.0/12")))
	assert.NotContains(t, in.Peers(tier.Bronze), p("10.240.0.0/12"))
	// Nor does a declared flow to the internet open the internet.
	in.Flows = append(in.Flows, tcp(epBronze, epInternet, 443))
	assert.False(t, in.MayReach(tier.Bronze, p("0.0.0.0/0")))
	assert.Equal(t, []netip.Prefix{p("10.20.128.0/18"), p("172.16.0.0/16"), p("10.60.0.0/16")}, in.Peers(tier.Bronze))
}

func TestIntentExternals(t *testing.T) {
	t.Parallel()
	in := testIntent(t)
	p := netip.MustParsePrefix
	assert.Equal(t, []netplan.External{in.Externals[0]}, in.ExternalsOf(netplan.ExternalPSN))
	assert.Empty(t, in.ExternalsOf(netplan.ExternalPartner))
	assert.True(t, in.OverlapsExternal(p("10.240.1.0/24"), netplan.ExternalPSN))
	assert.True(t, in.OverlapsExternal(p("10.0.0.0/8"), netplan.ExternalPSN), "a wider range overlaps")
	assert.False(t, in.OverlapsExternal(p("10.240.1.0/24"), netplan.ExternalOnPrem))
	assert.False(t, in.OverlapsExternal(p("172.16.0.0/16"), netplan.ExternalPSN))
	ranges, externals := in.Overlapping(p("10.20.128.0/17"))
	require.Len(t, ranges, 2)
	assert.Equal(t, []tier.Tier{tier.Gold, tier.Bronze}, []tier.Tier{ranges[0].Tier, ranges[1].Tier})
	assert.Empty(t, externals)
	ranges, externals = in.Overlapping(p("0.0.0.0/0"))
	assert.Len(t, ranges, 4, "hub and three tiers")
	assert.Equal(t, in.Externals, externals)
	x, ok := in.External(" LEGACY-dc")
	assert.True(t, ok)
	assert.Equal(t, "legacy-dc", x.Name)
	for _, tc := range []struct {
		name, want string
		ok         bool
	}{{"hub", "10.20.0.0/18", true}, {"Gold", "10.20.128.0/18", true}, {"silver", "", false}} {
		c, ok := in.RangeCIDR(tc.name)
		assert.Equal(t, tc.ok, ok, tc.name)
		if ok {
			assert.Equal(t, tc.want, c.String(), tc.name)
		}
	}
}

func TestIntentCovers(t *testing.T) {
	t.Parallel()
	in := testIntent(t)
	p := netip.MustParsePrefix
	goldToBronze := in.Flows[4] // gold -> bronze tcp/1433,5000-5100
	icmp := in.Flows[7]         // platinum -> gold icmp
	gold, bronze, plat := p("10.20.128.0/18"), p("10.20.192.0/18"), p("10.20.64.0/18")
	for _, tc := range []struct {
		name     string
		f        netplan.Flow
		src, dst netip.Prefix
		proto    netplan.Protocol
		from, to int
		want     bool
	}{
		{"exact port", goldToBronze, gold, bronze, netplan.ProtocolTCP, 1433, 1433, true},
		{"subnets of both ends", goldToBronze, p("10.20.129.0/24"), p("10.20.200.0/24"), netplan.ProtocolTCP, 1433, 1433, true},
		{"inside a port range", goldToBronze, gold, bronze, netplan.ProtocolTCP, 5000, 5050, true},
		{"across two port ranges", goldToBronze, gold, bronze, netplan.ProtocolTCP, 1433, 5000, false},
		{"other port", goldToBronze, gold, bronze, netplan.ProtocolTCP, 22, 22, false},
		{"other protocol", goldToBronze, gold, bronze, netplan.ProtocolUDP, 1433, 1433, false},
		{"protocol spelt in capitals", goldToBronze, gold, bronze, "TCP", 1433, 1433, true},
		{"reverse direction", goldToBronze, bronze, gold, netplan.ProtocolTCP, 1433, 1433, false},
		{"source wider than the flow's", goldToBronze, p("10.20.0.0/16"), bronze, netplan.ProtocolTCP, 1433, 1433, false},
		{"icmp has no ports", icmp, plat, gold, netplan.ProtocolICMP, 0, 0, true},
		{"icmp flow does not cover tcp", icmp, plat, gold, netplan.ProtocolTCP, 0, 0, false},
		{"unresolvable end", tcp(epBronze, netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "nhs"}, 443), bronze, p("1.2.3.0/24"), netplan.ProtocolTCP, 443, 443, false},
	} {
		assert.Equal(t, tc.want, in.Covers(tc.f, tc.src, tc.dst, tc.proto, tc.from, tc.to), tc.name)
	}
}

func TestFieldError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		e    netplan.FieldError
		want string
	}{
		{netplan.FieldError{Path: "Flows[0].Protocol", Value: "sctp", Msg: "is not a protocol", Allowed: "tcp, udp, icmp"},
			`Flows[0].Protocol: "sctp" is not a protocol: allowed tcp, udp, icmp`},
		{netplan.FieldError{Path: "Externals[1].CIDR", Msg: "is missing", Allowed: "an IPv4 prefix"},
			`Externals[1].CIDR: is missing: allowed an IPv4 prefix`},
		{netplan.FieldError{Path: "Flows[2]", Value: "bronze -> internet tcp/443", Msg: "tier bronze has no internet egress"},
			`Flows[2]: "bronze -> internet tcp/443" tier bronze has no internet egress`},
	} {
		assert.Equal(t, tc.want, tc.e.Error())
	}
	e := &netplan.FieldError{Path: "Flows[2]", Msg: "m"}
	assert.Equal(t, "TierEnvironmentArgs.Flows[2]", e.Prefixed("TierEnvironmentArgs").Path)
	assert.Equal(t, "Flows[2]", e.Path, "Prefixed copies")
	assert.Equal(t, "Externals[1]", (&netplan.FieldError{Path: "[1]"}).Prefixed("Externals").Path)
	assert.Equal(t, "Tags", (&netplan.FieldError{}).Prefixed("Tags").Path)
}
