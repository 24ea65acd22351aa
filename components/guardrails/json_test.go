package guardrails

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCanonicalJSON(t *testing.T) {
	t.Parallel()
	got, err := CanonicalJSON(map[string]any{"b": "x -> <y> & z", "a": []int{1}})
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"a\": [\n    1\n  ],\n  \"b\": \"x -> <y> & z\"\n}\n", string(got))
	_, err = CanonicalJSON(map[string]any{"f": func() {}})
	require.Error(t, err)
	assert.Equal(t, "json: unsupported type: func()", err.Error())
}
