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
		{"value", FieldError{Key: "landingzone:region", Value: "us-east-1", Msg: "is not allowed for cloud aws: allowed eu-west-2 (London)"},
			`landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`},
		{"no value", FieldError{Key: "landingzone:owner", Msg: "missing: required: allowed a team mailbox"},
			`landingzone:owner: missing: required: allowed a team mailbox`},
		{"value with quotes and newline", FieldError{Key: "k", Value: "a\"b\nc", Msg: "is bad"},
			`k: "a\"b\nc" is bad`},
		{"long value shortened", FieldError{Key: "k", Value: strings.Repeat("x", 130), Msg: "is bad"},
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
		{Key: "landingzone:flows[10]", Msg: "b"},
		{Key: "landingzone:region", Msg: "b"},
		{Key: "landingzone:flows[2].to", Msg: "a"},
		{Key: "landingzone:flows[2]", Msg: "z"},
		{Key: "landingzone:region", Msg: "a"},
		{Key: "landingzone:region", Msg: "a"},
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
