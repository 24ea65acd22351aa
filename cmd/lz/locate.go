package main

import (
	"os"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report"
)

// stackKey is one scalar value of a stack file's config, with where its key is written.
type stackKey struct {
	// path is the key's path ("aws:region", "landingzone:flows[3].ports"); top is its config key
	// ("landingzone:flows"); group is the config key or list item it belongs to ("landingzone:flows[3]").
	path, top, group string
	value            string
	line, column     int
}

// stackKeys returns every scalar under a stack file's config: map, in file order. A file that does not
// parse gives none (lz has loaded it already, so this does not happen).
func stackKeys(data []byte) []stackKey {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	var out []stackKey
	var walk func(n *yaml.Node, path, top, group string, line, col int)
	walk = func(n *yaml.Node, path, top, group string, line, col int) {
		switch n.Kind {
		case yaml.ScalarNode:
			out = append(out, stackKey{path: path, top: top, group: group, value: n.Value, line: line, column: col})
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				walk(n.Content[i+1], path+"."+k.Value, top, group, k.Line, k.Column)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				p := path + "[" + strconv.Itoa(i) + "]"
				g := group
				if group == top {
					g = p
				}
				walk(item, p, top, g, item.Line, item.Column)
			}
		}
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "config" || top.Content[i+1].Kind != yaml.MappingNode {
			continue
		}
		cfg := top.Content[i+1]
		for j := 0; j+1 < len(cfg.Content); j += 2 {
			k := cfg.Content[j]
			walk(cfg.Content[j+1], k.Value, k.Value, k.Value, k.Line, k.Column)
		}
	}
	return out
}

// packKeys says which config keys can set the values each pack's rules judge: the region keys (a
// provider's region or location), the network plan (supernet, external ranges, flows, egress allow-list)
// and the stack's identity (tier, classification and the tags' values). Other packs judge settings the
// components choose, which no stack-file key sets.
func packKeys(p policy.Pack, top string) bool {
	switch p {
	case policy.PackRegion:
		return strings.HasSuffix(top, ":region") || strings.HasSuffix(top, ":location")
	case policy.PackIsolation:
		return slices.Contains([]string{"landingzone:supernet", "landingzone:externalRanges", "landingzone:flows", "landingzone:egressDomains"}, top)
	case policy.PackClassification:
		return slices.Contains([]string{"landingzone:tier", "landingzone:classification", "landingzone:force", "landingzone:owner",
			"landingzone:costCentre", "landingzone:landingZone"}, top)
	}
	return false
}

// locate finds the stack-file key that set the value finding f is about: among the keys that can set
// values of the rule's pack, the config key or list item whose values the finding's message quotes most
// (messages quote the offending value: `region "eu-west-1" is outside the UK allow-list (eu-west-2)`),
// then names most (a value counts only as a whole word, and at least one must be distinctive: four
// characters or more, or holding a digit, so "tcp" alone names nothing). The key written is the most specific value named.
// No such key, or two items named equally, gives false: the finding then points at the file as a whole.
func locate(keys []stackKey, f policy.Finding) (stackKey, bool) {
	type score struct {
		quoted, n, distinctive int
		best                   stackKey
	}
	scores := map[string]*score{}
	var order []string
	msg := strings.ToLower(f.Message)
	for _, k := range keys {
		if !packKeys(f.Pack, k.top) || !namesValue(msg, k.value) {
			continue
		}
		s := scores[k.group]
		if s == nil {
			s = &score{}
			scores[k.group] = s
			order = append(order, k.group)
		}
		s.n++
		if strings.Contains(msg, strings.ToLower(strconv.Quote(k.value))) {
			s.quoted++
		}
		if distinctive(k.value) {
			s.distinctive++
			if len(k.value) > len(s.best.value) {
				s.best = k
			}
		}
	}
	var best *score
	tie := false
	for _, g := range order {
		s := scores[g]
		if s.distinctive == 0 {
			continue
		}
		switch {
		case best == nil || s.quoted > best.quoted || s.quoted == best.quoted && s.n > best.n:
			best, tie = s, false
		case s.quoted == best.quoted && s.n == best.n:
			tie = true
		}
	}
	if best == nil || tie {
		return stackKey{}, false
	}
	return best.best, true
}

// distinctive says whether a value can identify a key: four characters or more, or holding a digit.
func distinctive(v string) bool {
	return len(v) >= 4 || strings.ContainsAny(v, "0123456789")
}

// namesValue reports whether the lower-case message m names v as a whole word (case-insensitive): not
// inside a longer run of letters, digits and the characters . / : _ - that addresses, regions and names
// are made of.
func namesValue(m, v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	if len(v) < 2 {
		return false
	}
	for i := 0; ; {
		j := strings.Index(m[i:], v)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(v)
		if (start == 0 || !wordByte(m[start-1])) && (end == len(m) || !wordByte(m[end])) {
			return true
		}
		i = start + 1
	}
}

func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("./:_-", c) >= 0
}

// stackLocations returns the stack-file locations of the findings that need attention (failed, errored,
// waived or unknown) whose value a key of the stack file at path set; shown is the file's path as reports
// name it.
func stackLocations(path, shown string, findings []policy.Finding) []report.SourceLocation {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	keys := stackKeys(data)
	var out []report.SourceLocation
	for _, f := range findings {
		if f.Status == policy.StatusPass || f.Status == policy.StatusNotApplicable {
			continue
		}
		if k, ok := locate(keys, f); ok {
			out = append(out, report.SourceLocation{RuleID: f.RuleID, URN: f.URN, Message: f.Message,
				File: shown, Line: k.line, Column: k.column, Key: k.path})
		}
	}
	return out
}
