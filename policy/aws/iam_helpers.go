package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// iamBreakGlassTag is the tag (value "true") that marks the break-glass role and user.
const iamBreakGlassTag = "BreakGlass"

// iamDoc parses a policy document input (a JSON string or an object); see semantic.ParseIAM.
func iamDoc(v policy.Value) (semantic.IAMPolicy, policy.Known, error) { return semantic.ParseIAM(v) }

// iamRoleByName returns the role in the stack whose "name" input is name.
func iamRoleByName(rs []*policy.Resource, name string) *policy.Resource {
	for _, t := range rs {
		if t == nil || t.Type != typeIAMRole {
			continue
		}
		if n, k := policy.Str(t.Get("name")); k == policy.Present && n != "" && n == name {
			return t
		}
	}
	return nil
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
