package azure

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// The data-driven rules (customer keys, TLS, plaintext channels, public access, local authentication,
// service firewalls) hold one table per concern: for each resource type, the inputs that decide it and
// the values that are safe. A rule's Meta.Reads is built from its table, so the coverage catalogue can
// prove that every risky input of every catalogued type is read.

// field is one input a data-driven rule decides on.
type field struct {
	// path is the input's path (map keys; array indexes are not used: arrays have custom checks).
	path []any
	// ok are the accepted values, compared case-insensitively; booleans are "true" or "false".
	ok []string
	// tls accepts any TLS version of 1.2 or later, in every spelling ("1.2", "TLS1_2", "Tls12", "TLSv1.2").
	tls bool
	// keySource accepts any customer key source, in every spelling (semantic.ClassifyAzureKeySource).
	keySource bool
	// def is the service's value when the input is absent; "" means the input must be set.
	def string
	// why says what a wrong value does.
	why string
	// when limits the field to resources where it returns true (for example a setting that matters
	// only when another is on); nil means always.
	when func(r *policy.Resource) bool
}

// name is the input's path as messages write it.
func (f field) name() string { return pathName(f.path) }

// want says what the input must be.
func (f field) want() string {
	if f.tls {
		return "TLS 1.2 or later"
	}
	if f.keySource {
		return "a customer-managed key source (Microsoft.KeyVault)"
	}
	return strings.Join(f.ok, " or ")
}

// accepts reports whether s is a safe value.
func (f field) accepts(s string) bool {
	if f.tls {
		return tlsAtLeast12(s)
	}
	if f.keySource {
		return classifyKey(s)
	}
	return slices.ContainsFunc(f.ok, func(a string) bool { return eqFold(a, s) })
}

// scalar reads v as a string ("true"/"false" for booleans, decimal for numbers). quoted says whether a
// message should quote it.
func scalar(v policy.Value) (s string, quoted bool, k policy.Known) {
	switch {
	case v.IsComputed():
		return "", false, policy.Unknown
	case v.IsString():
		return v.AsString(), true, policy.Present
	case v.IsBool():
		return strconv.FormatBool(v.AsBool()), false, policy.Present
	case v.IsNumber():
		return strconv.FormatFloat(v.AsNumber(), 'f', -1, 64), false, policy.Present
	}
	return "", false, policy.Absent
}

// check decides f on r. found describes the value for a pass message.
func (f field) check(r *policy.Resource) (found string, res policy.Result) {
	if f.when != nil && !f.when(r) {
		return "", ok
	}
	name := f.name()
	s, quoted, k := scalar(r.Get(f.path...))
	switch {
	case k == policy.Unknown:
		return "", policy.Undecided("%s is computed; it must be %s", name, f.want())
	case k == policy.Absent && f.def == "":
		return "", policy.Fail("%s is not set; it must be %s (%s otherwise)", name, f.want(), f.why)
	case k == policy.Absent && !f.accepts(f.def):
		return "", policy.Fail("%s is not set (Azure's default is %s, which %s); it must be %s", name, f.def, f.why, f.want())
	case k == policy.Absent:
		return name + " " + f.def + " (default)", ok
	case !f.accepts(s):
		shown := s
		if quoted {
			shown = strconv.Quote(s)
		}
		return "", policy.Fail("%s is %s, which %s; it must be %s", name, shown, f.why, f.want())
	}
	return name + " " + s, ok
}

// typeSpec is what a data-driven rule decides for one resource type.
type typeSpec struct {
	// what names the type in messages ("container registry").
	what string
	// fields are checked in order.
	fields []field
	// custom, when set, decides what fields cannot (arrays, combinations); it returns its own pass
	// description (found), or a failing, unknown or not-applicable result (the last decides the resource).
	custom func(ctx *policy.Context, r *policy.Resource) (found string, res policy.Result)
	// reads are the inputs custom decides on (dot-joined paths).
	reads []string
}

// assess runs a type's spec on r: the first failure, else the first unknown, else a pass that lists
// what was found.
func assess(ctx *policy.Context, table map[string]typeSpec, r *policy.Resource) policy.Result {
	spec, has := table[r.Type]
	if !has {
		return policy.NotApplicable("the rule does not assess %s", r.Type)
	}
	var found []string
	var results []policy.Result
	for _, f := range spec.fields {
		d, res := f.check(r)
		results = append(results, res)
		if d != "" {
			found = append(found, d)
		}
	}
	if spec.custom != nil {
		d, res := spec.custom(ctx, r)
		if res.Status == policy.StatusNotApplicable {
			return res
		}
		results = append(results, res)
		if d != "" {
			found = append(found, d)
		}
	}
	if len(found) == 0 {
		found = append(found, "no setting applies")
	}
	return decide(policy.Pass("%s: %s", spec.what, strings.Join(found, ", ")), results...)
}

// tableTypes returns the types of a table, sorted.
func tableTypes(table map[string]typeSpec) []string {
	out := make([]string, 0, len(table))
	for t := range table {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// tableReads returns every input a table decides on, as Meta.Reads.
func tableReads(table map[string]typeSpec) []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, t := range tableTypes(table) {
		spec := table[t]
		for _, f := range spec.fields {
			out = append(out, policy.PropertyRef{Type: t, Path: f.name()})
		}
		out = append(out, policy.Reads(t, spec.reads...)...)
	}
	return sortedReads(out)
}

// sortedReads sorts and de-duplicates property references.
func sortedReads(refs []policy.PropertyRef) []policy.PropertyRef {
	slices.SortFunc(refs, func(a, b policy.PropertyRef) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Path, b.Path))
	})
	return slices.Compact(refs)
}

// tlsAtLeast12 reports whether s names TLS 1.2 or later, in any of the spellings Azure services use:
// "1.2", "TLS1_2", "Tls12", "TLSv1.2", "TLS12", "TLSv1_3".
func tlsAtLeast12(s string) bool {
	major, minor, ok := tlsVersion(s)
	return ok && (major > 1 || (major == 1 && minor >= 2))
}

// tlsVersion parses a TLS version (1.0 to 1.3; there is no TLS 2) in any Azure spelling. "TLS1_0", "1.0",
// "Tls", "TLSv1" are 1.0.
func tlsVersion(s string) (major, minor int, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "tls")
	t = strings.TrimPrefix(t, "v")
	t = strings.TrimSpace(t)
	if t == "" && strings.EqualFold(strings.TrimSpace(s), "tls") {
		return 1, 0, true
	}
	t = strings.NewReplacer("_", ".", "-", ".").Replace(t)
	if !strings.Contains(t, ".") && len(t) == 2 {
		t = t[:1] + "." + t[1:]
	}
	if !strings.Contains(t, ".") {
		t += ".0"
	}
	a, b, found := strings.Cut(t, ".")
	if !found {
		return 0, 0, false
	}
	ma, err1 := strconv.Atoi(a)
	mi, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || ma != 1 || mi < 0 || mi > 9 {
		return 0, 0, false
	}
	return ma, mi, true
}

// mustBeSet checks that a reference input (a key URI, a disk encryption set ID) is set. A computed value
// counts as set when the top-level input depends on another resource of the stack (the key or set it
// names).
func mustBeSet(r *policy.Resource, why string, path ...any) policy.Result {
	name := pathName(path)
	v := r.Get(path...)
	if v.IsComputed() {
		if top, isStr := path[0].(string); isStr && len(r.PropertyDependencies[top]) > 0 {
			return ok
		}
		return policy.Undecided("%s is computed and comes from no other resource; it must name %s", name, why)
	}
	if s, k := policy.Str(v); k != policy.Present || s == "" {
		return policy.Fail("%s is not set; it must name %s", name, why)
	}
	return ok
}

// quoteAll quotes each string, for messages.
func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
