package netplan_test

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

var testExternals = []netplan.External{
	{Name: "psn", Kind: netplan.ExternalPSN, CIDR: netip.MustParsePrefix("51.0.0.0/16")},
	{Name: "Legacy-DC", Kind: netplan.ExternalOnPrem, CIDR: netip.MustParsePrefix("172.16.0.0/16")},
}

func TestParseEndpoint(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       string
		want     netplan.Endpoint
		wantText string
	}{
		{"gold", netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Gold}, "gold"},
		{" Platinum ", netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Platinum}, "platinum"},
		{"BRONZE", netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Bronze}, "bronze"},
		{"internet", netplan.Endpoint{Kind: netplan.EndpointInternet}, "internet"},
		{"Internet", netplan.Endpoint{Kind: netplan.EndpointInternet}, "internet"},
		{"psn", netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "psn"}, "psn"},
		{"PSN", netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "psn"}, "psn"},
		{"legacy-dc", netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "Legacy-DC"}, "Legacy-DC"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := netplan.ParseEndpoint(tc.in, testExternals)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.wantText, got.String())
			again, err := netplan.ParseEndpoint(got.String(), testExternals)
			require.NoError(t, err)
			assert.Equal(t, got, again, "String round-trips")
		})
	}
}

func TestParseEndpointErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in        string
		externals []netplan.External
		want      string
	}{
		{"silver", testExternals, `unknown flow endpoint "silver": allowed are platinum, gold, bronze, internet, or a declared external range (psn, Legacy-DC)`},
		{"", testExternals, `unknown flow endpoint "": allowed are platinum, gold, bronze, internet, or a declared external range (psn, Legacy-DC)`},
		{"psn", nil, `unknown flow endpoint "psn": allowed are platinum, gold, bronze, internet, or a declared external range (none declared)`},
		{"external:psn", testExternals, `unknown flow endpoint "external:psn": allowed are platinum, gold, bronze, internet, or a declared external range (psn, Legacy-DC)`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := netplan.ParseEndpoint(tc.in, tc.externals)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			assert.Equal(t, netplan.Endpoint{}, got)
		})
	}
}

func TestEndpointStringOddValues(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "<unset>", netplan.Endpoint{}.String())
	assert.Equal(t, "?:gold", netplan.Endpoint{Tier: tier.Gold}.String())
	assert.Equal(t, "vpn:x", netplan.Endpoint{Kind: "vpn", Name: "x"}.String())
}

func TestParseProtocol(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]netplan.Protocol{"tcp": netplan.ProtocolTCP, " UDP": netplan.ProtocolUDP, "Icmp ": netplan.ProtocolICMP} {
		got, err := netplan.ParseProtocol(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	for in, want := range map[string]string{
		"sctp": `unknown protocol "sctp": allowed are tcp, udp, icmp`,
		"":     `unknown protocol "": allowed are tcp, udp, icmp`,
		"any":  `unknown protocol "any": allowed are tcp, udp, icmp`,
	} {
		_, err := netplan.ParseProtocol(in)
		require.Error(t, err, in)
		assert.Equal(t, want, err.Error())
	}
	assert.Equal(t, []netplan.Protocol{"tcp", "udp", "icmp"}, netplan.Protocols())
}

func TestParseExternalKind(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]netplan.ExternalKind{
		"psn": netplan.ExternalPSN, "OnPrem": netplan.ExternalOnPrem, " landingzone ": netplan.ExternalLandingZone, "partner": netplan.ExternalPartner, //nolint:gocritic // the spaces are the test
	} {
		got, err := netplan.ParseExternalKind(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	_, err := netplan.ParseExternalKind("cloud")
	require.Error(t, err)
	assert.Equal(t, `unknown external range kind "cloud": allowed are psn, onprem, landingzone, partner`, err.Error())
	assert.Equal(t, []netplan.ExternalKind{"psn", "onprem", "landingzone", "partner"}, netplan.ExternalKinds())
}

func TestParsePorts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in     string
		want   []netplan.PortRange
		format string
	}{
		{"", nil, ""},
		{"   ", nil, ""},
		{"443", []netplan.PortRange{{443, 443}}, "443"},
		{"8000-8080", []netplan.PortRange{{8000, 8080}}, "8000-8080"},
		{"443,8443", []netplan.PortRange{{443, 443}, {8443, 8443}}, "443,8443"},
		{" 443 , 8000 - 8080 ,22", []netplan.PortRange{{443, 443}, {8000, 8080}, {22, 22}}, "443,8000-8080,22"},
		{"1-65535", []netplan.PortRange{{1, 65535}}, "1-65535"},
		{"80-80", []netplan.PortRange{{80, 80}}, "80"},
		{"0443", []netplan.PortRange{{443, 443}}, "443"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := netplan.ParsePorts(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.format, netplan.FormatPorts(got))
		})
	}
}

func TestParsePortsErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"0", `invalid port range "0" in "0": port 0 is out of range: ports are 1 to 65535`},
		{"443,70000", `invalid port range "70000" in "443,70000": port 70000 is out of range: ports are 1 to 65535`},
		{"99999999999999999999", `invalid port range "99999999999999999999" in "99999999999999999999": port 99999999999999999999 is out of range: ports are 1 to 65535`},
		{"https", `invalid port range "https" in "https": "https" is not a port number: use a port (443) or a range (8000-8080)`},
		{"+443", `invalid port range "+443" in "+443": "+443" is not a port number: use a port (443) or a range (8000-8080)`},
		{"8080-8000", `invalid port range "8080-8000" in "8080-8000": start 8080 is greater than end 8000`},
		{"8000-", `invalid port range "8000-" in "8000-": "" is not a port number: use a port (443) or a range (8000-8080)`},
		{"1-2-3", `invalid port range "1-2-3" in "1-2-3": "2-3" is not a port number: use a port (443) or a range (8000-8080)`},
		{"443,", `invalid ports "443,": part 2 is empty: use a port (443), a range (8000-8080) or a comma-separated list of them`},
		{"443;8443", `invalid port range "443;8443" in "443;8443": "443;8443" is not a port number: use a port (443) or a range (8000-8080)`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := netplan.ParsePorts(tc.in)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			assert.Nil(t, got)
		})
	}
}

func TestPortRange(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "443", netplan.PortRange{From: 443, To: 443}.String())
	assert.Equal(t, "1-1024", netplan.PortRange{From: 1, To: 1024}.String())
	assert.Equal(t, 1024, netplan.PortRange{From: 1, To: 1024}.Width())
	assert.Equal(t, 1, netplan.PortRange{From: 22, To: 22}.Width())
	assert.Equal(t, 0, netplan.PortRange{From: 2, To: 1}.Width())
	assert.Equal(t, 65535, netplan.PortRange{From: 1, To: 65535}.Width())
	assert.Equal(t, "", netplan.FormatPorts(nil))
}

func TestFlowString(t *testing.T) {
	t.Parallel()
	gold := netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Gold}
	platinum := netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Platinum}
	psn := netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "psn"}
	for _, tc := range []struct {
		flow netplan.Flow
		want string
	}{
		{netplan.Flow{From: gold, To: platinum, Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{443, 443}}}, "gold -> platinum tcp/443"},
		{netplan.Flow{From: gold, To: psn, Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{443, 443}, {8000, 8080}}}, "gold -> psn tcp/443,8000-8080"},
		{netplan.Flow{From: platinum, To: gold, Protocol: netplan.ProtocolICMP}, "platinum -> gold icmp"},
		{netplan.Flow{}, "<unset> -> <unset> <no protocol>"},
	} {
		assert.Equal(t, tc.want, tc.flow.String())
	}
}
