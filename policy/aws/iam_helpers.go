package aws

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// Type tokens the identity rules read (pulumi-aws v6.83.2).

// iamBreakGlassTag is the tag (value "true") that marks the break-glass role and user.
const iamBreakGlassTag = "BreakGlass"

// iamStatement is one statement of an IAM policy document, decoded loosely: fields that AWS accepts as a
// string or a list are lists here.
type iamStatement struct {
	// Label names the statement in messages: its Sid quoted, or its 1-based position.
	Label     string
	Effect    string
	Actions   []string
	Resources []string
	// Principal is the raw Principal value: "*", or a map of principal kind ("AWS", "Service",
	// "Federated", "CanonicalUser") to a string or list.
	Principal any
	// Condition is the raw Condition block, nil when absent.
	Condition map[string]any
	// Unknown is true when a field the rules read holds the engine's unknown sentinel.
	Unknown bool
}

// iamDocument decodes a policy document input: a JSON string (as pulumi-aws takes it) or an object. k is
// Absent when v is not set, Unknown when v is computed; err reports a document that is not a policy.
func iamDocument(v policy.Value) (stmts []iamStatement, k policy.Known, err error) {
	var doc any
	switch {
	case v.IsComputed():
		return nil, policy.Unknown, nil
	case v.IsString():
		if strings.TrimSpace(v.AsString()) == "" {
			return nil, policy.Absent, nil
		}
		if err := json.Unmarshal([]byte(v.AsString()), &doc); err != nil {
			return nil, policy.Present, fmt.Errorf("policy document is not valid JSON")
		}
	case v.IsMap():
		doc = policy.ToGo(v)
	default:
		return nil, policy.Absent, nil
	}
	if s, ok := doc.(string); ok && s == policy.UnknownSentinel {
		return nil, policy.Unknown, nil
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, policy.Present, fmt.Errorf("policy document is not a JSON object")
	}
	var raw []any
	switch st := m["Statement"].(type) {
	case nil:
	case []any:
		raw = st
	case map[string]any:
		raw = []any{st}
	case string:
		if st == policy.UnknownSentinel {
			return nil, policy.Unknown, nil
		}
		return nil, policy.Present, fmt.Errorf("policy document Statement is not an object or a list")
	default:
		return nil, policy.Present, fmt.Errorf("policy document Statement is not an object or a list")
	}
	for i, r := range raw {
		sm, ok := r.(map[string]any)
		if !ok {
			if s, isStr := r.(string); isStr && s == policy.UnknownSentinel {
				stmts = append(stmts, iamStatement{Label: strconv.Itoa(i + 1), Unknown: true})
				continue
			}
			return nil, policy.Present, fmt.Errorf("policy document statement %d is not an object", i+1)
		}
		st := iamStatement{Label: strconv.Itoa(i + 1), Principal: sm["Principal"]}
		if sid, ok := sm["Sid"].(string); ok && sid != "" && sid != policy.UnknownSentinel {
			st.Label = strconv.Quote(sid)
		}
		st.Effect, _ = sm["Effect"].(string)
		st.Actions = iamStrs(sm["Action"])
		st.Resources = iamStrs(sm["Resource"])
		st.Condition, _ = sm["Condition"].(map[string]any)
		for _, x := range slices.Concat([]string{st.Effect}, st.Actions, st.Resources, iamStrs(st.Principal)) {
			if x == policy.UnknownSentinel {
				st.Unknown = true
			}
		}
		if pm, ok := st.Principal.(map[string]any); ok {
			for _, pv := range pm {
				if slices.Contains(iamStrs(pv), policy.UnknownSentinel) {
					st.Unknown = true
				}
			}
		}
		stmts = append(stmts, st)
	}
	return stmts, policy.Present, nil
}

// iamStrs reads a string or a list of strings; anything else is empty.
func iamStrs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	default:
		return nil
	}
}

// iamAllows reports whether the statement is an Allow.
func (s iamStatement) iamAllows() bool { return s.Effect == "Allow" }

// iamIsAdmin reports whether the statement allows every action on every resource.
func (s iamStatement) iamIsAdmin() bool {
	return s.iamAllows() &&
		slices.ContainsFunc(s.Actions, func(a string) bool { return a == "*" || a == "*:*" }) &&
		slices.Contains(s.Resources, "*")
}

// iamPrincipals returns the principals of one kind ("AWS", "Federated", "Service"); a bare "*"
// principal counts as AWS "*".
func (s iamStatement) iamPrincipals(kind string) []string {
	switch p := s.Principal.(type) {
	case string:
		if kind == "AWS" {
			return []string{p}
		}
	case map[string]any:
		for k, v := range p {
			if k == kind {
				return iamStrs(v)
			}
		}
	}
	return nil
}

// iamHasCondition reports whether the statement has a non-empty Condition block.
func (s iamStatement) iamHasCondition() bool { return len(s.Condition) > 0 }

// iamRequiresMFA reports whether the statement's Condition holds Bool or BoolIfExists
// aws:MultiFactorAuthPresent "true" (condition keys are case-insensitive).
func (s iamStatement) iamRequiresMFA() bool {
	for op, block := range s.Condition {
		if op != "Bool" && op != "BoolIfExists" {
			continue
		}
		keys, ok := block.(map[string]any)
		if !ok {
			continue
		}
		for key, val := range keys {
			if !strings.EqualFold(key, "aws:MultiFactorAuthPresent") {
				continue
			}
			switch x := val.(type) {
			case bool:
				if x {
					return true
				}
			default:
				if vs := iamStrs(x); len(vs) == 1 && strings.EqualFold(vs[0], "true") {
					return true
				}
			}
		}
	}
	return false
}

// iamIsBreakGlass reports whether r carries the tag BreakGlass=true (its own tags or its provider's
// default tags). k is Unknown when the tag (or the whole tag map) is computed.
func iamIsBreakGlass(r *policy.Resource) (bool, policy.Known) {
	tags, unknown, computed := r.Tags()
	if v, ok := tags[iamBreakGlassTag]; ok {
		return strings.EqualFold(v, "true"), policy.Present
	}
	if computed || slices.Contains(unknown, iamBreakGlassTag) {
		return false, policy.Unknown
	}
	return false, policy.Present
}

// iamFindNamed returns the resource of type typ that r's input prop names: by property dependency or ID
// (policy.Refers) or by the target's known "name" input. k is Unknown when prop is computed and no
// resource is linked to it, Absent when prop names no resource in the stack.
func iamFindNamed(rs []*policy.Resource, r *policy.Resource, typ, prop string) (*policy.Resource, policy.Known) {
	val, vk := policy.Str(r.Get(prop))
	for _, t := range rs {
		if t == nil || t.Type != typ {
			continue
		}
		if r.Refers(prop, t) {
			return t, policy.Present
		}
		if name, nk := policy.Str(t.Get("name")); vk == policy.Present && nk == policy.Present && name != "" && name == val {
			return t, policy.Present
		}
	}
	if vk == policy.Unknown {
		return nil, policy.Unknown
	}
	return nil, policy.Absent
}
