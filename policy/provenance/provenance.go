// Package provenance says which code produced a piece of evidence: the module version and VCS revision
// of the binary (from the Go build information), the Go version it was built with, and the version of
// the policy pack whose rules it ran. cmd/lz puts it in every report and prints it for `lz --version`;
// policy/pack declares its version from PackVersion, so the two cannot disagree.
//
// It imports only the standard library, so both the pack (a main package) and the reports can use it.
package provenance

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// The policy pack's name and version, as policy/pack/PulumiPolicy.yaml states them (a test keeps the two
// in step). Change the version here and in PulumiPolicy.yaml when the rules change.
const (
	PackName    = "policecloud-landingzones"
	PackVersion = "0.1.0"
)

// Module is this module's path.
const Module = "github.com/policecloud/landingzones"

// Devel is the version Go gives a binary built with no version information (`go run`, `go test`, or
// -buildvcs=false).
const Devel = "(devel)"

// Build is what a report says about the code that produced it.
type Build struct {
	// Module is the main module's path.
	Module string `json:"module"`
	// Version is the main module's version as Go recorded it: a release ("v1.2.0"), a pseudo-version
	// naming the commit ("v0.0.0-20261201120000-3a440cf0a1b2+dirty"), or "(devel)" when none was recorded.
	Version string `json:"version"`
	// Revision is the VCS commit the binary was built from, "" when not recorded.
	Revision string `json:"revision"`
	// RevisionTime is the commit's time (RFC 3339), "" when not recorded.
	RevisionTime string `json:"revisionTime"`
	// Modified is true when the working tree had uncommitted changes at build time.
	Modified bool `json:"modified"`
	// GoVersion is the Go toolchain that built the binary ("go1.26.8").
	GoVersion string `json:"goVersion"`
	// PackName and PackVersion name the policy pack whose rules were run.
	PackName    string `json:"packName"`
	PackVersion string `json:"packVersion"`
}

// Read returns the running binary's build facts.
func Read() Build { return FromBuildInfo(debug.ReadBuildInfo()) }

// FromBuildInfo returns the build facts of bi; ok false (no build information) gives a build with only
// the pack named and the version "(devel)".
func FromBuildInfo(bi *debug.BuildInfo, ok bool) Build {
	b := Build{Module: Module, Version: Devel, PackName: PackName, PackVersion: PackVersion}
	if !ok || bi == nil {
		return b
	}
	b.GoVersion = bi.GoVersion
	if bi.Main.Path != "" {
		b.Module = bi.Main.Path
	}
	if bi.Main.Version != "" {
		b.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.RevisionTime = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// ShortRevision is the first 12 characters of the revision, as Go's pseudo-versions show it.
func (b Build) ShortRevision() string { return b.Revision[:min(12, len(b.Revision))] }

// Tool names the tool and its version for a report's `tool` field: "lz v1.2.0", or, for a build whose
// version does not name its commit, "lz (devel) (3a440cf0a1b2, modified)".
func (b Build) Tool(name string) string {
	v := b.Version
	if b.Revision != "" && (v == Devel || !strings.Contains(v, b.ShortRevision())) {
		rev := b.ShortRevision()
		if b.Modified {
			rev += ", modified"
		}
		v += " (" + rev + ")"
	}
	return name + " " + v
}

// SemanticVersion is the module version as a Semantic Versioning 2.0 string (no leading "v"), as SARIF's
// semanticVersion wants it. A build with no version gives "0.0.0-devel", with the short revision (and
// "modified") as build metadata when known: "0.0.0-devel+3a440cf0a1b2.modified".
func (b Build) SemanticVersion() string {
	if v, ok := strings.CutPrefix(b.Version, "v"); ok && v != "" {
		return v
	}
	v := "0.0.0-devel"
	var meta []string
	if b.Revision != "" {
		meta = append(meta, b.ShortRevision())
	}
	if b.Modified {
		meta = append(meta, "modified")
	}
	if len(meta) > 0 {
		v += "+" + strings.Join(meta, ".")
	}
	return v
}

// Text is the facts as lines of "name: value", as `lz --version` prints them after its first line.
func (b Build) Text() string {
	rev := orNone(b.Revision)
	if b.Revision != "" {
		if b.RevisionTime != "" {
			rev += " (" + b.RevisionTime + ")"
		}
		if b.Modified {
			rev += ", modified: uncommitted changes at build time"
		}
	}
	return fmt.Sprintf("module:   %s %s\nrevision: %s\npack:     %s %s\ngo:       %s\n",
		b.Module, b.Version, rev, b.PackName, b.PackVersion, orNone(b.GoVersion))
}

// Line is the facts on one line, for the human-readable reports.
func (b Build) Line() string {
	rev := "revision not recorded"
	if b.Revision != "" {
		rev = "revision " + b.Revision
		if b.Modified {
			rev += " (modified)"
		}
	}
	return fmt.Sprintf("%s %s, %s; policy pack %s %s; built with %s", b.Module, b.Version, rev, b.PackName, b.PackVersion, orNone(b.GoVersion))
}

func orNone(s string) string {
	if s == "" {
		return "(not recorded)"
	}
	return s
}
