package catalog

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// CatalogueStart and CatalogueEnd mark the generated policy catalogue inside a Markdown document.
const (
	CatalogueStart = "<!-- policy-catalogue:start (generated from policy/catalog; do not edit by hand) -->"
	CatalogueEnd   = "<!-- policy-catalogue:end -->"
)

// Markdown renders the policy catalogue: one table per pack, one row per rule.
func Markdown() string {
	var b strings.Builder
	metas := Metas()
	for _, pack := range policy.Packs() {
		var rows []policy.Meta
		for _, m := range metas {
			if m.Pack == pack {
				rows = append(rows, m)
			}
		}
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n**%s** (%d rules)\n\n", pack, len(rows))
		b.WriteString("| ID | rule | severity | enforcement | NCSC | tiers | waivable |\n")
		b.WriteString("|---|---|---|---|---|---|---|\n")
		for _, m := range rows {
			tiers := "all"
			if len(m.Tiers) > 0 {
				var ts []string
				for _, t := range m.Tiers {
					ts = append(ts, t.Title())
				}
				tiers = strings.Join(ts, ", ")
			}
			waivable := "no"
			if m.Waivable {
				waivable = "yes"
			}
			enforcement := string(m.Enforcement)
			if m.EngineAdvisory != "" {
				enforcement += " (advisory under the Pulumi engine: " + escapePipes(m.EngineAdvisory) + ")"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", m.ID, escapePipes(m.Title), m.Severity,
				enforcement, strings.Join(m.Principles, ", "), tiers, waivable)
		}
	}
	return b.String()
}

func escapePipes(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// ReplaceCatalogue returns doc with the text between CatalogueStart and CatalogueEnd replaced by the
// current catalogue.
func ReplaceCatalogue(doc string) (string, error) {
	out, err := replaceBetween(doc, CatalogueStart, CatalogueEnd, Markdown())
	if err != nil {
		return "", fmt.Errorf("policy catalogue %w", err)
	}
	return out, nil
}
