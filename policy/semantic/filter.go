package semantic

import (
	"cmp"
	"slices"
)

// Entry is one rule of a packet filter (a security group rule, a network ACL entry, an NSG rule), read
// for the question "does traffic from anywhere get through?".
type Entry struct {
	// Order is the evaluation order (network ACL rule number, NSG priority): lower first. Entries of a
	// stateful allow-only filter (security groups) all share one order.
	Order int
	// Deny is true for a deny entry.
	Deny bool
	// Proto is the entry's protocol; ProtoAll matches every protocol.
	Proto Protocol
	// Ports are the destination ports the entry matches (ignored for protocols without ports).
	Ports PortSet
	// Sources are the addresses the entry matches.
	Sources AddrSet
}

// Exposure says that allow entry Entry (an index into the entries given) lets traffic from anywhere in,
// at protocol Proto and ports Ports at least.
type Exposure struct {
	Entry int
	// With are the other allow entries whose sources, together with Entry's, cover anywhere there.
	With []int
	// Proto and Ports are a protocol and port range where the exposure holds (the first found).
	Proto Protocol
	Ports PortRange
	// Why explains the verdict (see AddrSet.Reach).
	Why string
}

// Exposed decides, point by point (each protocol, each range of ports between the entries' edges),
// which allow entries admit traffic from anywhere, as a first-match filter evaluates them: entries in
// Order, a deny matching a source first removes it from every later allow. Sources are decided by their
// union over the allow entries that match the point. undecided lists the allow entries whose exposure
// cannot be decided (a source or an earlier deny that cannot be read).
func Exposed(entries []Entry) (open, undecided []Exposure) {
	idx := make([]int, len(entries))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(entries[a].Order, entries[b].Order) })
	seen := map[int]bool{}
	seenU := map[int]bool{}
	for _, pt := range points(entries) {
		var acc pointFold
		var contrib, unsure []int
		unknownDeny := false
		for _, i := range idx {
			e := entries[i]
			if !matches(e, pt) {
				continue
			}
			r, _ := e.Sources.Reach()
			if e.Deny {
				// A deny that cannot be read matters only if what came before it did not already admit
				// anywhere.
				if already, _ := acc.anywhere(); r == Undecidable && !already {
					unknownDeny = true
				}
				acc.deny(e.Sources)
				continue
			}
			if acc.allow(e.Sources) {
				contrib = append(contrib, i)
			}
			if r == Undecidable {
				unsure = append(unsure, i)
			}
		}
		anywhere, why := acc.anywhere()
		switch {
		case anywhere && !unknownDeny:
			for _, i := range contrib {
				if seen[i] {
					continue
				}
				seen[i] = true
				var with []int
				for _, j := range contrib {
					if j != i {
						with = append(with, j)
					}
				}
				w := why
				if r, own := entries[i].Sources.Reach(); r == Anywhere {
					with, w = nil, own
				}
				open = append(open, Exposure{Entry: i, With: with, Proto: pt.proto, Ports: pt.ports, Why: w})
			}
		case anywhere:
			unsure = append(unsure, contrib...)
			why = "an earlier deny entry cannot be read"
			fallthrough
		default:
			for _, i := range unsure {
				if seen[i] || seenU[i] {
					continue
				}
				seenU[i] = true
				w := why
				if w == "" {
					_, w = entries[i].Sources.Reach()
				}
				undecided = append(undecided, Exposure{Entry: i, Proto: pt.proto, Ports: pt.ports, Why: w})
			}
		}
	}
	undecided = slices.DeleteFunc(undecided, func(x Exposure) bool { return seen[x.Entry] })
	slices.SortFunc(open, func(a, b Exposure) int { return cmp.Compare(a.Entry, b.Entry) })
	slices.SortFunc(undecided, func(a, b Exposure) int { return cmp.Compare(a.Entry, b.Entry) })
	return open, undecided
}

// point is a protocol and a range of ports over which every entry either matches or does not.
type point struct {
	proto Protocol
	ports PortRange
}

// otherProto stands for the protocols no entry names (matched only by ProtoAll entries).
const otherProto Protocol = "other protocols"

func points(entries []Entry) []point {
	var protos []Protocol
	for _, e := range entries {
		if e.Proto != ProtoAll && e.Proto != "" && !slices.Contains(protos, e.Proto) {
			protos = append(protos, e.Proto)
		}
	}
	for _, p := range []Protocol{ProtoTCP, ProtoUDP} {
		if !slices.Contains(protos, p) {
			protos = append(protos, p)
		}
	}
	protos = append(protos, otherProto)
	var out []point
	for _, p := range protos {
		if !p.HasPorts() {
			out = append(out, point{p, AllPorts})
			continue
		}
		edges := []int{0, 65536}
		for _, e := range entries {
			if !e.Proto.Includes(p) {
				continue
			}
			for _, r := range portsOf(e) {
				edges = append(edges, r.From, r.To+1)
			}
		}
		slices.Sort(edges)
		edges = slices.Compact(edges)
		for i := 0; i+1 < len(edges); i++ {
			out = append(out, point{p, PortRange{edges[i], edges[i+1] - 1}})
		}
	}
	return out
}

func portsOf(e Entry) PortSet {
	if len(e.Ports) == 0 {
		return PortSet{AllPorts}
	}
	return e.Ports
}

func matches(e Entry, pt point) bool {
	if !e.Proto.Includes(pt.proto) {
		return false
	}
	if !pt.proto.HasPorts() {
		return true
	}
	return portsOf(e).Overlaps(PortRange{pt.ports.From, pt.ports.From})
}

// pointFold accumulates, in evaluation order, what the entries matching one point admit.
type pointFold struct {
	denied4, denied6   []span
	allowed4, allowed6 []span
	// tenant is the first multi-tenant tag admitted while the internet was not already denied.
	tenant string
}

func spansOf(s AddrSet) (v4, v6 []span) {
	v4, v6 = slices.Clone(s.v4), slices.Clone(s.v6)
	if len(s.internet) > 0 {
		v4, v6 = []span{v4All}, []span{v6All}
	}
	return v4, v6
}

func (f *pointFold) deny(s AddrSet) {
	v4, v6 := spansOf(s)
	f.denied4 = merge(append(f.denied4, v4...))
	f.denied6 = merge(append(f.denied6, v6...))
}

// allow adds what s admits beyond the earlier denies; it reports whether s added a public address (an
// entry that adds only private ranges is not to blame for an exposure).
func (f *pointFold) allow(s AddrSet) bool {
	v4, v6 := spansOf(s)
	a4, a6 := subtract(v4, f.denied4), subtract(v6, f.denied6)
	f.allowed4 = merge(append(f.allowed4, a4...))
	f.allowed6 = merge(append(f.allowed6, a6...))
	added := !covered(a4, public4Gaps) || !covered(a6, public6Gaps)
	if len(s.tenant) > 0 && !(coversPublic(f.denied4, public4Gaps, v4All) && coversPublic(f.denied6, public6Gaps, v6All)) {
		if f.tenant == "" {
			f.tenant = s.tenant[0]
		}
		added = true
	}
	return added
}

func (f *pointFold) anywhere() (bool, string) {
	switch {
	case coversPublic(f.allowed4, public4Gaps, v4All):
		return true, "together they cover every public IPv4 address"
	case coversPublic(f.allowed6, public6Gaps, v6All):
		return true, "together they cover every public IPv6 address"
	case f.tenant != "":
		return true, "service tag " + f.tenant + " admits every customer of the cloud"
	}
	return false, ""
}

// subtract returns the parts of spans (merged) outside cut (merged).
func subtract(spans, cut []span) []span {
	spans = merge(slices.Clone(spans))
	var out []span
	for _, s := range spans {
		cur := []span{s}
		for _, c := range cut {
			var next []span
			for _, x := range cur {
				if c.hi.Compare(x.lo) < 0 || x.hi.Compare(c.lo) < 0 {
					next = append(next, x)
					continue
				}
				if x.lo.Compare(c.lo) < 0 {
					next = append(next, span{x.lo, c.lo.Prev()})
				}
				if c.hi.Compare(x.hi) < 0 {
					next = append(next, span{c.hi.Next(), x.hi})
				}
			}
			cur = next
		}
		out = append(out, cur...)
	}
	return out
}
