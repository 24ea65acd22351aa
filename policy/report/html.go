package report

import (
	"bufio"
	_ "embed"
	"html/template"
	"io"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is parsed once; html/template escapes every value by context. It holds the page in parts
// (head, blocking-rule, blocking-rule-end, principles, principle, principle-end, tail): writeHTML writes
// the per-finding table rows between them.
var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// htmlView adds what only the HTML page shows to the shared view.
type htmlView struct {
	view
	Guide         []string
	SchemaVersion string
}

// WriteHTML writes the report as one self-contained HTML page: inline CSS, no scripts, no external
// assets, readable when printed. Statuses are shown as text as well as colour.
func WriteHTML(w io.Writer, r Report) error { return writeHTML(w, newView(r.normalised())) }

// writeHTML renders the page's parts with the template and the rows of the finding tables, thousands in
// a large stack, with htmlRows: the same bytes the template's loops over them gave, without reflection
// for every finding.
func writeHTML(out io.Writer, v view) error {
	w := markup{w: bufio.NewWriterSize(out, 64<<10)}
	page := htmlView{view: v, Guide: howToRead, SchemaVersion: SchemaVersion}
	exec := func(name string, data any) error { return htmlTemplate.ExecuteTemplate(w.w, name, data) }
	if err := exec("head", page); err != nil {
		return err
	}
	for _, g := range v.Blocking {
		if err := exec("blocking-rule", g); err != nil {
			return err
		}
		for _, f := range g.Findings {
			blockingRow(w, f)
		}
		if err := exec("blocking-rule-end", g); err != nil {
			return err
		}
	}
	if err := exec("principles", page); err != nil {
		return err
	}
	for _, p := range v.Principles {
		if err := exec("principle", p); err != nil {
			return err
		}
		if p.Counts.Total != 0 {
			for _, f := range p.Issues {
				issueRow(w, f)
			}
		}
		if err := exec("principle-end", p); err != nil {
			return err
		}
	}
	if err := exec("tail", page); err != nil {
		return err
	}
	return w.flush()
}

// blockingRow writes one row of a rule's blocking findings: status, resource and URN, message.
func blockingRow(w markup, f findingView) {
	statusCell(w, f)
	twoLineCell(w, f.Resource, "urn", f.URN)
	messageCell(w, f)
}

// issueRow writes one row of a principle's issues: status, rule, severity, resource and type, message.
func issueRow(w markup, f findingView) {
	statusCell(w, f)
	twoLineCell(w, f.RuleID, "muted", f.RuleTitle)
	w.raw("<td>")
	w.html(f.Severity)
	w.raw(", ")
	w.html(f.Enforcement)
	w.raw("</td>")
	twoLineCell(w, f.Resource, "urn", f.ResourceType)
	messageCell(w, f)
}

// twoLineCell writes a cell of two lines: main, and under it sub in a span of class class.
func twoLineCell(w markup, main, class, sub string) {
	w.raw("<td>")
	w.html(main)
	w.raw(`<br><span class="` + class + `">`)
	w.html(sub)
	w.raw("</span></td>")
}

// statusCell opens a row with the finding's status.
func statusCell(w markup, f findingView) {
	w.raw(`<tr><td><span class="st `)
	w.html(f.StatusClass)
	w.raw(`">`)
	w.html(f.StatusLabel)
	w.raw("</span></td>")
}

// messageCell closes a row with the finding's message and waiver note.
func messageCell(w markup, f findingView) {
	w.raw("<td>")
	w.html(f.Message)
	if f.WaiverNote != "" {
		w.raw("<br><em>")
		w.html(f.WaiverNote)
		w.raw("</em>")
	}
	w.raw("</td></tr>\n")
}
