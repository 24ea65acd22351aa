package semantic

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReach(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		items []string
		want  Reach
		why   string
	}{
		{"empty", nil, Bounded, ""},
		{"ipv4 default", []string{"0.0.0.0/0"}, Anywhere, "0.0.0.0/0 is the whole internet"},
		{"ipv6 default", []string{"::/0"}, Anywhere, "::/0 is the whole internet"},
		{"ipv4 default with host bits", []string{"10.0.0.0/0"}, Anywhere, "10.0.0.0/0 is the whole internet"},
		{"ipv4 default leading zero length", []string{"0.0.0.0/00"}, Anywhere, "0.0.0.0/00 is the whole internet"},
		{"ipv6 long form", []string{"0:0:0:0:0:0:0:0/0"}, Anywhere, "0:0:0:0:0:0:0:0/0 is the whole internet"},
		{"two halves", []string{"0.0.0.0/1", "128.0.0.0/1"}, Anywhere, "together they cover every public IPv4 address"},
		{"one half", []string{"0.0.0.0/1"}, Bounded, ""},
		{"public without private", publicV4(), Anywhere, "together they cover every public IPv4 address"},
		{"ipv6 global unicast", []string{"2000::/3"}, Anywhere, "together they cover every public IPv6 address"},
		{"ipv6 half of global", []string{"2000::/4"}, Bounded, ""},
		{"private only", []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}, Bounded, ""},
		{"star", []string{"*"}, Anywhere, "* is the whole internet"},
		{"Any", []string{"Any"}, Anywhere, "Any is the whole internet"},
		{"Internet", []string{"Internet"}, Anywhere, "Internet is the whole internet"},
		{"internet lower case", []string{"internet"}, Anywhere, "internet is the whole internet"},
		{"AzureCloud", []string{"AzureCloud"}, Anywhere, "service tag AzureCloud admits every customer of the cloud"},
		{"AzureCloud region", []string{"AzureCloud.UKSouth"}, Anywhere, "service tag AzureCloud.UKSouth admits every customer of the cloud"},
		{"Front Door backend", []string{"AzureFrontDoor.Backend"}, Anywhere, "service tag AzureFrontDoor.Backend admits every customer of the cloud"},
		{"VirtualNetwork", []string{"VirtualNetwork"}, Bounded, ""},
		{"AzureLoadBalancer", []string{"AzureLoadBalancer"}, Bounded, ""},
		{"Storage region", []string{"Storage.UKSouth"}, Bounded, ""},
		{"unknown tag", []string{"SomeNewTag"}, Undecidable, `"SomeNewTag" is neither an address range nor a service tag known to be bounded`},
		{"prefix list", []string{"pl-0123456789abcdef0"}, Undecidable, "prefix list pl-0123456789abcdef0 is not in the stack with its entries"},
		{"prefix list and anywhere", []string{"pl-1", "0.0.0.0/0"}, Anywhere, "0.0.0.0/0 is the whole internet"},
		{"bare address", []string{"203.0.113.7"}, Bounded, ""},
		{"blank members skipped", []string{"", "  "}, Bounded, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, why := ParseAddrs(c.items...).Reach()
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.why, why)
		})
	}
}

// publicV4 lists the complement of the non-public IPv4 ranges as CIDRs.
func publicV4() []string {
	var out []string
	lo := netip.MustParseAddr("0.0.0.0")
	for _, g := range public4Gaps {
		if lo.Compare(g.lo) < 0 {
			for _, p := range spanPrefixes(span{lo, g.lo.Prev()}) {
				out = append(out, p.String())
			}
		}
		lo = g.hi.Next()
		if !lo.IsValid() {
			break
		}
	}
	if lo.IsValid() {
		for _, p := range spanPrefixes(span{lo, v4All.hi}) {
			out = append(out, p.String())
		}
	}
	return out
}

func TestPublicMinusOneAddressIsNotAnywhere(t *testing.T) {
	t.Parallel()
	items := publicV4()
	// Drop 8.8.8.8 from the public set: the union no longer covers every public address.
	var s AddrSet
	for _, it := range items {
		p := netip.MustParsePrefix(it)
		if p.Contains(netip.MustParseAddr("8.8.8.8")) {
			lo := p.Addr()
			if lo.Compare(netip.MustParseAddr("8.8.8.8")) < 0 {
				for _, q := range spanPrefixes(span{lo, netip.MustParseAddr("8.8.8.7")}) {
					s.Add(q.String())
				}
			}
			for _, q := range spanPrefixes(span{netip.MustParseAddr("8.8.8.9"), lastAddr(p)}) {
				s.Add(q.String())
			}
			continue
		}
		s.Add(it)
	}
	assert.False(t, s.IsAnywhere())
	s.Add("8.8.8.8")
	assert.True(t, s.IsAnywhere())
}

func TestResolvePrefixList(t *testing.T) {
	t.Parallel()
	s := ParseAddrs("pl-abc", "10.0.0.0/8")
	r, _ := s.Reach()
	assert.Equal(t, Undecidable, r)
	assert.True(t, s.ResolvePrefixList("pl-abc", []string{"0.0.0.0/1", "128.0.0.0/1"}))
	assert.True(t, s.IsAnywhere())
	assert.False(t, s.ResolvePrefixList("pl-other", nil))

	b := ParseAddrs("pl-abc")
	b.ResolvePrefixList("pl-abc", []string{"192.168.0.0/16"})
	r, _ = b.Reach()
	assert.Equal(t, Bounded, r)
}

func TestComputed(t *testing.T) {
	t.Parallel()
	s := ParseAddrs("10.0.0.0/8")
	s.AddComputed()
	r, why := s.Reach()
	assert.Equal(t, Undecidable, r)
	assert.Equal(t, "a member is computed", why)
	s.Add("0.0.0.0/0")
	assert.True(t, s.IsAnywhere())
}

func TestClassify(t *testing.T) {
	t.Parallel()
	cases := map[string]Class{
		"10.1.0.0/16":     ClassPrivate,
		"172.16.0.0/12":   ClassPrivate,
		"172.0.0.0/8":     ClassPublic,
		"192.168.1.1/32":  ClassPrivate,
		"100.64.0.0/10":   ClassShared,
		"169.254.169.254": ClassLinkLocal,
		"127.0.0.1":       ClassLoopback,
		"8.8.8.8":         ClassPublic,
		"0.0.0.0/0":       ClassPublic,
		"fd00::/8":        ClassUniqueLocal,
		"fe80::1":         ClassLinkLocal,
		"::1":             ClassLoopback,
		"2001:db8::/32":   ClassDocumentation,
		"2a00:1450::/32":  ClassPublic,
		"ff02::1":         ClassMulticast,
		"224.0.0.0/4":     ClassMulticast,
		"fc00::/6":        ClassNonPublic,
	}
	for in, want := range cases {
		p, ok := ParsePrefix(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, Classify(p), in)
	}
	assert.Equal(t, ClassReserved, Classify(netip.Prefix{}))
}

func TestPublicAndPrefixes(t *testing.T) {
	t.Parallel()
	assert.False(t, ParseAddrs("10.0.0.0/8", "fd00::/8", "VirtualNetwork").Public())
	assert.True(t, ParseAddrs("10.0.0.0/8", "8.8.8.0/24").Public())
	assert.True(t, ParseAddrs("AzureCloud").Public())
	assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/7")},
		ParseAddrs("10.0.0.0/8", "11.0.0.0/8").Prefixes())
	assert.False(t, ParseAddrs().Public())
	assert.True(t, ParseAddrs().Empty())
	assert.False(t, ParseAddrs("x").Empty())
	assert.Equal(t, []string{"x"}, ParseAddrs("x").Unknown())
	assert.Equal(t, []string{"pl-1"}, ParseAddrs("pl-1").PrefixLists())
}

func TestIsDefaultRoute(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0.0.0.0/0", " ::/0 ", "0:0::/0", "10.0.0.0/0", "0.0.0.0/00", "Internet", "*"} {
		assert.True(t, IsDefaultRoute(s), s)
	}
	for _, s := range []string{"0.0.0.0/1", "10.0.0.0/8", "VirtualNetwork", "", "pl-1", "garbage"} {
		assert.False(t, IsDefaultRoute(s), s)
	}
	assert.True(t, IsAnywhere("AzureCloud"))
	assert.False(t, IsAnywhere("10.0.0.0/8"))
}

func TestParsePrefix(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"10.0.0.1/8":    "10.0.0.0/8",
		" 10.0.0.1 ":    "10.0.0.1/32", //nolint:gocritic // the spaces are the point: they are trimmed
		"::1":           "::1/128",
		"2001:db8::/32": "2001:db8::/32",
	} {
		p, ok := ParsePrefix(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, p.String(), in)
	}
	for _, in := range []string{"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "fe80::1%eth0", "x/8", "10.0.0.0/8/8"} {
		_, ok := ParsePrefix(in)
		assert.False(t, ok, in)
	}
}

func ExampleAddrSet_Reach() {
	r, why := ParseAddrs("0.0.0.0/1", "128.0.0.0/1").Reach()
	fmt.Println(r, "-", why)
	// Output: anywhere - together they cover every public IPv4 address
}

// FuzzParseAddrs checks that parsing never panics and that the verdict is monotone: adding members to an
// "anywhere" set keeps it anywhere, and adding a default route makes any set anywhere.
func FuzzParseAddrs(f *testing.F) {
	for _, s := range []string{"0.0.0.0/0", "10.0.0.0/8", "::/0", "*", "AzureCloud", "pl-1", "0.0.0.0/1", "fe80::1%x", "1.2.3.4"} {
		f.Add(s, "128.0.0.0/1")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		s := ParseAddrs(a)
		_ = Classify(netip.Prefix{})
		if p, ok := ParsePrefix(a); ok {
			_ = Classify(p)
			if p.Bits() == 0 && !s.IsAnywhere() {
				t.Fatalf("%q is a default route but not anywhere", a)
			}
		}
		was := s.IsAnywhere()
		s.Add(b)
		if was && !s.IsAnywhere() {
			t.Fatalf("adding %q to anywhere set %q made it bounded", b, a)
		}
		_ = s.Prefixes()
		_ = s.Public()
		s.Add("0.0.0.0/0")
		if !s.IsAnywhere() {
			t.Fatalf("%q + %q + 0.0.0.0/0 is not anywhere", a, b)
		}
		_ = IsDefaultRoute(a)
	})
}

func TestCoversAndMayOverlap(t *testing.T) {
	t.Parallel()
	gold := netip.MustParsePrefix("10.0.128.0/18")
	assert.True(t, ParseAddrs("*").Covers(gold))
	assert.True(t, ParseAddrs("Any").Covers(gold))
	assert.False(t, ParseAddrs("Internet").Covers(gold))
	assert.True(t, ParseAddrs("10.0.128.0/19", "10.0.160.0/19").Covers(gold))
	assert.False(t, ParseAddrs("10.0.128.0/19").Covers(gold))
	assert.False(t, ParseAddrs("::/0").Covers(gold))
	assert.False(t, ParseAddrs("*").Covers(netip.Prefix{}))

	assert.True(t, ParseAddrs("VirtualNetwork").MayOverlap(gold))
	assert.True(t, ParseAddrs("10.0.130.0/24").MayOverlap(gold))
	assert.True(t, ParseAddrs("SomeFutureTag").MayOverlap(gold))
	assert.False(t, ParseAddrs("10.0.0.0/18").MayOverlap(gold))
	assert.False(t, ParseAddrs("AzureLoadBalancer").MayOverlap(gold))
	assert.True(t, IsWildcard(" * "))
	assert.False(t, IsWildcard("Internet"))
}
