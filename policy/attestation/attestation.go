package attestation

import (
	"fmt"
	"os"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/internal/yamlfile"
)

// Version is the only attestation file version this package reads.
const Version = 1

// MaxTermMonths is how long an attestation may hold after its review: expires may be no later than
// reviewed plus one year.
const MaxTermMonths = 12

// Attestation is one statement an owner makes about an NCSC principle.
type Attestation struct {
	// Principle is the ID of the principle attested ("6").
	Principle string `json:"principle"`
	// Statement is what the owner states.
	Statement string `json:"statement"`
	// Owner is who makes the statement, with their role.
	Owner string `json:"owner"`
	// Evidence is where the evidence behind the statement is kept (a register entry, a document).
	Evidence string `json:"evidence"`
	// Reviewed is the day the statement was last reviewed.
	Reviewed time.Time `json:"reviewed"`
	// Expires is the last day (UTC, inclusive) the statement holds.
	Expires time.Time `json:"expires"`
	// Line is the line of the file the entry starts on.
	Line int `json:"line"`
}

// ActiveOn reports whether the attestation still holds on day now (up to and including its expiry day).
func (a Attestation) ActiveOn(now time.Time) bool { return policy.ActiveThrough(a.Expires, now) }

// File is a parsed, valid attestation file.
type File struct {
	// Name is the name the file was parsed under (its path, for Load); messages start with it.
	Name string
	// Version is the file format version (always Version).
	Version int
	// Scope is the stack or landing zone the file is for.
	Scope string
	// Attestations are the file's entries in file order.
	Attestations []Attestation
	// Warnings name attestations that have already expired, as "<file>:<line>: expires: <what>".
	Warnings []string
}

// Problem is one thing wrong with an attestation file: its file, line, field and message.
type Problem = yamlfile.Problem

// Error is every problem found in an attestation file, in line order.
type Error = yamlfile.Error

// Load reads and parses the attestation file at filePath (see Parse).
func Load(filePath string, now time.Time) (File, error) {
	data, err := os.ReadFile(filePath) //nolint:gosec // the file the accreditor names
	if err != nil {
		return File{}, fmt.Errorf("read attestation file: %w", err)
	}
	return Parse(data, filePath, now)
}

// Parse reads an attestation file. name prefixes every message. now is the day the file is read: a review
// date after it is an error, an expiry before it a warning; the zero value means time.Now().
//
// On any problem Parse returns a zero File and an *Error listing every problem found.
func Parse(data []byte, name string, now time.Time) (File, error) {
	if now.IsZero() {
		now = time.Now()
	}
	p := &parser{Parser: yamlfile.Parser{Name: name, Kind: "an attestation file"}, now: now}
	f := p.parse(data)
	if err := p.Err(); err != nil {
		return File{}, err
	}
	f.Name = name
	return f, nil
}

// Field names, as written in the file.
const (
	fieldAttestations = "attestations"
	fieldPrinciple    = "principle"
	fieldStatement    = "statement"
	fieldOwner        = "owner"
	fieldEvidence     = "evidence"
	fieldReviewed     = "reviewed"
	fieldExpires      = "expires"
)

var (
	entryFields = []string{fieldPrinciple, fieldStatement, fieldOwner, fieldEvidence, fieldReviewed, fieldExpires}
)

type parser struct {
	yamlfile.Parser
	now      time.Time
	warnings []string
}

func (p *parser) parse(data []byte) File {
	var f File
	firstAt := map[[2]string]int{}
	version, scope, listed := p.Document(data, Version, fieldAttestations, "attestations", func(e *yaml.Node) {
		a, ok := p.entry(e)
		if !ok {
			return
		}
		k := [2]string{a.Principle, a.Statement}
		if first, dup := firstAt[k]; dup {
			p.Addf(e.Line, fieldStatement, "duplicate attestation of principle %s with the same statement (first at line %d)", a.Principle, first)
			return
		}
		firstAt[k] = e.Line
		if !a.ActiveOn(p.now) {
			p.warnings = append(p.warnings, fmt.Sprintf("%s:%d: %s: attestation of principle %s by %s expired on %s; the principle is not evidenced by it",
				p.Name, e.Line, fieldExpires, a.Principle, a.Owner, a.Expires.Format(time.DateOnly)))
		}
		f.Attestations = append(f.Attestations, a)
	})
	f.Version, f.Scope = version, scope
	if listed && f.Attestations == nil {
		f.Attestations = []Attestation{}
	}
	f.Warnings = p.warnings
	return f
}

// entry reads one attestation; ok is false when it has any problem.
func (p *parser) entry(n *yaml.Node) (a Attestation, ok bool) {
	if n.Kind != yaml.MappingNode {
		p.Addf(n.Line, fieldAttestations, "each attestation must be a mapping with the keys %s", strings.Join(entryFields, ", "))
		return a, false
	}
	before := len(p.Problems)
	a.Line = n.Line
	seen := map[string]int{}
	var reviewedLine, expiresLine int
	for k, v := range yamlfile.Pairs(n) {
		if !p.Key(k, v, seen, entryFields) {
			continue
		}
		s, sok := p.Str(k.Value, v)
		if !sok {
			continue
		}
		switch k.Value {
		case fieldPrinciple:
			a.Principle = p.principle(v.Line, s)
		case fieldStatement:
			a.Statement = s
		case fieldOwner:
			a.Owner = s
		case fieldEvidence:
			a.Evidence = s
		case fieldReviewed:
			a.Reviewed, _ = p.Date(v.Line, fieldReviewed, s)
			reviewedLine = v.Line
		case fieldExpires:
			a.Expires, _ = p.Date(v.Line, fieldExpires, s)
			expiresLine = v.Line
		}
	}
	p.Missing(n.Line, seen, entryFields)
	if !a.Reviewed.IsZero() && a.Reviewed.After(p.now) {
		p.Addf(reviewedLine, fieldReviewed, "%s is after the day the file is read (%s): allowed a review that has happened",
			a.Reviewed.Format(time.DateOnly), p.now.UTC().Format(time.DateOnly))
	}
	if !a.Reviewed.IsZero() && !a.Expires.IsZero() {
		switch limit := a.Reviewed.AddDate(0, MaxTermMonths, 0); {
		case a.Expires.Before(a.Reviewed):
			p.Addf(expiresLine, fieldExpires, "%s is before the review on %s", a.Expires.Format(time.DateOnly), a.Reviewed.Format(time.DateOnly))
		case a.Expires.After(limit):
			p.Addf(expiresLine, fieldExpires, "%s is more than %d months after the review on %s (latest allowed: %s)",
				a.Expires.Format(time.DateOnly), MaxTermMonths, a.Reviewed.Format(time.DateOnly), limit.Format(time.DateOnly))
		}
	}
	return a, len(p.Problems) == before
}

// principle checks that id is one of the 14 principles.
func (p *parser) principle(line int, id string) string {
	for _, pr := range policy.TopLevelPrinciples() {
		if pr.ID == id {
			return id
		}
	}
	p.Addf(line, fieldPrinciple, "%q is not an NCSC Cloud Security Principle: allowed \"1\" to \"14\"", id)
	return ""
}

// CheckScope returns an error unless the file is for scope (a stack or landing zone name).
func (f File) CheckScope(scope string) error {
	if f.Scope != scope {
		return fmt.Errorf("%s: scope: the file is for %q, not %q", f.Name, f.Scope, scope)
	}
	return nil
}
