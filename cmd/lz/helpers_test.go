package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/sarifcheck"
)

// validSARIF fails the test unless the file is a SARIF 2.1.0 log that validates against the schema.
func validSARIF(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, sarifcheck.Schema(raw), path)
}

// verdict reads the verdict of a JSON report.
func verdict(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct {
		Summary struct {
			Verdict string `json:"verdict"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.NotEmpty(t, doc.Summary.Verdict, path)
	return doc.Summary.Verdict
}
