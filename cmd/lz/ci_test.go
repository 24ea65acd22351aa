//go:build lz_sdk

package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/provenance"
	"github.com/policecloud/landingzones/policy/report"
)

// lzIn runs lz with stdin as its standard input.
func lzIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runIO(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := lz(t, "--version")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "lz v0.3.0 (3a440cf0a1b2)\n"+
		"module:   github.com/policecloud/landingzones v0.3.0\n"+
		"revision: 3a440cf0a1b2c3d4e5f60718293a4b5c6d7e8f90 (2026-04-30T17:00:00Z)\n"+
		"pack:     policecloud-landingzones "+provenance.PackVersion+"\n"+
		"go:       go1.26.8\n", stdout)
}

// Every report lz writes names the build that wrote it, as lz --version does.
func TestReportsCarryProvenance(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, _, stderr := lz(t, "check", "--state", exportFixture, "--out", out, "--now", evalDay)
	require.Equal(t, exitBlocked, code, stderr)
	raw, err := os.ReadFile(filepath.Join(out, report.FileJSON))
	require.NoError(t, err)
	var doc struct {
		Tool        string           `json:"tool"`
		GeneratedAt string           `json:"generatedAt"`
		Provenance  provenance.Build `json:"provenance"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	assert.Equal(t, testBuild, doc.Provenance)
	assert.Equal(t, "lz v0.3.0 (3a440cf0a1b2)", doc.Tool)
	assert.Equal(t, "2026-05-01T09:00:00Z", doc.GeneratedAt)

	line := "github.com/policecloud/landingzones v0.3.0, revision 3a440cf0a1b2c3d4e5f60718293a4b5c6d7e8f90; policy pack policecloud-landingzones " +
		provenance.PackVersion + "; built with go1.26.8"
	md, err := os.ReadFile(filepath.Join(out, report.FileMarkdown))
	require.NoError(t, err)
	assert.Contains(t, string(md), "Provenance: "+line+"\n")
	html, err := os.ReadFile(filepath.Join(out, report.FileHTML))
	require.NoError(t, err)
	assert.Contains(t, string(html), `<td>`+line+`</td>`)
	_, results := readSARIF(t, filepath.Join(out, report.FileSARIF))
	require.NotEmpty(t, results)
	sarifRaw, err := os.ReadFile(filepath.Join(out, report.FileSARIF))
	require.NoError(t, err)
	assert.Contains(t, string(sarifRaw), `"semanticVersion":"0.3.0"`)
	assert.Contains(t, string(sarifRaw), `"revision":"3a440cf0a1b2c3d4e5f60718293a4b5c6d7e8f90"`)
	junit, err := os.ReadFile(filepath.Join(out, report.FileJUnit))
	require.NoError(t, err)
	assert.Contains(t, string(junit), `<property name="packVersion" value="`+provenance.PackVersion+`"></property>`)

	pack := t.TempDir()
	code, _, stderr = lz(t, "report", "--all", "--out", pack, "--now", evalDay)
	require.Equal(t, exitOK, code, stderr)
	for _, f := range []string{report.FileIndexMarkdown, report.FileIndexHTML} {
		b, err := os.ReadFile(filepath.Join(pack, f))
		require.NoError(t, err)
		assert.Contains(t, string(b), "Provenance: "+line, f)
	}
}

func TestCheckStdinAndStdout(t *testing.T) {
	t.Parallel()
	preview, err := os.ReadFile(previewFixture)
	require.NoError(t, err)

	// The preview on standard input, the SARIF report on standard output and nothing else there.
	code, stdout, stderr := lzIn(t, string(preview), "check", "--preview", "-", "--format", "sarif", "--out", "-", "--now", evalDay)
	assert.Equal(t, exitBlocked, code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), "stdout is one SARIF document")
	assert.Equal(t, "2.1.0", doc["version"])
	assert.True(t, strings.HasPrefix(stderr, "preview standard input: 3 resources of stack pos-bronze\n"), stderr)
	assert.Contains(t, stderr, "\nPolicy: BLOCKED")
	assert.True(t, strings.HasSuffix(stderr, "lz: preview standard input: BLOCKED by 2 mandatory failure(s)\n"), stderr)

	// The same preview from a file gives the same report, bar the input's path.
	code, fromFile, _ := lz(t, "check", "--preview", previewFixture, "--format", "sarif", "--out", "-", "--now", evalDay)
	assert.Equal(t, exitBlocked, code)
	assert.Equal(t, strings.ReplaceAll(fromFile, previewFixture, "-"), stdout)

	// A stack export on standard input, the JSON report out.
	export, err := os.ReadFile(exportFixture)
	require.NoError(t, err)
	code, stdout, _ = lzIn(t, string(export), "check", "--state", "-", "--format", "json", "--out", "-", "--now", evalDay)
	assert.Equal(t, exitBlocked, code)
	var rep struct {
		Stack  struct{ Name string } `json:"stack"`
		Inputs []report.InputFile    `json:"inputs"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	assert.Equal(t, "pos-gold", rep.Stack.Name)
	require.NotEmpty(t, rep.Inputs)
	assert.Equal(t, report.HashBytes("stack export", "-", export), rep.Inputs[0])

	// Bad input on standard input is named so.
	code, stdout, stderr = lzIn(t, "", "check", "--preview", "-")
	assert.Equal(t, exitBadInput, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "standard input: is empty: expected the output of `pulumi preview --json`\n", stderr)

	// --out - takes exactly one format.
	code, stdout, stderr = lz(t, "check", "--state", exportFixture, "--out", "-")
	assert.Equal(t, exitBadInput, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "lz: --out - writes one report to standard output, not 5 (json, sarif, md, html, junit): allowed --format FORMAT with one of json, sarif, md, html, junit\n"+
		"Run 'lz check --help' for usage.\n", stderr)
	code, _, stderr = lz(t, "plan", "--stack", "pos-gold", "--format", "json,sarif", "--out", "-")
	assert.Equal(t, exitBadInput, code)
	assert.Contains(t, stderr, "lz: --out - writes one report to standard output, not 2 (json, sarif): allowed --format FORMAT with one of json, sarif, md, html, junit\n")
}

func TestPlanToStdout(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := lz(t, "plan", "--stack", "pos-bronze", "--format", "junit", "--out", "-", "--now", evalDay)
	require.Equal(t, exitOK, code, stderr)
	var doc struct {
		XMLName xml.Name `xml:"testsuites"`
		Name    string   `xml:"name,attr"`
		Tests   int      `xml:"tests,attr"`
	}
	require.NoError(t, xml.Unmarshal([]byte(stdout), &doc), "stdout is one JUnit document")
	assert.Equal(t, "lz pos-bronze", doc.Name)
	assert.Positive(t, doc.Tests)
	assert.Contains(t, stderr, "stack             pos-bronze\n", "the plan goes to standard error")
	assert.NotContains(t, stderr, "\nReports\n")
}

// The JUnit report as a CI system reads it: counts that agree with the JSON report's.
func TestCheckJUnit(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, _, stderr := lz(t, "check", "--state", exportFixture, "--out", out, "--format", "json,junit", "--now", evalDay)
	require.Equal(t, exitBlocked, code, stderr)
	raw, err := os.ReadFile(filepath.Join(out, report.FileJUnit))
	require.NoError(t, err)
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(raw, &doc))
	js, err := os.ReadFile(filepath.Join(out, report.FileJSON))
	require.NoError(t, err)
	var rep struct {
		Summary struct {
			Overall report.Counts `json:"overall"`
		} `json:"summary"`
		RuleResults []struct {
			Counts report.Counts `json:"counts"`
		} `json:"ruleResults"`
	}
	require.NoError(t, json.Unmarshal(js, &rep))
	c := rep.Summary.Overall
	passing := 0
	for _, rr := range rep.RuleResults {
		if rr.Counts.Pass > 0 {
			passing++
		}
	}
	// Every finding but not-applicable ones is a testcase, except that a rule's passes are one.
	assert.Equal(t, c.Total-c.NotApplicable-c.Pass+passing, doc.Tests)
	assert.Equal(t, c.Fail, doc.Failures)
	assert.Equal(t, c.Error, doc.Errors)
	assert.Equal(t, c.Unknown+c.Waived, doc.Skipped)
	found := false
	for _, s := range doc.Suites {
		if strings.HasPrefix(s.Name, "pos-gold PCLZ-AWS-ENC-001: ") {
			found = true
			require.Equal(t, 1, s.Failures)
			for _, tc := range s.Cases {
				if tc.Failure != nil {
					assert.Equal(t, "urn:pulumi:pos-gold::police-landing-zones::policecloud:aws:TierEnvironment$aws:s3/bucketV2:BucketV2::gold-records", tc.Name)
					assert.Equal(t, `sse algorithm "AES256" is not aws:kms; buckets must use a customer-managed KMS key`, tc.Failure.Message)
					assert.Equal(t, "high mandatory", tc.Failure.Type)
				}
			}
		}
	}
	assert.True(t, found)
}

// blockedPlan plans a stack and adds a blocking finding of the given severity, as a stack that breaks a
// mandatory rule would have (the repository's stacks break none).
func blockedPlan(t *testing.T, stack string, sev policy.Severity) *plan.Result {
	t.Helper()
	res, err := plan.Run(stack, plan.Options{StacksDir: repoStacks})
	require.NoError(t, err)
	res.Evaluation.Findings = append(res.Evaluation.Findings, policy.Finding{
		RuleID: "PCLZ-AWS-ENC-001", Pack: policy.PackEncryption, Severity: sev, Enforcement: policy.Mandatory,
		URN: "urn:pulumi:" + stack + "::police-landing-zones::aws:s3/bucketV2:BucketV2::x", Status: policy.StatusFail, Message: "not encrypted",
	})
	return res
}

// --fail-on and --soft-fail on lz plan and lz report: the same gate as lz check.
func TestPlanAndReportGate(t *testing.T) {
	t.Parallel()
	dir := stacksDir{dir: repoStacks}
	for _, tt := range []struct {
		failOn string
		soft   bool
		want   int
		stderr string
	}{
		{"", false, exitBlocked, "lz: stack pos-gold: BLOCKED by 1 mandatory failure(s)\n"},
		{"high", false, exitBlocked, "lz: stack pos-gold: BLOCKED by 1 mandatory failure(s)\n"},
		{"medium", false, exitBlocked, "lz: stack pos-gold: BLOCKED by 1 mandatory failure(s)\n"},
		{"critical", false, exitOK, ""},
		{"", true, exitOK, ""},
	} {
		o := planOptions{stack: "pos-gold", formats: []string{"json"}, gate: gate{failOn: tt.failOn, softFail: tt.soft}}
		var stdout, stderr bytes.Buffer
		cmd := newPlanCmd()
		cmd.SetOut(&stdout)
		cmd.SetErr(&stderr)
		require.NoError(t, o.gate.parse(cmd))
		out := t.TempDir()
		code := exitStatus(o.finish(cmd, blockedPlan(t, "pos-gold", policy.SeverityHigh), mustTime(t), dir, out), &stderr)
		assert.Equal(t, tt.want, code, "plan --fail-on %q --soft-fail=%v", tt.failOn, tt.soft)
		assert.Equal(t, tt.stderr, stderr.String())
		assert.Equal(t, "BLOCKED", verdict(t, filepath.Join(out, report.FileJSON)), "the report says BLOCKED whatever the gate")

		g := gate{failOn: tt.failOn, softFail: tt.soft}
		require.NoError(t, g.parse(cmd))
		stderr.Reset()
		results := []*plan.Result{blockedPlan(t, "pos-gold", policy.SeverityHigh), blockedPlan(t, "pos-bronze", policy.SeverityHigh)}
		code = exitStatus(writePack(&stdout, t.TempDir(), results, mustTime(t), dir, packEvidence{}, &g), &stderr)
		assert.Equal(t, tt.want, code, "report --fail-on %q --soft-fail=%v", tt.failOn, tt.soft)
		if tt.want == exitBlocked {
			assert.Equal(t, "lz: 2 of 2 stacks: BLOCKED by 2 mandatory failure(s)\n", stderr.String())
		}
	}

	// The flags are there, and checked the same way, on every command.
	for _, cmd := range [][]string{{"plan", "--stack", "pos-gold"}, {"report", "--all", "--out", t.TempDir()}, {"check", "--state", exportFixture}} {
		code, _, stderr := lz(t, append(cmd, "--fail-on", "severe")...)
		assert.Equal(t, exitBadInput, code, cmd)
		assert.Equal(t, `lz: --fail-on "severe" is not a severity: allowed critical, high, medium, low`+"\nRun 'lz "+cmd[0]+" --help' for usage.\n", stderr)
		code, _, stderr = lz(t, append(cmd, "--fail-on", "low", "--soft-fail", "--out", t.TempDir(), "--now", evalDay)...)
		assert.Equal(t, exitOK, code, "%v: %s", cmd, stderr)
	}
}

func mustTime(t *testing.T) time.Time {
	t.Helper()
	tm, err := parseNow(nil, evalDay)
	require.NoError(t, err)
	return tm
}

type failingIO struct{}

func (failingIO) Read([]byte) (int, error)  { return 0, errors.New("connection reset") }
func (failingIO) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// Standard input that cannot be read is bad input named so; standard output that cannot be written is an
// internal error (exit 3), never a pass.
func TestStdioErrors(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := runIO([]string{"check", "--state", "-"}, failingIO{}, &stdout, &stderr)
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, "standard input: cannot read (connection reset): allowed the output of `pulumi stack export` (deployment version 3)\n", stderr.String())

	stderr.Reset()
	code = runIO([]string{"check", "--state", exportFixture, "--format", "sarif", "--out", "-", "--now", evalDay}, strings.NewReader(""), failingIO{}, &stderr)
	assert.Equal(t, exitInternal, code)
	assert.True(t, strings.HasSuffix(stderr.String(), "lz: internal error: write the sarif report to standard output: broken pipe\n"), stderr.String())
}

// With --all-findings every passing finding is its own testcase.
func TestCheckJUnitAllFindings(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, _, stderr := lz(t, "check", "--state", exportFixture, "--out", out, "--format", "json,junit", "--all-findings", "--now", evalDay)
	require.Equal(t, exitBlocked, code, stderr)
	raw, err := os.ReadFile(filepath.Join(out, report.FileJUnit))
	require.NoError(t, err)
	var doc struct {
		Tests int `xml:"tests,attr"`
	}
	require.NoError(t, xml.Unmarshal(raw, &doc))
	js, err := os.ReadFile(filepath.Join(out, report.FileJSON))
	require.NoError(t, err)
	var rep struct {
		FindingsListed string `json:"findingsListed"`
		Summary        struct {
			Overall report.Counts `json:"overall"`
		} `json:"summary"`
		Findings []json.RawMessage `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(js, &rep))
	c := rep.Summary.Overall
	assert.Equal(t, "all", rep.FindingsListed)
	assert.Len(t, rep.Findings, c.Total)
	assert.Equal(t, c.Total-c.NotApplicable, doc.Tests)
}
