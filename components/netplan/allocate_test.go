package netplan_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func mustAllocate(t testing.TB, supernet string) netplan.Plan {
	t.Helper()
	plan, err := netplan.Allocate(netip.MustParsePrefix(supernet), netplan.ProfileAZs())
	require.NoError(t, err)
	return plan
}

func TestAllocateGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, supernet string }{
		{"aws-police-open-systems", "10.20.0.0/16"},
		{"azure-met", "10.60.0.0/16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := mustAllocate(t, tc.supernet).Table()
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run `go test ./components/netplan/ -run TestAllocateGolden -update` to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

func TestProfileAZs(t *testing.T) {
	t.Parallel()
	assert.Equal(t, map[tier.Tier]int{tier.Platinum: 3, tier.Gold: 2, tier.Bronze: 2}, netplan.ProfileAZs())
}

func TestAllocateSizes(t *testing.T) {
	t.Parallel()
	type bits struct{ block, subnet int }
	for _, tc := range []struct {
		supernet                     string
		quarter                      int
		workload, endpoints, transit bits
		hubFirewall, hubGateway      int
	}{
		{"10.20.0.0/16", 18, bits{19, 21}, bits{20, 22}, bits{21, 23}, 20, 21},
		{"10.20.0.0/20", 22, bits{23, 25}, bits{24, 26}, bits{25, 27}, 24, 25},
		{"10.0.0.0/8", 10, bits{11, 13}, bits{12, 14}, bits{13, 15}, 12, 13},
	} {
		t.Run(tc.supernet, func(t *testing.T) {
			t.Parallel()
			plan := mustAllocate(t, tc.supernet)
			assert.Equal(t, tc.quarter, plan.Hub.CIDR.Bits())
			assert.Equal(t, tc.hubFirewall, plan.Hub.Block(netplan.RoleFirewall).Bits())
			assert.Equal(t, tc.hubGateway, plan.Hub.Block(netplan.RoleGateway).Bits())
			require.Len(t, plan.Tiers, 3)
			for _, r := range plan.Tiers {
				assert.Equal(t, tc.quarter, r.CIDR.Bits(), r.Name)
				for role, want := range map[netplan.Role]bits{
					netplan.RoleWorkload: tc.workload, netplan.RoleEndpoints: tc.endpoints, netplan.RoleTransit: tc.transit,
				} {
					assert.Equal(t, want.block, r.Block(role).Bits(), "%s %s block", r.Name, role)
					for _, s := range r.SubnetsFor(role) {
						assert.Equal(t, want.subnet, s.CIDR.Bits(), "%s %s AZ %d", r.Name, role, s.AZ)
					}
				}
			}
		})
	}
}

func TestAllocateLayout(t *testing.T) {
	t.Parallel()
	plan := mustAllocate(t, "10.20.0.0/16")
	assert.Equal(t, netip.MustParsePrefix("10.20.0.0/16"), plan.Supernet)

	var names []string
	for _, r := range plan.Ranges() {
		names = append(names, r.Name)
	}
	assert.Equal(t, []string{"hub", "platinum", "gold", "bronze"}, names)
	assert.Equal(t, []tier.Tier{tier.Platinum, tier.Gold, tier.Bronze}, []tier.Tier{plan.Tiers[0].Tier, plan.Tiers[1].Tier, plan.Tiers[2].Tier})
	assert.Equal(t, tier.Tier(""), plan.Hub.Tier)
	assert.Equal(t, 3, plan.Hub.AZs, "the hub spans as many zones as the widest tier")

	gold, ok := plan.TierRange(tier.Gold)
	require.True(t, ok)
	assert.Equal(t, "10.20.128.0/18", gold.CIDR.String())
	assert.Equal(t, 2, gold.AZs)
	assert.Equal(t, "10.20.184.0/21", gold.Reserved.String())
	assert.Equal(t, []netplan.Subnet{
		{Role: netplan.RoleWorkload, AZ: 0, CIDR: netip.MustParsePrefix("10.20.128.0/21")},
		{Role: netplan.RoleWorkload, AZ: 1, CIDR: netip.MustParsePrefix("10.20.136.0/21")},
		{Role: netplan.RoleEndpoints, AZ: 0, CIDR: netip.MustParsePrefix("10.20.160.0/22")},
		{Role: netplan.RoleEndpoints, AZ: 1, CIDR: netip.MustParsePrefix("10.20.164.0/22")},
		{Role: netplan.RoleTransit, AZ: 0, CIDR: netip.MustParsePrefix("10.20.176.0/23")},
		{Role: netplan.RoleTransit, AZ: 1, CIDR: netip.MustParsePrefix("10.20.178.0/23")},
	}, gold.Subnets)

	hub, ok := plan.Range("HUB")
	require.True(t, ok)
	assert.Equal(t, map[netplan.Role]netip.Prefix{
		netplan.RoleFirewall:   netip.MustParsePrefix("10.20.0.0/20"),
		netplan.RoleEgress:     netip.MustParsePrefix("10.20.16.0/20"),
		netplan.RoleTransit:    netip.MustParsePrefix("10.20.32.0/21"),
		netplan.RoleGateway:    netip.MustParsePrefix("10.20.40.0/21"),
		netplan.RoleManagement: netip.MustParsePrefix("10.20.48.0/21"),
	}, hub.Blocks)
	assert.Equal(t, []netplan.Subnet{{Role: netplan.RoleGateway, CIDR: netip.MustParsePrefix("10.20.40.0/21")}},
		hub.SubnetsFor(netplan.RoleGateway), "the gateway is one regional subnet: the whole block")
	assert.Len(t, hub.SubnetsFor(netplan.RoleManagement), 3)
	var roles []netplan.Role
	for _, s := range hub.Subnets {
		if len(roles) == 0 || roles[len(roles)-1] != s.Role {
			roles = append(roles, s.Role)
		}
	}
	assert.Equal(t, netplan.HubRoles(), roles, "hub subnets are ordered by role")
	assert.Equal(t, []netplan.Role{netplan.RoleWorkload, netplan.RoleEndpoints, netplan.RoleTransit}, netplan.TierRoles())

	_, ok = plan.Range("silver")
	assert.False(t, ok)
	_, ok = plan.TierRange("")
	assert.False(t, ok)
	assert.False(t, gold.Block(netplan.RoleFirewall).IsValid(), "a tier has no firewall block")
	assert.Empty(t, gold.SubnetsFor(netplan.RoleFirewall))
}

// Adding an availability zone, to any tier, never renumbers an existing subnet.
func TestAllocateStableWhenAZsGrow(t *testing.T) {
	t.Parallel()
	supernet := netip.MustParsePrefix("10.20.0.0/16")
	small, err := netplan.Allocate(supernet, map[tier.Tier]int{tier.Platinum: 1, tier.Gold: 1, tier.Bronze: 1})
	require.NoError(t, err)
	big, err := netplan.Allocate(supernet, map[tier.Tier]int{tier.Platinum: 4, tier.Gold: 4, tier.Bronze: 4})
	require.NoError(t, err)
	for i, r := range small.Ranges() {
		b := big.Ranges()[i]
		assert.Equal(t, r.CIDR, b.CIDR)
		assert.Equal(t, r.Blocks, b.Blocks)
		for _, s := range r.Subnets {
			assert.Contains(t, b.Subnets, s, "%s %s AZ %d moved", r.Name, s.Role, s.AZ)
		}
	}
	assert.Len(t, big.Hub.Subnets, 4*4+1)
}

// Azure's minimums (AzureFirewallSubnet /26, GatewaySubnet /27) and the clouds' smallest subnet (/28) hold
// for every supernet size Allocate accepts.
func TestAllocateCloudMinimums(t *testing.T) {
	t.Parallel()
	for bits := netplan.MinSupernetBits; bits <= netplan.MaxSupernetBits; bits++ {
		t.Run(fmt.Sprintf("/%d", bits), func(t *testing.T) {
			t.Parallel()
			supernet := netip.PrefixFrom(netip.MustParseAddr("10.0.0.0"), bits)
			plan, err := netplan.Allocate(supernet, map[tier.Tier]int{tier.Platinum: 4, tier.Gold: 4, tier.Bronze: 4})
			require.NoError(t, err)
			assert.LessOrEqual(t, plan.Hub.Block(netplan.RoleFirewall).Bits(), 26, "AzureFirewallSubnet needs /26")
			for _, s := range plan.Hub.SubnetsFor(netplan.RoleFirewall) {
				assert.LessOrEqual(t, s.CIDR.Bits(), 26, "per-AZ firewall subnet")
			}
			assert.LessOrEqual(t, plan.Hub.Block(netplan.RoleGateway).Bits(), 27, "GatewaySubnet needs /27")
			for _, r := range plan.Ranges() {
				for _, s := range r.Subnets {
					assert.LessOrEqual(t, s.CIDR.Bits(), 28, "%s %s AZ %d", r.Name, s.Role, s.AZ)
				}
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	t.Parallel()
	good := netplan.ProfileAZs()
	for _, tc := range []struct {
		name     string
		supernet netip.Prefix
		azs      map[tier.Tier]int
		want     string
	}{
		{"unset", netip.Prefix{}, good,
			"supernet is not set: a landing zone supernet must be an IPv4 prefix such as 10.20.0.0/16"},
		{"IPv6", netip.MustParsePrefix("fd00:20::/48"), good,
			"supernet fd00:20::/48 is not IPv4: a landing zone supernet must be an IPv4 prefix such as 10.20.0.0/16"},
		{"unmasked", netip.MustParsePrefix("10.20.1.0/16"), good,
			"supernet 10.20.1.0/16 has host bits set: use the masked form 10.20.0.0/16"},
		{"too small /21", netip.MustParsePrefix("10.20.0.0/21"), good,
			"supernet 10.20.0.0/21 is too small: the prefix length must be /20 or shorter (allowed /8 to /20) so that every subnet is at least /28"},
		{"too large /7", netip.MustParsePrefix("10.0.0.0/7"), good,
			"supernet 10.0.0.0/7 is too large: the prefix length must be /8 or longer (allowed /8 to /20)"},
		{"AZ count 5", netip.MustParsePrefix("10.20.0.0/16"), map[tier.Tier]int{tier.Platinum: 5, tier.Gold: 2, tier.Bronze: 2},
			"tier platinum: availability zone count 5 is out of range: allowed are 1 to 4"},
		{"AZ count 0", netip.MustParsePrefix("10.20.0.0/16"), map[tier.Tier]int{tier.Platinum: 3, tier.Gold: 0, tier.Bronze: 2},
			"tier gold: availability zone count 0 is out of range: allowed are 1 to 4"},
		{"missing tier", netip.MustParsePrefix("10.20.0.0/16"), map[tier.Tier]int{tier.Platinum: 3, tier.Gold: 2},
			"tier bronze: availability zone count is missing: every tier (platinum, gold, bronze) needs one, 1 to 4"},
		{"missing and unknown tiers", netip.MustParsePrefix("10.20.0.0/16"), map[tier.Tier]int{"silver": 2, "Gold": 1},
			"tier platinum: availability zone count is missing: every tier (platinum, gold, bronze) needs one, 1 to 4\n" +
				"tier gold: availability zone count is missing: every tier (platinum, gold, bronze) needs one, 1 to 4\n" +
				"tier bronze: availability zone count is missing: every tier (platinum, gold, bronze) needs one, 1 to 4\n" +
				`unknown tier "Gold" in availability zone counts: allowed are platinum, gold, bronze` + "\n" +
				`unknown tier "silver" in availability zone counts: allowed are platinum, gold, bronze`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			plan, err := netplan.Allocate(tc.supernet, tc.azs)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			assert.Equal(t, netplan.Plan{}, plan)
		})
	}
}

// Property: for random supernets from /8 to /20 and random zone counts, every subnet lies inside its
// range, every range inside the supernet, and nothing overlaps.
func TestAllocateProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(20, 60))
	for i := range 300 {
		bits := netplan.MinSupernetBits + rng.IntN(netplan.MaxSupernetBits-netplan.MinSupernetBits+1)
		a := rng.Uint32()
		addr := netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
		supernet := netip.PrefixFrom(addr, bits).Masked()
		azs := map[tier.Tier]int{}
		for _, tr := range tier.All() {
			azs[tr] = 1 + rng.IntN(netplan.MaxAZs)
		}
		plan, err := netplan.Allocate(supernet, azs)
		require.NoError(t, err, "case %d: %s %v", i, supernet, azs)

		var all []netip.Prefix
		for _, r := range plan.Ranges() {
			require.True(t, contains(supernet, r.CIDR), "%s: range %s outside", supernet, r.CIDR)
			require.True(t, contains(r.CIDR, r.Reserved))
			for _, s := range r.Subnets {
				require.True(t, contains(r.CIDR, s.CIDR), "%s: %s %s outside %s", supernet, r.Name, s.CIDR, r.CIDR)
				require.True(t, contains(r.Block(s.Role), s.CIDR))
				require.False(t, netplan.Overlaps(s.CIDR, r.Reserved))
				all = append(all, s.CIDR)
			}
		}
		for x := range all {
			for y := x + 1; y < len(all); y++ {
				require.False(t, netplan.Overlaps(all[x], all[y]), "%s: %s and %s overlap", supernet, all[x], all[y])
			}
		}
		require.Empty(t, netplan.Intent{Plan: plan, Externals: nil, Flows: nil}.Validate(), "%s", supernet)
	}
}

func contains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

func TestAllocateDeterministic(t *testing.T) {
	t.Parallel()
	a := mustAllocate(t, "10.60.0.0/16")
	b := mustAllocate(t, "10.60.0.0/16")
	assert.Equal(t, a, b)
	assert.Equal(t, a.Table(), b.Table())
}

func TestOverlaps(t *testing.T) {
	t.Parallel()
	p := netip.MustParsePrefix
	for _, tc := range []struct {
		a, b netip.Prefix
		want bool
	}{
		{p("10.0.0.0/8"), p("10.20.0.0/16"), true},
		{p("10.20.0.0/16"), p("10.0.0.0/8"), true},
		{p("10.20.0.0/16"), p("10.21.0.0/16"), false},
		{p("10.20.0.0/16"), p("10.20.0.0/16"), true},
		{p("10.20.1.0/16"), p("10.20.200.0/24"), true},
		{p("10.20.0.0/16"), p("::/0"), false},
		{netip.Prefix{}, p("0.0.0.0/0"), false},
	} {
		assert.Equal(t, tc.want, netplan.Overlaps(tc.a, tc.b), "%s %s", tc.a, tc.b)
	}
}

func BenchmarkAllocate(b *testing.B) {
	supernet := netip.MustParsePrefix("10.20.0.0/16")
	azs := netplan.ProfileAZs()
	for b.Loop() {
		if _, err := netplan.Allocate(supernet, azs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	plan := mustAllocate(b, "10.20.0.0/16")
	externals, flows := realisticFlows()
	for b.Loop() {
		if errs := (netplan.Intent{Plan: plan, Externals: externals, Flows: flows}).Validate(); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
