//go:build lz_sdk

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/report"
)

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

// TestPolicyConfigRefusedIsBadInput: the settings the policy pack refuses are bad input for lz, every
// one named with the file, the rule, the value and what is allowed.
func TestPolicyConfigRefusedIsBadInput(t *testing.T) {
	t.Parallel()
	cfg := writeFile(t, "policy.json", `{"PCLZ-AWS-REG-001": "disabled", "PCLZ-AWS-REG-002": {"allowedRegions": ["us-east-1"]}}`)
	want := cfg + `: PCLZ-AWS-REG-001: enforcementLevel "disabled" refused: the rule is never waivable, so it stays mandatory` + "\n" +
		cfg + `: PCLZ-AWS-REG-002: allowedRegions: ["us-east-1"] refused: allowed a non-empty list of regions from the UK list (eu-west-2); the rule keeps the UK list` + "\n"
	code, _, stderr := lz(t, "plan", "--stack", "pos-gold", "--policy-pack-config", cfg, "--now", evalDay, "--out", t.TempDir())
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, want, stderr)

	code, _, stderr = lz(t, "check", "--state", exportFixture, "--policy-pack-config", cfg, "--now", evalDay)
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, want, stderr)

	code, _, stderr = lz(t, "report", "--all", "--out", t.TempDir(), "--policy-pack-config", cfg, "--now", evalDay)
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, stderr, want)

	bad := writeFile(t, "bad.json", `{"all": "off"}`)
	code, _, stderr = lz(t, "check", "--state", exportFixture, "--policy-pack-config", bad, "--now", evalDay)
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, bad+`: "all": "off" is not an enforcement level: allowed advisory, mandatory, remediate, disabled`+"\n", stderr)
}

// TestRulesShowEngineAdvisory: lz rules --json says which rule is advisory under the engine, and why.
func TestRulesShowEngineAdvisory(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := lz(t, "rules", "--json", "--pack", "resilience")
	require.Equal(t, exitOK, code, stderr)
	var rules []ruleJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &rules))
	n := 0
	for _, r := range rules {
		if r.EngineAdvisory != "" {
			n++
			assert.Equal(t, "PCLZ-COM-RES-002", r.ID)
			assert.Equal(t, "mandatory", r.Enforcement)
			assert.Contains(t, r.EngineAdvisory, "the Pulumi engine does not send retainOnDelete to policy packs")
		}
	}
	assert.Equal(t, 1, n)
}

// TestPolicyConfigInForce: an accepted config changes the verdict as it does in the pack, and the
// reports list it and hash the file.
func TestPolicyConfigInForce(t *testing.T) {
	t.Parallel()
	// pos-gold's export blocks on ENC-001, ENC-002, NET-005 and RES-004; all four are waivable.
	cfg := writeFile(t, "policy.json", `{"PCLZ-AWS-ENC-001": "advisory", "PCLZ-AWS-ENC-002": "disabled"}`)
	out := t.TempDir()
	code, stdout, stderr := lz(t, "check", "--state", exportFixture, "--policy-pack-config", cfg, "--out", out, "--format", "json,sarif,md", "--now", evalDay)
	assert.Equal(t, exitBlocked, code)
	assert.Equal(t, "lz: stack export testdata/pos-gold.export.json: BLOCKED by 2 mandatory failure(s)\n", stderr)
	assert.NotContains(t, stdout, "PCLZ-AWS-ENC-002", "a disabled rule does not run")

	data, err := os.ReadFile(filepath.Join(out, report.FileJSON))
	require.NoError(t, err)
	var doc struct {
		Inputs       []report.InputFile    `json:"inputs"`
		PolicyConfig []packconfig.Override `json:"policyConfig"`
		Rules        []struct {
			ID          string `json:"id"`
			Enforcement string `json:"enforcement"`
		} `json:"rules"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, []packconfig.Override{
		{Policy: "PCLZ-AWS-ENC-001", Setting: "enforcementLevel", Value: "advisory", Default: "mandatory"},
		{Policy: "PCLZ-AWS-ENC-002", Setting: "enforcementLevel", Value: "disabled", Default: "mandatory"},
	}, doc.PolicyConfig)
	hash, err := report.HashInput("policy config", cfg)
	require.NoError(t, err)
	assert.Contains(t, doc.Inputs, hash)
	for _, r := range doc.Rules {
		if r.ID == "PCLZ-AWS-ENC-001" {
			assert.Equal(t, "advisory", r.Enforcement, "the report holds the rule at the level in force")
		}
	}
	sarif, err := os.ReadFile(filepath.Join(out, report.FileSARIF))
	require.NoError(t, err)
	assert.Contains(t, string(sarif), `"policy":"PCLZ-AWS-ENC-001"`)
	md, err := os.ReadFile(filepath.Join(out, report.FileMarkdown))
	require.NoError(t, err)
	assert.Contains(t, string(md), "Policy config in force: PCLZ-AWS-ENC-001 enforcementLevel advisory (default mandatory); PCLZ-AWS-ENC-002 enforcementLevel disabled (default mandatory)")
}
