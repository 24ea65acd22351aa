package policy

import (
	"net/netip"

	"github.com/policecloud/landingzones/components/tier"
)

// Default region allow-lists: AWS London, and Azure UK South with its pair UK West.
var (
	DefaultAWSRegions     = []string{"eu-west-2"}
	DefaultAzureLocations = []string{"uksouth", "ukwest"}
)

// Context is what rules know about the stack being checked, beyond its resources. The pack and cmd/lz
// build it from the same stack config (internal/stackctx), so both paths decide alike.
type Context struct {
	// Stack is the stack's name.
	Stack string
	// Cloud is "aws" or "azure", or "" when not known.
	Cloud string
	// Role is "foundation" or "tier", or "" when not known.
	Role string
	// RoleInferred is true when no stack file gave Role and Evaluate inferred it from the resources (see
	// InferRole). Such a stack may be a workload team's, whose resources the tier's own stacks back up
	// and guard, so rules about what a tier stack must itself declare report unknown rather than fail.
	RoleInferred bool
	// Tier is the tier the rules hold resources to, or "" when not known. Tier-aware rules report unknown
	// without it. Evaluate hands each rule a context held to the tier of the resource being checked.
	Tier tier.Tier
	// TierSource is where Tier came from when the whole stack has one: TierFromStackFile (the default
	// when Tier is set) or TierFromFlag.
	TierSource TierSource
	// Profile is the tier's profile; meaningful only when Tier is set.
	Profile tier.Profile
	// AWSRegions is the allow-list for AWS regions (default DefaultAWSRegions).
	AWSRegions []string
	// AzureLocations is the allow-list for Azure locations (default DefaultAzureLocations).
	AzureLocations []string
	// Network is the landing zone's address plan and declared flows; nil when not known.
	Network *Network
}

// NewContext returns a context with the default region allow-lists and, when t is a known tier, its
// profile.
func NewContext(stack string, t tier.Tier) *Context {
	c := &Context{Stack: stack, AWSRegions: DefaultAWSRegions, AzureLocations: DefaultAzureLocations}
	if p, err := tier.ProfileFor(t); err == nil {
		c.Tier, c.Profile = t, p
	}
	return c
}

// HasTier reports whether the stack's tier (and so its profile) is known.
func (c *Context) HasTier() bool { return c != nil && c.Tier != "" }

// Network is the landing zone's address plan and declared flows, as rules need them.
type Network struct {
	// Supernet is the landing zone's whole range.
	Supernet netip.Prefix
	// Ranges maps "hub" and each tier name to its range.
	Ranges map[string]netip.Prefix
	// Externals are the declared external ranges.
	Externals []External
	// Flows are the declared flows, resolved to ranges.
	Flows []Flow
}

// External is a declared range outside the landing zone.
type External struct {
	Name string
	// Kind is "psn", "onprem", "landingzone" or "partner".
	Kind string
	CIDR netip.Prefix
}

// Flow is one declared connection, with both ends resolved to ranges.
type Flow struct {
	// From and To are endpoint names: a tier name, an external range's name, or "internet".
	From, To string
	// FromCIDR and ToCIDR are the resolved ranges ("internet" is 0.0.0.0/0).
	FromCIDR, ToCIDR netip.Prefix
	// Protocol is "tcp", "udp" or "icmp".
	Protocol string
	// Ports are inclusive destination port ranges; empty for ICMP.
	Ports []PortRange
	// Reason is why the flow is needed.
	Reason string
}

// PortRange is an inclusive range of ports.
type PortRange struct {
	From, To int
}

// Covers reports whether the flow allows protocol proto to ports [from, to] between the two prefixes:
// src must lie inside FromCIDR and dst inside ToCIDR.
func (f Flow) Covers(src, dst netip.Prefix, proto string, from, to int) bool {
	if !prefixWithin(src, f.FromCIDR) || !prefixWithin(dst, f.ToCIDR) {
		return false
	}
	if proto != f.Protocol {
		return false
	}
	if f.Protocol == "icmp" {
		return true
	}
	for _, p := range f.Ports {
		if from >= p.From && to <= p.To {
			return true
		}
	}
	return false
}

// prefixWithin reports whether inner lies entirely inside outer.
func prefixWithin(inner, outer netip.Prefix) bool {
	return inner.IsValid() && outer.IsValid() && outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// PrefixWithin reports whether inner lies entirely inside outer.
func PrefixWithin(inner, outer netip.Prefix) bool { return prefixWithin(inner, outer) }

// PrefixesOverlap reports whether two prefixes share any address.
func PrefixesOverlap(a, b netip.Prefix) bool {
	return a.IsValid() && b.IsValid() && a.Overlaps(b)
}
