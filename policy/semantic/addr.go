package semantic

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Reach is what an address set is decided to be.
type Reach int

// Reaches.
const (
	// Bounded: the set is decided and does not reach the whole internet.
	Bounded Reach = iota
	// Undecidable: the set holds a member whose addresses the inputs do not say (an AWS managed prefix
	// list whose entries are not in the stack, a computed value), and what is known does not already reach
	// the internet.
	Undecidable
	// Anywhere: the set reaches every public address of IPv4 or of IPv6, or names the internet (or a
	// service tag every customer of the cloud can send from).
	Anywhere
)

// String names the reach for messages.
func (r Reach) String() string {
	switch r {
	case Anywhere:
		return "anywhere"
	case Undecidable:
		return "undecidable"
	default:
		return "bounded"
	}
}

// Azure service tags (and NSG wildcards) that mean the whole internet.
var internetTags = []string{"*", "any", "internet", "0.0.0.0/0", "::/0"}

// multiTenantTags are Azure service tags whose addresses any customer of the cloud can send from, so that
// admitting them is as good as admitting the internet (matched case-insensitively; a regional form
// "<tag>.<region>" counts too):
//   - AzureCloud: "all datacenter public IP addresses" of Azure; any subscription's VM, function or
//     container can originate traffic from them (Azure service tags overview).
//   - AppService: the shared outbound addresses of multi-tenant App Service and Functions.
//   - AzureFrontDoor.Backend: Front Door's addresses towards origins, shared by every Front Door
//     profile; Microsoft documents that an origin locked to it must also check the X-Azure-FDID header to
//     admit only its own profile.
var multiTenantTags = []string{"azurecloud", "appservice", "azurefrontdoor.backend"}

// boundedTags are Azure service tags that are known not to reach the internet: the virtual network's own
// address space (with peered and on-premises ranges), the platform's health probe and management
// sources, and tags that stand for one first-party service's own endpoints. A tag not listed here or in
// multiTenantTags is not decided (Undecidable): it may be a broad tag this package does not know.
var boundedTags = []string{
	"virtualnetwork", "azureloadbalancer", "gatewaymanager", "azuretrafficmanager",
	"storage", "sql", "azurekeyvault", "azuremonitor", "azureactivedirectory", "eventhub", "servicebus",
	"azurebackup", "azurecosmosdb", "azurecontainerregistry", "azuresiterecovery", "guestandhybridmanagement",
	"azureresourcemanager", "azureupdatedelivery", "azurebastion", "azurefrontdoor.firstparty",
	"azurefrontdoor.frontend", "apimanagement", "batchnodemanagement", "azuremachinelearning",
	"datafactory", "hdinsight", "azuredatalake", "mysql", "postgresql", "sqlmanagement", "storagesyncservice",
	"windowsvirtualdesktop", "azurearcinfrastructure",
}

// AddrSet is a parsed list of address prefixes, decided by its union.
type AddrSet struct {
	v4, v6 []span
	// internet lists the members that name the internet outright ("*", "Internet", "Any"), of both
	// families.
	internet []string
	// zero lists the members that are a /0 prefix of one family ("0.0.0.0/0", "::/0"), as written.
	zero []string
	// tenant lists the multi-tenant service tags (see multiTenantTags).
	tenant []string
	// tags lists the other service tags, which are known not to reach the internet.
	tags []string
	// prefixLists lists the AWS managed prefix list IDs not resolved (see ResolvePrefixList).
	prefixLists []string
	// unknown lists the members not understood (neither a prefix nor a known tag).
	unknown []string
	// computed is true when a member is computed.
	computed bool
}

// span is an inclusive range of addresses of one family.
type span struct{ lo, hi netip.Addr }

// ParseAddrs parses every member of a list of prefixes: IPv4 and IPv6 CIDRs (host bits ignored), bare
// addresses, "*", "Any", "Internet", Azure service tags and AWS managed prefix list IDs ("pl-..."). Empty
// strings are skipped. It never fails: members it cannot read are kept as unknown.
func ParseAddrs(items ...string) AddrSet {
	var s AddrSet
	for _, it := range items {
		s.Add(it)
	}
	return s
}

// Add adds one member to the set (see ParseAddrs).
func (s *AddrSet) Add(item string) {
	t := strings.TrimSpace(item)
	if t == "" {
		return
	}
	if p, ok := ParsePrefix(t); ok {
		if p.Bits() == 0 {
			s.zero = append(s.zero, t)
		}
		s.addPrefix(p)
		return
	}
	low := strings.ToLower(t)
	switch {
	case slices.Contains(internetTags, low):
		// Reached only for the words ("*", "Any", "Internet"): the CIDRs parse above.
		s.internet = append(s.internet, t)
	case isTag(low, multiTenantTags):
		s.tenant = append(s.tenant, t)
	case strings.HasPrefix(low, "pl-"):
		s.prefixLists = append(s.prefixLists, t)
	case isTag(low, boundedTags):
		s.tags = append(s.tags, t)
	default:
		s.unknown = append(s.unknown, t)
	}
}

// AddComputed records a computed member: the set cannot be bounded any more.
func (s *AddrSet) AddComputed() { s.computed = true }

// AddPrefix adds a parsed prefix.
func (s *AddrSet) addPrefix(p netip.Prefix) {
	p = p.Masked()
	sp := span{p.Addr(), lastAddr(p)}
	if p.Addr().Is4() {
		s.v4 = merge(append(s.v4, sp))
	} else {
		s.v6 = merge(append(s.v6, sp))
	}
}

// ResolvePrefixList replaces the prefix list id by its entries (as an
// aws:ec2/managedPrefixList:ManagedPrefixList in the stack lists them). It reports whether the set named
// the list.
func (s *AddrSet) ResolvePrefixList(id string, entries []string) bool {
	i := slices.IndexFunc(s.prefixLists, func(x string) bool { return strings.EqualFold(x, id) })
	if i < 0 {
		return false
	}
	s.prefixLists = slices.Delete(s.prefixLists, i, i+1)
	for _, e := range entries {
		s.Add(e)
	}
	return true
}

// PrefixLists returns the AWS managed prefix list IDs the set names and that are not resolved.
func (s AddrSet) PrefixLists() []string { return slices.Clone(s.prefixLists) }

// Unknown returns the members that are neither prefixes nor known tags.
func (s AddrSet) Unknown() []string { return slices.Clone(s.unknown) }

// Empty reports whether the set has no member at all.
func (s AddrSet) Empty() bool {
	return len(s.v4) == 0 && len(s.v6) == 0 && len(s.internet) == 0 && len(s.tenant) == 0 && len(s.zero) == 0 &&
		len(s.tags) == 0 && len(s.prefixLists) == 0 && len(s.unknown) == 0 && !s.computed
}

// Reach decides whether the set reaches anywhere. why explains an Anywhere or Undecidable verdict for
// messages ("0.0.0.0/1 and 128.0.0.0/1 together cover every public IPv4 address", "service tag AzureCloud
// admits every Azure customer", "prefix list pl-1234 is not in the stack").
func (s AddrSet) Reach() (r Reach, why string) {
	switch {
	case len(s.internet) > 0:
		return Anywhere, fmt.Sprintf("%s is the whole internet", s.internet[0])
	case len(s.zero) > 0:
		return Anywhere, fmt.Sprintf("%s is the whole internet", s.zero[0])
	case len(s.tenant) > 0:
		return Anywhere, fmt.Sprintf("service tag %s admits every customer of the cloud", s.tenant[0])
	case coversPublic(s.v4, public4Gaps, v4All):
		return Anywhere, "together they cover every public IPv4 address"
	case coversPublic(s.v6, public6Gaps, v6All):
		return Anywhere, "together they cover every public IPv6 address"
	case s.computed:
		return Undecidable, "a member is computed"
	case len(s.prefixLists) > 0:
		return Undecidable, fmt.Sprintf("prefix list %s is not in the stack with its entries", strings.Join(s.prefixLists, ", "))
	case len(s.unknown) > 0:
		return Undecidable, fmt.Sprintf("%q is neither an address range nor a service tag known to be bounded", s.unknown[0])
	default:
		return Bounded, ""
	}
}

// IsAnywhere reports whether the set is decided to reach anywhere.
func (s AddrSet) IsAnywhere() bool {
	r, _ := s.Reach()
	return r == Anywhere
}

// Prefixes returns the set's addresses as the fewest CIDRs, IPv4 first.
func (s AddrSet) Prefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, sp := range append(slices.Clone(s.v4), s.v6...) {
		out = append(out, spanPrefixes(sp)...)
	}
	return out
}

// Public reports whether any address of the set is public (see Classify), or a member names the
// internet or a multi-tenant tag.
func (s AddrSet) Public() bool {
	if len(s.internet) > 0 || len(s.tenant) > 0 {
		return true
	}
	for _, p := range s.Prefixes() {
		if Classify(p) == ClassPublic {
			return true
		}
	}
	return false
}

// IsAnywhere reports whether a single member reaches anywhere by itself ("0.0.0.0/0", "::/0", "*",
// "Internet", "AzureCloud", ...).
func IsAnywhere(item string) bool { return ParseAddrs(item).IsAnywhere() }

// IsDefaultRoute reports whether a route destination is a default route in any spelling: 0.0.0.0/0,
// ::/0 (with host bits or leading zeros), or a tag meaning the whole internet.
func IsDefaultRoute(dest string) bool {
	t := strings.TrimSpace(dest)
	if p, ok := ParsePrefix(t); ok {
		return p.Bits() == 0
	}
	return slices.Contains(internetTags, strings.ToLower(t))
}

// ParsePrefix reads a CIDR or a bare address, tolerating host bits ("10.0.0.1/8"), surrounding space,
// leading zeros in the length ("0.0.0.0/00") and an IPv6 zone-free address. The prefix is masked.
func ParsePrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return netip.Prefix{}, false
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		a, err := netip.ParseAddr(s[:i])
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, false
		}
		bits, ok := atoiSmall(s[i+1:])
		if !ok || bits > a.BitLen() {
			return netip.Prefix{}, false
		}
		p, err := a.Prefix(bits)
		return p, err == nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

func atoiSmall(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// isTag reports whether low (lower case) is one of tags or a regional form "<tag>.<region>".
func isTag(low string, tags []string) bool {
	for _, t := range tags {
		if low == t || (strings.HasPrefix(low, t+".") && len(low) > len(t)+1 && !strings.Contains(low[len(t)+1:], ".")) {
			return true
		}
	}
	return false
}

// Class is the kind of address space a prefix lies in.
type Class string

// Address classes (IANA special-purpose registries).
const (
	ClassPublic        Class = "public"
	ClassPrivate       Class = "private (RFC 1918)"
	ClassShared        Class = "shared address space (RFC 6598)"
	ClassLoopback      Class = "loopback"
	ClassLinkLocal     Class = "link-local"
	ClassUniqueLocal   Class = "unique local (RFC 4193)"
	ClassDocumentation Class = "documentation"
	ClassMulticast     Class = "multicast"
	ClassReserved      Class = "reserved"
	// ClassNonPublic is a prefix that lies in non-public space but spans more than one class.
	ClassNonPublic Class = "non-public"
)

type classRange struct {
	p     netip.Prefix
	class Class
}

var specialRanges = []classRange{
	{netip.MustParsePrefix("0.0.0.0/8"), ClassReserved},
	{netip.MustParsePrefix("10.0.0.0/8"), ClassPrivate},
	{netip.MustParsePrefix("100.64.0.0/10"), ClassShared},
	{netip.MustParsePrefix("127.0.0.0/8"), ClassLoopback},
	{netip.MustParsePrefix("169.254.0.0/16"), ClassLinkLocal},
	{netip.MustParsePrefix("172.16.0.0/12"), ClassPrivate},
	{netip.MustParsePrefix("192.0.0.0/24"), ClassReserved},
	{netip.MustParsePrefix("192.0.2.0/24"), ClassDocumentation},
	{netip.MustParsePrefix("192.168.0.0/16"), ClassPrivate},
	{netip.MustParsePrefix("198.18.0.0/15"), ClassReserved},
	{netip.MustParsePrefix("198.51.100.0/24"), ClassDocumentation},
	{netip.MustParsePrefix("203.0.113.0/24"), ClassDocumentation},
	{netip.MustParsePrefix("224.0.0.0/4"), ClassMulticast},
	{netip.MustParsePrefix("240.0.0.0/4"), ClassReserved},
	// IPv6: everything outside global unicast 2000::/3 is not public, and so is the documentation range.
	{netip.MustParsePrefix("::1/128"), ClassLoopback},
	{netip.MustParsePrefix("::/3"), ClassReserved},
	{netip.MustParsePrefix("2001:db8::/32"), ClassDocumentation},
	{netip.MustParsePrefix("4000::/2"), ClassReserved},
	{netip.MustParsePrefix("8000::/2"), ClassReserved},
	{netip.MustParsePrefix("c000::/3"), ClassReserved},
	{netip.MustParsePrefix("e000::/4"), ClassReserved},
	{netip.MustParsePrefix("f000::/5"), ClassReserved},
	{netip.MustParsePrefix("f800::/6"), ClassReserved},
	{netip.MustParsePrefix("fc00::/7"), ClassUniqueLocal},
	{netip.MustParsePrefix("fe00::/9"), ClassReserved},
	{netip.MustParsePrefix("fe80::/10"), ClassLinkLocal},
	{netip.MustParsePrefix("fec0::/10"), ClassReserved},
	{netip.MustParsePrefix("ff00::/8"), ClassMulticast},
}

var (
	v4All       = span{netip.MustParseAddr("0.0.0.0"), netip.MustParseAddr("255.255.255.255")}
	v6All       = span{netip.IPv6Unspecified(), netip.MustParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")}
	public4Gaps = gapsOf(true)
	public6Gaps = gapsOf(false)
)

func gapsOf(v4 bool) []span {
	var out []span
	for _, c := range specialRanges {
		if c.p.Addr().Is4() == v4 {
			out = append(out, span{c.p.Addr(), lastAddr(c.p)})
		}
	}
	return merge(out)
}

// Classify returns the class of address space p lies in: the one special-purpose class that holds it
// all, ClassNonPublic when it spans several special ranges and no public address, or ClassPublic when
// it holds any public address. An invalid prefix is ClassReserved.
func Classify(p netip.Prefix) Class {
	if !p.IsValid() {
		return ClassReserved
	}
	p = p.Masked()
	// The most specific special range that holds all of p.
	best, bestBits := Class(""), -1
	for _, c := range specialRanges {
		if c.p.Addr().Is4() == p.Addr().Is4() && c.p.Bits() <= p.Bits() && c.p.Contains(p.Addr()) && c.p.Bits() > bestBits {
			best, bestBits = c.class, c.p.Bits()
		}
	}
	if best != "" {
		return best
	}
	gaps := public4Gaps
	if p.Addr().Is6() {
		gaps = public6Gaps
	}
	if covered(merge([]span{{p.Addr(), lastAddr(p)}}), gaps) {
		return ClassNonPublic
	}
	return ClassPublic
}

// coversPublic reports whether spans, together with the non-public gaps, cover the whole family, i.e.
// every public address of the family is in spans.
func coversPublic(spans, gaps []span, all span) bool {
	if len(spans) == 0 {
		return false
	}
	u := merge(append(slices.Clone(spans), gaps...))
	return len(u) == 1 && u[0].lo == all.lo && u[0].hi == all.hi
}

// covered reports whether every address of spans lies in cover (both merged).
func covered(spans, cover []span) bool {
	for _, s := range spans {
		ok := false
		for _, c := range cover {
			if c.lo.Compare(s.lo) <= 0 && s.hi.Compare(c.hi) <= 0 {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// merge sorts spans and joins those that overlap or touch.
func merge(spans []span) []span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(a.lo.Compare(b.lo), a.hi.Compare(b.hi)) })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		next := last.hi.Next()
		if s.lo.Compare(last.hi) <= 0 || (next.IsValid() && s.lo == next) {
			if s.hi.Compare(last.hi) > 0 {
				last.hi = s.hi
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// lastAddr returns the last address of a masked prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Addr().AsSlice()
	bits := p.Bits()
	for i := range a {
		for b := 0; b < 8; b++ {
			if i*8+b >= bits {
				a[i] |= 0x80 >> b
			}
		}
	}
	out, _ := netip.AddrFromSlice(a)
	return out
}

// spanPrefixes splits an inclusive span into the fewest CIDRs.
func spanPrefixes(s span) []netip.Prefix {
	var out []netip.Prefix
	lo := s.lo
	for lo.IsValid() && lo.Compare(s.hi) <= 0 {
		bits := lo.BitLen()
		// Widen while the prefix stays aligned and inside the span.
		for bits > 0 {
			p, err := lo.Prefix(bits - 1)
			if err != nil || p.Addr() != lo || lastAddr(p).Compare(s.hi) > 0 {
				break
			}
			bits--
		}
		p := netip.PrefixFrom(lo, bits)
		out = append(out, p)
		lo = lastAddr(p).Next()
		if len(out) > 256 {
			break
		}
	}
	return out
}

// IsWildcard reports whether a member is the filter wildcard for every address, private ranges included
// ("*", "Any", case-insensitive). "Internet" is not: in Azure it leaves out the virtual network's ranges.
func IsWildcard(item string) bool {
	t := strings.ToLower(strings.TrimSpace(item))
	return t == "*" || t == "any"
}

// Covers reports whether the set holds every address of p: a wildcard member, or prefixes whose union
// covers p.
func (s AddrSet) Covers(p netip.Prefix) bool {
	if !p.IsValid() {
		return false
	}
	if slices.ContainsFunc(s.internet, IsWildcard) {
		return true
	}
	p = p.Masked()
	spans := s.v4
	if p.Addr().Is6() {
		spans = s.v6
	}
	return covered([]span{{p.Addr(), lastAddr(p)}}, spans)
}

// MayOverlap reports whether the set may hold an address of p: a wildcard member, the VirtualNetwork tag
// (any range of the virtual network, its peers or on-premises), a member whose addresses are not known
// (an unknown tag, a prefix list, a computed value), or a prefix overlapping p.
func (s AddrSet) MayOverlap(p netip.Prefix) bool {
	if !p.IsValid() {
		return false
	}
	if slices.ContainsFunc(s.internet, IsWildcard) || len(s.unknown) > 0 || len(s.prefixLists) > 0 || s.computed ||
		slices.ContainsFunc(s.tags, func(t string) bool { return strings.EqualFold(t, "VirtualNetwork") }) {
		return true
	}
	p = p.Masked()
	for _, q := range s.Prefixes() {
		if q.Overlaps(p) {
			return true
		}
	}
	return false
}
