package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadDevelopment(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	write := func(p, s string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o750))
		require.NoError(t, os.WriteFile(filepath.Join(root, p), []byte(s), 0o600))
	}
	write(CIScript, "#!/usr/bin/env bash\nset -e\necho \"== go vet\"\ngo vet ./...\n\n# lint\necho \"== lint\"\nmake lint\necho \"== fuzz\"\nmake fuzz FUZZTIME=5s && make lint\necho \"CI passed\"\n")
	write(Makefile, "LINT_VERSION := v2.15.0\nFUZZTIME ?= 5s\n\nlint: tools\n\tgolangci-lint run ./...\n\nfuzz:\n\tgo test -fuzz=. ./a\n\nunused:\n\ttrue\n")
	write(LintConfig, "version: \"2\"\nlinters:\n  enable:\n    - govet\n    - gosec\n")
	write("a/a_test.go", "package a\n\nfunc TestOne(t *testing.T) {}\nfunc Test_two(t *testing.T) {}\nfunc Testing() {}\nfunc BenchmarkX(b *testing.B) {}\nfunc Example() {}\nfunc ExampleY() {}\nfunc FuzzParse(f *testing.F) {}\n")
	write("a/testdata/x_test.go", "func TestIgnored(t *testing.T) {}\n")
	write(".tools/y_test.go", "func TestIgnored(t *testing.T) {}\n")

	d, err := ReadDevelopment(root)
	require.NoError(t, err)
	assert.Equal(t, []CIStep{
		{Name: "go vet", Line: 3, Commands: []string{"go vet ./..."}},
		{Name: "lint", Line: 7, Commands: []string{"make lint"}},
		{Name: "fuzz", Line: 9, Commands: []string{"make fuzz FUZZTIME=5s && make lint"}},
	}, d.Steps)
	assert.Equal(t, []MakeTarget{
		{Name: "lint", Line: 4, Prerequisites: "tools", Recipe: []string{"golangci-lint run ./..."}},
		{Name: "fuzz", Line: 7, Recipe: []string{"go test -fuzz=. ./a"}},
	}, d.MakeTargets)
	assert.Equal(t, []string{"LINT_VERSION v2.15.0"}, d.PinnedTools)
	assert.Equal(t, []string{"govet", "gosec"}, d.Linters)
	assert.Equal(t, 2, d.Tests)
	assert.Equal(t, 1, d.Benchmarks)
	assert.Equal(t, 2, d.Examples)
	assert.Equal(t, []string{"a.FuzzParse"}, d.FuzzTargets)
	require.Len(t, d.Sources, 3)
	lint, err := HashInput("lint configuration", filepath.Join(root, LintConfig))
	require.NoError(t, err)
	assert.Equal(t, []InputFile{{Role: "CI script", Path: CIScript, SHA256: d.Sources[0].SHA256}, {Role: "Makefile", Path: Makefile, SHA256: d.Sources[1].SHA256},
		{Role: "lint configuration", Path: LintConfig, SHA256: lint.SHA256}}, d.Sources)

	var b bytes.Buffer
	require.NoError(t, WriteDevelopmentMarkdown(&b, d))
	assert.Contains(t, b.String(), "| 9 | fuzz | `make fuzz FUZZTIME=5s && make lint` |\n")
	assert.Contains(t, b.String(), "| lint | 4 | tools | `golangci-lint run ./...` |\n")
	assert.Contains(t, b.String(), "\nTests: 2 test functions, 1 benchmarks, 2 examples, 1 fuzz targets.\n")

	_, err = ReadDevelopment(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), ".ci/run: open ")
}

// The repository's own CI evidence: the steps .ci/run announces and the make targets it calls.
func TestReadDevelopmentOfThisRepository(t *testing.T) {
	t.Parallel()
	d, err := ReadDevelopment("../..")
	require.NoError(t, err)
	var steps, targets []string
	for _, s := range d.Steps {
		steps = append(steps, s.Name)
	}
	for _, m := range d.MakeTargets {
		targets = append(targets, m.Name)
	}
	assert.Contains(t, steps, "go vet")
	assert.Contains(t, targets, "lint")
	assert.Contains(t, targets, "fuzz")
	assert.Contains(t, targets, "e2e")
	assert.Contains(t, d.FuzzTargets, "policy/attestation.FuzzParse")
	assert.Contains(t, d.FuzzTargets, "policy/waiverfile.FuzzParse")
	assert.Greater(t, d.Tests, 100)
}
