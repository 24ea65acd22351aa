//go:build lz_sdk

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/policy/attestation"
	"github.com/policecloud/landingzones/policy/report"
)

// packEvidence is what lz report adds to the rule results: the attestation files and the repository the
// CI evidence is read from ("" for none).
type packEvidence struct {
	atts attestations
	repo string
}

// warnings are the messages lz report prints before writing the pack: expired attestations and
// principle 7 without a repository.
func (e packEvidence) warnings(dir stacksDir) []string {
	var out []string
	for _, p := range e.atts.paths() {
		out = append(out, e.atts.files[p].Warnings...)
	}
	if e.repo == "" {
		out = append(out, "secure development (NCSC principle 7) is not evidenced: "+noRepoNote(dir))
	}
	return out
}

func noRepoNote(dir stacksDir) string {
	return fmt.Sprintf("no repository (go.mod and %s) at or above the stacks directory %s", report.CIScript, dir.show(dir.dir))
}

// attestations are the attestation files given to lz report, by scope.
type attestations struct {
	scoped *scopedFiles
	// files are the parsed files by path, with the bytes parsed (copied into the pack).
	files map[string]attestation.File
	data  map[string][]byte
}

// loadAttestations reads every attestation file; problems are the files' errors and duplicate scopes.
func loadAttestations(paths []string, now time.Time) (attestations, []string) {
	a := attestations{scoped: newScopedFiles("attestation file"), files: map[string]attestation.File{}, data: map[string][]byte{}}
	var problems []string
	for _, p := range paths {
		data, err := os.ReadFile(p) //nolint:gosec // the file the accreditor names
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			problems = append(problems, fmt.Sprintf("%s: cannot read the attestation file (%v): allowed --attestations FILE, a readable attestation file", p, err))
			continue
		}
		f, err := attestation.Parse(data, p, now)
		if err != nil {
			problems = append(problems, lines(err)...)
			continue
		}
		if pr := a.scoped.add(f.Scope, p); pr != "" {
			problems = append(problems, pr)
			continue
		}
		a.files[p], a.data[p] = f, data
	}
	return a, problems
}

// paths returns the files' paths in the order of their scopes.
func (a attestations) paths() []string {
	paths := make([]string, 0, len(a.files))
	for p := range a.files {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, func(x, y string) int { return strings.Compare(a.files[x].Scope, a.files[y].Scope) })
	return paths
}

// forStack returns the attestations that apply to st.
func (a attestations) forStack(st *config.Stack) []attestation.Attestation {
	if a.scoped == nil {
		return nil
	}
	file, _ := a.scoped.forStack(st)
	return a.files[file].Attestations
}

// findRepo returns the repository the stacks directory belongs to: the first directory at or above it
// that holds go.mod and the CI script, or "" for none.
func findRepo(stacks string) string {
	d, err := filepath.Abs(stacks)
	if err != nil {
		return ""
	}
	for {
		_, errMod := os.Stat(filepath.Join(d, "go.mod"))
		_, errCI := os.Stat(filepath.Join(d, report.CIScript))
		if errMod == nil && errCI == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// writeEvidence writes the pack-wide evidence into out and records it in ix: the SBOM of lz (principle
// 8), the repository's CI checks (principle 7) and a copy of every attestation file (principles 6 and 14
// and any other the accreditor attests).
func writeEvidence(out string, ix *report.Index, dir stacksDir, ev packEvidence, now time.Time) error {
	write := func(rel string, render func(io.Writer) error) error {
		var b bytesBuffer
		if err := render(&b); err != nil {
			return &internalError{err: err}
		}
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			return &internalError{err: err}
		}
		if err := os.WriteFile(p, b.data, 0o644); err != nil { //nolint:gosec // a report meant to be read
			return &internalError{err: err}
		}
		return nil
	}

	if bi, ok := debug.ReadBuildInfo(); ok {
		var sum report.SBOMSummary
		if err := write(report.FileSBOM, func(w io.Writer) (err error) {
			sum, err = report.WriteSBOM(w, bi, ix.Tool, now)
			return err
		}); err != nil {
			return err
		}
		ix.SBOM = &sum
	}

	if ev.repo == "" {
		ix.DevelopmentNote = noRepoNote(dir)
	} else {
		d, err := report.ReadDevelopment(ev.repo)
		if err != nil {
			return &internalError{err: fmt.Errorf("repository %s: %w", ev.repo, err)}
		}
		if err := write(report.FileDevelopmentJSON, func(w io.Writer) error { return report.WriteDevelopmentJSON(w, d) }); err != nil {
			return err
		}
		if err := write(report.FileDevelopmentMarkdown, func(w io.Writer) error { return report.WriteDevelopmentMarkdown(w, d) }); err != nil {
			return err
		}
		ix.Development = &d
	}

	for _, p := range ev.atts.paths() {
		f := ev.atts.files[p]
		rel := "attestations/" + f.Scope + ".yaml"
		if err := write(rel, func(w io.Writer) error { _, err := w.Write(ev.atts.data[p]); return err }); err != nil {
			return err
		}
		ix.Attestations = append(ix.Attestations, report.IndexAttestationFile{Scope: f.Scope, Source: p, File: rel, Attestations: f.Attestations})
	}
	return nil
}
