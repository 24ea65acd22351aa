package waiverfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/policy"
)

// Version is the only waiver file version this package reads.
const Version = 1

// MaxTermMonths is how long a waiver may last: its expiry may be no later than the moment the file is
// read plus one year (now.AddDate(1, 0, 0)).
const MaxTermMonths = 12

// Lookup finds a rule's metadata by ID. catalog.Meta is one; Rules builds one from a list.
type Lookup func(id string) (policy.Meta, bool)

// Rules returns a Lookup over the given rules' metadata.
func Rules(metas []policy.Meta) Lookup {
	byID := make(map[string]policy.Meta, len(metas))
	for _, m := range metas {
		byID[m.ID] = m
	}
	return func(id string) (policy.Meta, bool) {
		m, ok := byID[id]
		return m, ok
	}
}

// File is a parsed, valid waiver file.
type File struct {
	// Name is the name the file was parsed under (its path, for Load); messages start with it.
	Name string
	// Version is the file format version (always Version).
	Version int
	// Scope is the stack or landing zone the file is for.
	Scope string
	// Waivers are the file's waivers in file order, each with the line its entry starts on.
	Waivers []policy.Waiver
	// Warnings name waivers that have already expired, as "<file>:<line>: expires: <what>". They are not
	// errors: an expired waiver no longer applies, and reports list it as EXPIRED.
	Warnings []string
}

// CheckScope returns an error unless the file is for scope (a stack or landing zone name).
func (f File) CheckScope(scope string) error {
	if f.Scope != scope {
		return fmt.Errorf("%s: scope: the file is for %q, not %q", f.Name, f.Scope, scope)
	}
	return nil
}

// Problem is one thing wrong with a waiver file.
type Problem struct {
	// File is the file's name as given to Parse.
	File string
	// Line is the 1-based line the problem is on.
	Line int
	// Field is the key the problem is about ("expires"), or "yaml" for a syntax error and "file" for the
	// document as a whole.
	Field string
	// Message says what is wrong and, where it helps, what is allowed.
	Message string
}

// String formats the problem as "<file>:<line>: <field>: <message>".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Field, p.Message)
}

// Error is every problem found in a waiver file, in line order.
type Error struct {
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Load reads and parses the waiver file at filePath (see Parse); messages name the file by filePath.
func Load(filePath string, rules Lookup, now time.Time) (File, error) {
	data, err := os.ReadFile(filePath)
	if err != nil {
		return File{}, fmt.Errorf("read waiver file: %w", err)
	}
	return Parse(data, filePath, rules, now)
}

// Parse reads a waiver file. name prefixes every message (a path, usually). rules looks rule IDs up: an
// unknown rule and a rule that is not waivable are errors; a nil rules skips those two checks (for tools
// that only list waivers; Evaluate still never waives a rule that is not waivable). now is the day the
// file is read, for the 12-month limit and the expired-waiver warnings; the zero value means time.Now().
//
// On any problem Parse returns a zero File and an *Error listing every problem found.
func Parse(data []byte, name string, rules Lookup, now time.Time) (File, error) {
	if now.IsZero() {
		now = time.Now()
	}
	p := &parser{name: name, rules: rules, now: now}
	f := p.parse(data)
	if len(p.problems) > 0 {
		slices.SortStableFunc(p.problems, func(a, b Problem) int { return a.Line - b.Line })
		return File{}, &Error{Problems: p.problems}
	}
	f.Name = name
	return f, nil
}

// Field names, as written in the file.
const (
	fieldVersion       = "version"
	fieldScope         = "scope"
	fieldWaivers       = "waivers"
	fieldRule          = "rule"
	fieldResource      = "resource"
	fieldJustification = "justification"
	fieldApprover      = "approver"
	fieldRiskRef       = "riskRef"
	fieldExpires       = "expires"
)

var (
	topFields    = []string{fieldVersion, fieldScope, fieldWaivers}
	waiverFields = []string{fieldRule, fieldResource, fieldJustification, fieldApprover, fieldRiskRef, fieldExpires}
	yamlLineErr  = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)
	dateShape    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

type parser struct {
	name     string
	rules    Lookup
	now      time.Time
	problems []Problem
	warnings []string
}

func (p *parser) addf(line int, field, format string, args ...any) {
	if line < 1 {
		line = 1
	}
	p.problems = append(p.problems, Problem{File: p.name, Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) parse(data []byte) File {
	root := p.decode(data)
	if root == nil {
		return File{}
	}
	if root.Kind != yaml.MappingNode {
		p.addf(root.Line, "file", "must be a mapping with the keys %s", strings.Join(topFields, ", "))
		return File{}
	}
	var f File
	seen := map[string]int{}
	for k, v := range pairs(root) {
		if !p.key(k, v, seen, topFields) {
			continue
		}
		switch k.Value {
		case fieldVersion:
			f.Version = p.version(v)
		case fieldScope:
			f.Scope, _ = p.str(fieldScope, v)
		case fieldWaivers:
			f.Waivers = p.waivers(v)
		}
	}
	p.missing(root.Line, seen, topFields)
	f.Warnings = p.warnings
	return f
}

// decode parses data as a single YAML document and returns its root node, or nil after recording the
// problem.
func (p *parser) decode(data []byte) (root *yaml.Node) {
	defer func() {
		// go.yaml.in/yaml/v3 is not known to panic on any input, but a waiver file must never take its reader down.
		if r := recover(); r != nil {
			p.addf(1, "yaml", "cannot parse: %v", r)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.addf(1, "file", "is empty; a waiver file needs %s", strings.Join(topFields, ", "))
		} else {
			p.yamlError(err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		p.yamlError(err)
		return nil
	default:
		p.addf(extra.Line, "file", "holds more than one YAML document; a waiver file is a single document")
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.addf(doc.Line, "file", "is empty; a waiver file needs %s", strings.Join(topFields, ", "))
		return nil
	}
	return doc.Content[0]
}

func (p *parser) yamlError(err error) {
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.addf(line, "yaml", "%s", m[2])
		return
	}
	p.addf(1, "yaml", "%s", strings.TrimPrefix(msg, "yaml: "))
}

// pairs yields a mapping node's key and value nodes.
func pairs(n *yaml.Node) func(yield func(k, v *yaml.Node) bool) {
	return func(yield func(k, v *yaml.Node) bool) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !yield(n.Content[i], n.Content[i+1]) {
				return
			}
		}
	}
}

// key checks a mapping key: a string, allowed, and not seen before in the mapping. It records the key as
// seen and reports whether its value should be read.
func (p *parser) key(k, v *yaml.Node, seen map[string]int, allowed []string) bool {
	if k.Kind != yaml.ScalarNode {
		p.addf(k.Line, "file", "a key must be a plain string")
		return false
	}
	if !slices.Contains(allowed, k.Value) {
		p.addf(k.Line, k.Value, "unknown field (allowed: %s)", strings.Join(allowed, ", "))
		return false
	}
	if first, dup := seen[k.Value]; dup {
		p.addf(k.Line, k.Value, "duplicate field (first at line %d)", first)
		return false
	}
	seen[k.Value] = k.Line
	if v.Kind == yaml.AliasNode {
		p.addf(v.Line, k.Value, "YAML aliases are not allowed; write the value out")
		return false
	}
	return true
}

// missing reports every required field not seen, at line (the mapping's first line).
func (p *parser) missing(line int, seen map[string]int, required []string) {
	for _, f := range required {
		if _, ok := seen[f]; !ok {
			p.addf(line, f, "is required")
		}
	}
}

// str reads a non-empty scalar. Numbers and dates are read as written.
func (p *parser) str(field string, n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.addf(n.Line, field, "must be a string, not a %s", kindName(n.Kind))
		return "", false
	}
	if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		p.addf(n.Line, field, "must not be empty")
		return "", false
	}
	return n.Value, true
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	default:
		return "document"
	}
}

func (p *parser) version(n *yaml.Node) int {
	s, ok := p.str(fieldVersion, n)
	if !ok {
		return 0
	}
	if v, err := strconv.Atoi(s); err != nil || v != Version {
		p.addf(n.Line, fieldVersion, "must be %d, got %q", Version, s)
		return 0
	}
	return Version
}

func (p *parser) waivers(n *yaml.Node) []policy.Waiver {
	if n.Kind != yaml.SequenceNode {
		p.addf(n.Line, fieldWaivers, "must be a list of waivers (write [] for none)")
		return nil
	}
	out := make([]policy.Waiver, 0, len(n.Content))
	firstAt := map[[2]string]int{}
	for _, e := range n.Content {
		w, ok := p.waiver(e)
		if !ok {
			continue
		}
		k := [2]string{w.RuleID, w.Resource}
		if first, dup := firstAt[k]; dup {
			p.addf(e.Line, fieldResource, "duplicate waiver for rule %s on %q (first at line %d)", w.RuleID, w.Resource, first)
			continue
		}
		firstAt[k] = e.Line
		if !w.ActiveOn(p.now) {
			p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: %s: waiver for rule %s on %q expired on %s; it no longer applies",
				p.name, e.Line, fieldExpires, w.RuleID, w.Resource, w.Expires.Format(time.DateOnly)))
		}
		out = append(out, w)
	}
	return out
}

// waiver reads one entry; ok is false when the entry has any problem.
func (p *parser) waiver(n *yaml.Node) (w policy.Waiver, ok bool) {
	if n.Kind != yaml.MappingNode {
		p.addf(n.Line, fieldWaivers, "each waiver must be a mapping with the keys %s", strings.Join(waiverFields, ", "))
		return w, false
	}
	before := len(p.problems)
	w.Line = n.Line
	seen := map[string]int{}
	for k, v := range pairs(n) {
		if !p.key(k, v, seen, waiverFields) {
			continue
		}
		s, sok := p.str(k.Value, v)
		if !sok {
			continue
		}
		switch k.Value {
		case fieldRule:
			w.RuleID = s
			p.rule(v.Line, s)
		case fieldResource:
			w.Resource = s
		case fieldJustification:
			w.Justification = s
		case fieldApprover:
			w.Approver = s
		case fieldRiskRef:
			w.RiskRef = s
		case fieldExpires:
			w.Expires = p.expires(v.Line, s)
		}
	}
	p.missing(n.Line, seen, waiverFields)
	return w, len(p.problems) == before
}

// rule checks that id names a known, waivable rule.
func (p *parser) rule(line int, id string) {
	if p.rules == nil {
		return
	}
	m, ok := p.rules(id)
	switch {
	case !ok:
		p.addf(line, fieldRule, "unknown rule %q", id)
	case !m.Waivable:
		p.addf(line, fieldRule, "rule %s cannot be waived: %s", id, whyNotWaivable(m))
	}
}

func whyNotWaivable(m policy.Meta) string {
	switch m.Pack {
	case policy.PackRegion:
		return "it is a region rule, and data must stay in UK regions under UK jurisdiction (NCSC principle 2.1) whatever the risk appetite"
	case policy.PackClassification:
		return "it is a classification rule, and data classified above OFFICIAL-SENSITIVE must never be held outside its controls"
	default:
		return "the rule is marked not waivable in the catalogue"
	}
}

// expires parses a YYYY-MM-DD date and holds it to the 12-month limit.
func (p *parser) expires(line int, s string) time.Time {
	if !dateShape.MatchString(s) {
		p.addf(line, fieldExpires, "%q is not a date in the form YYYY-MM-DD", s)
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.addf(line, fieldExpires, "%q is not a valid date", s)
		return time.Time{}
	}
	if limit := p.now.AddDate(1, 0, 0); t.After(limit) {
		p.addf(line, fieldExpires, "%s is more than %d months after %s (latest allowed: %s)",
			s, MaxTermMonths, p.now.UTC().Format(time.DateOnly), limit.UTC().Format(time.DateOnly))
	}
	return t
}
