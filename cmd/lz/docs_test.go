//go:build lz_sdk

package main

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The CI guide's command lines use only flags lz has, so the examples cannot drift from the code.
func TestCIDocFlags(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/ci.md")
	require.NoError(t, err)
	root := newRootCmd(io.Discard, io.Discard)
	var lines []string
	for _, block := range regexp.MustCompile("(?s)```(?:sh|yaml)\n(.*?)```").FindAllStringSubmatch(string(doc), -1) {
		lines = append(lines, regexp.MustCompile(`lz"? (check|plan|report)\b[^\n|>]*(\\\n[^\n|>]*)*`).FindAllString(block[1], -1)...)
	}
	require.NotEmpty(t, lines)
	checked := 0
	for _, line := range lines {
		fields := strings.Fields(strings.ReplaceAll(line, "\\\n", " "))
		cmd, _, err := root.Find(fields[1:2])
		require.NoError(t, err, line)
		for _, f := range fields {
			if name, ok := strings.CutPrefix(f, "--"); ok {
				assert.NotNil(t, cmd.Flags().Lookup(name), "docs/ci.md: lz %s has no flag --%s (%s)", cmd.Name(), name, line)
				checked++
			}
		}
	}
	assert.Greater(t, checked, 10)
}
