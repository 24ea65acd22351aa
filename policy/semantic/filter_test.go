package semantic

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func entry(order int, deny bool, proto Protocol, ports string, srcs ...string) Entry {
	ps, _ := ParsePorts(ports)
	return Entry{Order: order, Deny: deny, Proto: proto, Ports: ps, Sources: ParseAddrs(srcs...)}
}

func TestExposed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		entries   []Entry
		open      []int
		with      [][]int
		undecided []int
	}{
		{"single anywhere", []Entry{entry(0, false, ProtoTCP, "22", "0.0.0.0/0")}, []int{0}, [][]int{nil}, nil},
		{"private only", []Entry{entry(0, false, ProtoTCP, "22", "10.0.0.0/8")}, nil, nil, nil},
		{"halves on the same port", []Entry{
			entry(0, false, ProtoTCP, "22", "0.0.0.0/1"),
			entry(0, false, ProtoTCP, "20-30", "128.0.0.0/1"),
		}, []int{0, 1}, [][]int{{1}, {0}}, nil},
		{"halves on different ports", []Entry{
			entry(0, false, ProtoTCP, "22", "0.0.0.0/1"),
			entry(0, false, ProtoTCP, "23", "128.0.0.0/1"),
		}, nil, nil, nil},
		{"halves on different protocols", []Entry{
			entry(0, false, ProtoTCP, "22", "0.0.0.0/1"),
			entry(0, false, ProtoUDP, "22", "128.0.0.0/1"),
		}, nil, nil, nil},
		{"all protocol joins tcp", []Entry{
			entry(0, false, ProtoTCP, "22", "0.0.0.0/1"),
			entry(0, false, ProtoAll, "*", "128.0.0.0/1"),
		}, []int{0, 1}, [][]int{{1}, {0}}, nil},
		{"earlier deny of everything", []Entry{
			entry(100, true, ProtoAll, "*", "Internet"),
			entry(200, false, ProtoTCP, "443", "*"),
		}, nil, nil, nil},
		{"later deny does not help", []Entry{
			entry(300, true, ProtoAll, "*", "Internet"),
			entry(200, false, ProtoTCP, "443", "*"),
		}, []int{1}, [][]int{nil}, nil},
		{"earlier deny of a half", []Entry{
			entry(100, true, ProtoTCP, "22", "0.0.0.0/1"),
			entry(200, false, ProtoTCP, "22", "0.0.0.0/0"),
		}, nil, nil, nil},
		{"earlier deny of private space only", []Entry{
			entry(100, true, ProtoAll, "*", "10.0.0.0/8"),
			entry(200, false, ProtoTCP, "22", "0.0.0.0/0"),
		}, []int{1}, [][]int{nil}, nil},
		{"deny on another port", []Entry{
			entry(100, true, ProtoTCP, "3389", "*"),
			entry(200, false, ProtoTCP, "20-25", "*"),
		}, []int{1}, [][]int{nil}, nil},
		{"unknown earlier deny", []Entry{
			entry(100, true, ProtoAll, "*", "pl-1"),
			entry(200, false, ProtoTCP, "22", "0.0.0.0/0"),
		}, nil, nil, []int{1}},
		{"prefix list allow", []Entry{entry(0, false, ProtoTCP, "22", "pl-1")}, nil, nil, []int{0}},
		{"AzureCloud", []Entry{entry(0, false, ProtoTCP, "22", "AzureCloud")}, []int{0}, [][]int{nil}, nil},
		{"ipv6 anywhere", []Entry{entry(0, false, ProtoICMPv6, "", "::/0")}, []int{0}, [][]int{nil}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			open, und := Exposed(c.entries)
			var gotOpen []int
			var gotWith [][]int
			for _, o := range open {
				gotOpen = append(gotOpen, o.Entry)
				gotWith = append(gotWith, o.With)
			}
			var gotU []int
			for _, u := range und {
				gotU = append(gotU, u.Entry)
			}
			assert.Equal(t, c.open, gotOpen, "open")
			assert.Equal(t, c.with, gotWith, "with")
			assert.Equal(t, c.undecided, gotU, "undecided")
		})
	}
}

// FuzzExposed checks that the filter never panics and that adding an earliest allow from anywhere
// always exposes it.
func FuzzExposed(f *testing.F) {
	f.Add("0.0.0.0/1", "tcp", "22", true, "128.0.0.0/1", "udp", "*")
	f.Add("pl-1", "-1", "0-65535", false, "Internet", "Tcp", "20-30")
	f.Fuzz(func(t *testing.T, s1, p1, r1 string, d1 bool, s2, p2, r2 string) {
		mk := func(order int, deny bool, s, p, r string) Entry {
			proto, ok := ParseProtocol(p)
			if !ok {
				proto = ProtoAll
			}
			ps, _ := ParsePorts(r)
			return Entry{Order: order, Deny: deny, Proto: proto, Ports: ps, Sources: ParseAddrs(s)}
		}
		es := []Entry{mk(1, d1, s1, p1, r1), mk(2, false, s2, p2, r2)}
		_, _ = Exposed(es)
		es = append(es, Entry{Order: 0, Proto: ProtoAll, Sources: ParseAddrs("0.0.0.0/0")})
		open, _ := Exposed(es)
		found := false
		for _, o := range open {
			found = found || o.Entry == 2
		}
		if !found {
			t.Fatalf("an earliest allow-all from 0.0.0.0/0 is not exposed: %+v", open)
		}
	})
}

func TestExposedBlamesOnlyPublicContributors(t *testing.T) {
	t.Parallel()
	open, _ := Exposed([]Entry{
		entry(0, false, ProtoTCP, "22", "10.0.0.0/8"),
		entry(0, false, ProtoTCP, "22", "0.0.0.0/1"),
		entry(0, false, ProtoTCP, "22", "128.0.0.0/1"),
	})
	if assert.Len(t, open, 2) {
		assert.Equal(t, 1, open[0].Entry)
		assert.Equal(t, []int{2}, open[0].With)
	}
}

// BenchmarkExposed measures a 50-rule filter with denies, ports and split ranges, the size of a large NSG.
func BenchmarkExposed(b *testing.B) {
	var es []Entry
	for i := 0; i < 50; i++ {
		es = append(es, entry(100+i, i%7 == 0, []Protocol{ProtoTCP, ProtoUDP, ProtoAll}[i%3],
			[]string{"22", "443", "1000-2000", "*"}[i%4], []string{"10.0.0.0/8", "0.0.0.0/1", "128.0.0.0/1", "VirtualNetwork"}[i%4]))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = Exposed(es)
	}
}

func ExampleExposed() {
	nsg := []Entry{
		{Order: 100, Deny: true, Proto: ProtoAll, Ports: PortSet{AllPorts}, Sources: ParseAddrs("Internet")},
		{Order: 200, Proto: ProtoTCP, Ports: PortSet{{443, 443}}, Sources: ParseAddrs("*")},
		{Order: 300, Proto: ProtoTCP, Ports: PortSet{{22, 22}}, Sources: ParseAddrs("0.0.0.0/1")},
	}
	open, _ := Exposed(nsg)
	fmt.Println(len(open), "rules admit the internet: the deny at priority 100 comes first")
	nsg[0].Order = 400
	open, _ = Exposed(nsg)
	fmt.Println(len(open), "rule admits the internet once the deny comes last:", open[0].Why)
	// Output:
	// 0 rules admit the internet: the deny at priority 100 comes first
	// 1 rule admits the internet once the deny comes last: * is the whole internet
}
