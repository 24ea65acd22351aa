package report_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report"
)

func TestNew(t *testing.T) {
	t.Parallel()
	r := fixtureReport()
	assert.Equal(t, "2.0.0", r.SchemaVersion)
	assert.Equal(t, "pos-bronze", r.Stack)
	assert.Equal(t, "aws", r.Cloud)
	assert.Equal(t, "bronze", string(r.Tier))
	assert.Equal(t, "tier", r.Role)

	s := r.Summary
	assert.Equal(t, report.Counts{Pass: 5, Fail: 3, Unknown: 2, Waived: 1, NotApplicable: 1, Error: 1, Total: 13}, s.Overall)
	assert.Equal(t, 3, s.Blocking, "NET-004 fail (expired waiver), TAG-001 fail and error")
	assert.Equal(t, 1, s.Advisory)
	assert.Equal(t, report.VerdictBlocked, s.Verdict)
	assert.Equal(t, report.WaiverCounts{Total: 3, Active: 2, Expired: 1, Used: 2, Unused: 1}, s.Waivers)

	byPrinciple := map[string]report.Counts{}
	for _, p := range s.ByPrinciple {
		byPrinciple[p.Principle.ID] = p.Counts
	}
	require.Len(t, s.ByPrinciple, 14)
	assert.Equal(t, "1", s.ByPrinciple[0].Principle.ID)
	assert.Equal(t, "14", s.ByPrinciple[13].Principle.ID)
	// TAG-001 cites 2.3 and 2.1: each of its findings counts once under 2, not twice.
	assert.Equal(t, report.Counts{Pass: 3, Fail: 1, Unknown: 1, Waived: 1, NotApplicable: 1, Error: 1, Total: 8}, byPrinciple["2"])
	// NET-004 and NET-001 cite 3 and 11: their findings count under both.
	assert.Equal(t, report.Counts{Pass: 2, Fail: 1, Total: 3}, byPrinciple["3"])
	assert.Equal(t, byPrinciple["3"], byPrinciple["11"])
	assert.Equal(t, report.Counts{Fail: 1, Unknown: 1, Total: 2}, byPrinciple["5"])
	assert.Equal(t, byPrinciple["5"], byPrinciple["13"])
	assert.Equal(t, report.Counts{}, byPrinciple["1"])

	require.Len(t, s.ByPack, len(policy.Packs()))
	assert.Equal(t, policy.PackRegion, s.ByPack[0].Pack)
	assert.Equal(t, report.Counts{Pass: 1, Fail: 1, Error: 1, Total: 3}, s.ByPack[5].Counts, "classification")
	require.Len(t, s.BySeverity, 4)
	assert.Equal(t, report.Counts{Pass: 3, Fail: 1, Total: 4}, s.BySeverity[0].Counts, "critical")
}

func TestSummariseVerdicts(t *testing.T) {
	t.Parallel()
	f := func(enf policy.Enforcement, s policy.Status) policy.Finding {
		return policy.Finding{RuleID: "PCLZ-COM-TAG-001", Pack: policy.PackClassification, Severity: policy.SeverityLow,
			Enforcement: enf, Principles: []string{"2.3"}, Status: s}
	}
	for _, tt := range []struct {
		name     string
		findings []policy.Finding
		want     report.Verdict
		blocking int
	}{
		{"nothing", nil, report.VerdictPass, 0},
		{"passes", []policy.Finding{f(policy.Mandatory, policy.StatusPass)}, report.VerdictPass, 0},
		{"advisory failure", []policy.Finding{f(policy.Advisory, policy.StatusFail)}, report.VerdictPass, 0},
		{"unknown", []policy.Finding{f(policy.Mandatory, policy.StatusUnknown)}, report.VerdictPass, 0},
		{"waived", []policy.Finding{f(policy.Mandatory, policy.StatusWaived)}, report.VerdictPassWithWaivers, 0},
		{"mandatory failure", []policy.Finding{f(policy.Mandatory, policy.StatusWaived), f(policy.Mandatory, policy.StatusFail)}, report.VerdictBlocked, 1},
		{"mandatory error", []policy.Finding{f(policy.Mandatory, policy.StatusError)}, report.VerdictBlocked, 1},
	} {
		s := report.Summarise(nil, policy.Evaluation{Findings: tt.findings})
		assert.Equal(t, tt.want, s.Verdict, tt.name)
		assert.Equal(t, tt.blocking, s.Blocking, tt.name)
	}
}

func TestSummariseFallsBackToRulePrinciples(t *testing.T) {
	t.Parallel()
	rules := []policy.Meta{{ID: "PCLZ-AWS-IAM-001", Principles: []string{"10", "9"}}}
	s := report.Summarise(rules, policy.Evaluation{Findings: []policy.Finding{{RuleID: "PCLZ-AWS-IAM-001", Status: policy.StatusPass}}})
	for _, p := range s.ByPrinciple {
		want := 0
		if p.Principle.ID == "9" || p.Principle.ID == "10" {
			want = 1
		}
		assert.Equal(t, want, p.Counts.Pass, p.Principle.ID)
	}
}

func TestResources(t *testing.T) {
	t.Parallel()
	got := report.Resources([]*policy.Resource{
		{URN: "urn:b", Type: "t", Name: "b", Parent: "urn:p"},
		nil,
		{URN: "urn:a", Type: "t", Name: "a"},
	})
	assert.Equal(t, []report.ResourceSummary{
		{URN: "urn:b", Type: "t", Name: "b", Parent: "urn:p"},
		{URN: "urn:a", Type: "t", Name: "a"},
	}, got)
}

func TestNewWithoutContext(t *testing.T) {
	t.Parallel()
	r := report.New(nil, time.Time{}, "", nil, policy.Evaluation{}, nil)
	assert.Empty(t, r.Stack)
	assert.Equal(t, report.VerdictPass, r.Summary.Verdict)
	assert.NotEmpty(t, writeMarkdown(t, r))
	assert.NotEmpty(t, writeHTML(t, r))
	_, doc := writeSARIF(t, r)
	assert.Empty(t, doc.Runs[0].Results)
}

// The reports' summary is New's while the report's rules, findings, waivers and summary are New's, and
// counted afresh once any of them is another: a report whose findings were replaced after New, or whose
// summary was set by hand, is summarised from what it holds.
func TestReportsSummariseWhatTheReportHolds(t *testing.T) {
	t.Parallel()
	summaryOf := func(r report.Report) report.Summary {
		var b strings.Builder
		require.NoError(t, report.WriteJSON(&b, r))
		var doc struct {
			Summary report.Summary `json:"summary"`
		}
		require.NoError(t, json.Unmarshal([]byte(b.String()), &doc))
		return doc.Summary
	}
	r := fixtureReport()
	assert.Equal(t, r.Summary.Overall, summaryOf(r).Overall)

	replaced := r
	replaced.Evaluation.Findings = slices.Clone(r.Evaluation.Findings[:3])
	assert.Equal(t, 3, summaryOf(replaced).Overall.Total, "findings replaced after New")

	handSet := r
	handSet.Summary = report.Summary{}
	assert.Equal(t, r.Summary.Overall, summaryOf(handSet).Overall, "a summary set by hand is counted again")

	fewerWaivers := r
	fewerWaivers.Evaluation.Waivers = nil
	require.Positive(t, r.Summary.Waivers.Total)
	assert.Equal(t, 0, summaryOf(fewerWaivers).Waivers.Total, "waivers replaced after New")
}
