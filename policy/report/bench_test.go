package report_test

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report"
)

// bigReport has n findings over the fixture's rules, in every status, on n/len(rules) resources each.
func bigReport(n int) report.Report {
	r := fixtureReport()
	statuses := policy.Statuses()
	active, _, _ := fixtureWaivers()
	findings := make([]policy.Finding, 0, n)
	resources := make([]report.ResourceSummary, 0, n/len(r.Rules)+1)
	for i := 0; len(findings) < n; i++ {
		name := fmt.Sprintf("res-%05d", i)
		resources = append(resources, report.ResourceSummary{URN: urn(typBucket, name), Type: typBucket, Name: name})
		for j, m := range r.Rules {
			if len(findings) == n {
				break
			}
			f := finding(m, typBucket, name, statuses[(i+j)%len(statuses)], "message for "+name)
			if f.Status == policy.StatusWaived {
				f.Waiver = &active
			}
			findings = append(findings, f)
		}
	}
	r.Evaluation.Findings = findings
	r.Resources = resources
	return r
}

func BenchmarkWriteAll(b *testing.B) {
	r := bigReport(10_000)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.WriteAll(dir, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteFormat writes each format of a 10,000-finding report on its own, to nowhere. The findings
// are in the order policy.Evaluate gives them (by rule, then resource), so that the writer is measured
// rather than the sort of findings in any other order.
func BenchmarkWriteFormat(b *testing.B) {
	r := bigReport(10_000)
	slices.SortFunc(r.Evaluation.Findings, func(a, b policy.Finding) int {
		return cmp.Or(cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.URN, b.URN))
	})
	for _, f := range report.Formats() {
		b.Run(f.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f.Write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
