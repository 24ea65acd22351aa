package policy

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// sprintf gives fmt.Sprintf's text, whether or not its fast path takes the format.
func TestSprintfAsFmt(t *testing.T) {
	t.Parallel()
	cases := []struct {
		format string
		args   []any
		fast   bool
	}{
		{"%s %s %s", []any{"a", "b", "c"}, true},
		{"the provider's %v is %s; 100%% of %s", []any{"region", "us-east-1", "it"}, true},
		{"%s", []any{""}, true},
		{"no verbs", []any{"extra"}, false},
		{"%s and %s", []any{"one"}, false},
		{"%d rules", []any{3}, false},
		{"%q", []any{"quoted"}, false},
		{"%-5s|", []any{"pad"}, false},
		{"%s %s", []any{"a", Pack("isolation")}, false},
		{"trailing %", []any{"x"}, false},
		{"%s%%%s", []any{"a", "b"}, true},
	}
	for _, c := range cases {
		_, fast := joinStrings(c.format, c.args)
		assert.Equal(t, c.fast, fast, "%q takes the fast path", c.format)
		assert.Equal(t, fmt.Sprintf(c.format, c.args...), sprintf(c.format, c.args...), "%q", c.format)
	}
}

// Any format and strings: the fast path, when it answers, answers as fmt.Sprintf.
func FuzzSprintfAsFmt(f *testing.F) {
	f.Add("%s %v %s", "a", "b", "c", 3)
	f.Add("100%% %s%", "x", "", "", 1)
	f.Fuzz(func(t *testing.T, format, a, b, c string, n int) {
		args := []any{a, b, c}[:max(0, min(3, n))]
		if got, ok := joinStrings(format, args); ok && got != fmt.Sprintf(format, args...) {
			t.Fatalf("%q %q: %q, fmt gives %q", format, args, got, fmt.Sprintf(format, args...))
		}
	})
}
