//go:build lz_sdk

package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/report"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden from the current output")

// TestPlanGolden plans one stack per cloud and compares the four reports with testdata/golden. The
// golden files follow the components: regenerate them with `go test ./cmd/lz -run TestPlanGolden -update`
// when the program or the rules change.
func TestPlanGolden(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-platinum", "met-platinum"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			code, stdout, stderr := lz(t, "plan", "--stack", stack, "--out", out, "--now", evalDay)
			require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
			assert.Contains(t, stdout, "stack             "+stack+"\n")
			assert.Contains(t, stdout, "\nBy pack\nPACK ")
			assert.Contains(t, stdout, "\nBy NCSC Cloud Security Principle\nPRINCIPLE ")
			v := verdict(t, filepath.Join(out, report.FileJSON))
			if code == exitBlocked {
				assert.Equal(t, "BLOCKED", v)
				assert.Contains(t, stderr, "lz: stack "+stack+": BLOCKED by ")
			} else {
				assert.NotEqual(t, "BLOCKED", v)
				assert.Empty(t, stderr)
			}
			validSARIF(t, filepath.Join(out, report.FileSARIF))
			for _, name := range []string{report.FileJSON, report.FileSARIF, report.FileMarkdown, report.FileHTML, report.FileJUnit} {
				got, err := os.ReadFile(filepath.Join(out, name))
				require.NoError(t, err)
				golden := filepath.Join("testdata", "golden", stack, name)
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o750))
					require.NoError(t, os.WriteFile(golden, got, 0o600))
					continue
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run go test ./cmd/lz -run TestPlanGolden -update to create the golden files")
				assert.Equal(t, string(want), string(got), "%s differs from %s; rerun with -update if the change is intended", name, golden)
			}
		})
	}
}

func TestPlanReportsCarryTheNetwork(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, _, stderr := lz(t, "plan", "--stack", "pos-bronze", "--out", out, "--format", "md,html", "--now", evalDay)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{report.FileHTML, report.FileMarkdown}, names, "only the formats asked for")
	md, err := os.ReadFile(filepath.Join(out, report.FileMarkdown))
	require.NoError(t, err)
	assert.Contains(t, string(md), "## Network (landing zone pos)\n\n```mermaid\nflowchart LR\n")
	assert.Contains(t, string(md), "  class n_bronze isolated\n")
	assert.Contains(t, string(md), "| 5 | Bronze | legacy-dc (on premises) | tcp 5022 | Legacy custody database replicates to the legacy data centre until cut-over |\n")
	html, err := os.ReadFile(filepath.Join(out, report.FileHTML))
	require.NoError(t, err)
	assert.Contains(t, string(html), "<h2>Network</h2>")
	assert.Contains(t, string(html), "isolated: declared flows only")
	assert.NotContains(t, string(html), "<script")
}

func TestPlanBadConfig(t *testing.T) {
	t.Parallel()
	dir := copyStacks(t)
	path := writeStack(t, dir, "pos-gold", edit(t, stackText(t, "pos-gold"), "landingzone:region: eu-west-2", "landingzone:region: eu-west-1"))
	out := t.TempDir()
	code, stdout, stderr := lz(t, "plan", "--stack", "pos-gold", "--stacks-dir", dir, "--out", out)
	assert.Equal(t, exitBadInput, code)
	assert.Empty(t, stdout)
	assert.Equal(t, path+`: landingzone:region: "eu-west-1" is not allowed for cloud aws: allowed eu-west-2 (London)`+"\n", stderr)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Empty(t, entries, "no report for a bad config")

	// A bad foundation stops its tier stacks.
	dir = copyStacks(t)
	path = writeStack(t, dir, "met-foundation", edit(t, stackText(t, "met-foundation"), "landingzone:classification: OFFICIAL", "landingzone:classification: SECRET"))
	code, _, stderr = lz(t, "plan", "--stack", "met-gold", "--stacks-dir", dir, "--out", out)
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, path+`: landingzone:classification: "SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`+"\n", stderr)
}

func TestPlanUsage(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"plan"}, "lz: nothing to plan: allowed --stack NAME\nRun 'lz plan --help' for usage.\n"},
		{[]string{"plan", "--stack", "stacks/Pulumi.pos-gold.yaml"}, "lz: --stack \"stacks/Pulumi.pos-gold.yaml\" is not a stack name: allowed the NAME of stacks/Pulumi.NAME.yaml, such as pos-platinum\nRun 'lz plan --help' for usage.\n"},
		{[]string{"plan", "--stack", "pos-gold", "--format", "pdf"}, "lz: --format \"pdf\" is not a report format: allowed json, sarif, md, html, junit\nRun 'lz plan --help' for usage.\n"},
		{[]string{"plan", "--stack", "pos-silver"}, absStacks(t) + "/Pulumi.pos-silver.yaml: no such stack file: allowed one of met-bronze, met-foundation, met-gold, met-org, met-platinum, pos-bronze, pos-foundation, pos-gold, pos-org, pos-platinum\n"},
		{[]string{"plan", "--stack", "pos-gold", "--waivers", "no-such-waivers.yaml"}, "read waiver file: open no-such-waivers.yaml: no such file or directory: allowed --waivers FILE, a readable waiver file\n"},
		{[]string{"report", "--out", "x"}, "lz: nothing to report on: allowed --all\nRun 'lz report --help' for usage.\n"},
		{[]string{"report", "--all"}, "lz: no output directory: allowed --out DIR\nRun 'lz report --help' for usage.\n"},
		{[]string{"report", "--all", "--out", "-"}, "lz: --out -: the evidence pack is a directory of files, not one report: allowed --out DIR\nRun 'lz report --help' for usage.\n"},
		{[]string{"check"}, "lz: nothing to check: allowed --state FILE or --preview FILE\nRun 'lz check --help' for usage.\n"},
		{[]string{"check", "--state", "a", "--preview", "b"}, "lz: --state and --preview cannot be used together: allowed one of them\nRun 'lz check --help' for usage.\n"},
		{[]string{"rules", "--pack", "secrecy"}, "lz: --pack \"secrecy\" is not a pack: allowed region, encryption, isolation, audit, resilience, classification, identity\nRun 'lz rules --help' for usage.\n"},
	} {
		code, stdout, stderr := lz(t, tt.args...)
		assert.Equal(t, exitBadInput, code, tt.args)
		assert.Empty(t, stdout, tt.args)
		assert.Equal(t, tt.want, stderr, tt.args)
	}
}

func absStacks(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(repoStacks)
	require.NoError(t, err)
	return abs
}

func TestPlanWaivers(t *testing.T) {
	t.Parallel()
	wf := filepath.Join(t.TempDir(), "pos-bronze.yaml")
	require.NoError(t, os.WriteFile(wf, []byte(`version: 1
scope: met
waivers:
  - rule: PCLZ-AWS-ENC-001
    resource: "*"
    justification: Testing the scope check.
    approver: Jane Smith, Force SIRO
    riskRef: RISK-2026-014
    expires: 2026-12-31
`), 0o600))
	code, _, stderr := lz(t, "plan", "--stack", "pos-bronze", "--waivers", wf, "--now", evalDay, "--out", t.TempDir())
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, wf+`: scope: the file is for "met", not stack "pos-bronze" or its landing zone "pos"`+"\n", stderr)
}

func TestRules(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := lz(t, "rules")
	require.Equal(t, exitOK, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.NotEmpty(t, lines)
	assert.Regexp(t, `^ID +TITLE +SEVERITY +ENFORCEMENT +NCSC +TIERS +WAIVABLE$`, lines[0])
	assert.Regexp(t, `(?m)^PCLZ-AWS-REG-001 +AWS providers are pinned to an allowed UK region +critical +mandatory +2\.1 +all +no$`, stdout)
	assert.Regexp(t, `(?m)^PCLZ-AWS-NET-009 +.* +Bronze +no$`, stdout)
	assert.Equal(t, len(catalog.Metas()), len(lines)-3, "header, blank line and count besides the rules")

	code, stdout, _ = lz(t, "rules", "--json", "--pack", "region")
	require.Equal(t, exitOK, code)
	var rules []ruleJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &rules))
	require.NotEmpty(t, rules)
	for _, r := range rules {
		assert.Equal(t, "region", r.Pack)
		assert.False(t, r.Waivable, r.ID)
		assert.NotEmpty(t, r.Principles, r.ID)
	}
}
