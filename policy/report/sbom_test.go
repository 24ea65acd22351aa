package report

import (
	"bytes"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteSBOM(t *testing.T) {
	t.Parallel()
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Path:      "github.com/policecloud/landingzones/cmd/lz",
		Main:      debug.Module{Path: "github.com/policecloud/landingzones", Version: "(devel)"},
		Deps: []*debug.Module{
			{Path: "github.com/blang/semver", Version: "v3.5.1+incompatible", Sum: "h1:cQNTCjp13qL8KC3Nbxr/y2Bqb63oX6wdnnjpJbkM4JQ="},
			{Path: "example.com/old", Version: "v1.0.0", Sum: "h1:notused", Replace: &debug.Module{Path: "example.com/new", Version: "v1.1.0", Sum: "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="}},
			{Path: "example.com/local", Version: "v0.0.0", Replace: &debug.Module{Path: "../local", Version: ""}},
		},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "false"}, {Key: "GOOS", Value: "linux"}},
	}
	var b bytes.Buffer
	sum, err := WriteSBOM(&b, bi, "lz test", time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, SBOMSummary{File: "supply-chain/sbom.cdx.json", Module: "github.com/policecloud/landingzones", Version: "(devel)", Revision: "0123456789abcdef",
		GoVersion: "go1.26.8", Modules: 3, Hashed: 2}, sum)
	assert.JSONEq(t, `{
  "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "metadata": {
    "timestamp": "2026-05-01T09:00:00Z",
    "tools": {"components": [{"type": "application", "name": "lz test"}]},
    "component": {"type": "application", "bom-ref": "pkg:golang/github.com/policecloud/landingzones", "name": "github.com/policecloud/landingzones",
      "version": "(devel)", "purl": "pkg:golang/github.com/policecloud/landingzones", "properties": [
        {"name": "golang:main-package", "value": "github.com/policecloud/landingzones/cmd/lz"},
        {"name": "golang:build:vcs.revision", "value": "0123456789abcdef"},
        {"name": "golang:build:vcs.modified", "value": "false"},
        {"name": "golang:build:GOOS", "value": "linux"}]},
    "properties": [{"name": "pclz:scope", "value": "every module linked into the binary named in metadata.component (golang:main-package), from its build information; the policy pack builds from the same go.mod and go.sum"}]
  },
  "components": [
    {"type": "library", "bom-ref": "pkg:golang/std@go1.26.8", "name": "std", "version": "go1.26.8", "purl": "pkg:golang/std@go1.26.8",
     "properties": [{"name": "golang:note", "value": "the Go standard library of the toolchain the binary was built with"}]},
    {"type": "library", "bom-ref": "pkg:golang/github.com/blang/semver@v3.5.1%2Bincompatible", "name": "github.com/blang/semver", "version": "v3.5.1+incompatible",
     "purl": "pkg:golang/github.com/blang/semver@v3.5.1%2Bincompatible",
     "hashes": [{"alg": "SHA-256", "content": "7103530a3a75dea2fc282dcd6f1affcb606a6fade85fac1d9e78e925b90ce094"}],
     "properties": [{"name": "golang:go.sum", "value": "h1:cQNTCjp13qL8KC3Nbxr/y2Bqb63oX6wdnnjpJbkM4JQ="}]},
    {"type": "library", "bom-ref": "pkg:golang/example.com/new@v1.1.0", "name": "example.com/new", "version": "v1.1.0", "purl": "pkg:golang/example.com/new@v1.1.0",
     "hashes": [{"alg": "SHA-256", "content": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}],
     "properties": [{"name": "golang:replaces", "value": "example.com/old@v1.0.0"}, {"name": "golang:go.sum", "value": "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="}]},
    {"type": "library", "bom-ref": "pkg:golang/../local", "name": "../local", "purl": "pkg:golang/../local",
     "properties": [{"name": "golang:replaces", "value": "example.com/local@v0.0.0"}]}
  ],
  "dependencies": [{"ref": "pkg:golang/github.com/policecloud/landingzones", "dependsOn": [
    "pkg:golang/std@go1.26.8", "pkg:golang/github.com/blang/semver@v3.5.1%2Bincompatible", "pkg:golang/example.com/new@v1.1.0", "pkg:golang/../local"]}]
}`, b.String())

	_, err = WriteSBOM(&b, nil, "lz", time.Time{})
	assert.EqualError(t, err, "no build information: the binary was built without module support")
}
