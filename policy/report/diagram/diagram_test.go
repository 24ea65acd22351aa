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

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report/diagram"
)

func context() *policy.Context {
	ctx := policy.NewContext("pos-bronze", tier.Bronze)
	ctx.Cloud = "aws"
	p := netip.MustParsePrefix
	ctx.Network = &policy.Network{
		Supernet: p("10.20.0.0/16"),
		Ranges:   map[string]netip.Prefix{"hub": p("10.20.0.0/18"), "platinum": p("10.20.64.0/18"), "gold": p("10.20.128.0/18"), "bronze": p("10.20.192.0/18")},
		Externals: []policy.External{
			{Name: "legacy-dc", Kind: "onprem", CIDR: p("172.16.0.0/16")},
			{Name: "psn", Kind: "psn", CIDR: p("10.128.0.0/10")},
		},
		Flows: []policy.Flow{
			{From: "gold", To: "bronze", Protocol: "tcp", Ports: []policy.PortRange{{From: 1433, To: 1433}}, Reason: "records read custody"},
			{From: "bronze", To: "legacy-dc", Protocol: "tcp", Ports: []policy.PortRange{{From: 5022, To: 5022}}, Reason: "replication"},
			{From: "platinum", To: "psn", Protocol: "icmp", Reason: "reachability"},
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
