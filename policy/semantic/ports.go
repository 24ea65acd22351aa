package semantic

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Protocol is an IP protocol as the rules compare it: "all", "tcp", "udp", "icmp", "icmpv6", "esp", "ah",
// "gre", or "proto-N" for another protocol number.
type Protocol string

// Protocols.
const (
	ProtoAll    Protocol = "all"
	ProtoTCP    Protocol = "tcp"
	ProtoUDP    Protocol = "udp"
	ProtoICMP   Protocol = "icmp"
	ProtoICMPv6 Protocol = "icmpv6"
)

var protoNames = map[string]Protocol{
	"-1": ProtoAll, "all": ProtoAll, "*": ProtoAll, "any": ProtoAll,
	"6": ProtoTCP, "tcp": ProtoTCP,
	"17": ProtoUDP, "udp": ProtoUDP,
	"1": ProtoICMP, "icmp": ProtoICMP,
	"58": ProtoICMPv6, "icmpv6": ProtoICMPv6, "icmp6": ProtoICMPv6, "ipv6-icmp": ProtoICMPv6,
	"50": "esp", "esp": "esp",
	"51": "ah", "ah": "ah",
	"47": "gre", "gre": "gre",
}

// ParseProtocol reads a protocol as AWS (security groups, network ACLs: "-1", "all", "tcp", "6", ...) or
// Azure (NSG rules: "*", "Tcp", "Udp", "Icmp", "Esp", "Ah") spell it, in any case. An empty value is
// ok=false: the caller applies the cloud's default. Another protocol number 0..255 is "proto-N".
func ParseProtocol(s string) (p Protocol, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return "", false
	}
	if p, ok := protoNames[t]; ok {
		return p, true
	}
	if n, err := strconv.Atoi(t); err == nil && n >= 0 && n <= 255 {
		return Protocol(fmt.Sprintf("proto-%d", n)), true
	}
	return "", false
}

// HasPorts reports whether traffic of the protocol is addressed by port (all, tcp, udp).
func (p Protocol) HasPorts() bool { return p == ProtoAll || p == ProtoTCP || p == ProtoUDP }

// Includes reports whether traffic of protocol q is allowed by a rule for p.
func (p Protocol) Includes(q Protocol) bool { return p == ProtoAll || p == q }

// PortRange is an inclusive range of ports, 0..65535.
type PortRange struct{ From, To int }

// AllPorts is every port.
var AllPorts = PortRange{0, 65535}

// String writes "22", "20-30" or "0-65535".
func (r PortRange) String() string {
	if r.From == r.To {
		return strconv.Itoa(r.From)
	}
	return fmt.Sprintf("%d-%d", r.From, r.To)
}

// Contains reports whether port lies in the range.
func (r PortRange) Contains(port int) bool { return port >= r.From && port <= r.To }

// Overlaps reports whether the two ranges share a port.
func (r PortRange) Overlaps(o PortRange) bool { return r.From <= o.To && o.From <= r.To }

// FromTo reads an AWS fromPort/toPort pair. -1 on either end, or 0..65535, is every port; a reversed
// pair is read as its range; values outside 0..65535 are clamped. For a protocol without ports (icmp
// type/code, other protocols), the result is AllPorts: the rule admits the protocol whatever its "ports".
func FromTo(p Protocol, from, to int) PortRange {
	if !p.HasPorts() && p != "" || p == ProtoAll || from == -1 || to == -1 {
		return AllPorts
	}
	if from > to {
		from, to = to, from
	}
	return PortRange{clamp(from), clamp(to)}
}

func clamp(n int) int { return max(0, min(65535, n)) }

// ParsePortRange reads an Azure port range: "22", "20-30", "*" or "Any" (every port), with spaces
// tolerated. ok is false for anything else.
func ParsePortRange(s string) (PortRange, bool) {
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "*", "any", "all", "0-65535":
		return AllPorts, true
	case "":
		return PortRange{}, false
	}
	lo, hi, isRange := strings.Cut(t, "-")
	a, ok := portNum(lo)
	if !ok {
		return PortRange{}, false
	}
	if !isRange {
		return PortRange{a, a}, true
	}
	b, ok := portNum(hi)
	if !ok || b < a {
		return PortRange{}, false
	}
	return PortRange{a, b}, true
}

func portNum(s string) (int, bool) {
	n, ok := atoiSmall(strings.TrimSpace(s))
	if len(strings.TrimSpace(s)) > 5 || !ok || n > 65535 {
		return 0, false
	}
	return n, true
}

// PortSet is a union of port ranges, merged and sorted.
type PortSet []PortRange

// ParsePorts reads a single Azure range and a list of ranges together (destinationPortRange and
// destinationPortRanges); bad lists the members that are not port ranges.
func ParsePorts(items ...string) (ps PortSet, bad []string) {
	for _, it := range items {
		if strings.TrimSpace(it) == "" {
			continue
		}
		r, ok := ParsePortRange(it)
		if !ok {
			bad = append(bad, it)
			continue
		}
		ps = ps.Add(r)
	}
	return ps, bad
}

// Add returns the set with r added.
func (ps PortSet) Add(r PortRange) PortSet {
	out := append(slices.Clone(ps), r)
	slices.SortFunc(out, func(a, b PortRange) int { return a.From - b.From })
	merged := out[:1]
	for _, x := range out[1:] {
		last := &merged[len(merged)-1]
		if x.From <= last.To+1 {
			last.To = max(last.To, x.To)
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

// All reports whether the set holds every port.
func (ps PortSet) All() bool { return len(ps) == 1 && ps[0] == AllPorts }

// Contains reports whether the set holds port.
func (ps PortSet) Contains(port int) bool {
	return slices.ContainsFunc(ps, func(r PortRange) bool { return r.Contains(port) })
}

// Overlaps reports whether the set shares a port with r.
func (ps PortSet) Overlaps(r PortRange) bool {
	return slices.ContainsFunc(ps, func(x PortRange) bool { return x.Overlaps(r) })
}

// String writes "22, 3389" or "*" for every port.
func (ps PortSet) String() string {
	if ps.All() {
		return "*"
	}
	parts := make([]string, len(ps))
	for i, r := range ps {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

// AdminPort is a remote-administration or database port that must never face the internet.
type AdminPort struct {
	Ports PortRange
	Name  string
}

// AdminPorts are the remote-access, file-sharing and database ports whose exposure is an incident.
var AdminPorts = []AdminPort{
	{PortRange{21, 21}, "FTP"},
	{PortRange{22, 22}, "SSH"},
	{PortRange{23, 23}, "Telnet"},
	{PortRange{135, 135}, "RPC"},
	{PortRange{139, 139}, "NetBIOS"},
	{PortRange{445, 445}, "SMB"},
	{PortRange{1433, 1433}, "SQL Server"},
	{PortRange{1521, 1521}, "Oracle"},
	{PortRange{3306, 3306}, "MySQL"},
	{PortRange{3389, 3389}, "RDP"},
	{PortRange{5432, 5432}, "PostgreSQL"},
	{PortRange{5601, 5601}, "Kibana"},
	{PortRange{5985, 5986}, "WinRM"},
	{PortRange{6379, 6379}, "Redis"},
	{PortRange{9200, 9200}, "Elasticsearch"},
	{PortRange{27017, 27017}, "MongoDB"},
}

// Admin returns the admin ports the set covers (a range covering an admin port is that port).
func (ps PortSet) Admin() []AdminPort {
	var out []AdminPort
	for _, a := range AdminPorts {
		if ps.Overlaps(a.Ports) {
			out = append(out, a)
		}
	}
	return out
}

// AdminNames describes admin ports for messages: "SSH (22), RDP (3389)".
func AdminNames(as []AdminPort) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = fmt.Sprintf("%s (%s)", a.Name, a.Ports)
	}
	return strings.Join(parts, ", ")
}

// Describe writes a protocol and port range for messages: "all traffic", "icmp", "tcp 443",
// "tcp 1024-65535".
func Describe(p Protocol, r PortRange) string {
	switch {
	case p == ProtoAll:
		return "all traffic"
	case !p.HasPorts():
		return string(p)
	}
	return fmt.Sprintf("%s %s", p, r)
}
