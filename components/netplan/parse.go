package netplan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// InternetName is how flows name the public internet.
const InternetName = "internet"

// externalKinds lists the external range kinds in the order errors list them.
var externalKinds = []ExternalKind{ExternalPSN, ExternalOnPrem, ExternalLandingZone, ExternalPartner}

// protocols lists the flow protocols in the order errors list them.
var protocols = []Protocol{ProtocolTCP, ProtocolUDP, ProtocolICMP}

// ExternalKinds returns every external range kind. The slice is a fresh copy.
func ExternalKinds() []ExternalKind { return append([]ExternalKind(nil), externalKinds...) }

// Protocols returns every flow protocol. The slice is a fresh copy.
func Protocols() []Protocol { return append([]Protocol(nil), protocols...) }

func joinStrings[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// ParseEndpoint reads a flow endpoint case-insensitively, ignoring surrounding space: a tier name gives an
// EndpointTier, "internet" gives EndpointInternet, and the name of one of externals gives an
// EndpointExternal carrying the external's declared name. Anything else is an error listing what is
// allowed. Tier names and "internet" win over an external of the same name (Validate rejects such names).
func ParseEndpoint(s string, externals []External) (Endpoint, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	if want != "" {
		if t, err := tier.Parse(want); err == nil {
			return Endpoint{Kind: EndpointTier, Tier: t}, nil
		}
		if want == InternetName {
			return Endpoint{Kind: EndpointInternet}, nil
		}
		if x, ok := findExternal(want, externals); ok {
			return Endpoint{Kind: EndpointExternal, Name: x.Name}, nil
		}
	}
	return Endpoint{}, fmt.Errorf("unknown flow endpoint %q: allowed are %s, %s, or a declared external range (%s)",
		s, strings.Join(tier.Names(), ", "), InternetName, externalNames(externals))
}

// externalNames lists the declared external names for error messages, or "none declared".
func externalNames(externals []External) string {
	var names []string
	for _, x := range externals {
		if n := strings.TrimSpace(x.Name); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "none declared"
	}
	return strings.Join(names, ", ")
}

// String returns the endpoint as flows write it, so that ParseEndpoint reads it back: the tier's name
// ("gold"), "internet", or the external range's plain name ("psn", "legacy-dc"; external names may not
// clash with tier names or "internet", see Validate). An endpoint with an unknown or missing kind prints
// as "kind:name" ("?:name"), and the zero Endpoint as "<unset>".
func (e Endpoint) String() string {
	switch e.Kind {
	case EndpointTier:
		return string(e.Tier)
	case EndpointInternet:
		return InternetName
	case EndpointExternal:
		return e.Name
	}
	if e.Kind == "" && e.Tier == "" && e.Name == "" {
		return "<unset>"
	}
	kind, name := string(e.Kind), e.Name
	if kind == "" {
		kind = "?"
	}
	if name == "" {
		name = string(e.Tier)
	}
	return kind + ":" + name
}

// ParseProtocol reads a flow protocol (tcp, udp or icmp) case-insensitively, ignoring surrounding space.
func ParseProtocol(s string) (Protocol, error) {
	want := Protocol(strings.ToLower(strings.TrimSpace(s)))
	for _, p := range protocols {
		if p == want {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown protocol %q: allowed are %s", s, joinStrings(protocols))
}

// ParseExternalKind reads an external range kind (psn, onprem, landingzone or partner) case-insensitively,
// ignoring surrounding space.
func ParseExternalKind(s string) (ExternalKind, error) {
	want := ExternalKind(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range externalKinds {
		if k == want {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown external range kind %q: allowed are %s", s, joinStrings(externalKinds))
}

// ParsePorts reads a comma-separated list of ports and inclusive port ranges, such as "443",
// "8000-8080" or "443, 8443". Space around each part and around the dash is ignored. Ports are 1 to
// 65535 and a range's start is not above its end. An empty (or blank) string gives nil and no error. An
// error quotes the bad part and the whole input.
func ParsePorts(s string) ([]PortRange, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]PortRange, 0, len(parts))
	for i, raw := range parts {
		part := strings.TrimSpace(raw)
		if part == "" {
			return nil, fmt.Errorf("invalid ports %q: part %d is empty: use a port (443), a range (8000-8080) or a comma-separated list of them", s, i+1)
		}
		from, to, isRange := strings.Cut(part, "-")
		lo, err := parsePort(from, part, s)
		if err != nil {
			return nil, err
		}
		hi := lo
		if isRange {
			if hi, err = parsePort(to, part, s); err != nil {
				return nil, err
			}
			if lo > hi {
				return nil, fmt.Errorf("invalid port range %q in %q: start %d is greater than end %d", part, s, lo, hi)
			}
		}
		out = append(out, PortRange{From: lo, To: hi})
	}
	return out, nil
}

// parsePort reads one port number (decimal digits only) from a part of the ports string s.
func parsePort(num, part, s string) (uint16, error) {
	num = strings.TrimSpace(num)
	if num == "" || strings.Trim(num, "0123456789") != "" {
		return 0, fmt.Errorf("invalid port range %q in %q: %q is not a port number: use a port (443) or a range (8000-8080)", part, s, num)
	}
	n, err := strconv.ParseUint(num, 10, 32)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("invalid port range %q in %q: port %s is out of range: ports are 1 to 65535", part, s, num)
	}
	return uint16(n), nil
}

// String returns "443" for a single port and "8000-8080" for a range, as ParsePorts reads them.
func (r PortRange) String() string {
	if r.From == r.To {
		return strconv.Itoa(int(r.From))
	}
	return strconv.Itoa(int(r.From)) + "-" + strconv.Itoa(int(r.To))
}

// Width returns how many ports the range spans (0 if From > To).
func (r PortRange) Width() int {
	if r.From > r.To {
		return 0
	}
	return int(r.To) - int(r.From) + 1
}

// FormatPorts returns port ranges as a comma-separated list ("443,8000-8080") that ParsePorts reads back;
// no ranges give "".
func FormatPorts(ports []PortRange) string {
	parts := make([]string, len(ports))
	for i, p := range ports {
		parts[i] = p.String()
	}
	return strings.Join(parts, ",")
}

// String returns the flow in the form reports print: "gold -> platinum tcp/443", "gold -> platinum
// tcp/443,8443" or "gold -> platinum icmp". A missing protocol prints as "<no protocol>".
func (f Flow) String() string {
	proto := string(f.Protocol)
	if proto == "" {
		proto = "<no protocol>"
	}
	if len(f.Ports) > 0 {
		proto += "/" + FormatPorts(f.Ports)
	}
	return f.From.String() + " -> " + f.To.String() + " " + proto
}
