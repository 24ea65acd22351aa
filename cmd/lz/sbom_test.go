package main

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/report"
)

// TestSBOMOfBuiltLz builds lz as the evidence pack's author does (with the provider SDKs, for lz report) and
// checks its SBOM: every module at the version and with the hash go.sum pins, and every module the policy
// pack links (the same module graph) among them.
func TestSBOMOfBuiltLz(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lz")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "lz")
	build := exec.Command("go", "build", "-tags", "lz_sdk", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	bi, err := buildinfo.ReadFile(bin)
	require.NoError(t, err)
	var b bytes.Buffer
	sum, err := report.WriteSBOM(&b, bi, "lz", time.Now())
	require.NoError(t, err)
	assert.Equal(t, "github.com/policecloud/landingzones", sum.Module)
	require.Greater(t, sum.Modules, 20)
	assert.Equal(t, sum.Modules, sum.Hashed, "every module carries its go.sum hash")

	gosum, err := os.ReadFile("../../go.sum")
	require.NoError(t, err)
	pinned := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(gosum))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && !strings.HasSuffix(f[1], "/go.mod") {
			pinned[f[0]+" "+f[1]+" "+f[2]] = true
		}
	}
	var bom struct {
		Components []struct {
			Name, Version string
			Properties    []struct{ Name, Value string }
		}
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &bom))
	require.Len(t, bom.Components, sum.Modules+1)
	listed := map[string]bool{}
	for _, c := range bom.Components[1:] {
		var h1 string
		for _, p := range c.Properties {
			if p.Name == "golang:go.sum" {
				h1 = p.Value
			}
		}
		assert.True(t, pinned[c.Name+" "+c.Version+" "+h1], "%s %s %s is not in go.sum", c.Name, c.Version, h1)
		listed[c.Name+"@"+c.Version] = true
	}

	// The policy pack's modules are among lz's, so the SBOM lists the pack's supply chain too.
	list := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}}{{end}}{{end}}", "../../policy/pack")
	out, err = list.Output()
	require.NoError(t, err)
	n := 0
	for _, m := range strings.Fields(string(out)) {
		n++
		assert.True(t, listed[m], "the policy pack links %s, which the SBOM of lz does not list", m)
	}
	assert.Positive(t, n)
}

func TestSBOMCommand(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := lz(t, "sbom", "--now", evalDay)
	require.Equal(t, exitOK, code, stderr)
	var bom struct {
		BOMFormat, SpecVersion string
		Metadata               struct {
			Timestamp string
			Tools     struct{ Components []struct{ Name string } }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &bom))
	assert.Equal(t, "CycloneDX", bom.BOMFormat)
	assert.Equal(t, report.CycloneDXVersion, bom.SpecVersion)
	assert.Equal(t, "2026-05-01T09:00:00Z", bom.Metadata.Timestamp)
	require.Len(t, bom.Metadata.Tools.Components, 1)
	assert.Equal(t, toolName(), bom.Metadata.Tools.Components[0].Name)

	code, _, stderr = lz(t, "sbom", "extra")
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, "lz: unknown command \"extra\" for \"lz sbom\"\nRun 'lz --help' for usage.\n", stderr)
}
