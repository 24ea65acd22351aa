package attestation_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/attestation"
)

// now is the day the tests read attestation files on.
var now = time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)

const validFile = `version: 1
scope: pos                   # stack or landing zone the file is for
attestations:
  - principle: 6
    statement: "Everyone with administrative access holds NPPV3 and SC clearance."
    owner: "Jane Smith, Force Vetting Manager"
    evidence: "VET-REG-2026-03"
    reviewed: 2026-04-01
    expires: 2027-03-31
  - principle: "14"
    statement: |
      Users are trained in the force's acceptable use policy before access.
    owner: "Sam Patel, Force ISO"
    evidence: TRAIN-2025-11
    reviewed: 2025-05-01
    expires: 2026-04-30
`

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseValid(t *testing.T) {
	t.Parallel()
	f, err := attestation.Parse([]byte(validFile), "att.yaml", now)
	require.NoError(t, err)
	assert.Equal(t, "att.yaml", f.Name)
	assert.Equal(t, 1, f.Version)
	assert.Equal(t, "pos", f.Scope)
	assert.Equal(t, []attestation.Attestation{
		{Principle: "6", Statement: "Everyone with administrative access holds NPPV3 and SC clearance.", Owner: "Jane Smith, Force Vetting Manager",
			Evidence: "VET-REG-2026-03", Reviewed: day("2026-04-01"), Expires: day("2027-03-31"), Line: 4},
		{Principle: "14", Statement: "Users are trained in the force's acceptable use policy before access.\n", Owner: "Sam Patel, Force ISO",
			Evidence: "TRAIN-2025-11", Reviewed: day("2025-05-01"), Expires: day("2026-04-30"), Line: 10},
	}, f.Attestations)
	// The second expired the day before: a warning, and never active.
	assert.Equal(t, []string{"att.yaml:10: expires: attestation of principle 14 by Sam Patel, Force ISO expired on 2026-04-30; the principle is not evidenced by it"}, f.Warnings)
	assert.True(t, f.Attestations[0].ActiveOn(now))
	assert.False(t, f.Attestations[1].ActiveOn(now))
	assert.True(t, f.Attestations[1].ActiveOn(day("2026-04-30").Add(23*time.Hour)), "an attestation holds through its expiry day")
	require.NoError(t, f.CheckScope("pos"))
	assert.EqualError(t, f.CheckScope("met"), `att.yaml: scope: the file is for "pos", not "met"`)
}

func entry(principle, reviewed, expires string) string {
	return "  - principle: \"" + principle + "\"\n    statement: s\n    owner: o\n    evidence: e\n    reviewed: " + reviewed + "\n    expires: " + expires + "\n"
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	head := "version: 1\nscope: pos\nattestations:\n"
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "", []string{"a.yaml:1: file: is empty; an attestation file needs version, scope, attestations"}},
		{"not a mapping", "- 1\n", []string{"a.yaml:1: file: must be a mapping with the keys version, scope, attestations"}},
		{"yaml syntax", "version: 1\nscope: [\n", []string{"a.yaml:2: yaml: did not find expected node content"}},
		{"two documents", "version: 1\n---\nversion: 1\n", []string{"a.yaml:2: file: holds more than one YAML document; an attestation file is a single document"}},
		{"missing and unknown top fields", "version: 2\nwaivers: []\n", []string{
			"a.yaml:1: version: must be 1, got \"2\"",
			"a.yaml:1: scope: is required",
			"a.yaml:1: attestations: is required",
			"a.yaml:2: waivers: unknown field (allowed: version, scope, attestations)",
		}},
		{"attestations not a list", head[:len(head)-1] + " x\n", []string{"a.yaml:3: attestations: must be a list of attestations (write [] for none)"}},
		{"entry not a mapping", head + "  - x\n", []string{"a.yaml:4: attestations: each attestation must be a mapping with the keys principle, statement, owner, evidence, reviewed, expires"}},
		{"unknown principle", head + entry("2.3", "2026-04-01", "2027-03-31") + entry("15", "2026-04-01", "2027-03-31"), []string{
			"a.yaml:4: principle: \"2.3\" is not an NCSC Cloud Security Principle: allowed \"1\" to \"14\"",
			"a.yaml:10: principle: \"15\" is not an NCSC Cloud Security Principle: allowed \"1\" to \"14\"",
		}},
		{"missing fields", head + "  - principle: \"6\"\n    owner: \"\"\n    statement: [a]\n", []string{
			"a.yaml:4: evidence: is required",
			"a.yaml:4: reviewed: is required",
			"a.yaml:4: expires: is required",
			"a.yaml:5: owner: must not be empty",
			"a.yaml:6: statement: must be a string, not a list",
		}},
		{"bad dates", head + entry("6", "2026-4-1", "2027-02-30"), []string{
			"a.yaml:8: reviewed: \"2026-4-1\" is not a date in the form YYYY-MM-DD",
			"a.yaml:9: expires: \"2027-02-30\" is not a valid date",
		}},
		{"review in the future", head + entry("6", "2026-05-02", "2026-12-31"), []string{
			"a.yaml:8: reviewed: 2026-05-02 is after the day the file is read (2026-05-01): allowed a review that has happened",
		}},
		{"expires before review", head + entry("6", "2026-04-01", "2026-03-31"), []string{
			"a.yaml:9: expires: 2026-03-31 is before the review on 2026-04-01",
		}},
		{"expires beyond a year", head + entry("6", "2026-04-01", "2027-04-02"), []string{
			"a.yaml:9: expires: 2027-04-02 is more than 12 months after the review on 2026-04-01 (latest allowed: 2027-04-01)",
		}},
		{"duplicate", head + entry("6", "2026-04-01", "2027-03-31") + entry("6", "2026-04-01", "2027-03-31"), []string{
			"a.yaml:10: statement: duplicate attestation of principle 6 with the same statement (first at line 4)",
		}},
		{"duplicate key and alias", head + "  - principle: &p \"6\"\n    principle: \"7\"\n    statement: *p\n", []string{
			"a.yaml:4: evidence: is required", "a.yaml:4: owner: is required", "a.yaml:4: reviewed: is required", "a.yaml:4: expires: is required",
			"a.yaml:5: principle: duplicate field (first at line 4)",
			"a.yaml:6: statement: YAML aliases are not allowed; write the value out",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, err := attestation.Parse([]byte(tc.in), "a.yaml", now)
			require.Error(t, err)
			var perr *attestation.Error
			require.True(t, errors.As(err, &perr))
			got := strings.Split(err.Error(), "\n")
			assert.ElementsMatch(t, tc.want, got)
			assert.Equal(t, attestation.File{}, f)
		})
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "att.yaml")
	require.NoError(t, os.WriteFile(p, []byte(validFile), 0o600))
	f, err := attestation.Load(p, now)
	require.NoError(t, err)
	assert.Equal(t, p, f.Name)
	_, err = attestation.Load(filepath.Join(t.TempDir(), "none.yaml"), now)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "read attestation file: open "), err.Error())
}

// The example attestation files for the repository's stacks parse, and say they are examples.
func TestStacksExamples(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../stacks/attestations/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, p := range files {
		f, err := attestation.Load(p, now)
		require.NoError(t, err, p)
		assert.Empty(t, f.Warnings, p)
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.Contains(t, string(data), "EXAMPLE", p)
		principles := map[string]bool{}
		for _, a := range f.Attestations {
			principles[a.Principle] = true
		}
		assert.True(t, principles["6"] && principles["14"], "%s attests principles 6 and 14", p)
	}
}
