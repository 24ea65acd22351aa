package netplan

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// Internet is the range a flow to the internet resolves to.
var Internet = netip.PrefixFrom(netip.IPv4Unspecified(), 0)

// Intent is the network intent of one landing zone: its address plan, the external ranges around it and
// the flows declared between them. It is the one meaning of the network that the stack configuration
// (components/config), both clouds' components (awslz, azurelz) and the rules (policy) read: each asks
// it rather than walking the flows itself.
type Intent struct {
	// Plan is the landing zone's address plan (Allocate).
	Plan Plan
	// Externals are the declared ranges outside the landing zone.
	Externals []External
	// Flows are the declared flows; everything else is denied.
	Flows []Flow
}

// External returns the declared external range named name (trimmed, ignoring case).
func (in Intent) External(name string) (External, bool) { return findExternal(name, in.Externals) }

// Resolve returns the address range of a flow endpoint: a tier's range in the plan, an external's
// declared CIDR (names compared ignoring case) or [Internet]. It reports false when the endpoint names no
// range of the intent.
func (in Intent) Resolve(e Endpoint) (netip.Prefix, bool) {
	switch e.Kind {
	case EndpointTier:
		r, ok := in.Plan.TierRange(e.Tier)
		if !ok || !r.CIDR.IsValid() {
			return netip.Prefix{}, false
		}
		return r.CIDR, true
	case EndpointExternal:
		x, ok := in.External(e.Name)
		if !ok || !x.CIDR.IsValid() {
			return netip.Prefix{}, false
		}
		return x.CIDR, true
	case EndpointInternet:
		return Internet, true
	}
	return netip.Prefix{}, false
}

// RangeCIDR returns the CIDR of the range named name: "hub" or a tier name, ignoring case.
func (in Intent) RangeCIDR(name string) (netip.Prefix, bool) {
	r, ok := in.Plan.Range(name)
	if !ok || !r.CIDR.IsValid() {
		return netip.Prefix{}, false
	}
	return r.CIDR, true
}

// TierFlow is one declared flow seen from one of its tiers.
type TierFlow struct {
	// Index is the flow's 0-based index in Intent.Flows.
	Index int
	// Flow is the declared flow.
	Flow Flow
	// Outbound is true when the tier opens the connection (the tier is Flow.From).
	Outbound bool
	// Far is the other end.
	Far Endpoint
	// FarCIDR is the other end's range ([Internet] for the internet); invalid when it does not resolve.
	FarCIDR netip.Prefix
	// FarKind is the other end's external kind when Far is an external range, else "".
	FarKind ExternalKind
}

// FlowsOf returns the declared flows that start or end in tier t, in declaration order, each with its far
// end resolved. A flow from t to t (which Validate refuses) is returned once, as outbound.
func (in Intent) FlowsOf(t tier.Tier) []TierFlow {
	var out []TierFlow
	for i, f := range in.Flows {
		var tf TierFlow
		switch {
		case isTierEnd(f.From, t):
			tf = TierFlow{Index: i, Flow: f, Outbound: true, Far: f.To}
		case isTierEnd(f.To, t):
			tf = TierFlow{Index: i, Flow: f, Far: f.From}
		default:
			continue
		}
		tf.FarCIDR, _ = in.Resolve(tf.Far)
		if x, ok := in.External(tf.Far.Name); ok && tf.Far.Kind == EndpointExternal {
			tf.FarKind = x.Kind
		}
		out = append(out, tf)
	}
	return out
}

func isTierEnd(e Endpoint, t tier.Tier) bool {
	return e.Kind == EndpointTier && e.Tier == t && t != ""
}

// ExternalsOf returns the declared external ranges of one kind, in declaration order.
func (in Intent) ExternalsOf(kind ExternalKind) []External {
	return filter(in.Externals, func(x External) bool { return x.Kind == kind })
}

// filter returns the elements of xs that keep holds for, in order, as a fresh slice.
func filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// OverlapsExternal reports whether p overlaps a declared external range of the given kind.
func (in Intent) OverlapsExternal(p netip.Prefix, kind ExternalKind) bool {
	for _, x := range in.ExternalsOf(kind) {
		if Overlaps(p, x.CIDR) {
			return true
		}
	}
	return false
}

// overlapsPSN reports whether p overlaps a declared PSN range.
func (in Intent) overlapsPSN(p netip.Prefix) bool { return in.OverlapsExternal(p, ExternalPSN) }

// Peers returns the ranges tier t may exchange traffic with beyond its own, as its profile and declared
// flows allow: the far end of each of its flows in either direction (routes and stateless filters need
// the return path too), each once, in declaration order. The internet is a peer only of a tier whose
// profile has internet egress, and a PSN range (or a range overlapping one) only of a tier with PSN
// access, whatever a flow says.
func (in Intent) Peers(t tier.Tier) []netip.Prefix {
	p, err := tier.ProfileFor(t)
	if err != nil {
		return nil
	}
	var out []netip.Prefix
	for _, f := range in.FlowsOf(t) {
		c := f.FarCIDR
		switch {
		case !c.IsValid() || slices.Contains(out, c):
			continue
		case c.Bits() == 0 && p.InternetEgress == tier.EgressNone:
			continue
		case !p.PSNAccess && in.overlapsPSN(c):
			continue
		}
		out = append(out, c)
	}
	return out
}

// MayReach reports whether tier t may send traffic to (or route) the range p: p lies inside t's own
// range or inside one of its [Intent.Peers]. The internet (a default route, or any range that overlaps
// neither the supernet nor a declared external range) is reachable only by a tier whose profile has
// internet egress and that declares a flow to the internet; a range overlapping a PSN range never by a
// tier without PSN access.
func (in Intent) MayReach(t tier.Tier, p netip.Prefix) bool {
	prof, err := tier.ProfileFor(t)
	if err != nil || !p.IsValid() {
		return false
	}
	if !prof.PSNAccess && in.overlapsPSN(p) {
		return false
	}
	if own, ok := in.Plan.TierRange(t); ok && within(p, own.CIDR) {
		return true
	}
	for _, peer := range in.Peers(t) {
		switch {
		case peer.Bits() != 0:
			if within(p, peer) {
				return true
			}
		case p.Bits() == 0 || !in.declared(p):
			return true // the internet: a default route, or a range that is neither the landing zone nor declared
		}
	}
	return false
}

// Overlapping returns the plan's ranges (hub first, then the tiers in plan order) and the declared
// external ranges (in declaration order) that share an address with p.
func (in Intent) Overlapping(p netip.Prefix) ([]Range, []External) {
	ranges := filter(in.Plan.Ranges(), func(r Range) bool { return Overlaps(p, r.CIDR) })
	externals := filter(in.Externals, func(x External) bool { return Overlaps(p, x.CIDR) })
	return ranges, externals
}

// declared reports whether p overlaps the landing zone's supernet or a declared external range.
func (in Intent) declared(p netip.Prefix) bool {
	if Overlaps(p, in.Plan.Supernet) {
		return true
	}
	for _, x := range in.Externals {
		if Overlaps(p, x.CIDR) {
			return true
		}
	}
	return false
}

// Covers reports whether the declared flow f allows protocol proto to destination ports from..to between
// the ranges src and dst: src lies inside f's source range, dst inside its destination range, the protocol
// is f's, and (but for ICMP, which has no ports) one of f's port ranges holds from..to.
func (in Intent) Covers(f Flow, src, dst netip.Prefix, proto Protocol, from, to int) bool {
	fs, ok1 := in.Resolve(f.From)
	fd, ok2 := in.Resolve(f.To)
	if !ok1 || !ok2 || !within(src, fs) || !within(dst, fd) || !strings.EqualFold(string(proto), string(f.Protocol)) {
		return false
	}
	if f.Protocol == ProtocolICMP {
		return true
	}
	for _, r := range f.Ports {
		if from >= int(r.From) && to <= int(r.To) {
			return true
		}
	}
	return false
}

// Within reports whether inner lies entirely inside outer.
func Within(inner, outer netip.Prefix) bool { return within(inner, outer) }
