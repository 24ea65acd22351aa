package netplan_test

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"

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
		assert.Empty(t, netplan.Intent{Plan: plan, Externals: externals, Flows: flows}.Validate(), supernet)
	}
}

func errorStrings(errs []*netplan.FieldError) []string {
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
			[]string{`Externals[0].CIDR: "10.20.128.0/17" overlaps the landing zone supernet 10.20.0.0/16: allowed a range outside the supernet`}},
		{"contains the supernet", []netplan.External{{Name: "psn", Kind: netplan.ExternalPSN, CIDR: p("10.0.0.0/8")}},
			[]string{`Externals[0].CIDR: "10.0.0.0/8" overlaps the landing zone supernet 10.20.0.0/16: allowed a range outside the supernet`}},
		{"externals overlap each other", []netplan.External{
			{Name: "psn", Kind: netplan.ExternalPSN, CIDR: p("172.16.0.0/12")},
			{Name: "ok", Kind: netplan.ExternalPartner, CIDR: p("192.168.0.0/24")},
			{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: p("172.20.0.0/16")},
		}, []string{`Externals[0].CIDR: "172.16.0.0/12" overlaps external "legacy-dc" (172.20.0.0/16): allowed external ranges that do not overlap each other`}},
		{"IPv6", []netplan.External{{Name: "v6", Kind: netplan.ExternalPartner, CIDR: p("2001:db8::/32")}},
			[]string{`Externals[0].CIDR: "2001:db8::/32" is not IPv4: allowed an IPv4 prefix such as 10.0.0.0/8`}},
		{"unmasked", []netplan.External{{Name: "dc", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.5.1/16")}},
			[]string{`Externals[0].CIDR: "172.16.5.1/16" has host bits set: allowed the masked form 172.16.0.0/16`}},
		{"no CIDR", []netplan.External{{Name: "dc", Kind: netplan.ExternalOnPrem}},
			[]string{`Externals[0].CIDR: is missing: allowed an IPv4 prefix such as 10.0.0.0/8`}},
		{"empty name", []netplan.External{{Name: "  ", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.0.0/16")}},
			[]string{`Externals[0].Name: is empty: allowed a unique name that flows refer to`}},
		{"duplicate name ignoring case", []netplan.External{
			{Name: "dc", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.0.0/16")},
			{Name: "DC", Kind: netplan.ExternalOnPrem, CIDR: p("172.17.0.0/16")},
		}, []string{`Externals[1].Name: "DC" is already the name of Externals[0]: allowed a unique name, ignoring case`}},
		{"reserved names", []netplan.External{
			{Name: "Gold", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.0.0/16")},
			{Name: "internet", Kind: netplan.ExternalPartner, CIDR: p("172.17.0.0/16")},
		}, []string{
			`Externals[0].Name: "Gold" is reserved for flow endpoints: allowed a name that is not a tier name (platinum, gold, bronze) or "internet"`,
			`Externals[1].Name: "internet" is reserved for flow endpoints: allowed a name that is not a tier name (platinum, gold, bronze) or "internet"`,
		}},
		{"bad kind", []netplan.External{
			{Name: "x", Kind: "cloud", CIDR: p("172.16.0.0/16")},
			{Name: "y", Kind: "PSN", CIDR: p("172.17.0.0/16")},
			{Name: "z", CIDR: p("172.18.0.0/16")},
		}, []string{
			`Externals[0].Kind: "cloud" is not an external range kind: allowed psn, onprem, landingzone, partner`,
			`Externals[1].Kind: "PSN" is not an external range kind: allowed psn, onprem, landingzone, partner`,
			`Externals[2].Kind: is missing: allowed psn, onprem, landingzone, partner`,
		}},
		{"all problems at once", []netplan.External{
			{Name: "", Kind: "", CIDR: p("10.20.1.0/24")},
			{Name: "b", Kind: netplan.ExternalPartner, CIDR: p("10.20.1.0/24")},
		}, []string{
			`Externals[0].Name: is empty: allowed a unique name that flows refer to`,
			`Externals[0].Kind: is missing: allowed psn, onprem, landingzone, partner`,
			`Externals[0].CIDR: "10.20.1.0/24" overlaps the landing zone supernet 10.20.0.0/16: allowed a range outside the supernet`,
			`Externals[1].CIDR: "10.20.1.0/24" overlaps the landing zone supernet 10.20.0.0/16: allowed a range outside the supernet`,
			`Externals[0].CIDR: "10.20.1.0/24" overlaps external "b" (10.20.1.0/24): allowed external ranges that do not overlap each other`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, errorStrings(netplan.Intent{Plan: plan, Externals: tc.externals, Flows: nil}.Validate()))
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
			`Flows[0]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`,
		}},
		{"bronze to psn", tcp(epBronze, epPSN, 443), []string{
			`Flows[0]: "bronze -> psn tcp/443" tier bronze has no PSN access; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`,
		}},
		{"psn to bronze", udp(tcp(epPSN, epBronze, 53)), []string{
			`Flows[0]: "psn -> bronze udp/53" tier bronze has no PSN access; allowed sources for bronze are other tiers and non-PSN external ranges, as explicit flows`,
		}},
		{"internet as source", tcp(epInternet, epGold, 443), []string{
			`Flows[0]: "internet -> gold tcp/443" inbound flows from the internet are not allowed: the internet may only be a destination, through the hub firewall`,
		}},
		{"missing reason", withReason(tcp(epGold, epPlatinum, 443), " \t"), []string{
			`Flows[0].Reason: is missing: allowed a sentence saying why the connection is needed, shown to reviewers`,
		}},
		{"unknown tier", tcp(netplan.Endpoint{Kind: netplan.EndpointTier, Tier: "silver"}, epGold, 443), []string{
			`Flows[0].From: "silver" is not a tier: allowed platinum, gold, bronze`,
		}},
		{"undeclared external", tcp(epGold, netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "nhs"}, 443), []string{
			`Flows[0].To: "nhs" is not a declared external range: allowed a declared external range (psn, legacy-dc, met)`,
		}},
		{"unknown endpoint kind", tcp(epGold, netplan.Endpoint{Kind: "vpn", Name: "x"}, 443), []string{
			`Flows[0].To.Kind: "vpn" is not an endpoint kind: allowed tier, external, internet`,
		}},
		{"unset endpoint", tcp(netplan.Endpoint{}, epGold, 443), []string{
			`Flows[0].From.Kind: is not an endpoint kind: allowed tier, external, internet`,
		}},
		{"same endpoint", tcp(epGold, epGold, 443), []string{
			`Flows[0]: "gold -> gold tcp/443" from and to are both gold: a flow must join two different endpoints`,
		}},
		{"neither end a tier", tcp(epPSN, epLegacy, 443), []string{
			`Flows[0]: "psn -> legacy-dc tcp/443" neither end is a tier: at least one end of a flow must be a tier of this landing zone`,
		}},
		{"tcp without ports", withPorts(tcp(epGold, epPlatinum, 0)), []string{
			`Flows[0].Ports: is missing for protocol tcp: allowed ports 1 to 65535 as "443", "8000-8080" or "443,8000-8080"`,
		}},
		{"icmp with ports", withProto(tcp(epGold, epPlatinum, 443), netplan.ProtocolICMP), []string{
			`Flows[0].Ports: "443" is not allowed for protocol icmp: allowed no ports`,
		}},
		{"unknown protocol", withProto(tcp(epGold, epPlatinum, 443), "sctp"), []string{
			`Flows[0].Protocol: "sctp" is not a protocol: allowed tcp, udp, icmp`,
		}},
		{"missing protocol", withPorts(withProto(tcp(epGold, epPlatinum, 0), "")), []string{
			`Flows[0].Protocol: is missing: allowed tcp, udp, icmp`,
		}},
		{"invalid port ranges", withPorts(tcp(epGold, epPlatinum, 0), netplan.PortRange{}, netplan.PortRange{From: 9, To: 8}), []string{
			`Flows[0].Ports[0]: "0" is not a port range: allowed ports 1 to 65535, a range's start not above its end`,
			`Flows[0].Ports[1]: "9-8" is not a port range: allowed ports 1 to 65535, a range's start not above its end`,
		}},
		{"overlapping port ranges", withPorts(tcp(epGold, epPlatinum, 0), netplan.PortRange{From: 443, To: 443}, netplan.PortRange{From: 400, To: 500}), []string{
			`Flows[0].Ports[1]: "400-500" overlaps port range 443: allowed each port listed once`,
		}},
		{"wide port range on bronze", withPorts(tcp(epGold, epBronze, 0), netplan.PortRange{From: 1024, To: 65535}), []string{
			`Flows[0]: "gold -> bronze tcp/1024-65535" port range 1024-65535 spans 64512 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly`,
		}},
		{"wide port range from bronze", withPorts(udp(tcp(epBronze, epLegacy, 0)), netplan.PortRange{From: 1, To: 1025}), []string{
			`Flows[0]: "bronze -> legacy-dc udp/1-1025" port range 1-1025 spans 1025 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly`,
		}},
		{"wide port range on gold is allowed", withPorts(tcp(epGold, epPlatinum, 0), netplan.PortRange{From: 1024, To: 65535}), nil},
		{"every problem of one flow", netplan.Flow{From: epBronze, To: epPSN, Protocol: netplan.ProtocolTCP, Ports: ports(1, 65535)}, []string{
			`Flows[0].Reason: is missing: allowed a sentence saying why the connection is needed, shown to reviewers`,
			`Flows[0]: "bronze -> psn tcp/1-65535" tier bronze has no PSN access; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`,
			`Flows[0]: "bronze -> psn tcp/1-65535" port range 1-65535 spans 65535 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := errorStrings(netplan.Intent{Plan: plan, Externals: externals, Flows: []netplan.Flow{tc.flow}}.Validate())
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
			errs := netplan.Intent{Plan: plan, Externals: externals, Flows: []netplan.Flow{tcp(ep, epInternet, 443), tcp(ep, epPSN, 443), tcp(epPSN, ep, 443)}}.Validate()
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

// TestValidateNumbersFlows: flows (and their ports, and externals) are numbered from 0 in every error, as
// in Go and in the configuration's JSON lists: the tenth flow is Flows[9].
func TestValidateNumbersFlows(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	externals, flows := realisticFlows()
	flows = append(flows, tcp(epBronze, epInternet, 443))
	flows[0].Ports = append(flows[0].Ports, netplan.PortRange{From: 443, To: 443})
	externals[0].Kind = "cloud"
	errs := netplan.Intent{Plan: plan, Externals: externals, Flows: flows}.Validate()
	assert.Equal(t, []string{
		`Externals[0].Kind: "cloud" is not an external range kind: allowed psn, onprem, landingzone, partner`,
		`Flows[0].Ports[1]: "443" overlaps port range 443: allowed each port listed once`,
		`Flows[9]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`,
	}, errorStrings(errs))
	var paths []string
	for _, e := range errs {
		paths = append(paths, e.Path)
	}
	assert.Equal(t, []string{"Externals[0].Kind", "Flows[0].Ports[1]", "Flows[9]"}, paths)
}

func TestValidateTierMissingFromPlan(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	plan.Tiers = plan.Tiers[:2]
	assert.Equal(t, []string{
		`Flows[0].To: "bronze" has no range in the address plan: allowed a tier of the plan (Allocate gives every tier one)`,
	}, errorStrings(netplan.Intent{Plan: plan, Externals: nil, Flows: []netplan.Flow{tcp(epGold, epBronze, 443)}}.Validate()))
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
			`Plan.Supernet: supernet is not set: a landing zone supernet must be an IPv4 prefix such as 10.20.0.0/16`,
			`Plan.Hub.CIDR: range Plan.Hub has no CIDR`,
		}},
		{"range outside the supernet", func(pl *netplan.Plan) { pl.Supernet = p("10.20.0.0/17") }, []string{
			`Plan.Tiers[1].CIDR: range gold (10.20.128.0/18) lies outside the supernet 10.20.0.0/17`,
			`Plan.Tiers[2].CIDR: range bronze (10.20.192.0/18) lies outside the supernet 10.20.0.0/17`,
		}},
		{"ranges overlap", func(pl *netplan.Plan) { pl.Tiers[2].CIDR = p("10.20.128.0/17") }, []string{
			`Plan.Tiers[1].CIDR: ranges gold (10.20.128.0/18) and bronze (10.20.128.0/17) overlap`,
		}},
		{"subnets overlap", func(pl *netplan.Plan) { pl.Tiers[1].Subnets[1].CIDR = p("10.20.128.0/21") }, []string{
			`Plan.Tiers[1].Subnets[1]: subnet gold workload AZ 0 (10.20.128.0/21) and subnet gold workload AZ 1 (10.20.128.0/21) overlap`,
		}},
		{"subnet outside its range", func(pl *netplan.Plan) { pl.Tiers[0].Subnets[0].CIDR = p("10.20.128.0/24") }, []string{
			`Plan.Tiers[0].Subnets[0]: subnet platinum workload AZ 0 (10.20.128.0/24) lies outside range platinum (10.20.64.0/18)`,
			`Plan.Tiers[1].Subnets[0]: subnet platinum workload AZ 0 (10.20.128.0/24) and subnet gold workload AZ 0 (10.20.128.0/21) overlap`,
		}},
		{"subnet outside its block", func(pl *netplan.Plan) { pl.Tiers[0].Subnets[0].CIDR = p("10.20.96.0/22") }, []string{
			`Plan.Tiers[0].Subnets[0]: subnet platinum workload AZ 0 (10.20.96.0/22) lies outside the platinum workload block (10.20.64.0/19)`,
			`Plan.Tiers[0].Subnets[3]: subnet platinum workload AZ 0 (10.20.96.0/22) and subnet platinum endpoints AZ 0 (10.20.96.0/22) overlap`,
		}},
		{"subnet in the reserved block", func(pl *netplan.Plan) {
			pl.Hub.Subnets = append(pl.Hub.Subnets, netplan.Subnet{Role: "bastion", CIDR: p("10.20.56.0/24")})
		}, []string{
			`Plan.Hub.Subnets[13]: subnet hub bastion AZ 0 (10.20.56.0/24) overlaps the reserved block of range hub (10.20.56.0/21)`,
		}},
		{"IPv6 subnet", func(pl *netplan.Plan) { pl.Hub.Subnets[0].CIDR = p("fd00::/64") }, []string{
			`Plan.Hub.Subnets[0]: subnet hub firewall AZ 0 (fd00::/64) is not an IPv4 prefix`,
		}},
		{"bad tier ranges", func(pl *netplan.Plan) { pl.Tiers[1].Tier = "silver"; pl.Tiers[2].Tier = tier.Platinum }, []string{
			`Plan.Tiers[1].Tier: "silver" is not a tier: allowed platinum, gold, bronze`,
			`Plan.Tiers[2].Tier: tier platinum has more than one range: each tier has exactly one`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			plan := mustAllocate(t, "10.20.0.0/16")
			tc.change(&plan)
			assert.Equal(t, tc.want, errorStrings(netplan.Intent{Plan: plan, Externals: nil, Flows: nil}.Validate()))
		})
	}
}
