package aws

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// Address plan of the network fixtures: supernet 10.64.0.0/12 split into hub, Platinum, Gold and Bronze
// quarters; PSN and a legacy data centre outside it. Bronze's declared flows: Gold -> Bronze tcp 1433 and
// Bronze -> legacy-dc tcp 445.
const (
	netTestHub      = "10.64.0.0/14"
	netTestPlatinum = "10.68.0.0/14"
	netTestGold     = "10.72.0.0/14"
	netTestBronze   = "10.76.0.0/14"
	netTestPSN      = "172.20.0.0/16"
	netTestLegacyDC = "192.168.0.0/16"
)

func netTestNetwork() *policy.Network {
	p := netip.MustParsePrefix
	ep := func(t tier.Tier) netplan.Endpoint { return netplan.Endpoint{Kind: netplan.EndpointTier, Tier: t} }
	return &policy.Network{
		Plan: netplan.Plan{
			Supernet: p("10.64.0.0/12"),
			Hub:      netplan.Range{Name: "hub", CIDR: p(netTestHub)},
			Tiers: []netplan.Range{
				{Name: "platinum", Tier: tier.Platinum, CIDR: p(netTestPlatinum)},
				{Name: "gold", Tier: tier.Gold, CIDR: p(netTestGold)},
				{Name: "bronze", Tier: tier.Bronze, CIDR: p(netTestBronze)},
			},
		},
		Externals: []netplan.External{
			{Name: "psn", Kind: netplan.ExternalPSN, CIDR: p(netTestPSN)},
			{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: p(netTestLegacyDC)},
		},
		Flows: []netplan.Flow{
			{
				From: ep(tier.Gold), To: ep(tier.Bronze),
				Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 1433, To: 1433}},
				Reason: "Gold case management reads the legacy records database",
			},
			{
				From: ep(tier.Bronze), To: netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "legacy-dc"},
				Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: 445, To: 445}},
				Reason: "legacy records system archives to the data centre file share",
			},
		},
	}
}

// netDropTier removes tier t's range from the network's address plan.
func netDropTier(n *policy.Network, t tier.Tier) {
	n.Plan.Tiers = slices.DeleteFunc(n.Plan.Tiers, func(r netplan.Range) bool { return r.Tier == t })
}

// netFoundationCtx is a foundation stack's context (no tier) with the fixture network.
func netFoundationCtx() *policy.Context {
	ctx := policy.NewContext("foundation", "")
	ctx.Role = netRoleFoundation
	ctx.Network = netTestNetwork()
	return ctx
}

// netTierCtx is a tier stack's context with the fixture network.
func netTierCtx(t tier.Tier) *policy.Context {
	ctx := policy.NewContext("tier", t)
	ctx.Role = netRoleTier
	ctx.Network = netTestNetwork()
	return ctx
}

// netBronzeCtx is the Bronze tier stack's context.
func netBronzeCtx() *policy.Context { return netTierCtx(tier.Bronze) }

func TestNetBronzeMayReach(t *testing.T) {
	t.Parallel()
	n := netTestNetwork()
	for cidr, want := range map[string]bool{
		"10.76.4.0/24":    true,  // inside Bronze
		"10.72.0.0/14":    true,  // Gold, far end of a declared flow
		"10.72.8.0/24":    true,  // inside Gold
		"192.168.10.0/24": true,  // inside legacy-dc
		"10.68.0.0/14":    false, // Platinum
		"10.64.0.0/14":    false, // hub
		"10.64.0.0/12":    false, // the whole supernet
		"172.20.0.0/16":   false, // PSN
		"0.0.0.0/0":       false,
		"8.8.8.8/32":      false,
	} {
		p, ok := netParsePrefix(cidr)
		assert.True(t, ok, cidr)
		assert.Equal(t, want, netBronzeMayReach(n, p), cidr)
	}
}

func TestNetZone(t *testing.T) {
	t.Parallel()
	n := netTestNetwork()
	for cidr, want := range map[string]string{
		"0.0.0.0/0":      "default route",
		"10.72.1.0/24":   "Gold",
		"10.64.0.0/12":   "hub, Platinum, Gold, Bronze",
		"172.20.1.0/24":  "PSN",
		"192.168.0.0/16": "legacy-dc",
		"8.8.8.8/32":     "outside the landing zone",
		"2001:db8::/32":  "outside the landing zone",
	} {
		p, _ := netParsePrefix(cidr)
		assert.Equal(t, want, netZone(n, p, "default route"), cidr)
	}
	assert.Equal(t, "not a valid range", netZone(n, netip.Prefix{}, "anywhere"))
}

func TestNetParsePrefix(t *testing.T) {
	t.Parallel()
	p, ok := netParsePrefix(" 10.1.2.3/16 ")
	assert.True(t, ok)
	assert.Equal(t, "10.1.0.0/16", p.String())
	p, ok = netParsePrefix("10.1.2.3")
	assert.True(t, ok)
	assert.Equal(t, "10.1.2.3/32", p.String())
	_, ok = netParsePrefix("not-a-cidr")
	assert.False(t, ok)
	assert.True(t, semantic.IsAnywhere("::/0"))
	assert.False(t, semantic.IsAnywhere("10.0.0.0/8"))
}

// netStackRule returns a registered AWS stack rule by ID.
func netStackRule(t *testing.T, id string) policy.StackRule {
	t.Helper()
	for _, r := range StackRules() {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no stack rule %s", id)
	return policy.StackRule{}
}

func TestNetInt(t *testing.T) {
	t.Parallel()
	_, k := netInt(property.New(property.Computed))
	assert.Equal(t, policy.Unknown, k)
	v, k := netInt(property.New(443.0))
	assert.Equal(t, policy.Present, k)
	assert.Equal(t, 443, v)
	_, k = netInt(property.Value{})
	assert.Equal(t, policy.Absent, k)
}

// netTestPublicV4 covers every IPv4 address but the private 10.0.0.0/8: every public address, so it is
// anywhere.
func netTestPublicV4() []string {
	return []string{"0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"}
}
