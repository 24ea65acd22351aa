//go:build lz_sdk

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/report"
)

// matrixRow returns the cells of one principle's row of index.md's principle matrix.
func matrixRow(t *testing.T, md, principle string) []string {
	t.Helper()
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| "+principle+". ") {
			cells := strings.Split(strings.Trim(line, "| "), " | ")
			return cells[1:]
		}
	}
	t.Fatalf("no row for principle %s in:\n%s", principle, md)
	return nil
}

// matrixStacks returns the stack names heading the principle matrix's columns.
func matrixStacks(t *testing.T, md string) []string {
	t.Helper()
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| principle | ") {
			return strings.Split(strings.Trim(line, "| "), " | ")[1:]
		}
	}
	t.Fatalf("no principle matrix in:\n%s", md)
	return nil
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// TestReportEvidencesEveryPrinciple: with the example attestation files, the evidence pack of the
// repository's stacks has no principle that is not evidenced, and it holds the SBOM, the CI evidence and
// a copy of each attestation file, all in the manifest.
func TestReportEvidencesEveryPrinciple(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "evidence")
	code, _, stderr := lz(t, "report", "--all", "--out", out, "--now", evalDay,
		"--attestations", filepath.Join(repoStacks, "attestations", "pos.yaml"), "--attestations", filepath.Join(repoStacks, "attestations", "met.yaml"))
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	assert.NotContains(t, stderr, "warning:")
	data, err := os.ReadFile(filepath.Join(out, report.FileIndexMarkdown))
	require.NoError(t, err)
	md := string(data)
	stacks := matrixStacks(t, md)
	for _, p := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"} {
		for i, c := range matrixRow(t, md, p) {
			assert.NotEqual(t, "not evidenced", c, "principle %s, stack %s", p, stacks[i])
			if stacks[i] == "met-org" && (p == "1" || p == "11") {
				// The organisation stack carries no data path and no external interface: its management
				// groups, policy and identities have nothing for principles 1 and 11 to judge.
				assert.Equal(t, "N/A", c, "principle %s, stack %s", p, stacks[i])
				continue
			}
			assert.NotEqual(t, "N/A", c, "principle %s, stack %s", p, stacks[i])
		}
	}
	assert.Equal(t, repeat("ATTESTED 2", 10), matrixRow(t, md, "6"))
	assert.Equal(t, repeat("ATTESTED 2", 10), matrixRow(t, md, "14"))
	dev, err := report.ReadDevelopment("../..")
	require.NoError(t, err)
	assert.Equal(t, repeat(fmt.Sprintf("CI %d steps", len(dev.Steps)), 10), matrixRow(t, md, "7"))
	for _, c := range matrixRow(t, md, "8") {
		assert.Regexp(t, `^SBOM [0-9]+ modules$`, c)
	}
	for _, c := range matrixRow(t, md, "12") {
		assert.Regexp(t, `^PASS [0-9]+$`, c, "principle 12 is evidenced by rule results")
	}
	assert.Contains(t, md, "| pos | 6 | EXAMPLE: Everyone with administrative access to the pos landing zone holds NPPV Level 3 and SC clearance, "+
		"checked before access is granted and on renewal. | EXAMPLE: Force Vetting Manager | EXAMPLE: force vetting register, extract VET-REG-0000 | "+
		"2026-04-01 | 2027-03-31 | 334 | active | attestations/pos.yaml:10 |\n")

	html, err := os.ReadFile(filepath.Join(out, report.FileIndexHTML))
	require.NoError(t, err)
	assert.Contains(t, string(html), `<td class="m"><a href="#attestations"><span class="st evidence">ATTESTED 2</span></a></td>`)
	assert.Regexp(t, `<td class="m"><a href="supply-chain/sbom.cdx.json"><span class="st evidence">SBOM [0-9]+ modules</span></a></td>`, string(html))
	assert.Regexp(t, `<td class="m"><a href="development/ci.md"><span class="st evidence">CI [0-9]+ steps</span></a></td>`, string(html))
	assert.Contains(t, string(html), `<td class="m"><span class="st pass">PASS 2</span></td>`)
	assert.Contains(t, string(html), `<h2>Supply chain (NCSC principle 8)</h2>`+"\n"+`<p><a href="supply-chain/sbom.cdx.json">supply-chain/sbom.cdx.json</a>: CycloneDX 1.6 SBOM of `)
	assert.Contains(t, string(html), `<li>lint (golangci-lint, pinned in the Makefile)</li>`)

	for _, f := range []string{report.FileSBOM, report.FileDevelopmentJSON, report.FileDevelopmentMarkdown, "attestations/pos.yaml", "attestations/met.yaml"} {
		assert.FileExists(t, filepath.Join(out, filepath.FromSlash(f)))
		assert.Contains(t, md, "| "+f+" | ", "the index lists %s", f)
	}
	src, err := os.ReadFile(filepath.Join(repoStacks, "attestations", "pos.yaml"))
	require.NoError(t, err)
	cp, err := os.ReadFile(filepath.Join(out, "attestations", "pos.yaml"))
	require.NoError(t, err)
	assert.Equal(t, src, cp)
	ci, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(report.FileDevelopmentMarkdown)))
	require.NoError(t, err)
	assert.Contains(t, string(ci), "| CI script | .ci/run | `")
	code, _, stderr = lz(t, "verify", out)
	assert.Equal(t, exitOK, code, stderr)
}

// An expired attestation shows its principle as EXPIRED, never as evidenced; a stack with no attestation
// of a principle shows it not evidenced.
func TestReportExpiredAttestation(t *testing.T) {
	t.Parallel()
	af := filepath.Join(t.TempDir(), "pos-gold.yaml")
	require.NoError(t, os.WriteFile(af, []byte(`version: 1
scope: pos-gold
attestations:
  - principle: "14"
    statement: Users are trained before access.
    owner: Sam Patel, Force ISO
    evidence: TRAIN-2025-11
    reviewed: 2025-05-01
    expires: 2026-04-30
  - principle: "6"
    statement: Administrators hold SC clearance.
    owner: Jane Smith, Force Vetting Manager
    evidence: VET-REG-2026-03
    reviewed: 2026-04-01
    expires: 2026-05-20
`), 0o600))
	out := filepath.Join(t.TempDir(), "evidence")
	code, _, stderr := lz(t, "report", "--all", "--out", out, "--now", evalDay, "--attestations", af)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	assert.Contains(t, stderr, "lz: warning: "+af+":4: expires: attestation of principle 14 by Sam Patel, Force ISO expired on 2026-04-30; the principle is not evidenced by it\n")
	data, err := os.ReadFile(filepath.Join(out, report.FileIndexMarkdown))
	require.NoError(t, err)
	md := string(data)
	// Stacks in order: met-bronze, met-foundation, met-gold, met-org, met-platinum, pos-bronze, pos-foundation, pos-gold,
	// pos-org, pos-platinum.
	want14 := repeat("not evidenced", 10)
	want14[7] = "EXPIRED 1"
	assert.Equal(t, want14, matrixRow(t, md, "14"))
	want6 := repeat("not evidenced", 10)
	want6[7] = "ATTESTED 1"
	assert.Equal(t, want6, matrixRow(t, md, "6"))
	assert.Contains(t, md, "| pos-gold | 14 | Users are trained before access. | Sam Patel, Force ISO | TRAIN-2025-11 | 2025-05-01 | 2026-04-30 | expired | EXPIRED | attestations/pos-gold.yaml:4 |\n")
	assert.Contains(t, md, "| pos-gold | 6 | Administrators hold SC clearance. | Jane Smith, Force Vetting Manager | VET-REG-2026-03 | 2026-04-01 | 2026-05-20 | 19 | active | attestations/pos-gold.yaml:10 |\n")
	html, err := os.ReadFile(filepath.Join(out, report.FileIndexHTML))
	require.NoError(t, err)
	assert.Regexp(t, regexp.MustCompile(`<td class="m"><a href="#attestations"><span class="st fail">EXPIRED 1</span></a></td>`), string(html))
	assert.Contains(t, string(html), `<td><span class="st unknown">19</span></td><td><span class="st pass">active</span></td>`)
}

func TestReportAttestationsBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
		return p
	}
	entry := "  - principle: \"6\"\n    statement: s\n    owner: o\n    evidence: e\n    reviewed: 2026-04-01\n    expires: 2027-03-31\n"
	bad := write("bad.yaml", "version: 1\nscope: pos\nattestations:\n  - principle: \"15\"\n    statement: s\n    owner: o\n    evidence: e\n    reviewed: 2026-04-01\n    expires: 2027-04-30\n")
	pos := write("pos.yaml", "version: 1\nscope: pos\nattestations:\n"+entry)
	pos2 := write("pos2.yaml", "version: 1\nscope: pos\nattestations: []\n")
	gold := write("gold.yaml", "version: 1\nscope: pos-gold\nattestations: []\n")
	dyfed := write("dyfed.yaml", "version: 1\nscope: dyfed\nattestations: []\n")
	missing := filepath.Join(dir, "none.yaml")
	out := filepath.Join(t.TempDir(), "evidence")
	code, stdout, stderr := lz(t, "report", "--all", "--out", out, "--now", evalDay, "--stacks-dir", repoStacks,
		"--attestations", bad, "--attestations", pos, "--attestations", pos2, "--attestations", gold, "--attestations", dyfed, "--attestations", missing)
	assert.Equal(t, exitBadInput, code)
	assert.Empty(t, stdout)
	assert.Equal(t, []string{
		bad + `:4: principle: "15" is not an NCSC Cloud Security Principle: allowed "1" to "14"`,
		bad + ":9: expires: 2027-04-30 is more than 12 months after the review on 2026-04-01 (latest allowed: 2027-04-01)",
		dyfed + `: scope: "dyfed" is neither a stack nor a landing zone in ` + repoStacks,
		gold + ": scope: stack pos-gold is also covered by " + pos + " (landing zone pos): allowed one attestation file per stack",
		missing + ": cannot read the attestation file (no such file or directory): allowed --attestations FILE, a readable attestation file",
		pos2 + `: scope: "pos" is already the scope of ` + pos + ": allowed one attestation file per stack or landing zone",
	}, strings.Split(strings.TrimSpace(stderr), "\n"))
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing is written for bad input")
}

// Stacks outside a repository: principle 7 is not evidenced, and lz says why.
func TestReportWithoutRepository(t *testing.T) {
	t.Parallel()
	dir := copyStacks(t)
	out := filepath.Join(t.TempDir(), "evidence")
	code, _, stderr := lz(t, "report", "--all", "--out", out, "--now", evalDay, "--stacks-dir", dir)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	note := "no repository (go.mod and .ci/run) at or above the stacks directory " + dir
	assert.Contains(t, stderr, "lz: warning: secure development (NCSC principle 7) is not evidenced: "+note+"\n")
	data, err := os.ReadFile(filepath.Join(out, report.FileIndexMarkdown))
	require.NoError(t, err)
	assert.Equal(t, repeat("not evidenced", 10), matrixRow(t, string(data), "7"))
	assert.Contains(t, string(data), "\nNo secure development evidence: "+note+".\n")
	assert.NoFileExists(t, filepath.Join(out, filepath.FromSlash(report.FileDevelopmentJSON)))
}
