package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
)

type rulesOptions struct {
	json, coverage bool
	pack           string
}

// ruleJSON is one rule in `lz rules --json`.
type ruleJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Pack        string   `json:"pack"`
	Severity    string   `json:"severity"`
	Enforcement string   `json:"enforcement"`
	Principles  []string `json:"principles"`
	// Tiers are the tiers the rule holds; empty means every tier.
	Tiers         []string           `json:"tiers"`
	Waivable      bool               `json:"waivable"`
	ResourceTypes []string           `json:"resourceTypes"`
	Stack         bool               `json:"stackRule"`
	Description   string             `json:"description"`
	Remediation   string             `json:"remediation"`
	References    []policy.Reference `json:"references"`
	// EngineAdvisory says why the rule is advisory under the Pulumi engine ("" when it is not).
	EngineAdvisory string `json:"engineAdvisory"`
}

func newRulesCmd() *cobra.Command {
	var o rulesOptions
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue: ID, title, severity, principles, tiers, waivable",
		Long: "rules lists every rule of every pack, as the policy pack and lz plan run them: ID, title, severity,\n" +
			"enforcement, NCSC Cloud Security Principles, the tiers it holds and whether an accreditor may waive it.",
		Example: "  lz rules\n  lz rules --pack isolation\n  lz rules --json\n  lz rules --coverage",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd)
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print the catalogue as JSON")
	cmd.Flags().StringVar(&o.pack, "pack", "", "list only the rules of one pack")
	cmd.Flags().BoolVar(&o.coverage, "coverage", false, "print the coverage catalogue instead: every assessed resource type, each property of it that can move data out of the UK, expose it, or weaken encryption or identity, and the rules that read it")
	return cmd
}

func (o *rulesOptions) run(cmd *cobra.Command) error {
	if o.coverage {
		return o.printCoverage(cmd)
	}
	if o.pack != "" && !validPack(o.pack) {
		names := make([]string, 0, len(policy.Packs()))
		for _, p := range policy.Packs() {
			names = append(names, string(p))
		}
		return &usageError{msg: fmt.Sprintf("--pack %q is not a pack: allowed %s", o.pack, strings.Join(names, ", ")), cmd: cmd}
	}
	stackRules := map[string]bool{}
	for _, r := range catalog.StackRules() {
		stackRules[r.ID] = true
	}
	var metas []policy.Meta
	for _, m := range catalog.Metas() {
		if o.pack == "" || string(m.Pack) == o.pack {
			metas = append(metas, m)
		}
	}
	w := cmd.OutOrStdout()
	if o.json {
		out := make([]ruleJSON, 0, len(metas))
		for _, m := range metas {
			tiers := make([]string, 0, len(m.Tiers))
			for _, t := range m.Tiers {
				tiers = append(tiers, string(t))
			}
			out = append(out, ruleJSON{
				ID: m.ID, Title: m.Title, Pack: string(m.Pack), Severity: string(m.Severity), Enforcement: string(m.Enforcement),
				Principles: nonNil(m.Principles), Tiers: tiers, Waivable: m.Waivable, ResourceTypes: nonNil(m.ResourceTypes),
				Stack: stackRules[m.ID], Description: m.Description, Remediation: m.Remediation, References: nonNil(m.References),
				EngineAdvisory: m.EngineAdvisory,
			})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return &internalError{err: err}
		}
		return nil
	}
	t := newTable(w)
	t.row("ID", "TITLE", "SEVERITY", "ENFORCEMENT", "NCSC", "TIERS", "WAIVABLE")
	for _, m := range metas {
		tiers := "all"
		if len(m.Tiers) > 0 {
			names := make([]string, len(m.Tiers))
			for i, tr := range m.Tiers {
				names[i] = tr.Title()
			}
			tiers = strings.Join(names, ", ")
		}
		waivable := "no"
		if m.Waivable {
			waivable = "yes"
		}
		t.row(m.ID, m.Title, string(m.Severity), string(m.Enforcement), strings.Join(m.Principles, ", "), tiers, waivable)
	}
	t.flush()
	fmt.Fprintf(w, "\n%d rules\n", len(metas))
	return nil
}

// printCoverage prints the coverage table: one row per catalogued property, with the rules that read it.
func (o *rulesOptions) printCoverage(cmd *cobra.Command) error {
	table := catalog.CoverageTable()
	w := cmd.OutOrStdout()
	if o.json {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(table); err != nil {
			return &internalError{err: err}
		}
		return nil
	}
	t := newTable(w)
	t.row("TYPE", "CATEGORY", "PROPERTY", "RISK", "READ BY")
	for _, p := range table {
		readBy := strings.Join(p.ReadBy, ", ")
		if readBy == "" {
			readBy = "NOT READ"
		}
		t.row(p.Type, p.Category, p.Path, string(p.Risk), readBy)
	}
	t.flush()
	fmt.Fprintf(w, "\nAny other resource type is reported as not assessed (%s).\n%s\n", "PCLZ-COM-COV-001", catalog.CoverageSummary())
	return nil
}

func validPack(p string) bool {
	for _, k := range policy.Packs() {
		if string(k) == p {
			return true
		}
	}
	return false
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
