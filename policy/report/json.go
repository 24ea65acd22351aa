package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
)

// The JSON document. Every field is always present (no omitempty) and every list is an array, never
// null, so consumers can rely on the shape; SCHEMA.md documents each field.
type jsonDoc struct {
	SchemaVersion string                `json:"schemaVersion"`
	GeneratedAt   string                `json:"generatedAt"`
	Tool          string                `json:"tool"`
	Provenance    provenance.Build      `json:"provenance"`
	Inputs        []InputFile           `json:"inputs"`
	PolicyConfig  []packconfig.Override `json:"policyConfig"`
	Stack         jsonStack             `json:"stack"`
	Summary       jsonSummary           `json:"summary"`
	// FindingsListed says which findings the findings list holds: FindingsIssues or FindingsAll.
	FindingsListed string            `json:"findingsListed"`
	Rules          []jsonRule        `json:"rules"`
	Findings       []jsonFinding     `json:"findings"`
	RuleResults    []jsonRuleResult  `json:"ruleResults"`
	Waivers        []jsonWaiver      `json:"waivers"`
	Resources      []ResourceSummary `json:"resources"`
}

// What the JSON report's findings list holds (its findingsListed field).
const (
	// FindingsIssues: failures, errors, unknowns and waived failures in full; passes and not-applicable
	// findings are counted per rule in ruleResults, with the resources' URNs.
	FindingsIssues = "issues"
	// FindingsAll: every finding in full (Report.AllFindings, lz --all-findings).
	FindingsAll = "all"
)

type jsonStack struct {
	Name  string `json:"name"`
	Cloud string `json:"cloud"`
	Tier  string `json:"tier"`
	Role  string `json:"role"`
	File  string `json:"file"`
}

type jsonSummary struct {
	Verdict     string          `json:"verdict"`
	Blocking    int             `json:"blocking"`
	Advisory    int             `json:"advisory"`
	Overall     Counts          `json:"overall"`
	ByPrinciple []jsonPrinciple `json:"byPrinciple"`
	ByPack      []jsonPack      `json:"byPack"`
	BySeverity  []jsonSeverity  `json:"bySeverity"`
	Waivers     WaiverCounts    `json:"waivers"`
}

type jsonPrinciple struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Counts Counts `json:"counts"`
}

type jsonPack struct {
	Pack   string `json:"pack"`
	Counts Counts `json:"counts"`
}

type jsonSeverity struct {
	Severity string `json:"severity"`
	Counts   Counts `json:"counts"`
}

type jsonRule struct {
	ID                 string             `json:"id"`
	Title              string             `json:"title"`
	Description        string             `json:"description"`
	Pack               string             `json:"pack"`
	Severity           string             `json:"severity"`
	Enforcement        string             `json:"enforcement"`
	Principles         []string           `json:"principles"`
	TopLevelPrinciples []string           `json:"topLevelPrinciples"`
	Tiers              []string           `json:"tiers"`
	ResourceTypes      []string           `json:"resourceTypes"`
	Remediation        string             `json:"remediation"`
	References         []policy.Reference `json:"references"`
	Waivable           bool               `json:"waivable"`
	EngineAdvisory     string             `json:"engineAdvisory"`
}

type jsonFinding struct {
	RuleID             string           `json:"ruleId"`
	Pack               string           `json:"pack"`
	Severity           string           `json:"severity"`
	Enforcement        string           `json:"enforcement"`
	Principles         []string         `json:"principles"`
	TopLevelPrinciples []string         `json:"topLevelPrinciples"`
	URN                string           `json:"urn"`
	ResourceType       string           `json:"resourceType"`
	ResourceName       string           `json:"resourceName"`
	Status             string           `json:"status"`
	Message            string           `json:"message"`
	Blocking           bool             `json:"blocking"`
	Waiver             *jsonWaiverTerms `json:"waiver"`
	WaiverExpired      bool             `json:"waiverExpired"`
	Location           *jsonLocation    `json:"location"`
}

type jsonLocation struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Key    string `json:"key"`
}

type jsonWaiverTerms struct {
	RuleID        string `json:"ruleId"`
	Resource      string `json:"resource"`
	Justification string `json:"justification"`
	Approver      string `json:"approver"`
	RiskRef       string `json:"riskRef"`
	Expires       string `json:"expires"`
}

type jsonWaiver struct {
	jsonWaiverTerms
	Line     int      `json:"line"`
	Expired  bool     `json:"expired"`
	DaysLeft int      `json:"daysLeft"`
	Used     bool     `json:"used"`
	URNs     []string `json:"urns"`
}

// WriteJSON writes the report as JSON in the stable schema (SchemaVersion, SCHEMA.md), indented, with a
// final newline.
func WriteJSON(w io.Writer, r Report) error { return writeJSON(w, r.normalised()) }

// writeJSON streams the document, indented by two spaces, except that the lists that grow with the stack
// (findings, ruleResults, resources) hold one compact element per line; they are written one element at
// a time, so that no copy of the whole document is held in memory.
func writeJSON(out io.Writer, r Report) error {
	w := newJSONStream(out)
	d := jsonDocument(r)
	w.raw("{")
	w.field("schemaVersion", d.SchemaVersion)
	w.field("generatedAt", d.GeneratedAt)
	w.field("tool", d.Tool)
	w.field("provenance", d.Provenance)
	w.field("inputs", d.Inputs)
	w.field("policyConfig", d.PolicyConfig)
	w.field("stack", d.Stack)
	w.field("summary", d.Summary)
	w.field("findingsListed", d.FindingsListed)
	w.field("rules", d.Rules)
	rules := ruleIndex(r.Rules)
	tops := topLevelCache{}
	writeList(w, "findings", r.Evaluation.Findings, func(f policy.Finding, b []byte) []byte {
		if !r.AllFindings && !listed(f.Status) {
			return b
		}
		return jsonFindingOf(r, f, rules, tops).appendJSON(b)
	})
	writeList(w, "ruleResults", ruleResults(r.Evaluation.Findings), jsonRuleResult.appendJSON)
	w.field("waivers", d.Waivers)
	writeList(w, "resources", r.Resources, ResourceSummary.appendJSON)
	w.raw("\n}\n")
	return w.flush()
}

// listed reports whether a finding of status s is listed in full in the reports: failures, errors,
// unknowns and waived failures are; passes and not-applicable findings are counted per rule.
func listed(s policy.Status) bool {
	return s != policy.StatusPass && s != policy.StatusNotApplicable
}

// jsonRuleResult is one rule's findings in numbers, with the resources that passed it and those it did not
// apply to.
type jsonRuleResult struct {
	RuleID        string   `json:"ruleId"`
	Counts        Counts   `json:"counts"`
	Passed        []string `json:"passed"`
	NotApplicable []string `json:"notApplicable"`
}

// ruleResults tallies sorted findings per rule, in rule ID order.
func ruleResults(fs []policy.Finding) []jsonRuleResult {
	var out []jsonRuleResult
	for _, f := range fs {
		if len(out) == 0 || out[len(out)-1].RuleID != f.RuleID {
			out = append(out, jsonRuleResult{RuleID: f.RuleID, Passed: []string{}, NotApplicable: []string{}})
		}
		rr := &out[len(out)-1]
		rr.Counts.add(f.Status)
		switch f.Status {
		case policy.StatusPass:
			rr.Passed = append(rr.Passed, f.URN)
		case policy.StatusNotApplicable:
			rr.NotApplicable = append(rr.NotApplicable, f.URN)
		}
	}
	return out
}

// jsonStream writes a JSON object field by field with the indentation encoding/json would give it.
type jsonStream struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	item  []byte
	enc   *json.Encoder
	first bool
	err   error
}

func newJSONStream(out io.Writer) *jsonStream {
	s := &jsonStream{w: bufio.NewWriterSize(out, 64<<10), first: true}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

func (s *jsonStream) raw(text string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(text)
	}
}

// value writes v indented as an element at depth levels of two spaces.
func (s *jsonStream) value(v any, depth int) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	s.enc.SetIndent(strings.Repeat("  ", depth), "  ")
	if s.err = s.enc.Encode(v); s.err != nil {
		return
	}
	_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
}

func (s *jsonStream) key(name string) {
	if s.first {
		s.raw("\n  \"")
		s.first = false
	} else {
		s.raw(",\n  \"")
	}
	s.raw(name)
	s.raw("\": ")
}

func (s *jsonStream) field(name string, v any) {
	s.key(name)
	s.value(v, 1)
}

// writeList writes a field whose value is an array, one compact element per line: what appendItem
// appends for each item, or nothing for an item it appends nothing for. The elements are written by hand
// (appendJSON methods) as encoding/json would write them: a stack's thousands of findings are too many to
// encode by reflection.
func writeList[T any](s *jsonStream, name string, items []T, appendItem func(T, []byte) []byte) {
	s.key(name)
	n := 0
	for _, item := range items {
		if s.err != nil {
			return
		}
		s.item = append(s.item[:0], ",\n    "...)
		if n == 0 {
			s.item[0] = '['
		}
		s.item = appendItem(item, s.item)
		if len(s.item) == len(",\n    ") {
			continue
		}
		_, s.err = s.w.Write(s.item)
		n++
	}
	if n == 0 {
		s.raw("[]")
	} else {
		s.raw("\n  ]")
	}
}

func (s *jsonStream) flush() error {
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

func jsonDocument(r Report) jsonDoc {
	d := jsonDoc{
		SchemaVersion:  r.SchemaVersion,
		GeneratedAt:    r.GeneratedAt.Format(time.RFC3339),
		Tool:           r.Tool,
		Provenance:     r.Provenance,
		Inputs:         nonNil(r.Inputs),
		PolicyConfig:   nonNil(r.PolicyConfig),
		Stack:          jsonStack{Name: r.Stack, Cloud: r.Cloud, Tier: string(r.Tier), Role: r.Role, File: r.StackFile},
		FindingsListed: FindingsIssues,
		Summary: jsonSummary{
			Verdict:     string(r.Summary.Verdict),
			Blocking:    r.Summary.Blocking,
			Advisory:    r.Summary.Advisory,
			Overall:     r.Summary.Overall,
			ByPrinciple: []jsonPrinciple{},
			ByPack:      []jsonPack{},
			BySeverity:  []jsonSeverity{},
			Waivers:     r.Summary.Waivers,
		},
		Rules:   make([]jsonRule, 0, len(r.Rules)),
		Waivers: make([]jsonWaiver, 0, len(r.Evaluation.Waivers)),
	}
	if r.AllFindings {
		d.FindingsListed = FindingsAll
	}
	for _, p := range r.Summary.ByPrinciple {
		d.Summary.ByPrinciple = append(d.Summary.ByPrinciple, jsonPrinciple{ID: p.Principle.ID, Title: p.Principle.Title, Counts: p.Counts})
	}
	for _, p := range r.Summary.ByPack {
		d.Summary.ByPack = append(d.Summary.ByPack, jsonPack{Pack: string(p.Pack), Counts: p.Counts})
	}
	for _, s := range r.Summary.BySeverity {
		d.Summary.BySeverity = append(d.Summary.BySeverity, jsonSeverity{Severity: string(s.Severity), Counts: s.Counts})
	}
	for _, m := range r.Rules {
		tiers := make([]string, 0, len(m.Tiers))
		for _, t := range m.Tiers {
			tiers = append(tiers, string(t))
		}
		d.Rules = append(d.Rules, jsonRule{
			ID: m.ID, Title: m.Title, Description: m.Description, Pack: string(m.Pack), Severity: string(m.Severity),
			Enforcement: string(m.Enforcement), Principles: nonNil(m.Principles),
			TopLevelPrinciples: nonNil(topLevels(m.Principles)), Tiers: tiers, ResourceTypes: nonNil(m.ResourceTypes),
			Remediation: m.Remediation, References: nonNil(m.References), Waivable: m.Waivable,
			EngineAdvisory: m.EngineAdvisory,
		})
	}
	for _, u := range r.Evaluation.Waivers {
		d.Waivers = append(d.Waivers, jsonWaiver{
			jsonWaiverTerms: waiverTerms(u.Waiver),
			Line:            u.Waiver.Line,
			Expired:         u.Expired,
			DaysLeft:        daysLeft(u.Waiver.Expires, r.GeneratedAt),
			Used:            len(u.URNs) > 0,
			URNs:            nonNil(u.URNs),
		})
	}
	return d
}

func jsonFindingOf(r Report, f policy.Finding, rules map[string]policy.Meta, tops topLevelCache) jsonFinding {
	ps := findingPrinciples(f, rules)
	jf := jsonFinding{
		RuleID: f.RuleID, Pack: string(f.Pack), Severity: string(f.Severity), Enforcement: string(f.Enforcement),
		Principles: nonNil(ps), TopLevelPrinciples: nonNil(tops.of(ps)),
		URN: f.URN, ResourceType: f.ResourceType, ResourceName: f.ResourceName,
		Status: string(f.Status), Message: f.Message, Blocking: f.Blocking(), WaiverExpired: f.WaiverExpired,
	}
	if f.Waiver != nil {
		t := waiverTerms(*f.Waiver)
		jf.Waiver = &t
	}
	if l, ok := r.location(f); ok {
		jf.Location = &jsonLocation{File: l.File, Line: l.Line, Column: l.Column, Key: l.Key}
	}
	return jf
}

func waiverTerms(w policy.Waiver) jsonWaiverTerms {
	return jsonWaiverTerms{
		RuleID: w.RuleID, Resource: w.Resource, Justification: w.Justification,
		Approver: w.Approver, RiskRef: w.RiskRef, Expires: w.Expires.UTC().Format(time.DateOnly),
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// appendJSON appends the finding as encoding/json writes it, compact.
func (f jsonFinding) appendJSON(b []byte) []byte {
	b = append(b, `{"ruleId":`...)
	b = appendJSONString(b, f.RuleID)
	b = append(b, `,"pack":`...)
	b = appendJSONString(b, f.Pack)
	b = append(b, `,"severity":`...)
	b = appendJSONString(b, f.Severity)
	b = append(b, `,"enforcement":`...)
	b = appendJSONString(b, f.Enforcement)
	b = append(b, `,"principles":`...)
	b = appendJSONStrings(b, f.Principles)
	b = append(b, `,"topLevelPrinciples":`...)
	b = appendJSONStrings(b, f.TopLevelPrinciples)
	b = append(b, `,"urn":`...)
	b = appendJSONString(b, f.URN)
	b = append(b, `,"resourceType":`...)
	b = appendJSONString(b, f.ResourceType)
	b = append(b, `,"resourceName":`...)
	b = appendJSONString(b, f.ResourceName)
	b = append(b, `,"status":`...)
	b = appendJSONString(b, f.Status)
	b = append(b, `,"message":`...)
	b = appendJSONString(b, f.Message)
	b = append(b, `,"blocking":`...)
	b = strconv.AppendBool(b, f.Blocking)
	b = append(b, `,"waiver":`...)
	if w := f.Waiver; w == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"ruleId":`...)
		b = appendJSONString(b, w.RuleID)
		b = append(b, `,"resource":`...)
		b = appendJSONString(b, w.Resource)
		b = append(b, `,"justification":`...)
		b = appendJSONString(b, w.Justification)
		b = append(b, `,"approver":`...)
		b = appendJSONString(b, w.Approver)
		b = append(b, `,"riskRef":`...)
		b = appendJSONString(b, w.RiskRef)
		b = append(b, `,"expires":`...)
		b = appendJSONString(b, w.Expires)
		b = append(b, '}')
	}
	b = append(b, `,"waiverExpired":`...)
	b = strconv.AppendBool(b, f.WaiverExpired)
	b = append(b, `,"location":`...)
	if l := f.Location; l == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"file":`...)
		b = appendJSONString(b, l.File)
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, int64(l.Line), 10)
		b = append(b, `,"column":`...)
		b = strconv.AppendInt(b, int64(l.Column), 10)
		b = append(b, `,"key":`...)
		b = appendJSONString(b, l.Key)
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendJSON appends the rule's results as encoding/json writes them, compact.
func (rr jsonRuleResult) appendJSON(b []byte) []byte {
	b = append(b, `{"ruleId":`...)
	b = appendJSONString(b, rr.RuleID)
	b = append(b, `,"counts":`...)
	b = rr.Counts.appendJSON(b)
	b = append(b, `,"passed":`...)
	b = appendJSONStrings(b, rr.Passed)
	b = append(b, `,"notApplicable":`...)
	b = appendJSONStrings(b, rr.NotApplicable)
	return append(b, '}')
}

// appendJSON appends the counts as encoding/json writes them, compact.
func (c Counts) appendJSON(b []byte) []byte {
	for _, n := range [...]struct {
		key   string
		count int
	}{{`{"pass":`, c.Pass}, {`,"fail":`, c.Fail}, {`,"unknown":`, c.Unknown}, {`,"waived":`, c.Waived},
		{`,"notApplicable":`, c.NotApplicable}, {`,"error":`, c.Error}, {`,"total":`, c.Total}} {
		b = append(b, n.key...)
		b = strconv.AppendInt(b, int64(n.count), 10)
	}
	return append(b, '}')
}

// appendJSON appends the resource as encoding/json writes it, compact.
func (rs ResourceSummary) appendJSON(b []byte) []byte {
	b = append(b, `{"urn":`...)
	b = appendJSONString(b, rs.URN)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, rs.Type)
	b = append(b, `,"name":`...)
	b = appendJSONString(b, rs.Name)
	b = append(b, `,"parent":`...)
	b = appendJSONString(b, rs.Parent)
	for _, kv := range [...][2]string{{`,"tier":`, rs.Tier}, {`,"tierSource":`, rs.TierSource}, {`,"tierVia":`, rs.TierVia}} {
		if kv[1] != "" {
			b = append(b, kv[0]...)
			b = appendJSONString(b, kv[1])
		}
	}
	return append(b, '}')
}
