package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// FileOperations is the evidence pack's page, per tier stack, of how the tier's workloads are scanned,
// patched, backed up and restored (NCSC principles 5.2 and 2.6).
const FileOperations = "operations.md"

// operationsSection is one part of the operations evidence: what the tier requires, from its profile, and
// the rules whose findings show it in the stack.
type operationsSection struct {
	title string
	// requires describes what the tier's profile asks.
	requires func(tier.Profile) string
	// rules are the rules (both clouds) whose findings evidence it.
	rules []string
}

var operationsSections = []operationsSection{
	{"Vulnerability scanning (NCSC 5.2)", func(p tier.Profile) string {
		if !p.Scanning.EveryWorkload {
			return "not required by the profile"
		}
		return fmt.Sprintf("every workload scanned, reassessed at least every %d hours", p.Scanning.CadenceHours)
	}, []string{"PCLZ-AWS-AUD-010", "PCLZ-AZR-AUD-007"}},
	{"Patching: cadence and compliance source (NCSC 5.2)", func(p tier.Profile) string {
		pt := p.Patching
		s := fmt.Sprintf("every workload patched at least every %d days in the reboot window %s; critical patches approved after %d days "+
			"and installed within %d, others after %d and within %d", pt.CadenceDays, pt.RebootWindow, pt.ApproveCriticalAfterDays,
			pt.MaxAgeCriticalDays, pt.ApproveOtherAfterDays, pt.MaxAgeOtherDays)
		if pt.InternalSource {
			s += "; patches come only from the tier's internal repository, over declared flows"
		}
		return s + "; compliance reported by the patch baseline scan (AWS Systems Manager Compliance, Azure Update Manager assessments)"
	}, []string{"PCLZ-AWS-AUD-009", "PCLZ-AWS-AUD-011", "PCLZ-AZR-AUD-008"}},
	{"Backup coverage (NCSC 2.6)", func(p tier.Profile) string {
		if !p.Backup.CoverAllStateful {
			return "not required by the profile"
		}
		return fmt.Sprintf("every stateful resource selected by a backup plan or policy: %s, kept %d days", p.Backup.Frequency, p.Backup.RetentionDays)
	}, []string{"PCLZ-AWS-RES-009", "PCLZ-AWS-RES-010"}},
	{"Second copy (NCSC 2.6)", func(p tier.Profile) string {
		c := p.Backup.SecondCopy
		return fmt.Sprintf("every recovery point copied and kept %d days: AWS, another account in %s under its own key and vault lock; Azure, cross-region restore to %s",
			c.RetentionDays, c.AWSRegion, c.AzureRegion)
	}, []string{"PCLZ-AWS-RES-011", "PCLZ-AZR-RES-006"}},
	{"Restore testing (NCSC 2.6)", func(p tier.Profile) string {
		return fmt.Sprintf("a restore tested at least every %d days (AWS Backup restore testing; on Azure, the restore runbook)", p.Backup.RestoreTestDays)
	}, []string{"PCLZ-AWS-RES-012"}},
}

// WriteOperationsMarkdown writes the operations evidence of a tier stack: per part (scanning, patching,
// backup coverage, second copy, restore testing) what the tier's profile requires and every finding of
// the rules that show it, waivers included. A stack without a tier (a foundation) gets a page saying so.
func WriteOperationsMarkdown(w io.Writer, r Report) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	p("# Scanning, patching, backups and restores: %s\n\n", md(r.Stack))
	prof, err := tier.ProfileFor(r.Tier)
	if err != nil {
		p("The stack has no tier (a foundation, or not known): the tier's workloads and their operations are evidenced by the tier stacks.\n")
		return b.Flush()
	}
	p("Tier %s. What the tier's profile requires, and the findings of the rules that show it in this stack ", prof.Tier.Title())
	p("(NCSC principle 5.2, vulnerability management; 2.6, resilience). Generated %s by %s.\n", r.GeneratedAt.UTC().Format("2006-01-02 15:04 MST"), md(r.Tool))
	for _, s := range operationsSections {
		p("\n## %s\n\nRequired: %s.\n\n", s.title, md(s.requires(prof)))
		var fs []policy.Finding
		for _, f := range r.Evaluation.Findings {
			if slices.Contains(s.rules, f.RuleID) && f.Status != policy.StatusNotApplicable {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 {
			p("No finding: the stack holds nothing these rules judge (%s).\n", strings.Join(s.rules, ", "))
			continue
		}
		slices.SortStableFunc(fs, func(a, b policy.Finding) int {
			return strings.Compare(a.RuleID+a.ResourceName, b.RuleID+b.ResourceName)
		})
		p("| rule | status | resource | evidence |\n|---|---|---|---|\n")
		for _, f := range fs {
			status := strings.ToUpper(string(f.Status))
			name := f.ResourceName
			if name == "" {
				name = "(stack)"
			}
			p("| `%s` | %s | %s | %s |\n", f.RuleID, status, md(name), md(f.Message))
		}
	}
	return b.Flush()
}
