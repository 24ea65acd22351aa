package policy

import (
	"math"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// At walks v along path: a string step indexes a map, an int step indexes an array. It returns:
//   - the computed value as soon as the walk meets one (the rest of the path cannot be known yet);
//   - the null value when a step is absent or of the wrong kind;
//   - otherwise the value at the end of the path.
//
// It never panics, whatever the input.
func At(m property.Map, path ...any) property.Value {
	return AtValue(property.New(m), path...)
}

// AtValue is At starting from any value.
func AtValue(v property.Value, path ...any) property.Value {
	for _, step := range path {
		if v.IsComputed() {
			return v
		}
		switch s := step.(type) {
		case string:
			if !v.IsMap() {
				return property.Value{}
			}
			v = v.AsMap().Get(s)
		case int:
			if !v.IsArray() {
				return property.Value{}
			}
			a := v.AsArray()
			if s < 0 || s >= a.Len() {
				return property.Value{}
			}
			v = a.Get(s)
		default:
			return property.Value{}
		}
	}
	return v
}

// Known is the state of a value a rule reads.
type Known int

const (
	// Absent means the value is not set (or null, or of another kind than asked).
	Absent Known = iota
	// Unknown means the value is computed and will be known only after apply.
	Unknown
	// Present means the value is set and of the asked kind.
	Present
)

func state(v property.Value, ok func(property.Value) bool) Known {
	switch {
	case v.IsComputed():
		return Unknown
	case ok(v):
		return Present
	default:
		return Absent
	}
}

// Str reads a string.
func Str(v property.Value) (string, Known) {
	k := state(v, property.Value.IsString)
	if k != Present {
		return "", k
	}
	return v.AsString(), k
}

// Bool reads a boolean.
func Bool(v property.Value) (bool, Known) {
	k := state(v, property.Value.IsBool)
	if k != Present {
		return false, k
	}
	return v.AsBool(), k
}

// Num reads a number. Numbers that arrive as decimal strings (as some providers send them) are accepted.
func Num(v property.Value) (float64, Known) {
	if v.IsString() {
		var f float64
		var seen bool
		s := v.AsString()
		if f, seen = parseDecimal(s); seen {
			return f, Present
		}
		return 0, Absent
	}
	k := state(v, property.Value.IsNumber)
	switch {
	case k != Present:
		return 0, k
	case math.IsNaN(v.AsNumber()):
		return 0, Absent
	default:
		return v.AsNumber(), k
	}
}

// Int reads a whole number (see Num).
func Int(v property.Value) (int, Known) {
	f, k := Num(v)
	if k != Present {
		return 0, k
	}
	if f > math.MaxInt32 || f < math.MinInt32 {
		return 0, Absent
	}
	return int(f), k
}

// List reads an array. A single value that is not an array is absent.
func List(v property.Value) ([]property.Value, Known) {
	k := state(v, property.Value.IsArray)
	if k != Present {
		return nil, k
	}
	return v.AsArray().AsSlice(), k
}

// Strings reads an array of strings. unknown is true when the array or any element is computed.
func Strings(v property.Value) (out []string, k Known) {
	items, k := List(v)
	if k != Present {
		// A single string where a list is expected (AWS policy documents do this) counts as a list of one.
		if s, sk := Str(v); sk == Present {
			return []string{s}, Present
		}
		return nil, k
	}
	for _, it := range items {
		if it.IsComputed() {
			return out, Unknown
		}
		if it.IsString() {
			out = append(out, it.AsString())
		}
	}
	return out, Present
}

func parseDecimal(s string) (float64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var f float64
	neg := false
	i := 0
	if s[0] == '-' {
		neg, i = true, 1
		if len(s) == 1 {
			return 0, false
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		f = f*10 + float64(c-'0')
	}
	if neg {
		f = -f
	}
	return f, true
}

// Value is an alias for property.Value, so that rule packages need not import the property package for
// signatures.
type Value = property.Value
