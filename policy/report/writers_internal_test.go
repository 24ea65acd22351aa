package report

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/sarifcheck"
	"github.com/policecloud/landingzones/policy"
)

// awkward are strings the escapers must treat as the standard library's encoders do: markup characters,
// whitespace, control characters, non-ASCII, invalid UTF-8 and characters XML cannot hold.
var awkward = []string{
	"", "plain", `"quoted"`, "it's", "a < b > c", "AT&T &amp;", "line\nbreak", "tab\there", "cr\r\nlf",
	"nul\x00byte", "bell\x07 esc\x1b del\x7f", "café naïve", "日本語", "emoji 🚓", "\u2028\u2029", "\ufffd",
	"\ufffe\uffff", "bad \xff\xfe utf8", "truncated \xc3", "surrogate \xed\xa0\x80", "a+b=c", "<script>alert('x')</script>",
	"  spaced  ", "]]> <![CDATA[", "`back|tick*_[x]`", "key: value",
}

// awkwardString joins one to three awkward strings.
func awkwardString(rng *rand.Rand) string {
	var b strings.Builder
	for n := 1 + rng.IntN(3); n > 0; n-- {
		b.WriteString(awkward[rng.IntN(len(awkward))])
	}
	return b.String()
}

// awkwardReport is a report of n findings in every status whose every string is awkward.
func awkwardReport(seed uint64, n int) Report {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := func() string { return awkwardString(rng) }
	day := time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)
	r := Report{
		Stack: s(), Cloud: s(), Role: s(), Tool: s(), StackFile: s(), GeneratedAt: day,
		Inputs: []InputFile{{Role: s(), Path: s(), SHA256: s()}},
	}
	r.Provenance.Version, r.Provenance.Revision, r.Provenance.PackVersion = s(), s(), s()
	sevs, statuses := policy.Severities(), policy.Statuses()
	for i := range 4 {
		r.Rules = append(r.Rules, policy.Meta{
			ID: fmt.Sprintf("R-%d%s", i, s()), Title: s(), Description: s(), Remediation: s(), Pack: policy.Pack(s()),
			Severity: sevs[i%len(sevs)], Enforcement: []policy.Enforcement{policy.Mandatory, policy.Advisory}[i%2],
			Principles: []string{"2.3", s()}, ResourceTypes: []string{s()}, Waivable: i%2 == 0,
			References: []policy.Reference{{Source: s(), ID: s()}},
		})
	}
	for i := range n {
		m := r.Rules[rng.IntN(len(r.Rules))]
		if i%17 == 0 {
			m = policy.Meta{ID: "MISSING" + s(), Severity: sevs[i%len(sevs)], Enforcement: policy.Mandatory}
		}
		f := policy.Finding{
			RuleID: m.ID, Pack: m.Pack, Severity: m.Severity, Enforcement: m.Enforcement, Principles: m.Principles,
			URN: s(), ResourceType: s(), ResourceName: s(), Status: statuses[rng.IntN(len(statuses))], Message: s(),
		}
		if i%5 == 0 {
			f.URN = ""
		}
		if f.Status == policy.StatusWaived || (f.Status == policy.StatusFail && i%3 == 0) {
			f.Waiver = &policy.Waiver{RuleID: f.RuleID, Resource: s(), Justification: s(), Approver: s(), RiskRef: s(),
				Expires: day.AddDate(0, 0, rng.IntN(90)-30), Line: i}
			f.WaiverExpired = f.Status == policy.StatusFail
		}
		r.Evaluation.Findings = append(r.Evaluation.Findings, f)
		if i%7 == 0 {
			r.Evaluation.Findings = append(r.Evaluation.Findings, f) // the same resource twice: "#2" test cases
		}
		if i%11 == 0 {
			r.Locations = append(r.Locations, SourceLocation{RuleID: f.RuleID, URN: f.URN, Message: f.Message,
				File: s(), Line: 1 + i, Column: i % 4, Key: s()})
		}
	}
	for i := range 3 {
		w := policy.Waiver{RuleID: r.Rules[i].ID, Resource: s(), Justification: s(), Approver: s(), RiskRef: s(),
			Expires: day.AddDate(0, 0, 40*i-30), Line: i + 1}
		r.Evaluation.Waivers = append(r.Evaluation.Waivers, policy.WaiverUse{Waiver: w, Expired: i == 0, URNs: []string{s(), s()}})
	}
	r.Resources = []ResourceSummary{{URN: s(), Type: s(), Name: s(), Parent: s(), Tier: s(), TierSource: s(), TierVia: s()}}
	r.Summary = Summarise(r.Rules, r.Evaluation)
	return r.normalised()
}

// The JUnit writer gives the bytes encoding/xml gives for the same document.
func TestJUnitWriterMatchesEncodingXML(t *testing.T) {
	t.Parallel()
	for seed := range uint64(20) {
		for _, all := range []bool{false, true} {
			r := awkwardReport(seed, 60)
			r.AllFindings = all
			doc := junitDocument(r)
			var want bytes.Buffer
			want.WriteString(xml.Header)
			enc := xml.NewEncoder(&want)
			enc.Indent("", "  ")
			require.NoError(t, enc.Encode(doc))
			want.WriteString("\n")
			var got bytes.Buffer
			require.NoError(t, doc.write(&got))
			require.Equal(t, want.String(), got.String(), "seed %d", seed)
		}
	}
	// A report with no findings: no test suite.
	var want, got bytes.Buffer
	doc := junitDocument(Report{}.normalised())
	want.WriteString(xml.Header)
	enc := xml.NewEncoder(&want)
	enc.Indent("", "  ")
	require.NoError(t, enc.Encode(doc))
	want.WriteString("\n")
	require.NoError(t, doc.write(&got))
	assert.Equal(t, want.String(), got.String())
	assert.Equal(t, xml.Header+`<testsuites name="lz (stack not known)" tests="0" failures="0" errors="0" skipped="0" time="0"></testsuites>`+"\n", got.String())
}

func TestSuiteOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, stack, rule string
		want              bool
	}{
		{"pos PCLZ-AWS-REG-001: AWS providers are pinned", "pos", "PCLZ-AWS-REG-001", true},
		{"pos PCLZ-AWS-REG-001: AWS providers are pinned", "pos", "PCLZ-AWS-REG-00", false},
		{"pos PCLZ-AWS-REG-001: AWS providers are pinned", "po", "PCLZ-AWS-REG-001", false},
		{"pos PCLZ-AWS-REG-001: AWS providers are pinned", "pos-gold", "PCLZ-AWS-REG-001", false},
		{"pos R: T: U", "pos", "R: T", true}, // as "<stack> <rule>:" matched the name before
		{"pos R", "pos", "R", false},
	} {
		assert.Equal(t, tt.want, suiteOf(tt.name, tt.stack, tt.rule), "%q %q %q", tt.name, tt.stack, tt.rule)
		assert.Equal(t, strings.HasPrefix(tt.name, tt.stack+" "+tt.rule+":"), suiteOf(tt.name, tt.stack, tt.rule))
	}
}

// Every awkward string, alone and in every pair, escapes as encoding/xml escapes it.
func TestXMLEscapeMatchesEncodingXML(t *testing.T) {
	t.Parallel()
	for _, a := range awkward {
		for _, b := range append([]string{""}, awkward...) {
			s := a + b
			var want bytes.Buffer
			require.NoError(t, xml.EscapeText(&want, []byte(s)))
			var got bytes.Buffer
			w := markup{w: bufio.NewWriter(&got)}
			w.xml(s)
			require.NoError(t, w.flush())
			require.Equal(t, want.String(), got.String(), "%q", s)
		}
	}
}

// rowTemplates are the loops over findings the page's template had, before writeHTML wrote the rows.
var rowTemplates = template.Must(template.New("rows").Parse(rowTemplateSource))

const rowTemplateSource = `{{define "blocking"}}{{range .}}<tr><td><span class="st {{.StatusClass}}">{{.StatusLabel}}</span></td><td>{{.Resource}}<br><span class="urn">{{.URN}}</span></td><td>{{.Message}}{{if .WaiverNote}}<br><em>{{.WaiverNote}}</em>{{end}}</td></tr>
{{end}}{{end}}` +
	`{{define "issues"}}{{range .}}<tr><td><span class="st {{.StatusClass}}">{{.StatusLabel}}</span></td><td>{{.RuleID}}<br><span class="muted">{{.RuleTitle}}</span></td><td>{{.Severity}}, {{.Enforcement}}</td><td>{{.Resource}}<br><span class="urn">{{.ResourceType}}</span></td><td>{{.Message}}{{if .WaiverNote}}<br><em>{{.WaiverNote}}</em>{{end}}</td></tr>
{{end}}{{end}}`

// The rows writeHTML writes are the bytes the template's loops gave, awkward strings and all.
func TestHTMLRowsMatchTemplate(t *testing.T) {
	t.Parallel()
	var rows []findingView
	for seed := range uint64(20) {
		v := newView(awkwardReport(seed, 60))
		for _, g := range v.Blocking {
			rows = append(rows, g.Findings...)
		}
		for _, p := range v.Principles {
			rows = append(rows, p.Issues...)
		}
	}
	require.Greater(t, len(rows), 500)
	for _, kind := range []struct {
		name  string
		write func(markup, findingView)
	}{{"blocking", blockingRow}, {"issues", issueRow}} {
		var want, got bytes.Buffer
		require.NoError(t, rowTemplates.ExecuteTemplate(&want, kind.name, rows))
		w := markup{w: bufio.NewWriter(&got)}
		for _, f := range rows {
			kind.write(w, f)
		}
		require.NoError(t, w.flush())
		require.Equal(t, want.String(), got.String(), kind.name)
	}
}

// Every awkward string, alone and in every pair, escapes as html/template escapes it in text and in a
// quoted attribute.
func TestHTMLEscapeMatchesTemplate(t *testing.T) {
	t.Parallel()
	tmpl := template.Must(template.New("").Parse(`{{.}}|<span class="{{.}}">`))
	for _, a := range awkward {
		for _, b := range append([]string{""}, awkward...) {
			s := a + b
			var want bytes.Buffer
			require.NoError(t, tmpl.Execute(&want, s))
			var got bytes.Buffer
			w := markup{w: bufio.NewWriter(&got)}
			w.html(s)
			w.raw(`|<span class="`)
			w.html(s)
			w.raw(`">`)
			require.NoError(t, w.flush())
			require.Equal(t, want.String(), got.String(), "%q", s)
		}
	}
}

// The page in parts is the page one template gives with the loops over findings in it: every part is
// reached by a report with blocking findings, issues, a principle no rule covers, waivers and a diagram.
func TestHTMLPageMatchesOneTemplate(t *testing.T) {
	t.Parallel()
	whole := template.Must(template.Must(template.New("report").Parse(htmlSource)).Parse(rowTemplateSource + `{{define "page"}}` +
		`{{template "head" .}}{{range .Blocking}}{{template "blocking-rule" .}}{{template "blocking" .Findings}}{{template "blocking-rule-end" .}}{{end}}` +
		`{{template "principles" .}}{{range .Principles}}{{template "principle" .}}{{if ne .Counts.Total 0}}{{template "issues" .Issues}}{{end}}{{template "principle-end" .}}{{end}}` +
		`{{template "tail" .}}{{end}}`))
	for seed := range uint64(10) {
		r := awkwardReport(seed, 80)
		r.HTMLDiagram = "<svg></svg>"
		v := newView(r)
		require.NotEmpty(t, v.Blocking)
		require.NotEmpty(t, v.Waivers)
		var covered, uncovered bool
		for _, p := range v.Principles {
			covered = covered || len(p.Issues) > 0
			uncovered = uncovered || p.Counts.Total == 0
		}
		require.True(t, covered && uncovered)
		var want, got bytes.Buffer
		require.NoError(t, whole.ExecuteTemplate(&want, "page", htmlView{view: v, Guide: howToRead, SchemaVersion: SchemaVersion}))
		require.NoError(t, writeHTML(&got, v))
		require.Equal(t, want.String(), got.String(), "seed %d", seed)
		page := got.String()
		assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>\n"))
		assert.True(t, strings.HasSuffix(page, "</body>\n</html>\n"))
		assert.Equal(t, len(v.Blocking), strings.Count(page, "</details>"))
		assert.Contains(t, page, "<svg></svg>")
	}
}

// Every awkward string, alone and in every pair, is the JSON string encoding/json writes with HTML
// escaping off.
func TestJSONStringMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, a := range awkward {
		for _, b := range append([]string{""}, awkward...) {
			s := a + b
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(s))
			require.Equal(t, strings.TrimSuffix(want.String(), "\n"), string(appendJSONString(nil, s)), "%q", s)
		}
	}
}

// A SARIF log of awkward strings is valid SARIF 2.1.0 whose results say what the findings say.
func TestSARIFAwkwardStrings(t *testing.T) {
	t.Parallel()
	for seed := range uint64(10) {
		r := awkwardReport(seed, 80)
		// Files are paths in the repository, which SARIF gives as URI references: no awkward file names.
		r.StackFile = "stacks/Pulumi.pos-gold.yaml"
		for k, l := range r.locationIndex {
			l.File = "stacks/Pulumi.pos-gold.yaml"
			r.locationIndex[k] = l
		}
		if seed%2 == 1 {
			// No stack file and no input file: no artifact, so a located result names its file only (even
			// a location with no file name).
			r.StackFile, r.Inputs = "", nil
			// Every other location, in a fixed order (a map's order changes from run to run).
			keys := slices.SortedFunc(maps.Keys(r.locationIndex), func(a, b locationKey) int {
				return cmp.Or(cmp.Compare(a.ruleID, b.ruleID), cmp.Compare(a.urn, b.urn), cmp.Compare(a.message, b.message))
			})
			for n, k := range keys {
				if n%2 == 0 {
					l := r.locationIndex[k]
					l.File = ""
					r.locationIndex[k] = l
				}
			}
		}
		var b bytes.Buffer
		require.NoError(t, writeSARIF(&b, r))
		require.NoError(t, sarifcheck.Schema(b.Bytes()), "seed %d", seed)
		if seed%2 == 1 {
			assert.NotContains(t, b.String(), `"artifacts"`) //nolint:misspell // SARIF's name
			assert.NotContains(t, b.String(), `"index"`)
			assert.Contains(t, b.String(), `"physicalLocation":{"artifactLocation":{"uri":"stacks/Pulumi.pos-gold.yaml"},"region"`)
			assert.Contains(t, b.String(), `"physicalLocation":{"artifactLocation":{"uri":""},"region"`)
		}
		var doc struct {
			Runs []struct {
				Results []struct {
					RuleID  string `json:"ruleId"`
					Message struct{ Text string }
					Locs    []struct {
						Logical []struct {
							FullyQualifiedName string `json:"fullyQualifiedName"`
						} `json:"logicalLocations"`
					} `json:"locations"`
					Properties map[string]any `json:"properties"`
				} `json:"results"`
			} `json:"runs"`
		}
		require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
		// decoded is s as a JSON reader reads it back (invalid UTF-8 becomes U+FFFD).
		decoded := func(s string) string {
			var out string
			require.NoError(t, json.Unmarshal(appendJSONString(nil, s), &out))
			return out
		}
		var want []policy.Finding
		for _, f := range r.Evaluation.Findings {
			if sarifReported(f.Status) {
				want = append(want, f)
			}
		}
		results := doc.Runs[0].Results
		require.Len(t, results, len(want))
		for i, f := range want {
			res := results[i]
			assert.Equal(t, decoded(f.RuleID), res.RuleID)
			assert.Contains(t, res.Message.Text, decoded(f.Message))
			assert.Equal(t, decoded(string(f.Status)), res.Properties["status"])
			assert.Equal(t, decoded(f.ResourceType), res.Properties["resourceType"])
			if f.URN != "" {
				assert.Equal(t, decoded(f.URN), res.Locs[0].Logical[0].FullyQualifiedName)
			}
		}
	}
}

// The JSON report's list elements, written by hand, are the bytes encoding/json writes for them.
func TestJSONElementsMatchEncodingJSON(t *testing.T) {
	t.Parallel()
	compact := func(v any) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(v))
		return strings.TrimSuffix(b.String(), "\n")
	}
	var waived, located int
	for seed := range uint64(20) {
		r := awkwardReport(seed, 60)
		rules, tops := ruleIndex(r.Rules), topLevelCache{}
		for _, f := range r.Evaluation.Findings {
			jf := jsonFindingOf(r, f, rules, tops)
			require.Equal(t, compact(jf), string(jf.appendJSON(nil)))
			if jf.Waiver != nil {
				waived++
			}
			if jf.Location != nil {
				located++
			}
		}
		for _, rr := range ruleResults(r.Evaluation.Findings) {
			require.Equal(t, compact(rr), string(rr.appendJSON(nil)))
		}
		for _, rs := range append(r.Resources, ResourceSummary{URN: "u"}) {
			require.Equal(t, compact(rs), string(rs.appendJSON(nil)))
		}
		var b bytes.Buffer
		require.NoError(t, writeJSON(&b, r))
		require.True(t, json.Valid(b.Bytes()))
	}
	// Findings with a waiver and with a location were among them.
	require.Greater(t, waived, 50)
	require.Greater(t, located, 50)
}

// sortIssueRows is a stable sort by compareIssueRows: rows that compare equal keep their order.
func TestSortIssueRowsIsStable(t *testing.T) {
	t.Parallel()
	var rows []findingView
	for seed := range uint64(5) {
		for _, f := range awkwardReport(seed, 80).Evaluation.Findings {
			fv := findingRow(f, nil)
			rows = append(rows, fv, fv)
			fv.Resource += " (second)" // the same key, another row: its place among equals is the test
			rows = append(rows, fv)
		}
	}
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	want := slices.Clone(rows)
	slices.SortStableFunc(want, func(a, b findingView) int { return compareIssueRows(&a, &b) })
	sortIssueRows(rows)
	require.Equal(t, want, rows)
}

// mdReplacer is how Markdown text was escaped before appendMD: the reference it must agree with.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", " ", "\n", " ", "\r", " ",
)

func mdReference(s string) string { return mdReplacer.Replace(strings.TrimSpace(s)) }

// Every awkward string, alone and in every pair, escapes for Markdown as before, and so do the rows of
// findings.
func TestMarkdownEscape(t *testing.T) {
	t.Parallel()
	extra := []string{"\r\n\r", "\n\r", "a\r", "\\|*_`[]", " \u00a0 x \u2003"}
	for _, a := range append(awkward, extra...) {
		for _, b := range append([]string{""}, append(awkward, extra...)...) {
			require.Equal(t, mdReference(a+b), md(a+b), "%q", a+b)
		}
	}
	for seed := range uint64(5) {
		v := newView(awkwardReport(seed, 60))
		for _, p := range v.Principles {
			for _, f := range p.Issues {
				note := mdReference(f.Message)
				if f.WaiverNote != "" {
					note += " (" + mdReference(f.WaiverNote) + ")"
				}
				want := fmt.Sprintf("| %s | %s | %s | %s | %s | %s |\n", f.StatusLabel, mdReference(f.RuleID), mdReference(f.Severity),
					mdReference(f.Resource), mdReference(f.ResourceType), note)
				got := appendMDFinding(appendMDCells([]byte("| "+f.StatusLabel), f.RuleID, f.Severity, f.Resource, f.ResourceType), f)
				require.Equal(t, want, string(got))
			}
		}
	}
}
