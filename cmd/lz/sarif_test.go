//go:build lz_sdk

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/sarifcheck"
	"github.com/policecloud/landingzones/policy/report"
)

// sarifResults reads the results of a SARIF report: rule, message, where it points and the key.
type sarifResult struct {
	RuleID  string `json:"ruleId"`
	Message struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine   int `json:"startLine"`
				StartColumn int `json:"startColumn"`
			} `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	Properties map[string]any `json:"properties"`
}

func readSARIF(t *testing.T, path string) (id string, results []sarifResult) {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct {
		Runs []struct {
			AutomationDetails struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
			Results []sarifResult `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.Len(t, doc.Runs, 1)
	return doc.Runs[0].AutomationDetails.ID, doc.Runs[0].Results
}

// A provider region (and so every resource's region) set by the stack file's aws:region key: the SARIF result and the JSON finding point
// at that key's line; findings no key set point at the stack file from its first line.
func TestCheckLocatesTheStackKey(t *testing.T) {
	t.Parallel()
	dir := copyStacks(t)
	writeStack(t, dir, "pos-gold", edit(t, stackText(t, "pos-gold"), "aws:region: eu-west-2", "aws:region: eu-west-1"))
	data, err := os.ReadFile(exportFixture)
	require.NoError(t, err)
	export := filepath.Join(t.TempDir(), "pos-gold.export.json")
	require.NoError(t, os.WriteFile(export, []byte(strings.ReplaceAll(string(data), `"region": "eu-west-2"`, `"region": "eu-west-1"`)), 0o600))
	out := t.TempDir()
	code, _, stderr := lz(t, "check", "--state", export, "--stacks-dir", dir, "--out", out, "--format", "json,sarif", "--now", evalDay)
	require.Equal(t, exitBlocked, code, stderr)

	id, results := readSARIF(t, filepath.Join(out, report.FileSARIF))
	assert.Equal(t, "lz/pos-gold/", id)
	region := 0
	for _, res := range results {
		pl := res.Locations[0].PhysicalLocation
		assert.Equal(t, "stacks/Pulumi.pos-gold.yaml", pl.ArtifactLocation.URI, res.RuleID)
		if strings.HasPrefix(res.RuleID, "PCLZ-AWS-REG-") { // the provider and every resource it places
			region++
			assert.Contains(t, res.Message.Text, `"eu-west-1"`)
			assert.Equal(t, 5, pl.Region.StartLine, "line of aws:region")
			assert.Equal(t, 3, pl.Region.StartColumn)
			assert.Equal(t, "aws:region", res.Properties["stackFileKey"])
		} else {
			assert.Equal(t, 1, pl.Region.StartLine, "%s: no key set its value", res.RuleID)
		}
	}
	assert.Positive(t, region)

	raw, err := os.ReadFile(filepath.Join(out, report.FileJSON))
	require.NoError(t, err)
	var doc struct {
		Findings []struct {
			RuleID   string `json:"ruleId"`
			Status   string `json:"status"`
			Location *struct {
				File string `json:"file"`
				Line int    `json:"line"`
				Key  string `json:"key"`
			} `json:"location"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	located := 0
	for _, f := range doc.Findings {
		if f.Location != nil {
			located++
			assert.True(t, strings.HasPrefix(f.RuleID, "PCLZ-AWS-REG-"), f.RuleID)
			assert.Equal(t, "stacks/Pulumi.pos-gold.yaml", f.Location.File)
			assert.Equal(t, 5, f.Location.Line)
			assert.Equal(t, "aws:region", f.Location.Key)
		}
	}
	assert.Equal(t, region, located)
}

// The evidence pack's eight SARIF reports upload to code scanning side by side: one category per stack,
// every result at a file and line, every rule resolvable.
func TestReportSARIFSideBySide(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, _, stderr := lz(t, "report", "--all", "--out", out, "--now", evalDay)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	entries, err := os.ReadDir(filepath.Join(out, "stacks"))
	require.NoError(t, err)
	require.Len(t, entries, 10)
	var names []string
	var logs [][]byte
	for _, e := range entries {
		p := filepath.Join(out, "stacks", e.Name(), report.FileSARIF)
		raw, err := os.ReadFile(p)
		require.NoError(t, err)
		names, logs = append(names, e.Name()), append(logs, raw)
		id, _ := readSARIF(t, p)
		assert.Equal(t, "lz/"+e.Name()+"/", id)
	}
	assert.Empty(t, sarifcheck.Check(names, logs...))
}
