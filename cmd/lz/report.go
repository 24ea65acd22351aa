//go:build lz_sdk

package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/report"
	"github.com/policecloud/landingzones/policy/report/diagram"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

type reportOptions struct {
	all                 bool
	out, stacksDir, now string
	waivers             []string
	policyConfig        string
	gate                gate
	attestations        []string
}

func newReportCmd() *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report --all --out DIR",
		Short: "Write the accreditation evidence pack for every stack",
		Long: "report plans every stack offline (as lz plan does) and writes the evidence pack to --out:\n" +
			"  index.html, index.md            every stack's verdict, the NCSC principle matrix across stacks, the\n" +
			"                                  attestations, the waiver register, a network diagram per landing zone\n" +
			"                                  and every other file of the pack with its SHA-256\n" +
			"  controls.md                     each control: its pre-deploy rules and their findings, its in-cloud\n" +
			"                                  guardrails and whether the organisation stack's plan registers them\n" +
			"  stacks/NAME/report.{html,md,json,sarif}   each stack's full report\n" +
			"  network/LZ.svg, network/LZ.md   each landing zone's network (SVG and Mermaid)\n" +
			"  supply-chain/sbom.cdx.json      CycloneDX SBOM of this lz (NCSC principle 8)\n" +
			"  development/ci.{md,json}        the repository's CI checks (NCSC principle 7)\n" +
			"  attestations/SCOPE.yaml         a copy of each attestation file (principles 6, 14)\n" +
			"  manifest.json                   every other file with its SHA-256 (written last; lz verify DIR checks it)\n" +
			"Waiver and attestation files are matched to stacks by their scope (a stack or a landing zone). --out\n" +
			"must be a new or empty directory. The pack digest printed at the end is the SHA-256 of manifest.json:\n" +
			"record it outside the pack.\n\n" +
			"Exit status: 0 nothing blocks, 1 mandatory failures in any stack, 2 bad input, 3 internal error.",
		Example: "  lz report --all --out evidence\n  lz report --all --out evidence --waivers waivers/pos.yaml --waivers waivers/met-bronze.yaml\n" +
			"  lz report --all --out evidence --attestations stacks/attestations/pos.yaml --attestations stacks/attestations/met.yaml",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.all, "all", false, "report on every stack in the stacks directory")
	f.StringVar(&o.out, "out", "", "directory to write the evidence pack to")
	f.StringArrayVar(&o.waivers, "waivers", nil, "a waiver FILE, applied to the stack or landing zone its scope names (repeatable)")
	f.StringVar(&o.policyConfig, "policy-pack-config", "", policyConfigFlag+"; applies to every stack")
	o.gate.addFlags(f)
	f.StringArrayVar(&o.attestations, "attestations", nil, "an attestation FILE, applied to the stack or landing zone its scope names (repeatable)")
	addStacksDirFlag(f, &o.stacksDir)
	addNowFlag(f, &o.now)
	return cmd
}

func (o *reportOptions) run(cmd *cobra.Command) error {
	switch {
	case !o.all:
		return &usageError{msg: "nothing to report on: allowed --all", cmd: cmd}
	case o.out == "":
		return &usageError{msg: "no output directory: allowed --out DIR", cmd: cmd}
	case o.out == stdoutPath:
		return &usageError{msg: "--out -: the evidence pack is a directory of files, not one report: allowed --out DIR", cmd: cmd}
	}
	if err := o.gate.parse(cmd); err != nil {
		return err
	}
	if err := checkEmptyOut(o.out); err != nil {
		return err
	}
	now, err := parseNow(cmd, o.now)
	if err != nil {
		return err
	}
	dir, err := resolveStacksDir(cmd, o.stacksDir)
	if err != nil {
		return err
	}
	files, err := dir.files()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &inputError{lines: []string{dir.show(dir.dir) + ": no stack files: allowed Pulumi.<stack>.yaml files"}}
	}

	// Waiver and attestation files by scope.
	waivers := newScopedFiles("waiver file")
	var problems []string
	for _, wf := range o.waivers {
		f, err := waiverfile.Load(wf, catalog.Meta, now)
		if err != nil {
			var in *inputError
			if errors.As(planErr(err, dir, ""), &in) {
				problems = append(problems, in.lines...)
				continue
			}
			return planErr(err, dir, "")
		}
		if p := waivers.add(f.Scope, wf); p != "" {
			problems = append(problems, p)
		}
	}
	atts, attProblems := loadAttestations(o.attestations, now)
	problems = append(problems, attProblems...)

	prog := newProgress(cmd.ErrOrStderr())
	var results []*plan.Result
	// Every stack file is validated before any is planned, so that all input problems are listed at once.
	loaded := make([]*config.Stack, len(files))
	for i, f := range files {
		s, err := config.LoadFile(f)
		if err != nil {
			problems = append(problems, lines(loadErrors(err))...)
			continue
		}
		loaded[i] = s
	}
	for i, f := range files {
		name, _ := config.StackName(f)
		s := loaded[i]
		if s == nil {
			continue
		}
		wf, wp := waivers.forStack(s)
		_, ap := atts.scoped.forStack(s)
		if wp != "" || ap != "" {
			problems = append(problems, slices.DeleteFunc([]string{wp, ap}, func(p string) bool { return p == "" })...)
			continue
		}
		if len(problems) > 0 {
			continue
		}
		prog.show("[%d/%d] planning %s...", i+1, len(files), name)
		res, err := plan.Run(name, plan.Options{StacksDir: dir.dir, WaiverFile: wf, PolicyConfig: o.policyConfig, Now: now})
		if err != nil {
			var in *inputError
			if e := planErr(err, dir, name); errors.As(e, &in) {
				problems = append(problems, in.lines...)
				continue
			} else {
				prog.done()
				return e
			}
		}
		results = append(results, res)
	}
	prog.done()
	problems = append(problems, waivers.unused(dir.show(dir.dir))...)
	problems = append(problems, atts.scoped.unused(dir.show(dir.dir))...)
	if len(problems) > 0 {
		slices.Sort(problems)
		return &inputError{lines: slices.Compact(problems)}
	}
	ev := packEvidence{atts: atts, repo: findRepo(dir.dir)}
	for _, warn := range ev.warnings(dir) {
		fmt.Fprintln(cmd.ErrOrStderr(), "lz: warning: "+warn)
	}
	return writePack(cmd.OutOrStdout(), o.out, results, now, dir, ev, &o.gate)
}

// writeOperations writes a tier stack's scanning, patching, backup and restore evidence
// (report.FileOperations) into its directory of the pack; a foundation has none.
func writeOperations(dir string, st *config.Stack, r report.Report) error {
	if st.Role != config.RoleTier {
		return nil
	}
	var b bytesBuffer
	if err := report.WriteOperationsMarkdown(&b, r); err != nil {
		return &internalError{err: err}
	}
	if err := os.WriteFile(filepath.Join(dir, report.FileOperations), b.data, 0o644); err != nil { //nolint:gosec // a report meant to be read
		return &internalError{err: err}
	}
	return nil
}

// writePack writes the evidence pack of the planned stacks into out.
func writePack(w io.Writer, out string, results []*plan.Result, now time.Time, dir stacksDir, ev packEvidence, g *gate) error {
	ix := report.Index{GeneratedAt: now, Tool: toolName(), Provenance: build}
	t := newTable(w)
	t.row("STACK", "VERDICT", "BLOCKING", "PASS", "FAIL", "UNKNOWN", "WAIVED", "REPORT")
	seenLZ := map[string]bool{}
	for _, res := range results {
		r := stackReport(res, now, dir)
		rel := filepath.ToSlash(filepath.Join("stacks", res.Stack.Name))
		if _, err := writeReports(filepath.Join(out, rel), r, formatNames()); err != nil {
			return err
		}
		if err := writeOperations(filepath.Join(out, rel), res.Stack, r); err != nil {
			return err
		}
		ix.Stacks = append(ix.Stacks, report.IndexStack{Report: r, LandingZone: res.Stack.LandingZone, Dir: rel, Attestations: ev.atts.forStack(res.Stack)})
		s := r.Summary
		t.row(res.Stack.Name, string(s.Verdict), fmt.Sprint(s.Blocking), fmt.Sprint(s.Overall.Pass), fmt.Sprint(s.Overall.Fail+s.Overall.Error),
			fmt.Sprint(s.Overall.Unknown), fmt.Sprint(s.Overall.Waived), filepath.Join(out, rel, report.FileHTML))
	}
	t.flush()

	// One diagram per landing zone, from its foundation's context (the first stack when it has none).
	var lzs []string
	ctxOf := map[string]*plan.Result{}
	for _, res := range results {
		lz := res.Stack.LandingZone
		if !seenLZ[lz] {
			seenLZ[lz] = true
			lzs = append(lzs, lz)
			ctxOf[lz] = res
		}
		if res.Stack.Role == config.RoleFoundation {
			ctxOf[lz] = res
		}
	}
	slices.Sort(lzs)
	netDir := filepath.Join(out, "network")
	if err := os.MkdirAll(netDir, 0o750); err != nil {
		return &internalError{err: err}
	}
	for _, name := range lzs {
		res := ctxOf[name]
		d := diagram.FromContext(name, res.Context)
		svgText := diagram.SVGString(d)
		mermaid := diagram.MermaidBlock(d)
		var svgFile []byte
		{
			var b bytesBuffer
			if err := diagram.SVG(&b, d); err != nil {
				return &internalError{err: err}
			}
			svgFile = b.data
		}
		if err := os.WriteFile(filepath.Join(netDir, name+".svg"), svgFile, 0o644); err != nil { //nolint:gosec // a report meant to be read
			return &internalError{err: err}
		}
		mdText := "# Network: landing zone " + name + "\n\n" + mermaid
		if err := os.WriteFile(filepath.Join(netDir, name+".md"), []byte(mdText), 0o644); err != nil { //nolint:gosec // a report meant to be read
			return &internalError{err: err}
		}
		ix.LandingZones = append(ix.LandingZones, report.IndexLandingZone{
			Name: name, Cloud: string(res.Stack.Cloud), SVG: svgText, Mermaid: mermaid,
			SVGFile: "network/" + name + ".svg", MarkdownFile: "network/" + name + ".md",
		})
	}
	if err := writeControls(out, &ix, results); err != nil {
		return err
	}
	if err := writeEvidence(out, &ix, dir, ev, now); err != nil {
		return err
	}
	// The index lists every file written so far; the manifest then lists every file, the index too.
	files, err := report.HashTree(out)
	if err != nil {
		return &internalError{err: err}
	}
	ix.Files = files
	for _, x := range []struct {
		file  string
		write func(io.Writer, report.Index) error
	}{
		{report.FileIndexHTML, report.WriteIndexHTML},
		{report.FileIndexMarkdown, report.WriteIndexMarkdown},
	} {
		var b bytesBuffer
		if err := x.write(&b, ix); err != nil {
			return &internalError{err: err}
		}
		if err := os.WriteFile(filepath.Join(out, x.file), b.data, 0o644); err != nil { //nolint:gosec // a report meant to be read
			return &internalError{err: err}
		}
	}
	digest, err := writeManifest(out, ix.Tool, now)
	if err != nil {
		return &internalError{err: err}
	}
	fmt.Fprintf(w, "\nEvidence pack: %s\n", filepath.Join(out, report.FileIndexHTML))
	fmt.Fprintf(w, "Pack digest (SHA-256 of %s; record it to prove the pack later with lz verify --digest): %s\n",
		filepath.Join(out, report.FileManifest), digest)
	// The exit status counts the stacks and findings the gate counts (every blocking finding by default).
	var evs []policy.Evaluation
	gated := 0
	for _, res := range results {
		if g.counts(res.Evaluation) > 0 {
			gated++
		}
		evs = append(evs, res.Evaluation)
	}
	return g.verdict(fmt.Sprintf("%d of %d stacks", gated, len(results)), evs...)
}

// checkEmptyOut refuses an output directory that already holds files: the manifest lists exactly the
// files of one generation, so a pack is never written over another.
func checkEmptyOut(out string) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &inputError{lines: []string{fmt.Sprintf("%s: --out: %v", out, err)}}
	case len(entries) > 0:
		return &inputError{lines: []string{fmt.Sprintf("%s: --out: the directory is not empty (it holds %s): allowed a new or empty directory, "+
			"so that the pack's manifest lists exactly the files of this generation", out, entries[0].Name())}}
	}
	return nil
}

// writeManifest writes the manifest of every file under out and returns the pack digest.
func writeManifest(out, tool string, now time.Time) (string, error) {
	files, err := report.HashTree(out, report.FileManifest)
	if err != nil {
		return "", err
	}
	var b bytesBuffer
	m := report.Manifest{ManifestVersion: report.ManifestVersion, Tool: tool, GeneratedAt: now.UTC(), Algorithm: "sha256", Files: files}
	if err := report.WriteManifest(&b, m); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(out, report.FileManifest), b.data, 0o644); err != nil { //nolint:gosec // a report meant to be read
		return "", err
	}
	return report.Digest(b.data), nil
}
