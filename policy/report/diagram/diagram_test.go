package diagram_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report/diagram"
)

func context() *policy.Context {
	ctx := policy.NewContext("pos-bronze", tier.Bronze)
	ctx.Cloud = "aws"
	p := netip.MustParsePrefix
	plan, err := netplan.Allocate(p("10.20.0.0/16"), netplan.ProfileAZs())
	if err != nil {
		panic(err)
	}
	ep := func(name string, externals []netplan.External) netplan.Endpoint {
		e, err := netplan.ParseEndpoint(name, externals)
		if err != nil {
			panic(err)
		}
		return e
	}
	externals := []netplan.External{
		{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: p("172.16.0.0/16")},
		{Name: "psn", Kind: netplan.ExternalPSN, CIDR: p("10.128.0.0/10")},
	}
	flow := func(from, to string, proto netplan.Protocol, port uint16, reason string) netplan.Flow {
		f := netplan.Flow{From: ep(from, externals), To: ep(to, externals), Protocol: proto, Reason: reason}
		if port != 0 {
			f.Ports = []netplan.PortRange{{From: port, To: port}}
		}
		return f
	}
	ctx.Network = &policy.Network{
		Plan:      plan,
		Externals: externals,
		Flows: []netplan.Flow{
			flow("gold", "bronze", netplan.ProtocolTCP, 1433, "records read custody"),
			flow("bronze", "legacy-dc", netplan.ProtocolTCP, 5022, "replication"),
			flow("platinum", "psn", netplan.ProtocolICMP, 0, "reachability"),
		},
	}
	return ctx
}

func TestFromContext(t *testing.T) {
	t.Parallel()
	lz := diagram.FromContext("pos", context())
	require.Len(t, lz.Tiers, 3)
	assert.Equal(t, []string{"platinum", "gold", "bronze"}, []string{lz.Tiers[0].ID, lz.Tiers[1].ID, lz.Tiers[2].ID})
	bronze := lz.Tiers[2]
	assert.True(t, bronze.Isolated)
	assert.Equal(t, []string{"no internet, no PSN", "isolated: declared flows only"}, bronze.Notes)
	assert.False(t, lz.Tiers[0].Isolated)
	assert.Empty(t, lz.Tiers[0].Notes)
	assert.Equal(t, []string{"egress firewall (allow-listed FQDNs)", "PSN edge"}, lz.Hub.Notes)
	var ext []string
	for _, x := range lz.Externals {
		ext = append(ext, x.ID)
	}
	assert.Equal(t, []string{"internet", "psn", "legacy-dc"}, ext, "internet, then PSN, then on premises")
	require.Len(t, lz.Flows, 3)
	assert.Equal(t, "tcp 1433", lz.Flows[0].Describe())
	assert.Equal(t, "icmp", lz.Flows[2].Describe())
	assert.Equal(t, "legacy-dc (on premises)", lz.Flows[1].ToLabel)

	empty := diagram.FromContext("x", policy.NewContext("x", ""))
	assert.Empty(t, empty.Tiers)
	assert.Empty(t, empty.Flows)
}

func TestMermaid(t *testing.T) {
	t.Parallel()
	m := diagram.Mermaid(diagram.FromContext("pos", context()))
	for _, want := range []string{
		"flowchart LR\n",
		`    n_bronze["Bronze<br/>10.20.192.0/18<br/>no internet, no PSN<br/>isolated: declared flows only"]` + "\n",
		`  n_bronze -.-|"isolated"| n_hub` + "\n",
		`  n_hub ---|"PSN edge"| n_psn` + "\n",
		`  n_gold ==>|"1: tcp 1433"| n_bronze` + "\n",
		"  class n_bronze isolated\n",
	} {
		assert.Contains(t, m, want)
	}
	assert.NotContains(t, m, "class n_gold isolated")
}

func TestSVG(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	require.NoError(t, diagram.SVG(&b, diagram.FromContext("pos", context())))
	dec := xml.NewDecoder(&b)
	var texts []string
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG is well-formed XML")
		switch v := tok.(type) {
		case xml.StartElement:
			inText = v.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(v))
			}
		case xml.EndElement:
			inText = false
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Bronze tier", "no internet, no PSN", "isolated: declared flows only", "egress firewall", "PSN edge",
		"1.  Gold → Bronze, tcp 1433: records read custody"} {
		assert.Contains(t, all, want)
	}
	inline := diagram.SVGString(diagram.FromContext("pos", context()))
	assert.True(t, strings.HasPrefix(inline, "<svg"), "no XML declaration inside HTML")
}
