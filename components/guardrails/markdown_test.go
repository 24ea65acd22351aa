package guardrails

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDocsControlTable keeps the control table in docs/guardrails.md equal to the code.
func TestDocsControlTable(t *testing.T) {
	const path = "../../docs/guardrails.md"
	doc, err := os.ReadFile(path)
	require.NoError(t, err)
	want, err := ReplaceControls(string(doc))
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, string(doc), "docs/guardrails.md's control table is stale; run go test ./components/guardrails -run TestDocsControlTable -update")
}

func TestReplaceControlsWithoutMarkers(t *testing.T) {
	t.Parallel()
	_, err := ReplaceControls("# no table here\n")
	require.Error(t, err)
	assert.Equal(t, `the document has no "`+ControlsBegin+`" ... "`+ControlsEnd+`" section`, err.Error())
}
