package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFieldErrorFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  FieldError
		want string
	}{
		{"value", FieldError{Path: "landingzone:region", Value: "us-east-1", Msg: "is not allowed for cloud aws: allowed eu-west-2 (London)"},
			`landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`},
		{"no value", FieldError{Path: "landingzone:owner", Msg: "missing: required: allowed a team mailbox"},
			`landingzone:owner: missing: required: allowed a team mailbox`},
		{"value with quotes and newline", FieldError{Path: "k", Value: "a\"b\nc", Msg: "is bad"},
			`k: "a\"b\nc" is bad`},
		{"long value shortened", FieldError{Path: "k", Value: strings.Repeat("x", 130), Msg: "is bad"},
			`k: "` + strings.Repeat("x", 120) + `..." is bad`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

func TestErrorsSortAndDedupe(t *testing.T) {
	t.Parallel()
	errs := Errors{
		{Path: "landingzone:flows[10]", Msg: "b"},
		{Path: "landingzone:region", Msg: "b"},
		{Path: "landingzone:flows[2].to", Msg: "a"},
		{Path: "landingzone:flows[2]", Msg: "z"},
		{Path: "landingzone:region", Msg: "a"},
		{Path: "landingzone:region", Msg: "a"},
	}.sort()
	assert.Equal(t, []string{
		"landingzone:flows[2]: z",
		"landingzone:flows[2].to: a",
		"landingzone:flows[10]: b",
		"landingzone:region: a",
		"landingzone:region: b",
	}, errs.Lines())
	assert.Equal(t, strings.Join(errs.Lines(), "\n"), errs.Error())
}

func TestNaturalCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"a[2]", "a[10]", -1},
		{"a[10]", "a[2]", 1},
		{"a[02]", "a[2]", 1},
		{"a[2]", "a[2]", 0},
		{"a", "ab", -1},
		{"b", "a", 1},
		{"x1y", "x1z", -1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, naturalCompare(tt.a, tt.b), "%q vs %q", tt.a, tt.b)
	}
}

// TestPlanErrorKeysByPath: a problem of the network intent is keyed to the configuration by its Path, with
// the same 0-based index, whatever its text says.
func TestPlanErrorKeysByPath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ path, want string }{
		{"Flows[0]", "landingzone:flows[0]"},
		{"Flows[12].To", "landingzone:flows[12].to"},
		{"Flows[2].Ports[1]", "landingzone:flows[2].ports[1]"},
		{"Externals[3].CIDR", "landingzone:externalRanges[3].cidr"},
		{"Externals[0].Name", "landingzone:externalRanges[0].name"},
		{"Plan.Supernet", "landingzone:supernet"},
		{"Plan.Tiers[1].CIDR", "landingzone:supernet"},
	} {
		in := &FieldError{Path: tc.path, Value: "v", Msg: "flow 7 (gold -> bronze tcp/1): text that names another element", Allowed: "a"}
		got := planError(in)
		assert.Equal(t, tc.want, got.Path, tc.path)
		assert.Equal(t, tc.want+`: "v" flow 7 (gold -> bronze tcp/1): text that names another element: allowed a`, got.Error())
		assert.Equal(t, tc.path, in.Path, "the intent's error is not changed")
	}
}
