package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// howToRead is the reviewers' guide, shared by the Markdown and HTML reports.
var howToRead = []string{
	"Each rule checks one control on every resource it covers and gives one finding per resource: " +
		"PASS (the control is met), FAIL (it is not), UNKNOWN (a value the rule needs is only known after " +
		"deployment, so the control is not yet evidenced: this is not a pass), WAIVED (it fails, but the " +
		"accreditor has accepted the risk until the date shown), N/A (the rule does not cover this resource " +
		"or tier) and ERROR (the rule itself could not run: treated as a failure).",
	"A finding is blocking when a mandatory rule fails or errors; any blocking finding makes the verdict " +
		"BLOCKED and stops the deployment. Advisory rules report without blocking. PASS WITH WAIVERS means " +
		"nothing blocks but at least one failure stands only under a waiver.",
	"Findings are grouped by the NCSC Cloud Security Principles their rules cite; a finding counts once " +
		"under each top-level principle its rule cites, so principle totals can add up to more than the " +
		"overall total. A principle with no findings is not evidenced by these rules.",
	"The waiver register lists every waiver given: who approved it, the risk register reference, when " +
		"it expires (days left are counted from the report date), and which resources it matched. An " +
		"expired waiver no longer applies and the failures it covered stand.",
}

// WriteMarkdown writes the report as Markdown: facts and verdict, summary tables, blocking findings with
// remediation, findings per NCSC principle, the waiver register and the rule catalogue, followed by
// MarkdownExtra.
func WriteMarkdown(w io.Writer, r Report) error { return writeMarkdown(w, newView(r.normalised())) }

func writeMarkdown(out io.Writer, v view) error {
	w := bufio.NewWriter(out)
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	var row []byte // a table row of findings, written without fmt: a stack has thousands

	p("# Policy report: %s (%s, %s)\n\n", md(v.Stack), md(v.Cloud), md(v.Tier))
	p("**Verdict: %s**", v.Verdict)
	if len(v.VerdictNotes) > 0 {
		p(": %s", md(strings.Join(v.VerdictNotes, "; ")))
	}
	p("\n\n")
	p("| Stack | Cloud | Tier | Role | Stack file | Generated | Tool | Resources | Rules |\n")
	p("|---|---|---|---|---|---|---|---:|---:|\n")
	p("| %s | %s | %s | %s | %s | %s | %s | %d | %d |\n\n", md(v.Stack), md(v.Cloud), md(v.Tier), md(v.Role),
		md(v.StackFile), v.Generated, md(v.Tool), v.ResourceCount, v.RuleCount)
	p("Inputs: %s\n\n", md(v.Inputs))
	p("Policy config in force: %s\n\n", md(v.PolicyConfig))
	p("Provenance: %s\n\n", md(v.Provenance))

	p("## How to read this report\n\n")
	for _, para := range howToRead {
		p("%s\n\n", para)
	}

	p("## Summary\n\n")
	countsHeader(p, "Scope")
	countsLine(p, "**Overall**", v.Summary.Overall)
	for _, row := range v.Packs {
		countsLine(p, "pack: "+md(row.Label), row.Counts)
	}
	p("\n")
	countsHeader(p, "Severity")
	for _, row := range v.Severities {
		countsLine(p, md(row.Label), row.Counts)
	}
	p("\nBlocking findings: %d. Advisory failures: %d. Waivers: %d given, %d active, %d expired, %d unused.\n\n",
		v.Summary.Blocking, v.Summary.Advisory, v.Summary.Waivers.Total, v.Summary.Waivers.Active,
		v.Summary.Waivers.Expired, v.Summary.Waivers.Unused)

	p("## Blocking findings\n\n")
	if len(v.Blocking) == 0 {
		p("None: no mandatory rule failed.\n\n")
	}
	for _, g := range v.Blocking {
		p("### %s: %s\n\n", md(g.Rule.ID), md(g.Rule.Title))
		p("Severity %s, %s. NCSC principles: %s.\n\n", md(g.Rule.Severity), md(g.Rule.Enforcement), md(g.Rule.Principles))
		p("**Remediation:** %s\n\n", md(g.Rule.Remediation))
		p("| Status | Resource | URN | Finding |\n|---|---|---|---|\n")
		for _, f := range g.Findings {
			row = append(row[:0], "| "...)
			row = append(row, f.StatusLabel...)
			row = appendMDCells(row, f.Resource, f.URN)
			row = appendMDFinding(row, f)
			_, _ = w.Write(row)
		}
		p("\n")
	}

	p("## Findings by NCSC Cloud Security Principle\n\n")
	p("| Principle | Pass | Fail | Unknown | Waived | N/A | Error | Total |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, pv := range v.Principles {
		c := pv.Counts
		p("| %s %s | %d | %d | %d | %d | %d | %d | %d |\n", md(pv.ID), md(pv.Title), c.Pass, c.Fail, c.Unknown, c.Waived, c.NotApplicable, c.Error, c.Total)
	}
	p("\n")
	for _, pv := range v.Principles {
		p("### %s. %s\n\n", md(pv.ID), md(pv.Title))
		if pv.Counts.Total == 0 {
			p("No rule in this report covers this principle.\n\n")
			continue
		}
		if len(pv.Blocking) > 0 {
			p("%s\n\n", md(blockingLine(pv)))
		}
		if len(pv.Issues) > 0 {
			p("| Status | Rule | Severity | Resource | Type | Finding |\n|---|---|---|---|---|---|\n")
			for _, f := range pv.Issues {
				row = append(row[:0], "| "...)
				row = append(row, f.StatusLabel...)
				row = appendMDCells(row, f.RuleID, f.Severity, f.Resource, f.ResourceType)
				row = appendMDFinding(row, f)
				_, _ = w.Write(row)
			}
			p("\n")
		}
		p("%s", md(passLine(pv)))
		p("\n\n")
	}

	p("## Waiver register\n\n")
	if len(v.Waivers) == 0 {
		p("No waivers were given.\n\n")
	} else {
		p("| Rule | Resource | Approver | Risk ref | Expires | Days left | Used | Matched resources | Justification |\n")
		p("|---|---|---|---|---|---|---|---|---|\n")
		for _, wv := range v.Waivers {
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", md(wv.RuleID), md(wv.Resource), md(wv.Approver),
				md(wv.RiskRef), wv.Expires, wv.DaysLeft, md(wv.Used), mdList(wv.URNs), md(wv.Justification))
		}
		p("\n")
	}

	p("## Rule catalogue\n\n")
	p("| Rule | Title | Pack | Severity | Enforcement | NCSC principles | Tiers | Waivable |\n|---|---|---|---|---|---|---|---|\n")
	for _, rv := range v.Rules {
		p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", md(rv.ID), md(rv.Title), md(rv.Pack), md(rv.Severity),
			md(rv.Enforcement), md(rv.Principles), md(rv.Tiers), rv.Waivable)
	}
	if v.MarkdownExtra != "" {
		p("\n%s", strings.TrimRight(v.MarkdownExtra, "\n"))
	}
	p("\n")
	return w.Flush()
}

// appendMDCells appends " | " and each cell, escaped (md).
func appendMDCells(b []byte, cells ...string) []byte {
	for _, c := range cells {
		b = append(b, " | "...)
		b = appendMD(b, c)
	}
	return b
}

// appendMDFinding appends the last cell of a finding's row, its message with its waiver note, and ends
// the row.
func appendMDFinding(b []byte, f findingView) []byte {
	b = appendMDCells(b, f.Message)
	if f.WaiverNote != "" {
		b = append(b, " ("...)
		b = appendMD(b, f.WaiverNote)
		b = append(b, ')')
	}
	return append(b, " |\n"...)
}

// passLine says what passed under a principle, per rule, and how many findings did not apply.
func passLine(pv principleView) string {
	s := fmt.Sprintf("Passed: %d", pv.Counts.Pass) + tallies(pv.Passed)
	return s + fmt.Sprintf(". Not applicable: %d.", pv.NotApplicable)
}

// blockingLine counts a principle's blocking findings per rule; they are listed under Blocking findings.
func blockingLine(pv principleView) string {
	n := 0
	for _, t := range pv.Blocking {
		n += t.N
	}
	return fmt.Sprintf("Blocking: %d", n) + tallies(pv.Blocking) + " (listed under Blocking findings)."
}

func tallies(ts []ruleTally) string {
	if len(ts) == 0 {
		return ""
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s (%d)", t.RuleID, t.N)
	}
	return ": " + strings.Join(parts, ", ")
}

func countsHeader(p func(string, ...any), first string) {
	p("| %s | Pass | Fail | Unknown | Waived | N/A | Error | Total |\n|---|---:|---:|---:|---:|---:|---:|---:|\n", first)
}

func countsLine(p func(string, ...any), label string, c Counts) {
	p("| %s | %d | %d | %d | %d | %d | %d | %d |\n", label, c.Pass, c.Fail, c.Unknown, c.Waived, c.NotApplicable, c.Error, c.Total)
}

// md makes text safe inside Markdown prose and table cells (appendMD).
func md(s string) string { return string(appendMD(nil, s)) }

// appendMD appends s without its leading and trailing white space, safe inside Markdown prose and table
// cells: no table breaks, no emphasis, links or inline HTML from data (a resource name "<script>" stays
// text). Markdown's punctuation is escaped with a backslash, < > & as character references, and each line
// break (CR LF, LF or CR) is a space.
func appendMD(b []byte, s string) []byte {
	s = strings.TrimSpace(s)
	last := 0
	for i := 0; i < len(s); i++ {
		esc := mdEscapes[s[i]]
		if esc == "" {
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		last = i + 1
	}
	return append(b, s[last:]...)
}

// mdEscapes holds what appendMD writes for each byte it does not write as it is.
var mdEscapes = [256]string{
	'\\': `\\`, '|': `\|`, '*': `\*`, '_': `\_`, '`': "\\`", '[': `\[`, ']': `\]`,
	'<': "&lt;", '>': "&gt;", '&': "&amp;", '\n': " ", '\r': " ",
}

func mdList(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = md(s)
	}
	return strings.Join(out, "<br>")
}
