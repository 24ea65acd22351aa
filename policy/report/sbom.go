package report

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"
)

// FileSBOM is where the evidence pack holds the software bill of materials, relative to the pack.
const FileSBOM = "supply-chain/sbom.cdx.json"

// CycloneDXVersion is the CycloneDX specification version of the SBOM.
const CycloneDXVersion = "1.6"

// The CycloneDX 1.6 JSON document, the subset this package writes.
type (
	cdxBOM struct {
		BOMFormat    string          `json:"bomFormat"`
		SpecVersion  string          `json:"specVersion"`
		Version      int             `json:"version"`
		Metadata     cdxMetadata     `json:"metadata"`
		Components   []cdxComponent  `json:"components"`
		Dependencies []cdxDependency `json:"dependencies"`
	}
	cdxMetadata struct {
		Timestamp  string        `json:"timestamp"`
		Tools      cdxTools      `json:"tools"`
		Component  cdxComponent  `json:"component"`
		Properties []cdxProperty `json:"properties,omitempty"`
	}
	cdxTools struct {
		Components []cdxComponent `json:"components"`
	}
	cdxComponent struct {
		Type       string        `json:"type"`
		BOMRef     string        `json:"bom-ref,omitempty"`
		Name       string        `json:"name"`
		Version    string        `json:"version,omitempty"`
		PURL       string        `json:"purl,omitempty"`
		Hashes     []cdxHash     `json:"hashes,omitempty"`
		Properties []cdxProperty `json:"properties,omitempty"`
	}
	cdxHash struct {
		Alg     string `json:"alg"`
		Content string `json:"content"`
	}
	cdxProperty struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	cdxDependency struct {
		Ref       string   `json:"ref"`
		DependsOn []string `json:"dependsOn"`
	}
)

// SBOMSummary is what the evidence pack's index says about the SBOM.
type SBOMSummary struct {
	// File is the SBOM's path in the pack (FileSBOM).
	File string
	// Module and Version name the main module as built ("(devel)" for a build from a checkout without a
	// version tag), Revision its VCS revision where the build recorded one.
	Module, Version, Revision string
	// GoVersion is the Go toolchain the binary was built with.
	GoVersion string
	// Modules is how many modules were linked into the binary, the standard library not counted; Hashed
	// how many of them carry their go.sum hash.
	Modules, Hashed int
}

// golangPURL is the package URL of a Go module version; version may be empty.
func golangPURL(path, version string) string {
	p := "pkg:golang/" + path
	if version != "" && version != "(devel)" {
		p += "@" + strings.ReplaceAll(version, "+", "%2B")
	}
	return p
}

// h1SHA256 turns a go.sum hash ("h1:" and the base64 SHA-256 of the module's file tree, Go's dirhash) into
// lower-case hex; ok is false for any other form.
func h1SHA256(sum string) (string, bool) {
	b64, found := strings.CutPrefix(sum, "h1:")
	if !found {
		return "", false
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != 32 {
		return "", false
	}
	return hex.EncodeToString(raw), true
}

func setting(bi *debug.BuildInfo, key string) string {
	for _, s := range bi.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// WriteSBOM writes a CycloneDX 1.6 JSON software bill of materials of the binary bi describes
// (debug.ReadBuildInfo): the main module with its VCS revision, the Go standard library at the toolchain's
// version, and every module linked in at its pinned version with its go.sum hash (as SHA-256 hex and, in a
// golang:go.sum property, as go.sum writes it). A replaced module is listed as its replacement, with the
// module it replaces in a golang:replaces property. tool names the generating tool; at is the timestamp.
func WriteSBOM(w io.Writer, bi *debug.BuildInfo, tool string, at time.Time) (SBOMSummary, error) {
	if bi == nil {
		return SBOMSummary{}, fmt.Errorf("no build information: the binary was built without module support")
	}
	mainVersion := bi.Main.Version
	if mainVersion == "" {
		mainVersion = "(devel)"
	}
	mainPath := bi.Main.Path
	if mainPath == "" {
		mainPath = bi.Path
	}
	sum := SBOMSummary{File: FileSBOM, Module: mainPath, Version: mainVersion, Revision: setting(bi, "vcs.revision"), GoVersion: bi.GoVersion}
	main := cdxComponent{Type: "application", BOMRef: golangPURL(mainPath, mainVersion), Name: mainPath, Version: mainVersion, PURL: golangPURL(mainPath, mainVersion)}
	main.Properties = append(main.Properties, cdxProperty{"golang:main-package", bi.Path})
	for _, k := range []string{"vcs", "vcs.revision", "vcs.time", "vcs.modified", "GOOS", "GOARCH", "CGO_ENABLED", "-trimpath"} {
		if v := setting(bi, k); v != "" {
			main.Properties = append(main.Properties, cdxProperty{"golang:build:" + k, v})
		}
	}
	std := cdxComponent{Type: "library", BOMRef: golangPURL("std", bi.GoVersion), Name: "std", Version: bi.GoVersion, PURL: golangPURL("std", bi.GoVersion),
		Properties: []cdxProperty{{"golang:note", "the Go standard library of the toolchain the binary was built with"}}}
	bom := cdxBOM{
		BOMFormat: "CycloneDX", SpecVersion: CycloneDXVersion, Version: 1,
		Metadata: cdxMetadata{
			Timestamp: at.UTC().Format(time.RFC3339),
			Tools:     cdxTools{Components: []cdxComponent{{Type: "application", Name: tool}}},
			Component: main,
			Properties: []cdxProperty{{"pclz:scope", "every module linked into the binary named in metadata.component " +
				"(golang:main-package), from its build information; the policy pack builds from the same go.mod and go.sum"}},
		},
		Components: []cdxComponent{std},
	}
	deps := cdxDependency{Ref: main.BOMRef, DependsOn: []string{std.BOMRef}}
	for _, d := range bi.Deps {
		m := d
		var props []cdxProperty
		if d.Replace != nil {
			m = d.Replace
			props = append(props, cdxProperty{"golang:replaces", d.Path + "@" + d.Version})
		}
		c := cdxComponent{Type: "library", BOMRef: golangPURL(m.Path, m.Version), Name: m.Path, Version: m.Version, PURL: golangPURL(m.Path, m.Version)}
		if hexSum, ok := h1SHA256(m.Sum); ok {
			c.Hashes = []cdxHash{{Alg: "SHA-256", Content: hexSum}}
			props = append(props, cdxProperty{"golang:go.sum", m.Sum})
			sum.Hashed++
		}
		c.Properties = props
		bom.Components = append(bom.Components, c)
		deps.DependsOn = append(deps.DependsOn, c.BOMRef)
		sum.Modules++
	}
	bom.Dependencies = []cdxDependency{deps}
	b, err := json.MarshalIndent(bom, "", "  ")
	if err != nil {
		return SBOMSummary{}, err
	}
	_, err = w.Write(append(b, '\n'))
	return sum, err
}
