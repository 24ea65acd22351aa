package semantic

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseProtocol(t *testing.T) {
	t.Parallel()
	cases := map[string]Protocol{
		"-1": ProtoAll, "all": ProtoAll, "ALL": ProtoAll, "*": ProtoAll, "Any": ProtoAll,
		"tcp": ProtoTCP, "Tcp": ProtoTCP, " 6 ": ProtoTCP, //nolint:gocritic // the spaces are the point: they are trimmed
		"udp": ProtoUDP, "17": ProtoUDP, "UDP": ProtoUDP,
		"icmp": ProtoICMP, "1": ProtoICMP, "Icmp": ProtoICMP,
		"icmpv6": ProtoICMPv6, "58": ProtoICMPv6,
		"Esp": "esp", "50": "esp", "Ah": "ah", "47": "gre", "132": "proto-132",
	}
	for in, want := range cases {
		got, ok := ParseProtocol(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "  ", "256", "-2", "http"} {
		_, ok := ParseProtocol(in)
		assert.False(t, ok, in)
	}
	assert.True(t, ProtoAll.Includes(ProtoTCP))
	assert.False(t, ProtoUDP.Includes(ProtoTCP))
	assert.True(t, ProtoTCP.HasPorts())
	assert.False(t, ProtoICMP.HasPorts())
}

func TestFromTo(t *testing.T) {
	t.Parallel()
	cases := []struct {
		p        Protocol
		from, to int
		want     PortRange
	}{
		{ProtoTCP, 22, 22, PortRange{22, 22}},
		{ProtoTCP, -1, -1, AllPorts},
		{ProtoTCP, 0, 65535, AllPorts},
		{ProtoTCP, 30, 20, PortRange{20, 30}},
		{ProtoTCP, 0, 70000, AllPorts},
		{ProtoAll, 0, 0, AllPorts},
		{ProtoICMP, 8, 0, AllPorts},
		{ProtoUDP, 53, 53, PortRange{53, 53}},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, FromTo(c.p, c.from, c.to), "%s %d-%d", c.p, c.from, c.to)
	}
}

func TestParsePorts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   []string
		want string
		bad  []string
	}{
		{[]string{"22"}, "22", nil},
		{[]string{"20-30"}, "20-30", nil},
		{[]string{"*"}, "*", nil},
		{[]string{"Any"}, "*", nil},
		{[]string{"0-65535"}, "*", nil},
		{[]string{"0-1023", "1024-65535"}, "*", nil},
		{[]string{"65535"}, "65535", nil},
		{[]string{"80", "443", "81"}, "80-81, 443", nil},
		{[]string{" 22 - 23 "}, "22-23", nil},
		{[]string{"", "3389"}, "3389", nil},
		{[]string{"70000", "30-20", "x", "-", "22-"}, "", []string{"70000", "30-20", "x", "-", "22-"}},
	}
	for _, c := range cases {
		ps, bad := ParsePorts(c.in...)
		assert.Equal(t, c.want, ps.String(), "%v", c.in)
		assert.Equal(t, c.bad, bad, "%v", c.in)
	}
}

func TestAdminPorts(t *testing.T) {
	t.Parallel()
	ps, _ := ParsePorts("20-25")
	assert.Equal(t, "FTP (21), SSH (22), Telnet (23)", AdminNames(ps.Admin()))
	ps, _ = ParsePorts("5986")
	assert.Equal(t, "WinRM (5985-5986)", AdminNames(ps.Admin()))
	ps, _ = ParsePorts("443")
	assert.Empty(t, ps.Admin())
	all := PortSet{AllPorts}
	assert.Len(t, all.Admin(), len(AdminPorts))
	assert.True(t, all.Contains(3389))
	assert.True(t, all.All())
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "all traffic", Describe(ProtoAll, AllPorts))
	assert.Equal(t, "icmp", Describe(ProtoICMP, AllPorts))
	assert.Equal(t, "tcp 443", Describe(ProtoTCP, PortRange{443, 443}))
	assert.Equal(t, "udp 1024-65535", Describe(ProtoUDP, PortRange{1024, 65535}))
}

func ExamplePortSet_Admin() {
	ps, _ := ParsePorts("3000-4000")
	fmt.Println(AdminNames(ps.Admin()))
	// Output: MySQL (3306), RDP (3389)
}

// FuzzParsePorts checks that parsing never panics, that every parsed range lies inside 0..65535 in
// order, and that a set holding every port covers every admin port.
func FuzzParsePorts(f *testing.F) {
	for _, s := range []string{"22", "20-30", "*", "Any", "0-65535", "-1", "65536", "1-2-3", " 8 - 9 "} {
		f.Add(s, "tcp", 0, 65535)
	}
	f.Fuzz(func(t *testing.T, s, proto string, from, to int) {
		ps, _ := ParsePorts(s)
		for _, r := range ps {
			if r.From < 0 || r.To > 65535 || r.From > r.To {
				t.Fatalf("%q parsed to bad range %v", s, r)
			}
		}
		if ps.All() && len(ps.Admin()) != len(AdminPorts) {
			t.Fatalf("%q holds every port but not every admin port", s)
		}
		_ = ps.String()
		p, _ := ParseProtocol(proto)
		r := FromTo(p, from, to)
		if r.From < 0 || r.To > 65535 || r.From > r.To {
			t.Fatalf("FromTo(%q, %d, %d) = %v", p, from, to, r)
		}
		_ = Describe(p, r)
		wider := ps.Add(AllPorts)
		if !wider.All() {
			t.Fatalf("%q plus every port is not every port", s)
		}
	})
}
