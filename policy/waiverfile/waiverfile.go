package waiverfile

import (
	"fmt"
	"os"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/internal/yamlfile"
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

// CheckStack returns a *ScopeError unless the file is for the stack or its landing zone (landingZone ""
// when the stack's landing zone is not known). It is the one scope check: lz plan, lz check, lz report
// and the policy pack under the Pulumi engine all call it, so a waiver file applies to the same stacks
// offline and live.
func (f File) CheckStack(stack, landingZone string) error {
	if f.Scope == stack || landingZone != "" && f.Scope == landingZone {
		return nil
	}
	return &ScopeError{File: f.Name, Scope: f.Scope, Stack: stack, LandingZone: landingZone}
}

// ScopeError is a waiver file whose scope is neither the stack nor its landing zone.
type ScopeError struct {
	// File is the waiver file's name, Scope the scope it gives.
	File, Scope string
	// Stack is the stack it was read for and LandingZone that stack's landing zone ("" when not known).
	Stack, LandingZone string
}

func (e *ScopeError) Error() string {
	if e.LandingZone == "" {
		return fmt.Sprintf("%s: scope: the file is for %q, not stack %q or its landing zone", e.File, e.Scope, e.Stack)
	}
	return fmt.Sprintf("%s: scope: the file is for %q, not stack %q or its landing zone %q", e.File, e.Scope, e.Stack, e.LandingZone)
}

// Problem is one thing wrong with a waiver file: its file, line, field and message.
type Problem = yamlfile.Problem

// Error is every problem found in a waiver file, in line order.
type Error = yamlfile.Error

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
	p := &parser{Parser: yamlfile.Parser{Name: name, Kind: "a waiver file"}, rules: rules, now: now}
	f := p.parse(data)
	if err := p.Err(); err != nil {
		return File{}, err
	}
	f.Name = name
	return f, nil
}

// Field names, as written in the file.
const (
	fieldWaivers       = "waivers"
	fieldRule          = "rule"
	fieldResource      = "resource"
	fieldJustification = "justification"
	fieldApprover      = "approver"
	fieldRiskRef       = "riskRef"
	fieldExpires       = "expires"
)

var (
	waiverFields = []string{fieldRule, fieldResource, fieldJustification, fieldApprover, fieldRiskRef, fieldExpires}
)

type parser struct {
	yamlfile.Parser
	rules    Lookup
	now      time.Time
	warnings []string
}

func (p *parser) parse(data []byte) File {
	var f File
	firstAt := map[[2]string]int{}
	version, scope, listed := p.Document(data, Version, fieldWaivers, "waivers", func(e *yaml.Node) {
		w, ok := p.waiver(e)
		if !ok {
			return
		}
		k := [2]string{w.RuleID, w.Resource}
		if first, dup := firstAt[k]; dup {
			p.Addf(e.Line, fieldResource, "duplicate waiver for rule %s on %q (first at line %d)", w.RuleID, w.Resource, first)
			return
		}
		firstAt[k] = e.Line
		if !w.ActiveOn(p.now) {
			p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: %s: waiver for rule %s on %q expired on %s; it no longer applies",
				p.Name, e.Line, fieldExpires, w.RuleID, w.Resource, w.Expires.Format(time.DateOnly)))
		}
		f.Waivers = append(f.Waivers, w)
	})
	f.Version, f.Scope = version, scope
	if listed && f.Waivers == nil {
		f.Waivers = []policy.Waiver{}
	}
	f.Warnings = p.warnings
	return f
}

// waiver reads one entry; ok is false when the entry has any problem.
func (p *parser) waiver(n *yaml.Node) (w policy.Waiver, ok bool) {
	if n.Kind != yaml.MappingNode {
		p.Addf(n.Line, fieldWaivers, "each waiver must be a mapping with the keys %s", strings.Join(waiverFields, ", "))
		return w, false
	}
	before := len(p.Problems)
	w.Line = n.Line
	seen := map[string]int{}
	for k, v := range yamlfile.Pairs(n) {
		if !p.Key(k, v, seen, waiverFields) {
			continue
		}
		s, sok := p.Str(k.Value, v)
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
	p.Missing(n.Line, seen, waiverFields)
	return w, len(p.Problems) == before
}

// rule checks that id names a known, waivable rule.
func (p *parser) rule(line int, id string) {
	if p.rules == nil {
		return
	}
	m, ok := p.rules(id)
	switch {
	case !ok:
		p.Addf(line, fieldRule, "unknown rule %q", id)
	case !m.Waivable:
		p.Addf(line, fieldRule, "rule %s cannot be waived: %s", id, whyNotWaivable(m))
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
	t, ok := p.Date(line, fieldExpires, s)
	if !ok {
		return time.Time{}
	}
	if limit := p.now.AddDate(1, 0, 0); t.After(limit) {
		p.Addf(line, fieldExpires, "%s is more than %d months after %s (latest allowed: %s)",
			s, MaxTermMonths, p.now.UTC().Format(time.DateOnly), limit.UTC().Format(time.DateOnly))
	}
	return t
}
