package policy

import (
	"fmt"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// UnknownSentinel is the string the Pulumi engine writes for a computed value in JSON (preview output,
// mock monitors).
const UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// secretSig marks a secret value in Pulumi's JSON encoding.
const secretSig = "4dabf18193072939515e22adb298388d" //nolint:gosec // a public marker of Pulumi's JSON encoding, not a credential

// FromGo converts a plain Go value (as decoded from JSON or YAML: map[string]any, []any, string, bool,
// float64 or any integer, nil) into a property value. The engine's unknown sentinel becomes a computed
// value and a secret envelope becomes a secret value. Anything else (a channel, a struct) becomes null.
func FromGo(v any) property.Value {
	switch x := v.(type) {
	case nil:
		return property.Value{}
	case property.Value:
		return x
	case property.Map:
		return property.New(x)
	case bool:
		return property.New(x)
	case string:
		if x == UnknownSentinel {
			return property.New(property.Computed)
		}
		return property.New(x)
	case float64:
		return property.New(x)
	case float32:
		return property.New(float64(x))
	case int:
		return property.New(float64(x))
	case int32:
		return property.New(float64(x))
	case int64:
		return property.New(float64(x))
	case uint16:
		return property.New(float64(x))
	case []string:
		out := make([]property.Value, len(x))
		for i, s := range x {
			out[i] = FromGo(s)
		}
		return property.New(out)
	case []any:
		out := make([]property.Value, len(x))
		for i, e := range x {
			out[i] = FromGo(e)
		}
		return property.New(out)
	case map[string]string:
		out := make(map[string]property.Value, len(x))
		for k, e := range x {
			out[k] = FromGo(e)
		}
		return property.New(out)
	case map[string]any:
		if sig, ok := x[secretSig]; ok {
			if _, isStr := sig.(string); isStr {
				return FromGo(x["plaintext"]).WithSecret(true)
			}
		}
		out := make(map[string]property.Value, len(x))
		for k, e := range x {
			out[k] = FromGo(e)
		}
		return property.New(out)
	default:
		return property.Value{}
	}
}

// MapFromGo converts a plain Go map into a property map (see FromGo).
func MapFromGo(m map[string]any) property.Map {
	v := FromGo(m)
	if !v.IsMap() {
		return property.Map{}
	}
	return v.AsMap()
}

// ToGo converts a property value into plain Go values (map[string]any, []any, string, bool, float64,
// nil). A computed value becomes UnknownSentinel; secrets are unwrapped. It is FromGo's inverse for
// JSON-shaped data.
func ToGo(v property.Value) any {
	switch {
	case v.IsComputed():
		return UnknownSentinel
	case v.IsBool():
		return v.AsBool()
	case v.IsNumber():
		return v.AsNumber()
	case v.IsString():
		return v.AsString()
	case v.IsArray():
		a := v.AsArray()
		out := make([]any, 0, a.Len())
		for _, e := range a.All {
			out = append(out, ToGo(e))
		}
		return out
	case v.IsMap():
		out := map[string]any{}
		for k, e := range v.AsMap().All {
			out[k] = ToGo(e)
		}
		return out
	case v.IsResourceReference():
		ref := v.AsResourceReference()
		return map[string]any{"urn": string(ref.URN)}
	default:
		return nil
	}
}

// SetAt returns a copy of m with the value at path replaced by val, creating maps along the way. An int
// step indexes an existing array (and is ignored when out of range). It is for building fixtures and
// mock state; rules never mutate inputs.
func SetAt(m property.Map, val property.Value, path ...any) property.Map {
	if len(path) == 0 {
		return m
	}
	out := setAt(property.New(m), val, path)
	if !out.IsMap() {
		return m
	}
	return out.AsMap()
}

func setAt(cur property.Value, val property.Value, path []any) property.Value {
	if len(path) == 0 {
		return val
	}
	switch s := path[0].(type) {
	case string:
		m := property.Map{}
		if cur.IsMap() {
			m = cur.AsMap()
		}
		return property.New(m.Set(s, setAt(m.Get(s), val, path[1:])))
	case int:
		if !cur.IsArray() {
			return cur
		}
		items := cur.AsArray().AsSlice()
		if s < 0 || s >= len(items) {
			return cur
		}
		items = append([]property.Value(nil), items...)
		items[s] = setAt(items[s], val, path[1:])
		return property.New(items)
	default:
		panic(fmt.Sprintf("SetAt: path step %v of type %T is neither string nor int", s, s))
	}
}

// DeleteAt returns a copy of m without the value at path.
func DeleteAt(m property.Map, path ...any) property.Map {
	if len(path) == 0 {
		return m
	}
	if len(path) == 1 {
		if k, ok := path[0].(string); ok {
			return m.Delete(k)
		}
		return m
	}
	parent := At(m, path[:len(path)-1]...)
	last, ok := path[len(path)-1].(string)
	if !ok || !parent.IsMap() {
		return m
	}
	return SetAt(m, property.New(parent.AsMap().Delete(last)), path[:len(path)-1]...)
}

// SortedKeys returns a map's keys in order.
func SortedKeys(m property.Map) []string {
	keys := make([]string, 0, m.Len())
	for k := range m.All {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
