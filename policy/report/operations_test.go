package report

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// TestWriteOperationsMarkdown: a tier stack's operations page states what the Gold profile requires for
// each part and lists the findings of the rules that show it (not-applicable ones left out); a part no
// rule judged says so; a foundation gets a page saying the tiers evidence it.
func TestWriteOperationsMarkdown(t *testing.T) {
	t.Parallel()
	r := Report{Stack: "pos-gold", Tier: tier.Gold, Tool: "lz test", GeneratedAt: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)}
	r.Evaluation.Findings = []policy.Finding{
		{RuleID: "PCLZ-AWS-AUD-009", ResourceName: "pos-gold-app-asg", Status: policy.StatusPass, Message: "patched by maintenance window pos-gold-patch-window"},
		{RuleID: "PCLZ-AWS-AUD-010", ResourceName: "pos-gold-app-asg", Status: policy.StatusPass, Message: "scanned by Amazon Inspector"},
		{RuleID: "PCLZ-AZR-AUD-007", Status: policy.StatusNotApplicable, Message: "no workload"},
		{RuleID: "PCLZ-AWS-RES-012", ResourceName: "pos-gold-backup-plan", Status: policy.StatusFail, Message: "no restore testing plan | includes it"},
		{RuleID: "PCLZ-AWS-NET-001", ResourceName: "sg", Status: policy.StatusPass, Message: "unrelated"},
	}
	var b strings.Builder
	require.NoError(t, WriteOperationsMarkdown(&b, r))
	got := b.String()
	for _, want := range []string{
		"# Scanning, patching, backups and restores: pos-gold\n",
		"Tier Gold. What the tier's profile requires, and the findings of the rules that show it in this stack (NCSC principle 5.2, vulnerability management; 2.6, resilience). Generated 2026-12-06 08:00 UTC by lz test.\n",
		"## Vulnerability scanning (NCSC 5.2)\n\nRequired: every workload scanned, reassessed at least every 24 hours.\n\n| rule | status | resource | evidence |\n|---|---|---|---|\n| `PCLZ-AWS-AUD-010` | PASS | pos-gold-app-asg | scanned by Amazon Inspector |\n",
		"Required: every workload patched at least every 7 days in the reboot window SAT 23:00 UTC, 4 hours; critical patches approved after 0 days and installed within 14, others after 7 and within 30; compliance reported by the patch baseline scan (AWS Systems Manager Compliance, Azure Update Manager assessments).\n",
		"| `PCLZ-AWS-AUD-009` | PASS | pos-gold-app-asg | patched by maintenance window pos-gold-patch-window |\n",
		"## Second copy (NCSC 2.6)\n\nRequired: every recovery point copied and kept 35 days: AWS, another account in eu-west-2 under its own key and vault lock; Azure, cross-region restore to ukwest.\n\nNo finding: the stack holds nothing these rules judge (PCLZ-AWS-RES-011, PCLZ-AZR-RES-006).\n",
		"## Restore testing (NCSC 2.6)\n\nRequired: a restore tested at least every 90 days (AWS Backup restore testing; on Azure, the restore runbook).\n\n| rule | status | resource | evidence |\n|---|---|---|---|\n| `PCLZ-AWS-RES-012` | FAIL | pos-gold-backup-plan | no restore testing plan \\| includes it |\n",
	} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "PCLZ-AZR-AUD-007`", "not-applicable findings are left out")
	assert.NotContains(t, got, "unrelated")

	b.Reset()
	require.NoError(t, WriteOperationsMarkdown(&b, Report{Stack: "pos-foundation"}))
	assert.Equal(t, "# Scanning, patching, backups and restores: pos-foundation\n\nThe stack has no tier (a foundation, or not known): the tier's workloads and their operations are evidenced by the tier stacks.\n", b.String())
}
