//go:build lz_sdk

package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/report"
)

// wellFormedXML fails the test unless data parses as XML to the end.
func wellFormedXML(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		require.NoError(t, err)
	}
}

func TestReportAll(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	wf := filepath.Join(t.TempDir(), "pos.yaml")
	require.NoError(t, os.WriteFile(wf, []byte(`version: 1
scope: pos
waivers:
  - rule: PCLZ-AWS-RES-004
    resource: "*"
    justification: Backups of the landing zone are taken by the legacy platform until cut-over.
    approver: Jane Smith, Force SIRO
    riskRef: RISK-2026-014
    expires: 2026-09-30
`), 0o600))
	code, stdout, stderr := lz(t, "report", "--all", "--out", out, "--waivers", wf, "--now", evalDay)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	assert.Contains(t, stdout, "\nEvidence pack: "+filepath.Join(out, report.FileIndexHTML)+"\n")

	stacks := []string{"met-bronze", "met-foundation", "met-gold", "met-platinum", "pos-bronze", "pos-foundation", "pos-gold", "pos-platinum"}
	for _, s := range stacks {
		for _, f := range []string{report.FileJSON, report.FileSARIF, report.FileMarkdown, report.FileHTML, report.FileJUnit} {
			assert.FileExists(t, filepath.Join(out, "stacks", s, f))
		}
		validSARIF(t, filepath.Join(out, "stacks", s, report.FileSARIF))
		if strings.HasSuffix(s, "-foundation") {
			assert.NoFileExists(t, filepath.Join(out, "stacks", s, report.FileOperations))
		} else {
			assert.FileExists(t, filepath.Join(out, "stacks", s, report.FileOperations))
		}
	}
	ops, err := os.ReadFile(filepath.Join(out, "stacks", "pos-bronze", report.FileOperations))
	require.NoError(t, err)
	for _, want := range []string{
		"| `PCLZ-AWS-AUD-010` | PASS | pos-bronze-custody-asg | scanned by Amazon Inspector: enabler pos-bronze-inspector enables EC2 scanning |",
		"| `PCLZ-AWS-AUD-009` | PASS | pos-bronze-custody-asg | patched by maintenance window pos-bronze-patch-window",
		"| `PCLZ-AWS-RES-009` | PASS | pos-bronze-custody-db | selected by backup selection pos-bronze-backup-selection",
		"| `PCLZ-AWS-RES-011` | PASS | pos-bronze-backup-plan | rule \"weekly\" copy goes to vault pos-bronze-backup-copy-vault",
		"| `PCLZ-AWS-RES-012` | PASS | pos-bronze-backup-plan | restore testing plan pos-bronze-restore-testing tests restores from vault pos-bronze-backup-vault",
		"patches come only from the tier's internal repository, over declared flows",
	} {
		assert.Contains(t, string(ops), want)
	}

	index, err := os.ReadFile(filepath.Join(out, report.FileIndexHTML))
	require.NoError(t, err)
	html := string(index)
	for _, s := range stacks {
		assert.Contains(t, html, `<a href="stacks/`+s+`/report.html"><strong>`+s+`</strong></a>`)
	}
	assert.Contains(t, html, "<h2>NCSC Cloud Security Principles across stacks</h2>")
	assert.Contains(t, html, "<td>3. Separation between customers</td>")
	// The waiver register names the approver, risk reference, expiry and days left (152 days from
	// 2026-05-01 to 2026-09-30), for every stack of the landing zone the file is scoped to.
	assert.Equal(t, 5, strings.Count(html, "<td>Jane Smith, Force SIRO</td><td>RISK-2026-014</td><td>2026-09-30</td><td><span class=\"st pass\">152</span></td>"))
	assert.Contains(t, html, "<h2>Network: landing zone pos (aws)</h2>")
	assert.Contains(t, html, "<h2>Network: landing zone met (azure)</h2>")
	assert.NotContains(t, html, "<script")

	for _, lz := range []string{"pos", "met"} {
		svg, err := os.ReadFile(filepath.Join(out, "network", lz+".svg"))
		require.NoError(t, err)
		wellFormedXML(t, svg)
		assert.Contains(t, string(svg), "Bronze tier</text>")
		assert.Contains(t, string(svg), "no internet, no PSN</text>")
		assert.Contains(t, string(svg), "isolated: declared flows only</text>")
		assert.Contains(t, string(svg), "egress firewall</text>")
		assert.Contains(t, string(svg), "PSN edge</text>")
		md, err := os.ReadFile(filepath.Join(out, "network", lz+".md"))
		require.NoError(t, err)
		assert.Contains(t, string(md), "```mermaid\nflowchart LR\n")
	}
	md, err := os.ReadFile(filepath.Join(out, report.FileIndexMarkdown))
	require.NoError(t, err)
	assert.Contains(t, string(md), "# Accreditation evidence pack\n")
	assert.Contains(t, string(md), "| pos-bronze | PCLZ-AWS-RES-004 | `*` | Jane Smith, Force SIRO | RISK-2026-014 | 2026-09-30 | 152 | ")
}

func TestReportAllBadInput(t *testing.T) {
	t.Parallel()
	dir := copyStacks(t)
	gold := writeStack(t, dir, "pos-gold", edit(t, stackText(t, "pos-gold"), "landingzone:tier: gold", "landingzone:tier: silver"))
	wf := filepath.Join(t.TempDir(), "w.yaml")
	require.NoError(t, os.WriteFile(wf, []byte("version: 1\nscope: dyfed\nwaivers: []\n"), 0o600))
	out := t.TempDir()
	code, stdout, stderr := lz(t, "report", "--all", "--out", out, "--stacks-dir", dir, "--waivers", wf)
	assert.Equal(t, exitBadInput, code)
	assert.Empty(t, stdout)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, 2, stderr)
	assert.True(t, strings.HasPrefix(lines[0], gold+`: landingzone:tier: "silver" `), lines[0])
	assert.Equal(t, wf+`: scope: "dyfed" is neither a stack nor a landing zone in `+dir, lines[1])
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is written for bad input")
}
