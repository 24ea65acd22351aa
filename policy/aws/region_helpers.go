package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// Helpers shared by the region (REG) and encryption (ENC) rules. Names carry the reg prefix so that they
// cannot clash with other areas' helpers in this package.

// regAllowed returns the context's AWS region allow-list (the default when the context has none).
func regAllowed(ctx *policy.Context) []string {
	if ctx == nil || len(ctx.AWSRegions) == 0 {
		return policy.DefaultAWSRegions
	}
	return ctx.AWSRegions
}

// regAllowedText is the allow-list as reviewers read it in messages.
func regAllowedText(ctx *policy.Context) string { return strings.Join(regAllowed(ctx), ", ") }

// regProviderRegion decides whether r's provider is in an allowed region. subject names r in messages
// ("destination bucket replica"); "" means the resource itself.
func regProviderRegion(ctx *policy.Context, r *policy.Resource, subject string) policy.Result {
	prefix := ""
	if subject != "" {
		prefix = subject + " "
	}
	if r.Provider == nil {
		noun := subject
		if noun == "" {
			noun = "resource"
		}
		return policy.Fail("%s has no provider; create it on an explicit AWS provider whose region is one of %s",
			noun, regAllowedText(ctx))
	}
	return checkRegion(ctx, r.ProviderGet("region"), prefix+"provider "+r.Provider.Name+" region")
}

// regURNType returns the resource type named by a URN
// ("urn:pulumi:stack::project::parent$type::name" gives "type"), or "" when the URN is malformed.
func regURNType(urn string) string {
	parts := strings.SplitN(urn, "::", 4)
	if len(parts) != 4 {
		return ""
	}
	typ := parts[2]
	if i := strings.LastIndex(typ, "$"); i >= 0 {
		typ = typ[i+1:]
	}
	return typ
}

// regURNName returns the resource name a URN ends with, or the whole URN when it is malformed.
func regURNName(urn string) string {
	parts := strings.SplitN(urn, "::", 4)
	if len(parts) != 4 {
		return urn
	}
	return parts[3]
}

// regDeps returns the resources of the stack, of one of the types want, that r's input prop depends on
// (its property dependencies). explained is false when prop depends on something that is neither one of
// want nor one of also, or on a URN that is not in the stack: a computed value of prop might then come
// from that other source, so it cannot be attributed to the resources returned.
func regDeps(rs []*policy.Resource, r *policy.Resource, prop string, want, also []string) (out []*policy.Resource, explained bool) {
	explained = true
	for _, urn := range r.PropertyDependencies[prop] {
		i := slices.IndexFunc(rs, func(x *policy.Resource) bool { return x != nil && x.URN == urn })
		if i < 0 {
			explained = false
			continue
		}
		switch {
		case slices.Contains(want, rs[i].Type):
			if !slices.Contains(out, rs[i]) {
				out = append(out, rs[i])
			}
		case slices.Contains(also, rs[i].Type):
		default:
			explained = false
		}
	}
	return out, explained
}

// regWorst folds per-item results into one: the first failure, else the first unknown, else ok with
// allPass true (the caller writes the pass message).
func regWorst(results []policy.Result) (worst policy.Result, allPass bool) {
	for _, want := range []policy.Status{policy.StatusError, policy.StatusFail, policy.StatusUnknown} {
		for _, r := range results {
			if r.Status == want {
				return r, false
			}
		}
	}
	return policy.Result{}, true
}

// regNames lists resources' distinct names, sorted, for messages.
func regNames(rs []*policy.Resource) string {
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ", ")
}

// regWithURN sets a stack rule result's subject.
func regWithURN(res policy.Result, r *policy.Resource) policy.Result {
	res.URN = r.URN
	return res
}

// regCollect gathers the values at path under r's inputs, where a "*" step visits every element of an
// array. unknown is true when a map or array on the way is computed, so some values cannot be seen yet.
// Absent steps contribute nothing.
func regCollect(r *policy.Resource, path ...string) (vals []policy.Value, unknown bool) {
	var walk func(v policy.Value, rest []string)
	walk = func(v policy.Value, rest []string) {
		if len(rest) == 0 {
			if !v.IsNull() {
				vals = append(vals, v)
			}
			return
		}
		if v.IsComputed() {
			unknown = true
			return
		}
		if rest[0] == "*" {
			items, _ := policy.List(v)
			for _, it := range items {
				walk(it, rest[1:])
			}
			return
		}
		if v.IsMap() {
			walk(v.AsMap().Get(rest[0]), rest[1:])
		}
	}
	walk(r.Get(), path)
	return vals, unknown
}
