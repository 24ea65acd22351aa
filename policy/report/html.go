package report

import (
	_ "embed"
	"html/template"
	"io"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is parsed once; html/template escapes every value by context.
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

func writeHTML(w io.Writer, v view) error {
	return htmlTemplate.Execute(w, htmlView{view: v, Guide: howToRead, SchemaVersion: SchemaVersion})
}
