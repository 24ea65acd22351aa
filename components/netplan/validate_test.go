package netplan_test

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

var (
	epPlatinum = netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Platinum}
	epGold     = netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Gold}
	epBronze   = netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Bronze}
	epInternet = netplan.Endpoint{Kind: netplan.EndpointInternet}
	epPSN      = netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "psn"}
	epLegacy   = netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "legacy-dc"}
)

func ports(from, to uint16) []netplan.PortRange { return []netplan.PortRange{{From: from, To: to}} }

func tcp(from, to netplan.Endpoint, port uint16) netplan.Flow {
	return netplan.Flow{From: from, To: to, Protocol: netplan.ProtocolTCP, Ports: ports(port, port), Reason: "needed"}
}

// realisticFlows are the externals and flows of a landing zone that follows the tier matrix.
func realisticFlows() ([]netplan.External, []netplan.Flow) {
	externals := []netplan.External{
		{Name: "psn", Kind: netplan.ExternalPSN, CIDR: netip.MustParsePrefix("10.240.0.0/12")},
		{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: netip.MustParsePrefix("172.16.0.0/16")},
		{Name: "met", Kind: netplan.ExternalLandingZone, CIDR: netip.MustParsePrefix("10.60.0.0/16")},
	}
	flows := []netplan.Flow{
		{From: epGold, To: epPlatinum, Protocol: netplan.ProtocolTCP, Ports: ports(443, 443), Reason: "case management reads incidents"},
		{From: epPlatinum, To: epPSN, Protocol: netplan.ProtocolTCP, Ports: ports(443, 443), Reason: "PNC queries"},
		{From: epPSN, To: epGold, Protocol: netplan.ProtocolTCP, Ports: ports(443, 443), Reason: "partner agencies submit referrals"},
		{From: epGold, To: epInternet, Protocol: netplan.ProtocolTCP, Ports: ports(443, 443), Reason: "OS updates through the allow-list"},
		{From: epGold, To: epBronze, Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{1433, 1433}, {5000, 5100}}, Reason: "legacy records database"},
		{From: epBronze, To: epLegacy, Protocol: netplan.ProtocolTCP, Ports: ports(445, 445), Reason: "file share still on premises"},
		{From: epLegacy, To: epBronze, Protocol: netplan.ProtocolUDP, Ports: ports(514, 514), Reason: "syslog relay"},
		{From: epPlatinum, To: epGold, Protocol: netplan.ProtocolICMP, Reason: "health checks"},
		{From: epBronze, To: netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "MET"}, Protocol: netplan.ProtocolTCP, Ports: ports(22, 22), Reason: "migration copy"},
	}
	return externals, flows
}

func TestValidateRealistic(t *testing.T) {
	t.Parallel()
	externals, flows := realisticFlows()
	for _, supernet := range []string{"10.20.0.0/16", "10.20.0.0/20", "192.168.16.0/20", "100.64.0.0/10"} {
		plan := mustAllocate(t, supernet)
		assert.Empty(t, netplan.Validate(plan, externals, flows), supernet)
	}
}

func errorStrings(errs []error) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestValidateExternals(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	p := netip.MustParsePrefix
	for _, tc := range []struct {
		name      string
		externals []netplan.External
		want      []string
	}{
		{"overlaps the supernet", []netplan.External{{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: p("10.20.128.0/17")}},
			[]string{`external "legacy-dc": CIDR 10.20.128.0/17 overlaps the landing zone supernet 10.20.0.0/16: external ranges must lie outside it`}},
		{"contains the supernet", []netplan.External{{Name: "psn", Kind: netplan.ExternalPSN, CIDR: p("10.0.0.0/8")}},
			[]string{`external "psn": CIDR 10.0.0.0/8 overlaps the landing zone supernet 10.20.0.0/16: external ranges must lie outside it`}},
		{"externals overlap each other", []netplan.External{
			{Name: "psn", Kind: netplan.ExternalPSN, CIDR: p("172.16.0.0/12")},
			{Name: "ok", Kind: netplan.ExternalPartner, CIDR: p("192.168.0.0/24")},
			{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: p("172.20.0.0/16")},
		}, []string{`external "psn" (172.16.0.0/12) overlaps external "legacy-dc" (172.20.0.0/16): external ranges must not overlap each other`}},
		{"IPv6", []netplan.External{{Name: "v6", Kind: netplan.ExternalPartner, CIDR: p("2001:db8::/32")}},
			[]string{`external "v6": CIDR 2001:db8::/32 is not IPv4: only IPv4 prefixes are allowed`}},
		{"unmasked", []netplan.External{{Name: "dc", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.5.1/16")}},
			[]string{`external "dc": CIDR 172.16.5.1/16 has host bits set: use the masked form 172.16.0.0/16`}},
		{"no CIDR", []netplan.External{{Name: "dc", Kind: netplan.ExternalOnPrem}},
			[]string{`external "dc": CIDR is missing: an IPv4 prefix such as 10.0.0.0/8 is required`}},
		{"empty name", []netplan.External{{Name: "  ", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.0.0/16")}},
			[]string{`external 1: name is empty: every external range needs a unique name that flows refer to`}},
		{"duplicate name ignoring case", []netplan.External{
			{Name: "dc", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.0.0/16")},
			{Name: "DC", Kind: netplan.ExternalOnPrem, CIDR: p("172.17.0.0/16")},
		}, []string{`external "DC": name is used by externals 1 and 2: names must be unique, ignoring case`}},
		{"reserved names", []netplan.External{
			{Name: "Gold", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.0.0/16")},
			{Name: "internet", Kind: netplan.ExternalPartner, CIDR: p("172.17.0.0/16")},
		}, []string{
			`external "Gold": name is reserved: external names must not be a tier name (platinum, gold, bronze) or "internet"`,
			`external "internet": name is reserved: external names must not be a tier name (platinum, gold, bronze) or "internet"`,
		}},
		{"bad kind", []netplan.External{
			{Name: "x", Kind: "cloud", CIDR: p("172.16.0.0/16")},
			{Name: "y", Kind: "PSN", CIDR: p("172.17.0.0/16")},
			{Name: "z", CIDR: p("172.18.0.0/16")},
		}, []string{
			`external "x": kind "cloud" is not allowed: allowed are psn, onprem, landingzone, partner`,
			`external "y": kind "PSN" is not allowed: allowed are psn, onprem, landingzone, partner`,
			`external "z": kind "" is not allowed: allowed are psn, onprem, landingzone, partner`,
		}},
		{"all problems at once", []netplan.External{
			{Name: "", Kind: "", CIDR: p("10.20.1.0/24")},
			{Name: "b", Kind: netplan.ExternalPartner, CIDR: p("10.20.1.0/24")},
		}, []string{
			`external 1: name is empty: every external range needs a unique name that flows refer to`,
			`external 1: kind "" is not allowed: allowed are psn, onprem, landingzone, partner`,
			`external 1: CIDR 10.20.1.0/24 overlaps the landing zone supernet 10.20.0.0/16: external ranges must lie outside it`,
			`external "b": CIDR 10.20.1.0/24 overlaps the landing zone supernet 10.20.0.0/16: external ranges must lie outside it`,
			`external 1 (10.20.1.0/24) overlaps external "b" (10.20.1.0/24): external ranges must not overlap each other`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, errorStrings(netplan.Validate(plan, tc.externals, nil)))
		})
	}
}

func TestValidateFlows(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	externals, _ := realisticFlows()
	udp := func(f netplan.Flow) netplan.Flow { f.Protocol = netplan.ProtocolUDP; return f }
	withPorts := func(f netplan.Flow, p ...netplan.PortRange) netplan.Flow { f.Ports = p; return f }
	withProto := func(f netplan.Flow, p netplan.Protocol) netplan.Flow { f.Protocol = p; return f }
	withReason := func(f netplan.Flow, r string) netplan.Flow { f.Reason = r; return f }
	for _, tc := range []struct {
		name string
		flow netplan.Flow
		want []string // nil: the flow is allowed
	}{
		{"gold to internet is allowed", tcp(epGold, epInternet, 443), nil},
		{"platinum to psn is allowed", tcp(epPlatinum, epPSN, 443), nil},
		{"bronze to gold on explicit ports is allowed", tcp(epBronze, epGold, 443), nil},
		{"bronze to an on-prem range is allowed", tcp(epBronze, epLegacy, 445), nil},
		{"icmp without ports is allowed", withPorts(withProto(tcp(epPlatinum, epGold, 0), netplan.ProtocolICMP)), nil},
		{"1024 ports on bronze is allowed", withPorts(tcp(epGold, epBronze, 0), netplan.PortRange{From: 1, To: 1024}), nil},
		{"bronze to internet", tcp(epBronze, epInternet, 443), []string{
			"flow 1 (bronze -> internet tcp/443): tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows",
		}},
		{"bronze to psn", tcp(epBronze, epPSN, 443), []string{
			"flow 1 (bronze -> psn tcp/443): tier bronze has no PSN access; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows",
		}},
		{"psn to bronze", udp(tcp(epPSN, epBronze, 53)), []string{
			"flow 1 (psn -> bronze udp/53): tier bronze has no PSN access; allowed sources for bronze are other tiers and non-PSN external ranges, as explicit flows",
		}},
		{"internet as source", tcp(epInternet, epGold, 443), []string{
			"flow 1 (internet -> gold tcp/443): inbound flows from the internet are not allowed: the internet may only be a destination, through the hub firewall",
		}},
		{"missing reason", withReason(tcp(epGold, epPlatinum, 443), " \t"), []string{
			"flow 1 (gold -> platinum tcp/443): reason is required: say why the connection is needed (reviewers read it)",
		}},
		{"unknown tier", tcp(netplan.Endpoint{Kind: netplan.EndpointTier, Tier: "silver"}, epGold, 443), []string{
			`flow 1 (silver -> gold tcp/443): from: unknown tier "silver": allowed are platinum, gold, bronze`,
		}},
		{"undeclared external", tcp(epGold, netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "nhs"}, 443), []string{
			`flow 1 (gold -> nhs tcp/443): to: external range "nhs" is not declared: declared externals are psn, legacy-dc, met`,
		}},
		{"unknown endpoint kind", tcp(epGold, netplan.Endpoint{Kind: "vpn", Name: "x"}, 443), []string{
			`flow 1 (gold -> vpn:x tcp/443): to: endpoint kind "vpn" is not allowed: allowed are tier, external, internet`,
		}},
		{"unset endpoint", tcp(netplan.Endpoint{}, epGold, 443), []string{
			`flow 1 (<unset> -> gold tcp/443): from: endpoint kind "" is not allowed: allowed are tier, external, internet`,
		}},
		{"same endpoint", tcp(epGold, epGold, 443), []string{
			"flow 1 (gold -> gold tcp/443): from and to are both gold: a flow must join two different endpoints",
		}},
		{"neither end a tier", tcp(epPSN, epLegacy, 443), []string{
			"flow 1 (psn -> legacy-dc tcp/443): neither end is a tier: at least one end of a flow must be a tier of this landing zone",
		}},
		{"tcp without ports", withPorts(tcp(epGold, epPlatinum, 0)), []string{
			"flow 1 (gold -> platinum tcp): protocol tcp needs at least one destination port or port range, such as 443 or 8000-8080",
		}},
		{"icmp with ports", withProto(tcp(epGold, epPlatinum, 443), netplan.ProtocolICMP), []string{
			"flow 1 (gold -> platinum icmp/443): protocol icmp takes no ports, got 443",
		}},
		{"unknown protocol", withProto(tcp(epGold, epPlatinum, 443), "sctp"), []string{
			`flow 1 (gold -> platinum sctp/443): protocol "sctp" is not allowed: allowed are tcp, udp, icmp`,
		}},
		{"missing protocol", withPorts(withProto(tcp(epGold, epPlatinum, 0), "")), []string{
			"flow 1 (gold -> platinum <no protocol>): protocol is missing: allowed are tcp, udp, icmp",
		}},
		{"invalid port ranges", withPorts(tcp(epGold, epPlatinum, 0), netplan.PortRange{}, netplan.PortRange{From: 9, To: 8}), []string{
			"flow 1 (gold -> platinum tcp/0,9-8): port range 0 is invalid: ports are 1 to 65535 and a range's start is not above its end",
			"flow 1 (gold -> platinum tcp/0,9-8): port range 9-8 is invalid: ports are 1 to 65535 and a range's start is not above its end",
		}},
		{"overlapping port ranges", withPorts(tcp(epGold, epPlatinum, 0), netplan.PortRange{From: 443, To: 443}, netplan.PortRange{From: 400, To: 500}), []string{
			"flow 1 (gold -> platinum tcp/443,400-500): port ranges 443 and 400-500 overlap: list each port once",
		}},
		{"wide port range on bronze", withPorts(tcp(epGold, epBronze, 0), netplan.PortRange{From: 1024, To: 65535}), []string{
			"flow 1 (gold -> bronze tcp/1024-65535): port range 1024-65535 spans 64512 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly",
		}},
		{"wide port range from bronze", withPorts(udp(tcp(epBronze, epLegacy, 0)), netplan.PortRange{From: 1, To: 1025}), []string{
			"flow 1 (bronze -> legacy-dc udp/1-1025): port range 1-1025 spans 1025 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly",
		}},
		{"wide port range on gold is allowed", withPorts(tcp(epGold, epPlatinum, 0), netplan.PortRange{From: 1024, To: 65535}), nil},
		{"every problem of one flow", netplan.Flow{From: epBronze, To: epPSN, Protocol: netplan.ProtocolTCP, Ports: ports(1, 65535)}, []string{
			"flow 1 (bronze -> psn tcp/1-65535): reason is required: say why the connection is needed (reviewers read it)",
			"flow 1 (bronze -> psn tcp/1-65535): tier bronze has no PSN access; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows",
			"flow 1 (bronze -> psn tcp/1-65535): port range 1-65535 spans 65535 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := errorStrings(netplan.Validate(plan, externals, []netplan.Flow{tc.flow}))
			if tc.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// Tier rules come from the profiles, not from the tier names: every tier without internet egress or PSN
// access is refused the flow, every tier with it is allowed.
func TestValidateFlowsFollowProfiles(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	externals, _ := realisticFlows()
	for _, p := range tier.Profiles() {
		t.Run(string(p.Tier), func(t *testing.T) {
			t.Parallel()
			ep := netplan.Endpoint{Kind: netplan.EndpointTier, Tier: p.Tier}
			errs := netplan.Validate(plan, externals, []netplan.Flow{tcp(ep, epInternet, 443), tcp(ep, epPSN, 443), tcp(epPSN, ep, 443)})
			want := 0
			if p.InternetEgress == tier.EgressNone {
				want++
			}
			if !p.PSNAccess {
				want += 2
			}
			assert.Len(t, errs, want, "%v", errs)
		})
	}
}

func TestValidateNumbersFlows(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	externals, flows := realisticFlows()
	flows = append(flows, tcp(epBronze, epInternet, 443))
	assert.Equal(t, []string{
		"flow 10 (bronze -> internet tcp/443): tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows",
	}, errorStrings(netplan.Validate(plan, externals, flows)))
}

func TestValidateTierMissingFromPlan(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	plan.Tiers = plan.Tiers[:2]
	assert.Equal(t, []string{
		"flow 1 (gold -> bronze tcp/443): to: tier bronze has no range in the address plan",
	}, errorStrings(netplan.Validate(plan, nil, []netplan.Flow{tcp(epGold, epBronze, 443)})))
}

// Validate re-checks the plan itself, defensively.
func TestValidatePlan(t *testing.T) {
	t.Parallel()
	p := netip.MustParsePrefix
	for _, tc := range []struct {
		name   string
		change func(*netplan.Plan)
		want   []string
	}{
		{"zero plan", func(pl *netplan.Plan) { *pl = netplan.Plan{} }, []string{
			"plan: supernet is not set: a landing zone supernet must be an IPv4 prefix such as 10.20.0.0/16",
			"plan: range #1 has no CIDR",
		}},
		{"range outside the supernet", func(pl *netplan.Plan) { pl.Supernet = p("10.20.0.0/17") }, []string{
			"plan: range gold (10.20.128.0/18) lies outside the supernet 10.20.0.0/17",
			"plan: range bronze (10.20.192.0/18) lies outside the supernet 10.20.0.0/17",
		}},
		{"ranges overlap", func(pl *netplan.Plan) { pl.Tiers[2].CIDR = p("10.20.128.0/17") }, []string{
			"plan: ranges gold (10.20.128.0/18) and bronze (10.20.128.0/17) overlap",
		}},
		{"subnets overlap", func(pl *netplan.Plan) { pl.Tiers[1].Subnets[1].CIDR = p("10.20.128.0/21") }, []string{
			"plan: subnet gold workload AZ 0 (10.20.128.0/21) and subnet gold workload AZ 1 (10.20.128.0/21) overlap",
		}},
		{"subnet outside its range", func(pl *netplan.Plan) { pl.Tiers[0].Subnets[0].CIDR = p("10.20.128.0/24") }, []string{
			"plan: subnet platinum workload AZ 0 (10.20.128.0/24) lies outside range platinum (10.20.64.0/18)",
			"plan: subnet platinum workload AZ 0 (10.20.128.0/24) and subnet gold workload AZ 0 (10.20.128.0/21) overlap",
		}},
		{"subnet outside its block", func(pl *netplan.Plan) { pl.Tiers[0].Subnets[0].CIDR = p("10.20.96.0/22") }, []string{
			"plan: subnet platinum workload AZ 0 (10.20.96.0/22) lies outside the platinum workload block (10.20.64.0/19)",
			"plan: subnet platinum workload AZ 0 (10.20.96.0/22) and subnet platinum endpoints AZ 0 (10.20.96.0/22) overlap",
		}},
		{"subnet in the reserved block", func(pl *netplan.Plan) {
			pl.Hub.Subnets = append(pl.Hub.Subnets, netplan.Subnet{Role: "bastion", CIDR: p("10.20.56.0/24")})
		}, []string{
			"plan: subnet hub bastion AZ 0 (10.20.56.0/24) overlaps the reserved block of range hub (10.20.56.0/21)",
		}},
		{"IPv6 subnet", func(pl *netplan.Plan) { pl.Hub.Subnets[0].CIDR = p("fd00::/64") }, []string{
			"plan: subnet hub firewall AZ 0 (fd00::/64) is not an IPv4 prefix",
		}},
		{"bad tier ranges", func(pl *netplan.Plan) { pl.Tiers[1].Tier = "silver"; pl.Tiers[2].Tier = tier.Platinum }, []string{
			`plan: range gold has unknown tier "silver": allowed are platinum, gold, bronze`,
			"plan: tier platinum has more than one range: each tier has exactly one",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			plan := mustAllocate(t, "10.20.0.0/16")
			tc.change(&plan)
			assert.Equal(t, tc.want, errorStrings(netplan.Validate(plan, nil, nil)))
		})
	}
}

func TestCIDROf(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	externals, _ := realisticFlows()
	for _, tc := range []struct {
		e    netplan.Endpoint
		want string
		ok   bool
	}{
		{epGold, "10.20.128.0/18", true},
		{epBronze, "10.20.192.0/18", true},
		{epPSN, "10.240.0.0/12", true},
		{netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "Legacy-DC"}, "172.16.0.0/16", true},
		{epInternet, "0.0.0.0/0", true},
		{netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "nhs"}, "", false},
		{netplan.Endpoint{Kind: netplan.EndpointTier, Tier: "silver"}, "", false},
		{netplan.Endpoint{}, "", false},
	} {
		got, ok := plan.CIDROf(tc.e, externals)
		assert.Equal(t, tc.ok, ok, tc.e.String())
		if tc.ok {
			assert.Equal(t, tc.want, got.String(), tc.e.String())
		} else {
			assert.False(t, got.IsValid())
		}
	}
	require.Equal(t, netip.Prefix{}, func() netip.Prefix { p, _ := netplan.Plan{}.CIDROf(epGold, nil); return p }())
}
