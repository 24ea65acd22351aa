package waiverfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

// now is the day the tests read waiver files on.
var now = time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)

// testRules is a hand-made catalogue: the tests must not depend on the real one, which is still growing.
func testRules() waiverfile.Lookup {
	meta := func(id string, pack policy.Pack, waivable bool) policy.Meta {
		return policy.Meta{ID: id, Title: id + " title", Pack: pack, Severity: policy.SeverityHigh,
			Enforcement: policy.Mandatory, Principles: []string{"11"}, Waivable: waivable}
	}
	return waiverfile.Rules([]policy.Meta{
		meta("PCLZ-AWS-NET-004", policy.PackIsolation, true),
		meta("PCLZ-AWS-ENC-001", policy.PackEncryption, true),
		meta("PCLZ-AWS-REG-001", policy.PackRegion, false),
		meta("PCLZ-COM-TAG-002", policy.PackClassification, false),
		meta("PCLZ-AZR-IAM-001", policy.PackIdentity, false),
	})
}

const validFile = `version: 1
scope: pos-bronze            # stack or landing zone the file is for
waivers:
  - rule: PCLZ-AWS-NET-004
    resource: "urn:pulumi:pos-bronze::police-landing-zones::*::legacy-*"
    justification: "Legacy custody system needs a direct route to the on-premises records store"
    approver: "Jane Smith, Force SIRO"
    riskRef: "RISK-2026-014"
    expires: 2027-03-31
  - rule: PCLZ-AWS-ENC-001
    resource: custody-archive
    justification: |
      Archive bucket is re-keyed during the migration window.
    approver: "Sam Patel, Force ISO"
    riskRef: RISK-2026-020
    expires: 2026-04-30
`

func TestParseValid(t *testing.T) {
	t.Parallel()
	f, err := waiverfile.Parse([]byte(validFile), "waivers.yaml", testRules(), now)
	require.NoError(t, err)
	assert.Equal(t, "waivers.yaml", f.Name)
	assert.Equal(t, 1, f.Version)
	assert.Equal(t, "pos-bronze", f.Scope)
	assert.Equal(t, []policy.Waiver{
		{
			RuleID:        "PCLZ-AWS-NET-004",
			Resource:      "urn:pulumi:pos-bronze::police-landing-zones::*::legacy-*",
			Justification: "Legacy custody system needs a direct route to the on-premises records store",
			Approver:      "Jane Smith, Force SIRO",
			RiskRef:       "RISK-2026-014",
			Expires:       time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC),
			Line:          4,
		},
		{
			RuleID:        "PCLZ-AWS-ENC-001",
			Resource:      "custody-archive",
			Justification: "Archive bucket is re-keyed during the migration window.\n",
			Approver:      "Sam Patel, Force ISO",
			RiskRef:       "RISK-2026-020",
			Expires:       time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC),
			Line:          10,
		},
	}, f.Waivers)
	assert.Equal(t, []string{
		`waivers.yaml:10: expires: waiver for rule PCLZ-AWS-ENC-001 on "custody-archive" expired on 2026-04-30; it no longer applies`,
	}, f.Warnings)
	require.NoError(t, f.CheckScope("pos-bronze"))
	assert.EqualError(t, f.CheckScope("pos-gold"), `waivers.yaml: scope: the file is for "pos-bronze", not "pos-gold"`)
}

// TestCheckStack: the one scope check of lz and the policy pack: the stack itself or its landing zone.
func TestCheckStack(t *testing.T) {
	t.Parallel()
	f := waiverfile.File{Name: "w.yaml", Scope: "pos"}
	require.NoError(t, f.CheckStack("pos-gold", "pos"), "the landing zone's file")
	require.NoError(t, waiverfile.File{Name: "w.yaml", Scope: "pos-gold"}.CheckStack("pos-gold", "pos"), "the stack's own file")
	err := f.CheckStack("met-gold", "met")
	var se *waiverfile.ScopeError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, waiverfile.ScopeError{File: "w.yaml", Scope: "pos", Stack: "met-gold", LandingZone: "met"}, *se)
	assert.EqualError(t, err, `w.yaml: scope: the file is for "pos", not stack "met-gold" or its landing zone "met"`)
	assert.EqualError(t, f.CheckStack("workload", ""), `w.yaml: scope: the file is for "pos", not stack "workload" or its landing zone`,
		"a stack with no known landing zone")
	assert.Error(t, waiverfile.File{Name: "w.yaml", Scope: ""}.CheckStack("workload", ""), "an empty scope never matches an unknown landing zone")
}

func TestParseEdgeCasesThatAreValid(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"no waivers": "version: 1\nscope: met-gold\nwaivers: []\n",
		// The last allowed moment is exactly now + 1 year; a date on that day is not later than it.
		"expiry on the limit day": "version: 1\nscope: s\nwaivers:\n" + entry("PCLZ-AWS-NET-004", "x", "2027-05-01"),
		"expires today":           "version: 1\nscope: s\nwaivers:\n" + entry("PCLZ-AWS-NET-004", "x", "2026-05-01"),
		"quoted date and version": "version: \"1\"\nscope: s\nwaivers:\n" + strings.Replace(entry("PCLZ-AWS-NET-004", "x", "2026-06-01"), "2026-06-01", `"2026-06-01"`, 1),
		"same rule, two resources": "version: 1\nscope: s\nwaivers:\n" + entry("PCLZ-AWS-NET-004", "a", "2026-06-01") +
			entry("PCLZ-AWS-NET-004", "b", "2026-06-01"),
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, err := waiverfile.Parse([]byte(doc), "w.yaml", testRules(), now)
			require.NoError(t, err)
			assert.Empty(t, f.Warnings)
			assert.NotNil(t, f.Waivers)
		})
	}
}

// entry is one complete waiver entry, indented for the waivers list.
func entry(rule, resource, expires string) string {
	return "  - rule: " + rule + "\n" +
		"    resource: " + resource + "\n" +
		"    justification: because\n" +
		"    approver: Jane Smith, Force SIRO\n" +
		"    riskRef: RISK-1\n" +
		"    expires: " + expires + "\n"
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	head := "version: 1\nscope: s\nwaivers:\n"
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{
			name: "empty file",
			doc:  "",
			want: []string{"w.yaml:1: file: is empty; a waiver file needs version, scope, waivers"},
		},
		{
			name: "only a comment",
			doc:  "# nothing here\n",
			want: []string{"w.yaml:1: file: is empty; a waiver file needs version, scope, waivers"},
		},
		{
			name: "yaml syntax",
			doc:  "version: 1\nscope: s\n  waivers: []\n",
			want: []string{"w.yaml:3: yaml: mapping values are not allowed in this context"},
		},
		{
			name: "not a mapping",
			doc:  "- rule: x\n",
			want: []string{"w.yaml:1: file: must be a mapping with the keys version, scope, waivers"},
		},
		{
			name: "two documents",
			doc:  head + "---\nversion: 1\n",
			want: []string{"w.yaml:4: file: holds more than one YAML document; a waiver file is a single document"},
		},
		{
			name: "missing top-level fields",
			doc:  "# header\nwaivers: []\n",
			want: []string{"w.yaml:2: version: is required", "w.yaml:2: scope: is required"},
		},
		{
			name: "wrong version",
			doc:  "version: 2\nscope: s\nwaivers: []\n",
			want: []string{`w.yaml:1: version: must be 1, got "2"`},
		},
		{
			name: "version not a number",
			doc:  "version: one\nscope: s\nwaivers: []\n",
			want: []string{`w.yaml:1: version: must be 1, got "one"`},
		},
		{
			name: "unknown top-level field",
			doc:  "version: 1\nscope: s\nstack: s\nwaivers: []\n",
			want: []string{"w.yaml:3: stack: unknown field (allowed: version, scope, waivers)"},
		},
		{
			name: "duplicate top-level field",
			doc:  "version: 1\nscope: s\nscope: t\nwaivers: []\n",
			want: []string{"w.yaml:3: scope: duplicate field (first at line 2)"},
		},
		{
			name: "empty scope",
			doc:  "version: 1\nscope:\nwaivers: []\n",
			want: []string{"w.yaml:2: scope: must not be empty"},
		},
		{
			name: "waivers not a list",
			doc:  "version: 1\nscope: s\nwaivers:\n  rule: x\n",
			want: []string{"w.yaml:4: waivers: must be a list of waivers (write [] for none)"},
		},
		{
			name: "waivers null",
			doc:  "version: 1\nscope: s\nwaivers:\n",
			want: []string{"w.yaml:3: waivers: must be a list of waivers (write [] for none)"},
		},
		{
			name: "entry not a mapping",
			doc:  head + "  - PCLZ-AWS-NET-004\n",
			want: []string{"w.yaml:4: waivers: each waiver must be a mapping with the keys rule, resource, justification, approver, riskRef, expires"},
		},
		{
			name: "every field missing",
			doc:  head + "  - {}\n",
			want: []string{
				"w.yaml:4: rule: is required",
				"w.yaml:4: resource: is required",
				"w.yaml:4: justification: is required",
				"w.yaml:4: approver: is required",
				"w.yaml:4: riskRef: is required",
				"w.yaml:4: expires: is required",
			},
		},
		{
			name: "unknown field in a waiver",
			doc:  head + strings.Replace(entry("PCLZ-AWS-NET-004", "x", "2026-06-01"), "riskRef:", "riskref:", 1),
			want: []string{
				"w.yaml:4: riskRef: is required",
				"w.yaml:8: riskref: unknown field (allowed: rule, resource, justification, approver, riskRef, expires)",
			},
		},
		{
			name: "duplicate field in a waiver",
			doc:  head + entry("PCLZ-AWS-NET-004", "x", "2026-06-01") + "    approver: Someone Else\n",
			want: []string{"w.yaml:10: approver: duplicate field (first at line 7)"},
		},
		{
			name: "empty justification",
			doc:  head + strings.Replace(entry("PCLZ-AWS-NET-004", "x", "2026-06-01"), "because", `"  "`, 1),
			want: []string{"w.yaml:6: justification: must not be empty"},
		},
		{
			name: "approver is a list",
			doc:  head + strings.Replace(entry("PCLZ-AWS-NET-004", "x", "2026-06-01"), "Jane Smith, Force SIRO", "[Jane, Sam]", 1),
			want: []string{"w.yaml:7: approver: must be a string, not a list"},
		},
		{
			name: "alias",
			doc:  "version: 1\nscope: &s s\nwaivers:\n" + strings.Replace(entry("PCLZ-AWS-NET-004", "x", "2026-06-01"), "RISK-1", "*s", 1),
			want: []string{"w.yaml:8: riskRef: YAML aliases are not allowed; write the value out"},
		},
		{
			name: "date in the wrong form",
			doc:  head + entry("PCLZ-AWS-NET-004", "x", "31/03/2027"),
			want: []string{`w.yaml:9: expires: "31/03/2027" is not a date in the form YYYY-MM-DD`},
		},
		{
			name: "date with a time",
			doc:  head + entry("PCLZ-AWS-NET-004", "x", "2027-03-31T00:00:00Z"),
			want: []string{`w.yaml:9: expires: "2027-03-31T00:00:00Z" is not a date in the form YYYY-MM-DD`},
		},
		{
			name: "date that does not exist",
			doc:  head + entry("PCLZ-AWS-NET-004", "x", "2027-02-30"),
			want: []string{`w.yaml:9: expires: "2027-02-30" is not a valid date`},
		},
		{
			name: "expiry more than 12 months away",
			doc:  head + entry("PCLZ-AWS-NET-004", "x", "2027-05-02"),
			want: []string{"w.yaml:9: expires: 2027-05-02 is more than 12 months after 2026-05-01 (latest allowed: 2027-05-01)"},
		},
		{
			name: "unknown rule",
			doc:  head + entry("PCLZ-AWS-NET-999", "x", "2026-06-01"),
			want: []string{`w.yaml:4: rule: unknown rule "PCLZ-AWS-NET-999"`},
		},
		{
			name: "region rule",
			doc:  head + entry("PCLZ-AWS-REG-001", "x", "2026-06-01"),
			want: []string{"w.yaml:4: rule: rule PCLZ-AWS-REG-001 cannot be waived: it is a region rule, and data must stay in UK regions under UK jurisdiction (NCSC principle 2.1) whatever the risk appetite"},
		},
		{
			name: "classification rule",
			doc:  head + entry("PCLZ-COM-TAG-002", "x", "2026-06-01"),
			want: []string{"w.yaml:4: rule: rule PCLZ-COM-TAG-002 cannot be waived: it is a classification rule, and data classified above OFFICIAL-SENSITIVE must never be held outside its controls"},
		},
		{
			name: "other rule marked not waivable",
			doc:  head + entry("PCLZ-AZR-IAM-001", "x", "2026-06-01"),
			want: []string{"w.yaml:4: rule: rule PCLZ-AZR-IAM-001 cannot be waived: the rule is marked not waivable in the catalogue"},
		},
		{
			name: "duplicate rule and resource",
			doc:  head + entry("PCLZ-AWS-NET-004", "legacy-*", "2026-06-01") + entry("PCLZ-AWS-NET-004", "legacy-*", "2026-07-01"),
			want: []string{`w.yaml:10: resource: duplicate waiver for rule PCLZ-AWS-NET-004 on "legacy-*" (first at line 4)`},
		},
		{
			name: "every problem at once, in line order",
			doc: "version: 3\nscope: s\nextra: true\nwaivers:\n" +
				entry("PCLZ-AWS-REG-001", "x", "2030-01-01") +
				entry("PCLZ-AWS-NET-004", `""`, "2026-06-01"),
			want: []string{
				`w.yaml:1: version: must be 1, got "3"`,
				"w.yaml:3: extra: unknown field (allowed: version, scope, waivers)",
				"w.yaml:5: rule: rule PCLZ-AWS-REG-001 cannot be waived: it is a region rule, and data must stay in UK regions under UK jurisdiction (NCSC principle 2.1) whatever the risk appetite",
				"w.yaml:10: expires: 2030-01-01 is more than 12 months after 2026-05-01 (latest allowed: 2027-05-01)",
				`w.yaml:12: resource: must not be empty`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := waiverfile.Parse([]byte(tt.doc), "w.yaml", testRules(), now)
			require.Error(t, err)
			assert.Equal(t, waiverfile.File{}, f)
			assert.Equal(t, strings.Join(tt.want, "\n"), err.Error())
			var perr *waiverfile.Error
			require.ErrorAs(t, err, &perr)
			assert.Len(t, perr.Problems, len(tt.want))
		})
	}
}

func TestParseNilRulesSkipsRuleChecks(t *testing.T) {
	t.Parallel()
	doc := "version: 1\nscope: s\nwaivers:\n" + entry("PCLZ-AWS-REG-001", "x", "2026-06-01")
	f, err := waiverfile.Parse([]byte(doc), "w.yaml", nil, now)
	require.NoError(t, err)
	require.Len(t, f.Waivers, 1)
	assert.Equal(t, "PCLZ-AWS-REG-001", f.Waivers[0].RuleID)
}

func TestParsedWaiversMatchLikeEvaluate(t *testing.T) {
	t.Parallel()
	f, err := waiverfile.Parse([]byte(validFile), "waivers.yaml", testRules(), now)
	require.NoError(t, err)
	w := f.Waivers[0]
	// policy.Glob's * crosses "/" and ":", so a URN pattern's * stands for any type token.
	assert.True(t, w.Matches("PCLZ-AWS-NET-004", "urn:pulumi:pos-bronze::police-landing-zones::aws:ec2/route:Route::legacy-custody", "legacy-custody"))
	assert.False(t, w.Matches("PCLZ-AWS-NET-004", "urn:pulumi:pos-gold::police-landing-zones::aws:ec2:Route::legacy-custody", "legacy-custody"))
	byName := f.Waivers[1]
	assert.True(t, byName.Matches("PCLZ-AWS-ENC-001", "urn:pulumi:pos-bronze::police-landing-zones::aws:s3/bucketV2:BucketV2::custody-archive", "custody-archive"))
	assert.True(t, w.ActiveOn(time.Date(2027, 3, 31, 23, 59, 0, 0, time.UTC)))
	assert.False(t, w.ActiveOn(time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)))
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "waivers.yaml")
	require.NoError(t, os.WriteFile(p, []byte(validFile), 0o600))
	f, err := waiverfile.Load(p, testRules(), now)
	require.NoError(t, err)
	assert.Equal(t, p, f.Name)
	assert.Len(t, f.Waivers, 2)

	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("version: 2\nscope: s\nwaivers: []\n"), 0o600))
	_, err = waiverfile.Load(bad, testRules(), now)
	assert.EqualError(t, err, bad+`:1: version: must be 1, got "2"`)

	_, err = waiverfile.Load(filepath.Join(dir, "missing.yaml"), testRules(), now)
	require.Error(t, err)
	assert.True(t, errors.Is(err, os.ErrNotExist))
	assert.Contains(t, err.Error(), "read waiver file: ")
}

func TestLoadTestdata(t *testing.T) {
	t.Parallel()
	f, err := waiverfile.Load(filepath.Join("testdata", "pos-bronze.yaml"), testRules(), now)
	require.NoError(t, err)
	assert.Equal(t, "pos-bronze", f.Scope)
	assert.Len(t, f.Waivers, 2)
}

func TestZeroNowMeansToday(t *testing.T) {
	t.Parallel()
	next := time.Now().UTC().AddDate(0, 1, 0).Format(time.DateOnly)
	doc := "version: 1\nscope: s\nwaivers:\n" + entry("PCLZ-AWS-NET-004", "x", next)
	f, err := waiverfile.Parse([]byte(doc), "w.yaml", testRules(), time.Time{})
	require.NoError(t, err)
	assert.Empty(t, f.Warnings)
}
