package report_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/provenance"
	"github.com/policecloud/landingzones/policy/report"
)

// Every human-readable report, and the evidence pack's index, says which build and which pack made it.
func TestProvenanceInEveryReport(t *testing.T) {
	t.Parallel()
	line := "github.com/policecloud/landingzones v0.1.0, revision " + fixtureRevision +
		"; policy pack policecloud-landingzones " + provenance.PackVersion + "; built with go1.26.8"
	out := render(t, fixtureReport())
	assert.Contains(t, string(out[report.FileMarkdown]), "Provenance: "+line+"\n")
	assert.Contains(t, string(out[report.FileHTML]), `<tr><th scope="row">Provenance</th><td>`+line+`</td></tr>`)
	assert.Contains(t, string(out[report.FileHTML]), `<tr><th scope="row">Generated</th><td>2026-05-01 09:30:00 UTC</td></tr>`)

	ix := report.Index{GeneratedAt: generatedAt, Tool: "lz v0.1.0 (test)", Provenance: fixtureReport().Provenance,
		Stacks: []report.IndexStack{{Report: fixtureReport(), LandingZone: "pos", Dir: "stacks/pos-bronze"}}}
	var md, html bytes.Buffer
	require.NoError(t, report.WriteIndexMarkdown(&md, ix))
	require.NoError(t, report.WriteIndexHTML(&html, ix))
	assert.Contains(t, md.String(), "Generated 2026-05-01 09:30:00 UTC by lz v0.1.0 (test). 1 of 1 stacks blocked.\n\nProvenance: "+line+"\n")
	assert.Contains(t, html.String(), "<p>Provenance: "+line+"</p>")

	// A report built with no provenance says so.
	r := fixtureReport()
	r.Provenance = provenance.Build{}
	assert.Contains(t, string(render(t, r)[report.FileMarkdown]), "Provenance: (not recorded)\n")
}
