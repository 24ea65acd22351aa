package catalog

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTimingsCoverEveryStackRule keeps the before-create record complete and true: one entry per stack
// rule, each twin a resource rule that names its stack rule (and is named by it), each rewritten rule a
// resource rule.
func TestTimingsCoverEveryStackRule(t *testing.T) {
	t.Parallel()
	stack := map[string]string{}
	for _, r := range StackRules() {
		stack[r.ID] = r.Description
	}
	resource := map[string]string{}
	for _, r := range Rules() {
		resource[r.ID] = r.Description
	}
	seen := map[string]bool{}
	for _, tm := range Timings() {
		desc, ok := stack[tm.StackRule]
		if !assert.True(t, ok, "timing for %s, which is not a stack rule", tm.StackRule) {
			continue
		}
		assert.False(t, seen[tm.StackRule], "two timings for %s", tm.StackRule)
		seen[tm.StackRule] = true
		assert.NotEmpty(t, tm.After, "%s: say what only the stack rule judges", tm.StackRule)
		for _, twin := range tm.Twins {
			twinDesc, ok := resource[twin]
			if !assert.True(t, ok, "%s: twin %s is not a resource rule", tm.StackRule, twin) {
				continue
			}
			assert.Contains(t, twinDesc, tm.StackRule, "twin %s's description must name its stack rule", twin)
			assert.Contains(t, desc, twin, "%s's description must name its twin and say what it judges before create", tm.StackRule)
			assert.Contains(t, desc, "judged here, only after the resources exist", "%s's description must say what it judges after", tm.StackRule)
		}
	}
	for id := range stack {
		assert.True(t, seen[id], "stack rule %s has no timing: say which twin refuses its per-resource faults before create, or why none can", id)
	}
	for id := range Rewritten {
		_, isResource := resource[id]
		assert.True(t, isResource, "rewritten rule %s is not a resource rule", id)
	}
}

// TestTimingsDocumented fails when the table in docs/e2e.md and Timings disagree. Run
// `go test ./policy/catalog -run TestTimingsDocumented -update` to regenerate it.
func TestTimingsDocumented(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "docs", "e2e.md")
	doc, err := os.ReadFile(path)
	require.NoError(t, err)
	want, err := ReplaceTimings(string(doc))
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o600))
		return
	}
	assert.Equal(t, want, string(doc), "docs/e2e.md before-create table is stale: run go test ./policy/catalog -run TestTimingsDocumented -update")
	md := TimingMarkdown()
	for _, r := range StackRules() {
		assert.Contains(t, md, "| `"+r.ID+"` |")
	}
	_, err = ReplaceTimings("no markers")
	require.EqualError(t, err, `markers "`+TimingStart+`" ... "`+TimingEnd+`" not found in order`)
}

// TestTimingsTwinsSorted keeps each entry's twins in ID order, as the table shows them.
func TestTimingsTwinsSorted(t *testing.T) {
	t.Parallel()
	for _, tm := range Timings() {
		assert.True(t, slices.IsSorted(tm.Twins), "%s: twins %s not sorted", tm.StackRule, strings.Join(tm.Twins, ", "))
	}
}
