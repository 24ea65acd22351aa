package policy

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Provider is the provider resource a resource was created with.
type Provider struct {
	// Type is the provider's type token, e.g. "pulumi:providers:aws".
	Type string
	// Name is the provider resource's name.
	Name string
	// URN of the provider resource.
	URN string
	// Inputs are the provider's inputs (AWS region and default tags live here).
	Inputs property.Map
}

// Resource is one resource as rules see it, whichever path it came from (engine, mocks, exported state).
type Resource struct {
	// Type is the resource's type token, e.g. "aws:s3/bucketV2:BucketV2".
	// An azure-native API-versioned token is stored in its default form (see SetType).
	Type string
	// WrittenType is the type token as the program wrote it when it differs from Type (an azure-native
	// API-versioned token such as "azure-native:storage/v20230101:StorageAccount"); "" otherwise.
	WrittenType string
	// Name is the resource's logical name.
	Name string
	// URN is the resource's URN; it identifies the resource in findings and waivers.
	URN string
	// Inputs are the resource's input properties. A computed (unknown) value is property.Computed,
	// distinct from an absent one.
	Inputs property.Map
	// Provider is the resource's provider; nil when not known (for example a component resource).
	Provider *Provider
	// Parent is the URN of the parent resource, or "".
	Parent string
	// Protect is Pulumi's protect option.
	Protect bool
	// RetainOnDelete is Pulumi's retainOnDelete option.
	RetainOnDelete bool
	// RetainOnDeleteNotReported is true where the path the resource came from does not carry the
	// retainOnDelete option (the Pulumi engine does not send it to policy packs); rules that need it
	// report unknown there.
	RetainOnDeleteNotReported bool
	// Dependencies are the URNs the resource depends on.
	Dependencies []string
	// PropertyDependencies maps a top-level input name to the URNs its value came from. It is how rules
	// link resources at preview, when IDs are still computed (a bucket encryption configuration's
	// "bucket" input depends on the bucket's URN).
	PropertyDependencies map[string][]string
	// ID is the resource's cloud ID when known (exported state, mocks); "" at preview.
	ID string

	// memo holds what is derived from the inputs while an evaluation runs: Evaluate sets it for every
	// resource it evaluates and clears it when done. Outside an evaluation it is nil and nothing is
	// cached, so a resource changed between evaluations is read afresh.
	memo atomic.Pointer[resourceMemo]
}

// Clone returns a copy of r that shares its maps and slices, as a struct copy would, but not the memo of
// an evaluation in progress. A Resource is not copied by value (go vet reports it); copy it with Clone.
func (r *Resource) Clone() *Resource {
	return &Resource{Type: r.Type, WrittenType: r.WrittenType, Name: r.Name, URN: r.URN, Inputs: r.Inputs, Provider: r.Provider,
		Parent: r.Parent, Protect: r.Protect, RetainOnDelete: r.RetainOnDelete,
		RetainOnDeleteNotReported: r.RetainOnDeleteNotReported, Dependencies: r.Dependencies,
		PropertyDependencies: r.PropertyDependencies, ID: r.ID}
}

// resourceMemo is what one evaluation derives from a resource once, however many rules ask.
type resourceMemo struct {
	tagsOnce sync.Once
	tags     map[string]string
	unknown  []string
	computed bool

	mu      sync.Mutex
	derived []derivedValue
}

// derivedValue is one value Memo holds; a resource has few, so a slice beats a map.
type derivedValue struct{ key, value any }

func (m *resourceMemo) lookup(key any) (any, bool) {
	for _, d := range m.derived {
		if d.key == key {
			return d.value, true
		}
	}
	return nil, false
}

// Memo returns compute(r), worked out once per evaluation for each key however many rules ask (outside
// an evaluation, every time). The key names what is derived; use a value of an unexported type so
// packages cannot collide. The value is shared by every rule that asks: it must not be changed.
func Memo[T any](r *Resource, key any, compute func(*Resource) T) T {
	m := r.memo.Load()
	if m == nil {
		return compute(r)
	}
	m.mu.Lock()
	v, ok := m.lookup(key)
	m.mu.Unlock()
	if ok {
		return v.(T)
	}
	fresh := compute(r)
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.lookup(key); ok {
		// Another rule worked it out meanwhile: every caller gets the one value.
		return v.(T)
	}
	m.derived = append(m.derived, derivedValue{key, fresh})
	return fresh
}

// memoise gives each resource of rs a fresh memo for one evaluation; the returned function clears the
// memos it set (a resource another evaluation has since taken keeps that evaluation's memo).
func memoise(rs []*Resource) (release func()) {
	memos := make([]resourceMemo, len(rs))
	for i, r := range rs {
		r.memo.Store(&memos[i])
	}
	return func() {
		for i, r := range rs {
			r.memo.CompareAndSwap(&memos[i], nil)
		}
	}
}

// Refers reports whether r's input prop points at target: its property dependencies name target's URN,
// or its value equals target's known ID (exported state has IDs but may lack property dependencies).
// Values inside arrays of strings count too.
func (r *Resource) Refers(prop string, target *Resource) bool {
	if r == nil || target == nil {
		return false
	}
	if slices.Contains(r.PropertyDependencies[prop], target.URN) {
		return true
	}
	if target.ID == "" {
		return false
	}
	vals, k := Strings(r.Get(prop))
	return k == Present && slices.Contains(vals, target.ID)
}

// Referrers returns the resources of type typ among rs whose input prop points at target (see Refers).
func Referrers(rs []*Resource, typ, prop string, target *Resource) []*Resource {
	var out []*Resource
	for _, r := range OfType(rs, typ) {
		if r.Refers(prop, target) {
			out = append(out, r)
		}
	}
	return out
}

// Get returns the input at path (map keys as strings, array indexes as ints). See At.
func (r *Resource) Get(path ...any) property.Value {
	if r == nil {
		return property.Value{}
	}
	return At(r.Inputs, path...)
}

// ProviderGet returns the provider input at path, or null when there is no provider. The engine passes a
// provider's object-valued inputs as JSON text ("defaultTags": "{\"tags\":{...}}"); ProviderGet decodes
// such text on the way, so rules read provider inputs alike in the engine, under mocks and from state.
func (r *Resource) ProviderGet(path ...any) property.Value {
	if r == nil || r.Provider == nil {
		return property.Value{}
	}
	v := property.New(r.Provider.Inputs)
	for _, step := range path {
		v = AtValue(decodeJSONText(v), step)
		if v.IsComputed() {
			return v
		}
	}
	return decodeJSONText(v)
}

// decodeJSONText turns a string holding a JSON object or array into that value; anything else is returned
// as it is.
func decodeJSONText(v property.Value) property.Value {
	if !v.IsString() {
		return v
	}
	s := strings.TrimSpace(v.AsString())
	if s == "" || (s[0] != '{' && s[0] != '[') {
		return v
	}
	if d, ok := jsonTexts.Load(s); ok {
		return d.(property.Value)
	}
	var x any
	if err := json.Unmarshal([]byte(s), &x); err != nil {
		return v
	}
	d := FromGo(x)
	if jsonTextsLen.Add(1) <= jsonTextsMax {
		jsonTexts.Store(s, d)
	}
	return d
}

// jsonTexts holds the values of the JSON texts decodeJSONText has decoded. A provider's object-valued
// inputs (its default tags) are such texts and every resource of the provider reads them, so each is
// decoded once rather than once per resource and rule. A string never changes, so an entry never goes
// stale; property values are immutable, so sharing one is safe. The cache stops growing at jsonTextsMax
// entries (a stack has a handful of providers).
var (
	jsonTexts    sync.Map
	jsonTextsLen atomic.Int32
)

const jsonTextsMax = 1024

// Tags returns the resource's effective tags: the provider's default tags (AWS defaultTags.tags) overlaid
// by the resource's own "tags" input. unknown lists keys whose value is computed, and computed is true
// when the whole tag map (or the provider default tag map) is computed, so no key can be decided. During
// an evaluation they are worked out once per resource and shared by every rule: the map and the slice
// must not be modified.
func (r *Resource) Tags() (tags map[string]string, unknown []string, computed bool) {
	if r == nil {
		return map[string]string{}, nil, false
	}
	if m := r.memo.Load(); m != nil {
		m.tagsOnce.Do(func() { m.tags, m.unknown, m.computed = r.tags() })
		return m.tags, m.unknown, m.computed
	}
	return r.tags()
}

// tags works out Tags.
func (r *Resource) tags() (tags map[string]string, unknown []string, computed bool) {
	tags = map[string]string{}
	merge := func(v property.Value) {
		if v.IsComputed() {
			computed = true
			return
		}
		if !v.IsMap() {
			return
		}
		for k, tv := range v.AsMap().All {
			switch {
			case tv.IsComputed():
				unknown = append(unknown, k)
				delete(tags, k)
			case tv.IsString():
				tags[k] = tv.AsString()
			}
		}
	}
	merge(r.ProviderGet("defaultTags", "tags"))
	merge(r.Get("tags"))
	sort.Strings(unknown)
	return tags, unknown, computed
}

// IsProvider reports whether the resource is itself a provider resource.
func (r *Resource) IsProvider() bool {
	return len(r.Type) > len(providerPrefix) && r.Type[:len(providerPrefix)] == providerPrefix
}

const providerPrefix = "pulumi:providers:"
