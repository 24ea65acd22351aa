package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/policecloud/landingzones/policy"
)

// FileJUnit is the JUnit XML report's file name.
const FileJUnit = "report.junit.xml"

// The JUnit XML shape CI systems read (Azure DevOps PublishTestResults with testResultsFormat JUnit,
// GitLab's junit test report, Jenkins): testsuites > testsuite > testcase with failure, error or
// skipped.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// WriteJUnit writes the report as JUnit XML for CI test dashboards: one testsuite per rule that had a
// finding to show, named "<stack> <rule ID>: <title>", one testcase per finding named by the resource's
// URN (or "stack <name>" for a verdict on the whole stack), with classname "<stack>.<rule ID>".
//
//   - pass: one testcase per rule, with nothing in it, named for how many findings passed ("12
//     findings pass"; report.json lists their resources); with Report.AllFindings, one testcase per passing finding;
//   - fail: <failure> whose type is "<severity> <enforcement>" ("high mandatory"); only mandatory
//     failures block a deployment, and the failure's text says whether it does;
//   - error (the rule could not check): <error>;
//   - waived: <skipped> naming the approver, risk reference and expiry;
//   - unknown (a value computed at preview; not a pass): <skipped> with the rule's message;
//   - not applicable: left out (counted in the JSON report).
//
// Each suite's properties give the stack, the rule's metadata, the verdict and the report's provenance.
func WriteJUnit(w io.Writer, r Report) error { return writeJUnit(w, r.normalised()) }

func writeJUnit(w io.Writer, r Report) error { return junitDocument(r).write(w) }

// junitDocument builds the JUnit document of a normalised report.
func junitDocument(r Report) junitSuites {
	rules := ruleIndex(r.Rules)
	stack := orDefault(r.Stack, "(stack not known)")
	doc := junitSuites{Name: "lz " + stack, Time: "0"}
	ts := r.GeneratedAt.UTC().Format("2006-01-02T15:04:05")
	generated := r.GeneratedAt.UTC().Format(time.RFC3339)
	var suite *junitSuite
	var classname string
	passes := map[int]int{}
	type caseKey struct{ rule, name string }
	seen := map[caseKey]int{} // the suite's test cases by rule and name
	// Every suite's cases are in one array, each suite's a part of it (with no room to grow into the
	// next suite's).
	n := 0
	for _, f := range r.Evaluation.Findings {
		if f.Status != policy.StatusNotApplicable && (f.Status != policy.StatusPass || r.AllFindings) {
			n++
		}
	}
	cases := make([]junitCase, 0, n)
	start := 0
	endSuite := func() {
		if suite != nil {
			suite.Cases = cases[start:len(cases):len(cases)]
			start = len(cases)
		}
	}
	for _, f := range r.Evaluation.Findings {
		if f.Status == policy.StatusNotApplicable {
			continue
		}
		if suite == nil || !suiteOf(suite.Name, stack, f.RuleID) {
			endSuite()
			clear(seen)
			m, ok := rules[f.RuleID]
			if !ok {
				m = policy.Meta{ID: f.RuleID, Title: f.RuleID, Pack: f.Pack, Severity: f.Severity, Enforcement: f.Enforcement, Principles: f.Principles}
			}
			doc.Suites = append(doc.Suites, junitSuite{
				Name: stack + " " + f.RuleID + ": " + orDefault(m.Title, f.RuleID), Time: "0", Timestamp: ts,
				Properties: []junitProperty{
					{"stack", r.Stack}, {"rule", f.RuleID}, {"pack", string(m.Pack)}, {"severity", string(m.Severity)},
					{"enforcement", string(m.Enforcement)}, {"principles", strings.Join(m.Principles, " ")},
					{"verdict", string(r.Summary.Verdict)}, {"tool", r.Tool}, {"revision", r.Provenance.Revision},
					{"packVersion", r.Provenance.PackVersion}, {"generatedAt", generated},
				},
			})
			suite = &doc.Suites[len(doc.Suites)-1]
			classname = stack + "." + f.RuleID
		}
		if f.Status == policy.StatusPass && !r.AllFindings {
			passes[len(doc.Suites)-1]++
			continue
		}
		name := f.URN
		if name == "" {
			name = "stack " + stack
		}
		key := caseKey{f.RuleID, name}
		seen[key]++
		if n := seen[key]; n > 1 {
			name = fmt.Sprintf("%s #%d", name, n)
		}
		c := junitCase{Name: name, Classname: classname, Time: "0"}
		msg := orDefault(f.Message, string(f.Status))
		switch f.Status {
		case policy.StatusFail:
			block := "advisory: reported, does not block"
			if f.Blocking() {
				block = "blocks the deployment"
			}
			text := msg + "\nresource: " + orDefault(f.URN, "the stack as a whole") + "\nrule: " + f.RuleID +
				" (" + string(f.Severity) + " " + string(f.Enforcement) + "; " + block + ")"
			if f.WaiverExpired && f.Waiver != nil {
				text += fmt.Sprintf("\nwaiver by %s (%s) expired on %s: the failure stands", f.Waiver.Approver, f.Waiver.RiskRef, f.Waiver.Expires.UTC().Format(time.DateOnly))
			}
			c.Failure = &junitProblem{Message: msg, Type: string(f.Severity) + " " + string(f.Enforcement), Text: text}
			suite.Failures++
		case policy.StatusError:
			c.Error = &junitProblem{Message: "the rule could not check this resource: " + msg, Type: string(f.Severity) + " " + string(f.Enforcement), Text: msg}
			suite.Errors++
		case policy.StatusWaived:
			wv := f.Waiver
			note := "waived"
			if wv != nil {
				note = fmt.Sprintf("waived by %s, %s, until %s: %s", wv.Approver, wv.RiskRef, wv.Expires.UTC().Format(time.DateOnly), wv.Justification)
			}
			c.Skipped = &junitSkipped{Message: note}
			c.SystemOut = msg
			suite.Skipped++
		case policy.StatusUnknown:
			c.Skipped = &junitSkipped{Message: "not decided (a value is computed at preview; this is not a pass): " + msg}
			suite.Skipped++
		}
		suite.Tests++
		cases = append(cases, c)
	}
	endSuite()
	for i, n := range passes {
		s := &doc.Suites[i]
		s.Cases = append(s.Cases, junitCase{Name: plural(n, "finding passes", "findings pass"), Classname: stack + "." + ruleOfSuite(s), Time: "0"})
		s.Tests++
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	return doc
}

// junitCounts writes the count and time attributes testsuites and testsuite share, after an open value.
func junitCounts(w markup, tests, failures, errs, skipped int, time string) {
	w.raw(`" tests="`)
	w.int(tests)
	w.raw(`" failures="`)
	w.int(failures)
	w.raw(`" errors="`)
	w.int(errs)
	w.raw(`" skipped="`)
	w.int(skipped)
	w.raw(`" time="`)
	w.xml(time)
}

// write writes the document as encoding/xml would marshal it, indented by two spaces, after the XML
// header and followed by a newline: the same bytes, written directly (a stack's thousands of test cases
// are too many to marshal by reflection).
func (d junitSuites) write(out io.Writer) error {
	w := markup{w: bufio.NewWriterSize(out, 64<<10)}
	w.raw(xml.Header)
	w.raw(`<testsuites name="`)
	w.xml(d.Name)
	junitCounts(w, d.Tests, d.Failures, d.Errors, d.Skipped, d.Time)
	w.raw(`">`)
	for _, s := range d.Suites {
		w.raw("\n  <testsuite name=\"")
		w.xml(s.Name)
		junitCounts(w, s.Tests, s.Failures, s.Errors, s.Skipped, s.Time)
		w.raw(`" timestamp="`)
		w.xml(s.Timestamp)
		w.raw(`">`)
		children := len(s.Properties) > 0 || len(s.Cases) > 0
		if len(s.Properties) > 0 {
			w.raw("\n    <properties>")
			for _, p := range s.Properties {
				w.raw("\n      <property name=\"")
				w.xml(p.Name)
				w.raw(`" value="`)
				w.xml(p.Value)
				w.raw(`"></property>`)
			}
			w.raw("\n    </properties>")
		}
		for _, c := range s.Cases {
			w.raw("\n    <testcase name=\"")
			w.xml(c.Name)
			w.raw(`" classname="`)
			w.xml(c.Classname)
			w.raw(`" time="`)
			w.xml(c.Time)
			w.raw(`">`)
			w.problem("failure", c.Failure)
			w.problem("error", c.Error)
			if c.Skipped != nil {
				w.raw("\n      <skipped message=\"")
				w.xml(c.Skipped.Message)
				w.raw(`"></skipped>`)
			}
			if c.SystemOut != "" {
				w.raw("\n      <system-out>")
				w.xml(c.SystemOut)
				w.raw("</system-out>")
			}
			if c.Failure != nil || c.Error != nil || c.Skipped != nil || c.SystemOut != "" {
				w.raw("\n    ")
			}
			w.raw("</testcase>")
		}
		if children {
			w.raw("\n  ")
		}
		w.raw("</testsuite>")
	}
	if len(d.Suites) > 0 {
		w.raw("\n")
	}
	w.raw("</testsuites>\n")
	return w.flush()
}

// problem writes a failure or error element, if p is not nil.
func (w markup) problem(name string, p *junitProblem) {
	if p == nil {
		return
	}
	w.raw("\n      <")
	w.raw(name)
	w.raw(` message="`)
	w.xml(p.Message)
	w.raw(`" type="`)
	w.xml(p.Type)
	w.raw(`">`)
	w.xml(p.Text)
	w.raw("</")
	w.raw(name)
	w.raw(">")
}

// suiteOf reports whether the suite named name is the rule's: whether name starts with "<stack> <rule>:".
func suiteOf(name, stack, rule string) bool {
	rest, ok := strings.CutPrefix(name, stack)
	if !ok || !strings.HasPrefix(rest, " ") {
		return false
	}
	rest, ok = strings.CutPrefix(rest[1:], rule)
	return ok && strings.HasPrefix(rest, ":")
}

// ruleOfSuite is the rule ID a suite's properties name.
func ruleOfSuite(s *junitSuite) string {
	for _, p := range s.Properties {
		if p.Name == "rule" {
			return p.Value
		}
	}
	return ""
}
