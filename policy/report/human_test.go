package report_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report"
)

const hostile = `<script>alert("owned")</script>|*x*`

// hostileReport names a resource, a message, a waiver's approver and a rule title with markup.
func hostileReport() report.Report {
	r := fixtureReport()
	for i := range r.Evaluation.Findings {
		f := &r.Evaluation.Findings[i]
		if f.ResourceName == "evidence" && f.Status == policy.StatusFail {
			f.ResourceName = hostile
			f.Message = "found " + hostile
		}
	}
	r.Evaluation.Waivers[0].Waiver.Approver = hostile
	r.Rules[0].Title = hostile
	r.Stack = hostile
	return r
}

func writeHTML(t *testing.T, r report.Report) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.WriteHTML(&b, r))
	return b.String()
}

func writeMarkdown(t *testing.T, r report.Report) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&b, r))
	return b.String()
}

var externalRef = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`)

func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	for name, r := range map[string]report.Report{"fixture": fixtureReport(), "hostile": hostileReport()} {
		page := writeHTML(t, r)
		lower := strings.ToLower(page)
		assert.NotContains(t, lower, "<script", name)
		assert.NotContains(t, lower, "<link", name)
		assert.NotContains(t, lower, "<img", name)
		assert.NotContains(t, lower, "<iframe", name)
		assert.NotContains(t, lower, "@import", name)
		assert.NotContains(t, lower, "url(", name)
		assert.NotRegexp(t, externalRef, page, name)
		assert.NotContains(t, lower, `src="http`, name)
		assert.NotContains(t, lower, `href="http`, name)
		assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>\n"), name)
		assert.True(t, strings.HasSuffix(page, "</html>\n"), name)
	}
}

func TestHTMLEscapes(t *testing.T) {
	t.Parallel()
	page := writeHTML(t, hostileReport())
	assert.NotContains(t, page, "<script>")
	assert.Contains(t, page, `&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;|*x*`)
	assert.Equal(t, 0, strings.Count(strings.ToLower(page), "<script"))
}

func TestHTMLContent(t *testing.T) {
	t.Parallel()
	page := writeHTML(t, fixtureReport())
	for _, want := range []string{
		`<div class="verdict blocked">Verdict: BLOCKED</div>`,
		"<li>3 blocking findings (mandatory rules failed or could not check)</li>",
		// Statuses carry text, not just colour.
		`<span class="st fail">FAIL (waiver expired)</span>`,
		`<span class="st error">ERROR</span>`,
		`<span class="st unknown">UNKNOWN</span>`,
		`<span class="st waived">WAIVED</span>`,
		// Findings grouped by principle, with gaps shown.
		`<h3 id="principle-2">2. Asset protection and resilience</h3>`,
		"No rule in this report covers this principle.",
		// The waiver register.
		`<td>RISK-2025-101</td><td>2026-03-31</td><td><span class="st fail">EXPIRED</span></td><td>matched 1, not applied (expired)</td>`,
		`<td>RISK-2026-031</td><td>2027-01-15</td><td><span class="st pass">259</span></td><td>unused</td>`,
		// The rule catalogue.
		"<h2>Appendix: rule catalogue</h2>",
		"@media print",
	} {
		assert.Contains(t, page, want)
	}
}

func TestHTMLVerdicts(t *testing.T) {
	t.Parallel()
	r := fixtureReport()
	var kept []policy.Finding
	for _, f := range r.Evaluation.Findings {
		if !f.Blocking() {
			kept = append(kept, f)
		}
	}
	r.Evaluation.Findings = kept
	assert.Contains(t, writeHTML(t, r), `<div class="verdict waivers">Verdict: PASS WITH WAIVERS</div>`)

	kept = nil
	for _, f := range r.Evaluation.Findings {
		if f.Status != policy.StatusWaived {
			kept = append(kept, f)
		}
	}
	r.Evaluation.Findings = kept
	page := writeHTML(t, r)
	assert.Contains(t, page, `<div class="verdict pass">Verdict: PASS</div>`)
	// A PASS still says what was not decided.
	assert.Contains(t, page, "<li>2 findings could not be decided (values computed at preview): not a pass</li>")
}

func TestMarkdown(t *testing.T) {
	t.Parallel()
	r := fixtureReport()
	r.MarkdownExtra = "## Network diagram\n\n```mermaid\nflowchart LR\n  bronze --> hub\n```\n"
	out := writeMarkdown(t, r)
	assert.True(t, strings.HasPrefix(out, "# Policy report: pos-bronze (aws, Bronze)\n"))
	assert.True(t, strings.HasSuffix(out, "## Network diagram\n\n```mermaid\nflowchart LR\n  bronze --> hub\n```\n"), "MarkdownExtra is appended last")
	for _, want := range []string{
		"## How to read this report",
		"| **Overall** | 5 | 3 | 2 | 1 | 1 | 1 | 13 |",
		"| pack: encryption | 1 | 0 | 1 | 1 | 0 | 0 | 3 |",
		"## Blocking findings",
		"**Remediation:** Remove the route, or declare the flow in the stack's network plan.",
		"### 2. Asset protection and resilience",
		"Passed: 3: PCLZ-AWS-ENC-001 (1), PCLZ-AWS-REG-001 (1), PCLZ-COM-TAG-001 (1). Not applicable: 1.",
		"| PCLZ-AWS-NET-004 | legacy-\\* | Jane Smith, Force SIRO | RISK-2025-101 | 2026-03-31 | EXPIRED | matched 1, not applied (expired) |",
		"| PCLZ-AWS-AUD-002 | retired-\\* | Jane Smith, Force SIRO | RISK-2026-031 | 2027-01-15 | 259 | unused | none |",
		// A pipe in a message does not break the table.
		`trail does not include global service events \| multi-region is off`,
	} {
		assert.Contains(t, out, want)
	}
	// Within a principle, blocking findings are counted per rule (they are listed once, under Blocking
	// findings), then unknowns and waived findings are listed; passes are only counted.
	p2 := out[strings.Index(out, "### 2. Asset protection"):strings.Index(out, "### 3. Separation")]
	assert.NotContains(t, p2, "| FAIL |")
	assert.NotContains(t, p2, "| ERROR |")
	order := []string{"Blocking: ", "| UNKNOWN |", "| WAIVED |"}
	last := -1
	for _, s := range order {
		i := strings.Index(p2, s)
		require.GreaterOrEqual(t, i, 0, s)
		assert.Greater(t, i, last, s)
		last = i
	}
	assert.NotContains(t, p2, "| PASS |")
}

func TestMarkdownEscapes(t *testing.T) {
	t.Parallel()
	out := writeMarkdown(t, hostileReport())
	assert.NotContains(t, out, "<script")
	assert.Contains(t, out, `&lt;script&gt;alert("owned")&lt;/script&gt;\|\*x\*`)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| FAIL |") && strings.Contains(line, "owned") {
			// Escaped pipes do not add cells: 6 columns in principle tables, 4 in blocking tables.
			cells := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)) - 1
			assert.Contains(t, []int{4, 6}, cells, line)
		}
	}
}

// A rule with more than 50 blocking findings is folded in the HTML report, so a large stack's page opens
// at once; every finding is still there, and a rule with fewer is shown unfolded.
func TestHTMLFoldsLongBlockingLists(t *testing.T) {
	t.Parallel()
	r := fixtureReport()
	var many policy.Meta
	for _, m := range r.Rules {
		if m.Enforcement == policy.Mandatory {
			many = m
			break
		}
	}
	for i := range 51 {
		r.Evaluation.Findings = append(r.Evaluation.Findings,
			finding(many, typBucket, fmt.Sprintf("bulk-%02d", i), policy.StatusFail, "bulk failure"))
	}
	var b bytes.Buffer
	require.NoError(t, report.WriteHTML(&b, r))
	out := b.String()
	assert.Contains(t, out, "<details><summary>")
	assert.Contains(t, out, "<details open><summary>")
	assert.Equal(t, 51, strings.Count(out, "bulk failure"))
	md, err := renderMarkdown(r)
	require.NoError(t, err)
	assert.Equal(t, 51, strings.Count(md, "bulk failure"), "Markdown lists blocking findings once, in full")
}

func renderMarkdown(r report.Report) (string, error) {
	var b bytes.Buffer
	err := report.WriteMarkdown(&b, r)
	return b.String(), err
}
