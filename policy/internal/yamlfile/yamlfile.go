// Package yamlfile holds what the accreditor's YAML files (policy/waiverfile, policy/attestation) share:
// reading one YAML document strictly from its node tree, and collecting every problem with its line as
// "<file>:<line>: <field>: <message>", so that a file can be fixed in one pass.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a file.
type Problem struct {
	// File is the file's name as given to the parser.
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

// Error is every problem found in a file, in line order.
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

// Parser collects the problems of one file.
type Parser struct {
	// Name prefixes every problem (the file's path, usually).
	Name string
	// Kind names the file, with its article, in messages about the whole document ("a waiver file").
	Kind string
	// Problems are the problems found so far.
	Problems []Problem
}

// Err returns nil when no problem was found, else an *Error with the problems in line order.
func (p *Parser) Err() error {
	if len(p.Problems) == 0 {
		return nil
	}
	slices.SortStableFunc(p.Problems, func(a, b Problem) int { return a.Line - b.Line })
	return &Error{Problems: p.Problems}
}

// Addf records a problem on line (1 when line is not positive).
func (p *Parser) Addf(line int, field, format string, args ...any) {
	if line < 1 {
		line = 1
	}
	p.Problems = append(p.Problems, Problem{File: p.Name, Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
}

var (
	yamlLineErr = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)
	dateShape   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// Decode parses data as a single YAML document and returns its root node, or nil after recording the
// problem. top are the document's keys, named when the file is empty.
func (p *Parser) Decode(data []byte, top []string) (root *yaml.Node) {
	defer func() {
		// yaml.v3 is not known to panic on any input, but an accreditor's file must never take its reader
		// down.
		if r := recover(); r != nil {
			p.Addf(1, "yaml", "cannot parse: %v", r)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.Addf(1, "file", "is empty; %s needs %s", p.Kind, strings.Join(top, ", "))
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
		p.Addf(extra.Line, "file", "holds more than one YAML document; %s is a single document", p.Kind)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.Addf(doc.Line, "file", "is empty; %s needs %s", p.Kind, strings.Join(top, ", "))
		return nil
	}
	root = doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.Addf(root.Line, "file", "must be a mapping with the keys %s", strings.Join(top, ", "))
		return nil
	}
	return root
}

func (p *Parser) yamlError(err error) {
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.Addf(line, "yaml", "%s", m[2])
		return
	}
	p.Addf(1, "yaml", "%s", strings.TrimPrefix(msg, "yaml: "))
}

// Pairs yields a mapping node's key and value nodes.
func Pairs(n *yaml.Node) func(yield func(k, v *yaml.Node) bool) {
	return func(yield func(k, v *yaml.Node) bool) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !yield(n.Content[i], n.Content[i+1]) {
				return
			}
		}
	}
}

// Key checks a mapping key: a string, allowed, and not seen before in the mapping. It records the key as
// seen and reports whether its value should be read.
func (p *Parser) Key(k, v *yaml.Node, seen map[string]int, allowed []string) bool {
	if k.Kind != yaml.ScalarNode {
		p.Addf(k.Line, "file", "a key must be a plain string")
		return false
	}
	if !slices.Contains(allowed, k.Value) {
		p.Addf(k.Line, k.Value, "unknown field (allowed: %s)", strings.Join(allowed, ", "))
		return false
	}
	if first, dup := seen[k.Value]; dup {
		p.Addf(k.Line, k.Value, "duplicate field (first at line %d)", first)
		return false
	}
	seen[k.Value] = k.Line
	if v.Kind == yaml.AliasNode {
		p.Addf(v.Line, k.Value, "YAML aliases are not allowed; write the value out")
		return false
	}
	return true
}

// Missing reports every required field not seen, at line (the mapping's first line).
func (p *Parser) Missing(line int, seen map[string]int, required []string) {
	for _, f := range required {
		if _, ok := seen[f]; !ok {
			p.Addf(line, f, "is required")
		}
	}
}

// Str reads a non-empty scalar. Numbers and dates are read as written.
func (p *Parser) Str(field string, n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.Addf(n.Line, field, "must be a string, not a %s", KindName(n.Kind))
		return "", false
	}
	if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		p.Addf(n.Line, field, "must not be empty")
		return "", false
	}
	return n.Value, true
}

// KindName names a node kind that is not a scalar, for messages.
func KindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	default:
		return "document"
	}
}

// Version reads the file format version under field, which must be want.
func (p *Parser) Version(field string, n *yaml.Node, want int) int {
	s, ok := p.Str(field, n)
	if !ok {
		return 0
	}
	if v, err := strconv.Atoi(s); err != nil || v != want {
		p.Addf(n.Line, field, "must be %d, got %q", want, s)
		return 0
	}
	return want
}

// Date parses a YYYY-MM-DD date (UTC); ok is false after recording the problem.
func (p *Parser) Date(line int, field, s string) (t time.Time, ok bool) {
	if !dateShape.MatchString(s) {
		p.Addf(line, field, "%q is not a date in the form YYYY-MM-DD", s)
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.Addf(line, field, "%q is not a valid date", s)
		return time.Time{}, false
	}
	return t, true
}

// Document reads the shape every accreditor's file shares: a single mapping with `version` (which must
// be want), `scope`, and one list under listField whose entries are `what`s, each handed to entry with
// its node. It returns the version (0 when wrong), the scope ("" when missing) and whether listField
// held a list (possibly empty); every problem is recorded, and nothing is handed to entry when
// listField is not a list.
func (p *Parser) Document(data []byte, want int, listField, what string, entry func(*yaml.Node)) (version int, scope string, listed bool) {
	top := []string{"version", "scope", listField}
	root := p.Decode(data, top)
	if root == nil {
		return 0, "", false
	}
	seen := map[string]int{}
	for k, v := range Pairs(root) {
		if !p.Key(k, v, seen, top) {
			continue
		}
		switch k.Value {
		case "version":
			version = p.Version("version", v, want)
		case "scope":
			scope, _ = p.Str("scope", v)
		case listField:
			if v.Kind != yaml.SequenceNode {
				p.Addf(v.Line, listField, "must be a list of %s (write [] for none)", what)
				continue
			}
			listed = true
			for _, e := range v.Content {
				entry(e)
			}
		}
	}
	p.Missing(root.Line, seen, top)
	return version, scope, listed
}
