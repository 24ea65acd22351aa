package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/report"
)

const (
	exportFixture  = "testdata/pos-gold.export.json"
	previewFixture = "testdata/pos-bronze.preview.json"
)

// evalDay pins the evaluation time so that reports are reproducible.
const evalDay = "2026-05-01T09:00:00Z"

func TestCheckState(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, stdout, stderr := lz(t, "check", "--state", exportFixture, "--out", out, "--now", evalDay)
	assert.Equal(t, exitBlocked, code, stderr)
	assert.Equal(t, "lz: stack export testdata/pos-gold.export.json: BLOCKED by 4 mandatory failure(s)\n", stderr)
	assert.True(t, strings.HasPrefix(stdout, "stack export testdata/pos-gold.export.json: 6 resources of stack pos-gold\n"), stdout)
	for _, want := range []string{
		`PCLZ-AWS-ENC-001  gold-records  sse algorithm "AES256" is not aws:kms; buckets must use a customer-managed KMS key`,
		"PCLZ-AWS-ENC-002  gold-records  bucket has no bucket policy;",
		"PCLZ-AWS-NET-005  gold-records  no public access block refers to this bucket",
		"PCLZ-AWS-RES-004  (stack)       no backup plan (aws:backup/plan:Plan) in the stack; the gold profile requires backups daily",
	} {
		assert.Contains(t, stdout, want)
	}
	// The provider's default tags reach the rules through the provider reference.
	assert.NotContains(t, stdout, "PCLZ-COM-TAG-001")
	validSARIF(t, filepath.Join(out, report.FileSARIF))
	assert.Equal(t, "BLOCKED", verdict(t, filepath.Join(out, report.FileJSON)))
}

func TestCheckPreview(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := lz(t, "check", "--preview", previewFixture, "--now", evalDay)
	assert.Equal(t, exitBlocked, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "preview testdata/pos-bronze.preview.json: 3 resources of stack pos-bronze\n"), stdout)
	assert.Contains(t, stdout, "PCLZ-AWS-NET-001  legacy-custody-db  ingress[0] allows tcp 1433 from 0.0.0.0/0; "+
		"security groups must not accept ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address)")
	assert.NotContains(t, stdout, "legacy-nat", "a deleted resource is not checked")
}

func TestCheckBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
		return p
	}
	export, err := os.ReadFile(exportFixture)
	require.NoError(t, err)
	preview, err := os.ReadFile(previewFixture)
	require.NoError(t, err)
	const (
		wantExport  = "the output of `pulumi stack export` (deployment version 3)"
		wantPreview = "the output of `pulumi preview --json`"
	)
	empty := write("empty.json", " \n")
	truncExport := write("trunc-export.json", string(export[:len(export)/2]))
	truncPreview := write("trunc-preview.json", string(preview[:100]))
	v2 := write("v2.json", strings.Replace(string(export), `"version": 3,`, `"version": 2,`, 1))
	yamlFile := write("stack.yaml", "config:\n  aws:region: eu-west-2\n")
	array := write("array.json", "[]")
	twoDocs := write("two.json", "{} {}")
	other := write("other.json", `{"name": "pos-gold"}`)
	for _, tt := range []struct {
		flag, path, want string
	}{
		{"--state", empty, empty + ": is empty: expected " + wantExport},
		{"--preview", empty, empty + ": is empty: expected " + wantPreview},
		{"--state", truncExport, fmt.Sprintf("%s: is truncated: the JSON ends after %d bytes: expected all of %s", truncExport, len(export)/2, wantExport)},
		{"--preview", truncPreview, truncPreview + ": is truncated: the JSON ends after 100 bytes: expected all of " + wantPreview},
		{"--state", previewFixture, previewFixture + ": is the output of `pulumi preview --json`, not a stack export: allowed --preview FILE for it, or --state with " + wantExport},
		{"--preview", exportFixture, exportFixture + ": is a stack export, not the output of `pulumi preview --json`: allowed --state FILE for it, or --preview with " + wantPreview},
		{"--state", v2, v2 + ": is a stack export of deployment version 2: allowed version 3 (export it again with a current Pulumi CLI)"},
		{"--state", yamlFile, yamlFile + ": is not JSON (invalid character 'c' looking for beginning of value at byte 1): expected " + wantExport},
		{"--state", array, array + ": is JSON but not an object (found array): expected " + wantExport},
		{"--preview", twoDocs, twoDocs + ": holds more than one JSON document: expected " + wantPreview},
		{"--state", other, other + `: is not a stack export (no "version" and "deployment"): expected ` + wantExport},
		{"--preview", other, other + `: is not a preview (no "steps"): expected ` + wantPreview},
		{"--state", filepath.Join(dir, "missing.json"), filepath.Join(dir, "missing.json") + ": cannot read (no such file or directory): allowed " + wantExport},
	} {
		code, stdout, stderr := lz(t, "check", tt.flag, tt.path)
		assert.Equal(t, exitBadInput, code, tt.path)
		assert.Empty(t, stdout, tt.path)
		assert.Equal(t, tt.want+"\n", stderr, "one clear line for %s %s", tt.flag, tt.path)
	}
}

// syntheticExport writes a stack export of n resources: a provider and, in turn, buckets, security
// groups, log groups and KMS keys with realistic inputs.
func syntheticExport(tb testing.TB, n int) string {
	tb.Helper()
	const stack = "pos-gold"
	urn := func(typ, name string) string {
		return fmt.Sprintf("urn:pulumi:%s::police-landing-zones::%s::%s", stack, typ, name)
	}
	provURN := urn("pulumi:providers:aws", "uk")
	tags := map[string]any{"Classification": "OFFICIAL", "Force": "HO", "ManagedBy": "pulumi", "Owner": "cloud-platform@homeoffice.police.uk", "Tier": "Gold"}
	res := []map[string]any{{"urn": provURN, "custom": true, "id": "prov-1", "type": "pulumi:providers:aws", "inputs": map[string]any{"region": "eu-west-2"}}}
	for i := 1; len(res) < n; i++ {
		var typ string
		var inputs map[string]any
		switch i % 4 {
		case 0:
			typ, inputs = "aws:s3/bucketV2:BucketV2", map[string]any{"bucket": fmt.Sprintf("b-%d", i), "tags": tags}
		case 1:
			typ, inputs = "aws:ec2/securityGroup:SecurityGroup", map[string]any{"vpcId": "vpc-1", "ingress": []any{map[string]any{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": []any{"10.20.32.0/19"}}}, "tags": tags}
		case 2:
			typ, inputs = "aws:cloudwatch/logGroup:LogGroup", map[string]any{"name": fmt.Sprintf("/pos/%d", i), "retentionInDays": 400, "tags": tags}
		default:
			typ, inputs = "aws:kms/key:Key", map[string]any{"enableKeyRotation": true, "deletionWindowInDays": 30, "tags": tags}
		}
		res = append(res, map[string]any{
			"urn": urn(typ, fmt.Sprintf("r-%d", i)), "custom": true, "id": fmt.Sprintf("id-%d", i), "type": typ,
			"inputs": inputs, "provider": provURN + "::prov-1",
		})
	}
	b, err := json.Marshal(map[string]any{"version": 3, "deployment": map[string]any{"manifest": map[string]any{"version": "v3.259.0"}, "resources": res}})
	require.NoError(tb, err)
	path := filepath.Join(tb.TempDir(), "export.json")
	require.NoError(tb, os.WriteFile(path, b, 0o600))
	return path
}

func TestCheckSyntheticExport(t *testing.T) {
	t.Parallel()
	path := syntheticExport(t, 200)
	code, stdout, stderr := lz(t, "check", "--state", path, "--now", evalDay)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	assert.Contains(t, stdout, ": 200 resources of stack pos-gold\n")
}

// BenchmarkCheck10k runs `lz check --state` over a synthetic export of 10,000 resources: read, decode,
// convert and evaluate every rule.
func BenchmarkCheck10k(b *testing.B) {
	path := syntheticExport(b, 10000)
	for b.Loop() {
		var sink strings.Builder
		if code := run([]string{"check", "--state", path, "--now", evalDay}, &sink, &sink); code == exitBadInput {
			b.Fatal(sink.String())
		}
	}
	b.ReportMetric(10000, "resources/op")
}

// BenchmarkCheck10kReports is BenchmarkCheck10k writing every report format as well.
func BenchmarkCheck10kReports(b *testing.B) {
	path := syntheticExport(b, 10000)
	out := b.TempDir()
	for b.Loop() {
		var sink strings.Builder
		if code := run([]string{"check", "--state", path, "--now", evalDay, "--out", out}, &sink, &sink); code == exitBadInput {
			b.Fatal(sink.String())
		}
	}
	b.ReportMetric(10000, "resources/op")
}

// withoutStackFile copies the pos-gold export under a stack name no stack file has.
func withoutStackFile(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(exportFixture)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "workload.export.json")
	require.NoError(t, os.WriteFile(p, []byte(strings.ReplaceAll(string(data), "urn:pulumi:pos-gold::", "urn:pulumi:workload-team::")), 0o600))
	return p
}

func reportResources(t *testing.T, path string) []report.ResourceSummary {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct {
		Resources []report.ResourceSummary `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	return doc.Resources
}

// With no stack file, each resource is held to its Tier tag (its own or its provider's default tags), and
// the report says so; the same tier-aware findings appear as with the stack file.
func TestCheckStateNoStackFileUsesTags(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, stdout, stderr := lz(t, "check", "--state", withoutStackFile(t), "--out", out, "--format", "json", "--now", evalDay)
	assert.Equal(t, exitBlocked, code, stderr)
	assert.Contains(t, stderr, "each resource is held to the tier of its Tier tag or its network's")
	assert.Contains(t, stdout, "PCLZ-AWS-ENC-001  gold-records  sse algorithm \"AES256\" is not aws:kms")
	var sources []string
	for _, r := range reportResources(t, filepath.Join(out, report.FileJSON)) {
		if r.TierSource == "" { // providers, components and the stack itself hold no data
			continue
		}
		assert.Equal(t, "gold", r.Tier, r.URN)
		sources = append(sources, r.TierSource)
	}
	assert.Contains(t, sources, "Tier tag")
	assert.NotContains(t, sources, "not known")
}

func TestCheckTierFlag(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, stdout, stderr := lz(t, "check", "--state", withoutStackFile(t), "--tier", "bronze", "--out", out, "--format", "json", "--now", evalDay)
	assert.Equal(t, exitBlocked, code, stderr)
	assert.Contains(t, stdout, `PCLZ-COM-TAG-003  gold-records  Tier tag "Gold" does not match the stack's tier; it must be Bronze`)
	n := 0
	for _, r := range reportResources(t, filepath.Join(out, report.FileJSON)) {
		if r.TierSource != "" {
			n++
			assert.Equal(t, "--tier", r.TierSource, r.URN)
		}
	}
	assert.Equal(t, 3, n)

	code, _, stderr = lz(t, "check", "--state", exportFixture, "--tier", "bronze", "--now", evalDay)
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, stderr, `--tier bronze contradicts stack file Pulumi.pos-gold.yaml, which says tier "gold": allowed --tier gold or no --tier`)

	code, _, stderr = lz(t, "check", "--state", exportFixture, "--tier", "silver")
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, stderr, `--tier "silver" is not a tier: allowed platinum, gold, bronze`)
}

func TestCheckLandingZoneFlag(t *testing.T) {
	t.Parallel()
	code, _, stderr := lz(t, "check", "--state", withoutStackFile(t), "--landing-zone", "pos", "--now", evalDay)
	assert.Equal(t, exitBlocked, code, stderr)
	assert.NotContains(t, stderr, "lz: error")

	code, _, stderr = lz(t, "check", "--state", withoutStackFile(t), "--landing-zone", "nope")
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, stderr, `--landing-zone "nope": no stack file in`)
	assert.Contains(t, stderr, "allowed met, pos")

	code, _, stderr = lz(t, "check", "--state", exportFixture, "--landing-zone", "met")
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, stderr, `--landing-zone met contradicts stack file Pulumi.pos-gold.yaml, which says landing zone "pos"`)
}

func TestRulesCoverage(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := lz(t, "rules", "--coverage")
	require.Equal(t, exitOK, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "TYPE"), stdout)
	assert.Contains(t, stdout, "Any other resource type is reported as not assessed (PCLZ-COM-COV-001).")
	assert.Regexp(t, `\n[0-9]+ types, [0-9]+ properties, 0 read by no rule\n$`, stdout)
	assert.NotContains(t, stdout, "NOT READ")
}

// Every report names the files it was made from and their SHA-256, so a reviewer can tell which stack
// export, stack file and waiver file produced the verdict.
func TestCheckReportsItsInputs(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, _, stderr := lz(t, "check", "--state", exportFixture, "--out", out, "--format", "json", "--now", evalDay)
	require.Equal(t, exitBlocked, code, stderr)
	data, err := os.ReadFile(filepath.Join(out, report.FileJSON))
	require.NoError(t, err)
	var doc struct {
		Inputs []report.InputFile `json:"inputs"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	export, err := report.HashInput("stack export", exportFixture)
	require.NoError(t, err)
	stackFile, err := report.HashInput("stack file", "../../stacks/Pulumi.pos-gold.yaml")
	require.NoError(t, err)
	stackFile.Path = "stacks/Pulumi.pos-gold.yaml"
	assert.Equal(t, []report.InputFile{export, stackFile}, doc.Inputs)
	assert.Regexp(t, `^[0-9a-f]{64}$`, export.SHA256)
}

func TestCheckFailOnAndSoftFail(t *testing.T) {
	t.Parallel()
	// pos-gold's export has four blocking findings: one critical (NET-005) and three high.
	code, _, stderr := lz(t, "check", "--state", exportFixture, "--fail-on", "critical", "--now", evalDay)
	assert.Equal(t, exitBlocked, code, stderr)
	assert.Equal(t, "lz: stack export testdata/pos-gold.export.json: BLOCKED by 1 mandatory failure(s)\n", stderr)

	code, _, stderr = lz(t, "check", "--state", exportFixture, "--fail-on", "high", "--now", evalDay)
	assert.Equal(t, exitBlocked, code, stderr)
	assert.Contains(t, stderr, "BLOCKED by 4 mandatory failure(s)")

	code, stdout, stderr := lz(t, "check", "--state", exportFixture, "--soft-fail", "--now", evalDay)
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Policy: BLOCKED", "the summary still says what failed")

	code, _, stderr = lz(t, "check", "--state", exportFixture, "--fail-on", "severe")
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, stderr, `--fail-on "severe" is not a severity: allowed critical, high, medium, low`)
}
