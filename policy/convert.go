package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

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

// FromJSON decodes one JSON value into a property value: what FromGo gives for encoding/json's decoding
// of the text into an interface value (numbers as float64, the unknown sentinel as computed, secret
// envelopes as secrets), in one pass and with no intermediate Go values. A stack export's inputs are
// most of its bytes, so they are decoded this way. A number out of float64 range is an error. On text
// that is not valid JSON it returns an error or a value to be discarded, and does not panic (FuzzFromJSON
// feeds it both): lz check decodes while another core checks the document is valid.
func FromJSON(data []byte) (property.Value, error) {
	p := jsonParser{data: data}
	v, err := p.value()
	if err != nil {
		return property.Value{}, err
	}
	if p.skip(); p.i != len(p.data) {
		return property.Value{}, fmt.Errorf("JSON text after the value at byte %d", p.i)
	}
	return v, nil
}

type jsonParser struct {
	data []byte
	i    int
	// depth is the nesting depth of the object or array being read; maps and arrays are scratch space
	// per depth, reused: property.New copies what it is given.
	depth int
	maps  []map[string]property.Value
	arrs  [][]property.Value
}

// scratch returns the scratch map and array of the current depth, emptied.
func (p *jsonParser) scratch() (map[string]property.Value, []property.Value) {
	for len(p.maps) <= p.depth {
		p.maps = append(p.maps, map[string]property.Value{})
		p.arrs = append(p.arrs, nil)
	}
	clear(p.maps[p.depth])
	return p.maps[p.depth], p.arrs[p.depth][:0]
}

func (p *jsonParser) skip() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value() (property.Value, error) {
	p.skip()
	if p.i >= len(p.data) {
		return property.Value{}, errors.New("JSON text ends before a value")
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		if err != nil {
			return property.Value{}, err
		}
		return FromGo(s), nil
	case c == 't' && bytes.HasPrefix(p.data[p.i:], []byte("true")):
		p.i += 4
		return property.New(true), nil
	case c == 'f' && bytes.HasPrefix(p.data[p.i:], []byte("false")):
		p.i += 5
		return property.New(false), nil
	case c == 'n' && bytes.HasPrefix(p.data[p.i:], []byte("null")):
		p.i += 4
		return property.Value{}, nil
	default:
		start := p.i
		for p.i < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.i]) >= 0 {
			p.i++
		}
		f, err := strconv.ParseFloat(string(p.data[start:p.i]), 64)
		if err != nil {
			return property.Value{}, fmt.Errorf("number %s: %w", p.data[start:p.i], err)
		}
		return property.New(f), nil
	}
}

// str reads a string. Plain ASCII text with no escapes is taken as it is; anything else is decoded by
// encoding/json itself, so escapes and invalid UTF-8 come out exactly as it decodes them.
func (p *jsonParser) str() (string, error) {
	start := p.i
	p.i++
	plain := true
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			if plain {
				return string(p.data[start+1 : p.i-1]), nil
			}
			var s string
			err := json.Unmarshal(p.data[start:p.i], &s)
			return s, err
		case c == '\\':
			plain = false
			p.i += 2
			continue
		case c < 0x20 || c >= 0x80:
			plain = false
		}
		p.i++
	}
	return "", errors.New("JSON text ends in a string")
}

func (p *jsonParser) array() (property.Value, error) {
	p.i++ // [
	_, out := p.scratch()
	p.depth++
	defer func() { p.depth-- }()
	for {
		p.skip()
		if p.i < len(p.data) && p.data[p.i] == ']' {
			p.i++
			p.arrs[p.depth-1] = out
			if len(out) == 0 {
				return property.New([]property.Value{}), nil
			}
			return property.New(out), nil
		}
		if len(out) > 0 {
			if p.i >= len(p.data) || p.data[p.i] != ',' {
				return property.Value{}, fmt.Errorf("expected , or ] at byte %d", p.i)
			}
			p.i++
		}
		v, err := p.value()
		if err != nil {
			return property.Value{}, err
		}
		out = append(out, v)
	}
}

func (p *jsonParser) object() (property.Value, error) {
	p.i++ // {
	out, _ := p.scratch()
	p.depth++
	defer func() { p.depth-- }()
	first := true
	for {
		p.skip()
		if p.i < len(p.data) && p.data[p.i] == '}' {
			p.i++
			break
		}
		if !first {
			if p.i >= len(p.data) || p.data[p.i] != ',' {
				return property.Value{}, fmt.Errorf("expected , or } at byte %d", p.i)
			}
			p.i++
			p.skip()
		}
		first = false
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return property.Value{}, fmt.Errorf("expected a key at byte %d", p.i)
		}
		k, err := p.str()
		if err != nil {
			return property.Value{}, err
		}
		p.skip()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return property.Value{}, fmt.Errorf("expected : at byte %d", p.i)
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return property.Value{}, err
		}
		out[k] = v
	}
	// A secret envelope, as FromGo reads one: its signature key holds a JSON string (decoded as a string,
	// or as computed for the unknown sentinel; never as a secret, which only an envelope decodes to).
	if sig, ok := out[secretSig]; ok && !sig.Secret() && (sig.IsString() || sig.IsComputed()) {
		return out["plaintext"].WithSecret(true), nil
	}
	return property.New(out), nil
}
