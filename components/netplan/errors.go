package netplan

import (
	"strconv"
	"strings"
)

// maxValueRunes bounds how much of a bad value an error quotes, so that one line stays one line.
const maxValueRunes = 120

// FieldError is one problem with one field: the error type of the network intent ([Intent.Validate]), of
// a stack's configuration (components/config keys it to "landingzone:flows[2]") and of the components'
// arguments (awslz and azurelz: "Flows[2]", "Tags"). A caller that needs to know which field failed reads
// Path; it never parses the text.
//
// Element indices in a Path are 0-based everywhere, as in Go and in the JSON lists of a stack's
// configuration: Flows[0] is the first flow.
type FieldError struct {
	// Path names the field: a Go field path of the arguments ("Flows[2]", "Externals[0].CIDR",
	// "Plan.Supernet") or, for a stack's configuration, the fully qualified key
	// ("landingzone:flows[2]").
	Path string
	// Value is the offending value as written, or "" when the problem is a missing value or a whole
	// structured value.
	Value string
	// Msg says what is wrong ("is not an external range kind"); when Allowed is empty it also says what is
	// allowed.
	Msg string
	// Allowed says what is allowed instead ("psn, onprem, landingzone, partner"), or "" when Msg says it.
	Allowed string
}

// Error returns `<path>: "<value>" <msg>: allowed <allowed>`, leaving out the value when there is none
// and the allowed part when Allowed is empty. Values longer than 120 characters are shortened with "...".
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	b.WriteString(": ")
	if e.Value != "" {
		b.WriteString(QuoteValue(e.Value))
		b.WriteString(" ")
	}
	b.WriteString(e.Msg)
	if e.Allowed != "" {
		b.WriteString(": allowed ")
		b.WriteString(e.Allowed)
	}
	return b.String()
}

// QuoteValue quotes a value for an error message, shortening it to 120 characters with "...".
func QuoteValue(v string) string {
	if r := []rune(v); len(r) > maxValueRunes {
		v = string(r[:maxValueRunes]) + "..."
	}
	return strconv.Quote(v)
}

// Prefixed returns a copy of the error whose Path is prefix followed by the error's Path, joined by "."
// unless the error's Path starts with "[" (an element of prefix).
func (e *FieldError) Prefixed(prefix string) *FieldError {
	c := *e
	switch {
	case prefix == "":
	case c.Path == "":
		c.Path = prefix
	case strings.HasPrefix(c.Path, "["):
		c.Path = prefix + c.Path
	default:
		c.Path = prefix + "." + c.Path
	}
	return &c
}

// Errs returns the field errors as plain errors, for errors.Join.
func Errs(fes []*FieldError) []error {
	out := make([]error, len(fes))
	for i, e := range fes {
		out[i] = e
	}
	return out
}
