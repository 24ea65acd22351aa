package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

func TestGolden(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	paths, err := report.WriteAll(dir, fixtureReport())
	require.NoError(t, err)
	require.Equal(t, []string{
		filepath.Join(dir, report.FileJSON), filepath.Join(dir, report.FileSARIF),
		filepath.Join(dir, report.FileMarkdown), filepath.Join(dir, report.FileHTML), filepath.Join(dir, report.FileJUnit),
	}, paths)
	for _, p := range paths {
		got, err := os.ReadFile(p)
		require.NoError(t, err)
		golden := filepath.Join("testdata", filepath.Base(p))
		if *update {
			require.NoError(t, os.WriteFile(golden, got, 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err, "run go test ./policy/report/ -update to create the golden files")
		assert.Equal(t, string(want), string(got), "%s differs from %s; rerun with -update if the change is intended", p, golden)
	}
}

// render writes every format into memory.
func render(t testing.TB, r report.Report) map[string][]byte {
	out := map[string][]byte{}
	for name, write := range map[string]func(*bytes.Buffer, report.Report) error{
		report.FileJSON:     func(b *bytes.Buffer, r report.Report) error { return report.WriteJSON(b, r) },
		report.FileSARIF:    func(b *bytes.Buffer, r report.Report) error { return report.WriteSARIF(b, r) },
		report.FileMarkdown: func(b *bytes.Buffer, r report.Report) error { return report.WriteMarkdown(b, r) },
		report.FileHTML:     func(b *bytes.Buffer, r report.Report) error { return report.WriteHTML(b, r) },
		report.FileJUnit:    func(b *bytes.Buffer, r report.Report) error { return report.WriteJUnit(b, r) },
	} {
		var b bytes.Buffer
		require.NoError(t, write(&b, r), name)
		out[name] = b.Bytes()
	}
	return out
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	first := render(t, fixtureReport())

	// The same report again, and with every list given in reverse order: the same bytes.
	shuffled := fixtureReport()
	slices.Reverse(shuffled.Rules)
	slices.Reverse(shuffled.Evaluation.Findings)
	slices.Reverse(shuffled.Evaluation.Waivers)
	slices.Reverse(shuffled.Resources)
	for _, r := range []report.Report{fixtureReport(), shuffled} {
		again := render(t, r)
		for name, b := range first {
			assert.Equal(t, string(b), string(again[name]), name)
		}
	}

	// The writers agree with WriteAll.
	dir := t.TempDir()
	_, err := report.WriteAll(dir, fixtureReport())
	require.NoError(t, err)
	for name, b := range first {
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, string(b), string(got), name)
	}
}

func TestWriteAllErrors(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "not-a-dir")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	_, err := report.WriteAll(file, fixtureReport())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "create report directory: ")

	nested := filepath.Join(t.TempDir(), "a", "b")
	paths, err := report.WriteAll(nested, fixtureReport())
	require.NoError(t, err)
	assert.Len(t, paths, 5)
}
