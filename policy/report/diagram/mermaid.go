package diagram

import (
	"fmt"
	"strings"
)

// Mermaid returns the diagram as a Mermaid flowchart (without the code fence).
func Mermaid(lz LandingZone) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("flowchart LR")
	title := "Landing zone " + lz.Name
	if lz.Supernet.IsValid() {
		title += " " + lz.Supernet.String()
	}
	p("  subgraph lz[%q]", title)
	p("    %s[%q]", id(lz.Hub.ID), nodeText(lz.Hub))
	for _, t := range lz.Tiers {
		p("    %s[%q]", id(t.ID), nodeText(t))
	}
	p("  end")
	for _, x := range lz.Externals {
		if x.Kind == KindInternet {
			p("  %s((%q))", id(x.ID), nodeText(x))
		} else {
			p("  %s[[%q]]", id(x.ID), nodeText(x))
		}
	}
	for _, l := range lz.Links {
		if l.Isolated {
			p("  %s -.-|%q| %s", id(l.From), l.Label, id(l.To))
		} else {
			p("  %s ---|%q| %s", id(l.From), l.Label, id(l.To))
		}
	}
	for _, f := range lz.Flows {
		p("  %s ==>|%q| %s", id(f.From), fmt.Sprintf("%d: %s", f.N, f.Describe()), id(f.To))
	}
	p("  classDef isolated stroke:#b00020,stroke-width:3px,stroke-dasharray:6 4")
	for _, t := range lz.Tiers {
		if t.Isolated {
			p("  class %s isolated", id(t.ID))
		}
	}
	return b.String()
}

// MermaidBlock returns the Mermaid flowchart in a fenced code block, followed by the numbered flows as a
// table: the Markdown section a report carries.
func MermaidBlock(lz LandingZone) string {
	var b strings.Builder
	b.WriteString("```mermaid\n" + Mermaid(lz) + "```\n\n")
	if len(lz.Flows) == 0 {
		b.WriteString("No flows are declared: every connection between tiers and to the outside is denied.\n")
		return b.String()
	}
	b.WriteString("Declared flows (everything else is denied):\n\n| # | from | to | protocol and ports | reason |\n|---|---|---|---|---|\n")
	for _, f := range lz.Flows {
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", f.N, cell(f.FromLabel), cell(f.ToLabel), cell(f.Describe()), cell(f.Reason))
	}
	return b.String()
}

func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }

// id makes a Mermaid node ID from a node's name.
func id(s string) string {
	var b strings.Builder
	b.WriteString("n_")
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// nodeText is a node's label, range and notes, one per line (Mermaid reads <br/> as a line break).
func nodeText(n Node) string {
	parts := []string{n.Label}
	if n.CIDR.IsValid() {
		parts = append(parts, n.CIDR.String())
	}
	parts = append(parts, n.Notes...)
	return strings.ReplaceAll(strings.Join(parts, "<br/>"), `"`, "'")
}
