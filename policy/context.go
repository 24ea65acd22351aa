package policy

import (
	"net/netip"

	"github.com/policecloud/landingzones/components/netplan"
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
	// Role is "foundation", "tier" or "organization", or "" when not known.
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

// Network is the landing zone's network intent (address plan, external ranges, declared flows): the
// same netplan.Intent the stack configuration and the components read, so that the rules ask the one
// meaning of "may Bronze reach X" (Intent.MayReach, Intent.FlowsOf, Intent.Peers) rather than keeping their
// own (docs/adr/0001).
type Network = netplan.Intent

// PrefixWithin reports whether inner lies entirely inside outer.
func PrefixWithin(inner, outer netip.Prefix) bool { return netplan.Within(inner, outer) }

// PrefixesOverlap reports whether two prefixes share any address.
func PrefixesOverlap(a, b netip.Prefix) bool { return netplan.Overlaps(a, b) }
