package netplan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// Limits of the allocation.
const (
	// MinSupernetBits is the shortest supernet prefix length Allocate accepts (the largest supernet).
	MinSupernetBits = 8
	// MaxSupernetBits is the longest supernet prefix length Allocate accepts (the smallest supernet). A /20
	// leaves every subnet at least /27 (above the /28 minimum of both clouds), the hub firewall block a /24
	// and the gateway subnet a /25.
	MaxSupernetBits = 20
	// MaxAZs is how many availability-zone slots every per-AZ block holds. A range spans 1 to MaxAZs zones.
	MaxAZs = 4
)

// HubName is the name of the hub range.
const HubName = "hub"

// layout places one role block inside a range: the block is the index-th of the range's 2^bits equal
// parts. perAZ says whether the block is split into MaxAZs AZ slots or is one regional subnet.
type layout struct {
	role  Role
	bits  int
	index int
	perAZ bool
}

// reservedLayout is the last eighth of every range.
var reservedLayout = layout{bits: 3, index: 7}

var tierLayout = []layout{
	{RoleWorkload, 1, 0, true},  // first 1/2
	{RoleEndpoints, 2, 2, true}, // next 1/4
	{RoleTransit, 3, 6, true},   // next 1/8
}

var hubLayout = []layout{
	{RoleFirewall, 2, 0, true},   // first 1/4
	{RoleEgress, 2, 1, true},     // next 1/4
	{RoleTransit, 3, 4, true},    // next 1/8
	{RoleGateway, 3, 5, false},   // next 1/8, one regional subnet
	{RoleManagement, 3, 6, true}, // next 1/8
}

// azSlotBits splits a per-AZ block into MaxAZs slots.
const azSlotBits = 2

// quarterOrder is the fixed order of the supernet's quarters.
var quarterOrder = []string{HubName, string(tier.Platinum), string(tier.Gold), string(tier.Bronze)}

// TierRoles returns the roles of a tier range in allocation order.
func TierRoles() []Role { return rolesOf(tierLayout) }

// HubRoles returns the roles of the hub range in allocation order.
func HubRoles() []Role { return rolesOf(hubLayout) }

func rolesOf(ls []layout) []Role {
	out := make([]Role, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.role)
	}
	return out
}

// PerAZ reports whether the role has one subnet per availability zone. Only the gateway role is a single
// regional subnet.
func (r Role) PerAZ() bool { return r != RoleGateway }

// ProfileAZs returns the availability-zone count of every tier from the tier profiles, ready for Allocate.
func ProfileAZs() map[tier.Tier]int {
	out := make(map[tier.Tier]int, len(tier.Profiles()))
	for _, p := range tier.Profiles() {
		out[p.Tier] = p.AvailabilityZones
	}
	return out
}

// CheckSupernet returns an error, naming the bad value and what is allowed, unless p can be a landing
// zone supernet: a masked IPv4 prefix from /MinSupernetBits to /MaxSupernetBits.
func CheckSupernet(p netip.Prefix) error {
	const example = "such as 10.20.0.0/16"
	switch {
	case !p.IsValid():
		return fmt.Errorf("supernet is not set: a landing zone supernet must be an IPv4 prefix %s", example)
	case !p.Addr().Is4():
		return fmt.Errorf("supernet %s is not IPv4: a landing zone supernet must be an IPv4 prefix %s", p, example)
	case p.Masked() != p:
		return fmt.Errorf("supernet %s has host bits set: use the masked form %s", p, p.Masked())
	case p.Bits() > MaxSupernetBits:
		return fmt.Errorf("supernet %s is too small: the prefix length must be /%d or shorter (allowed /%d to /%d) so that every subnet is at least /28",
			p, MaxSupernetBits, MinSupernetBits, MaxSupernetBits)
	case p.Bits() < MinSupernetBits:
		return fmt.Errorf("supernet %s is too large: the prefix length must be /%d or longer (allowed /%d to /%d)",
			p, MinSupernetBits, MinSupernetBits, MaxSupernetBits)
	}
	return nil
}

// checkAZs checks the availability-zone counts: every tier present with 1..MaxAZs, no unknown tier. All
// problems are joined, in tier order then by name.
func checkAZs(azs map[tier.Tier]int) error {
	var errs []error
	for _, t := range tier.All() {
		n, ok := azs[t]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("tier %s: availability zone count is missing: every tier (%s) needs one, 1 to %d",
				t, strings.Join(tier.Names(), ", "), MaxAZs))
		case n < 1 || n > MaxAZs:
			errs = append(errs, fmt.Errorf("tier %s: availability zone count %d is out of range: allowed are 1 to %d", t, n, MaxAZs))
		}
	}
	var unknown []string
	for t := range azs {
		if !slices.Contains(tier.All(), t) {
			unknown = append(unknown, string(t))
		}
	}
	slices.Sort(unknown)
	for _, u := range unknown {
		errs = append(errs, fmt.Errorf("unknown tier %q in availability zone counts: allowed are %s", u, strings.Join(tier.Names(), ", ")))
	}
	return errors.Join(errs...)
}

// Allocate computes the address plan of a landing zone from its supernet and the availability-zone count
// of every tier (see ProfileAZs). The result is deterministic; see the package documentation for the
// layout. The supernet must be a masked IPv4 prefix from /8 to /20, and every tier (and only tiers) must
// have 1 to MaxAZs zones; otherwise the error names the bad value and what is allowed.
func Allocate(supernet netip.Prefix, azs map[tier.Tier]int) (Plan, error) {
	if err := CheckSupernet(supernet); err != nil {
		return Plan{}, err
	}
	if err := checkAZs(azs); err != nil {
		return Plan{}, err
	}
	hubAZs := 0
	for _, t := range tier.All() {
		hubAZs = max(hubAZs, azs[t])
	}
	plan := Plan{Supernet: supernet, Tiers: make([]Range, 0, len(tier.All()))}
	for i, name := range quarterOrder {
		cidr := subPrefix(supernet, 2, i)
		if name == HubName {
			plan.Hub = allocRange(name, "", cidr, hubAZs, hubLayout)
			continue
		}
		t := tier.Tier(name)
		plan.Tiers = append(plan.Tiers, allocRange(name, t, cidr, azs[t], tierLayout))
	}
	return plan, nil
}

func allocRange(name string, t tier.Tier, cidr netip.Prefix, azs int, ls []layout) Range {
	r := Range{
		Name:     name,
		Tier:     t,
		CIDR:     cidr,
		AZs:      azs,
		Blocks:   make(map[Role]netip.Prefix, len(ls)),
		Reserved: subPrefix(cidr, reservedLayout.bits, reservedLayout.index),
	}
	for _, l := range ls {
		block := subPrefix(cidr, l.bits, l.index)
		r.Blocks[l.role] = block
		if !l.perAZ {
			r.Subnets = append(r.Subnets, Subnet{Role: l.role, AZ: 0, CIDR: block})
			continue
		}
		for az := range azs {
			r.Subnets = append(r.Subnets, Subnet{Role: l.role, AZ: az, CIDR: subPrefix(block, azSlotBits, az)})
		}
	}
	return r
}

// subPrefix returns the index-th of the 2^extra equal parts of the IPv4 prefix p.
func subPrefix(p netip.Prefix, extra, index int) netip.Prefix {
	bits := p.Bits() + extra
	a := p.Addr().As4()
	base := binary.BigEndian.Uint32(a[:])
	base += uint32(index) << (32 - bits) //nolint:gosec // index < 2^extra <= 16 and bits <= 32: no overflow
	binary.BigEndian.PutUint32(a[:], base)
	return netip.PrefixFrom(netip.AddrFrom4(a), bits)
}

// Ranges returns the hub range followed by the tier ranges, most critical first.
func (p Plan) Ranges() []Range {
	out := make([]Range, 0, 1+len(p.Tiers))
	out = append(out, p.Hub)
	return append(out, p.Tiers...)
}

// Range returns the range named name ("hub" or a tier name, case-insensitive).
func (p Plan) Range(name string) (Range, bool) {
	for _, r := range p.Ranges() {
		if r.Name != "" && strings.EqualFold(r.Name, strings.TrimSpace(name)) {
			return r, true
		}
	}
	return Range{}, false
}

// TierRange returns the range of tier t.
func (p Plan) TierRange(t tier.Tier) (Range, bool) {
	for _, r := range p.Tiers {
		if r.Tier == t && t != "" {
			return r, true
		}
	}
	return Range{}, false
}

// SubnetsFor returns the range's subnets of one role, ordered by AZ. The slice is a fresh copy.
func (r Range) SubnetsFor(role Role) []Subnet {
	return filter(r.Subnets, func(s Subnet) bool { return s.Role == role })
}

// Block returns the block reserved for a role, or the zero prefix if the range has no such role.
func (r Range) Block(role Role) netip.Prefix { return r.Blocks[role] }

// Overlaps reports whether two prefixes share any address. Prefixes of different address families or
// invalid prefixes never overlap.
func Overlaps(a, b netip.Prefix) bool {
	if !a.IsValid() || !b.IsValid() {
		return false
	}
	return a.Masked().Overlaps(b.Masked())
}

// findExternal returns the first external whose trimmed name equals name, ignoring case.
func findExternal(name string, externals []External) (External, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return External{}, false
	}
	for _, x := range externals {
		if strings.EqualFold(strings.TrimSpace(x.Name), name) {
			return x, true
		}
	}
	return External{}, false
}
