package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// writeColumns lays rows out exactly as the table writer does, including cells of multi-byte characters
// and, through the table writer itself, cells with tabs or line breaks.
func TestWriteColumnsMatchesTable(t *testing.T) {
	t.Parallel()
	for _, rows := range [][][3]string{
		{{"RULE", "RESOURCE", "MESSAGE"}, {"PCLZ-AWS-ENC-001", "gold-records", `sse algorithm "AES256" is not aws:kms`}, {"PCLZ-COM-TAG-001", "(stack)", "x"}},
		{{"RULE", "RESOURCE", "MESSAGE"}, {"R", "café-ü", "m"}, {"LONGER-RULE", "b", ""}},
		{{"RULE", "RESOURCE", "MESSAGE"}, {"R", "a\tb", "line one\nline two"}},
	} {
		var got, want strings.Builder
		writeColumns(&got, rows)
		tab := newTable(&want)
		for _, r := range rows {
			tab.row(r[:]...)
		}
		tab.flush()
		assert.Equal(t, want.String(), got.String())
	}
}
