package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
	"github.com/policecloud/landingzones/policy/report"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

// build is the code lz was built from, as every report and `lz --version` state it.
var build = provenance.Read()

// toolName names lz and its version in reports ("lz v1.2.0", "lz (devel) (3a440cf0a1b2, modified)").
func toolName() string { return build.Tool("lz") }

// checkStackName rejects a --stack value that is a path or file name rather than a stack name.
func checkStackName(cmd *cobra.Command, stack string) error {
	if strings.ContainsAny(stack, `/\`) || strings.HasSuffix(stack, ".yaml") {
		return &usageError{msg: fmt.Sprintf("--stack %q is not a stack name: allowed the NAME of stacks/Pulumi.NAME.yaml, such as pos-platinum", stack), cmd: cmd}
	}
	return nil
}

// resolveStacksDir finds the stacks directory for a command (see findStacksDir).
func resolveStacksDir(cmd *cobra.Command, flag string) (stacksDir, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return stacksDir{}, &internalError{err: err}
	}
	dir, err := findStacksDir(flag, cwd)
	if err != nil {
		var usage *usageError
		if errors.As(err, &usage) {
			usage.cmd = cmd
		}
		return stacksDir{}, err
	}
	return dir, nil
}

// parseNow reads the hidden --now flag (tests pin the evaluation day with it): "" means the clock.
func parseNow(cmd *cobra.Command, s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, &usageError{msg: fmt.Sprintf("--now %q is not a time: allowed YYYY-MM-DD or RFC 3339", s), cmd: cmd}
}

// planErrorKinds recognise the errors of the offline plan (internal/plan), in builds that have it
// (plan_sdk.go): scope is a waiver or attestation file that does not match the stack (bad input), program
// the stack program failing (an internal error).
var planErrorKinds struct{ scope, program func(error) bool }

func isPlanError(kind func(error) bool, err error) bool { return kind != nil && kind(err) }

// planErr maps an error of plan.Run (or of reading a stack, waiver or policy config file) to lz's error
// kinds.
func planErr(err error, dir stacksDir, stack string) error {
	var (
		fe    *config.FileError
		we    *waiverfile.Error
		ce    *packconfig.Error
		lines []string
	)
	switch {
	case errors.As(err, &fe) && errors.Is(err, fs.ErrNotExist):
		allowed := "none found"
		if names := dir.stackNames(); len(names) > 0 {
			allowed = "one of " + strings.Join(names, ", ")
		}
		lines = []string{fmt.Sprintf("%s: no such stack file: allowed %s", dir.show(fe.Path), allowed)}
	case errors.As(err, &fe):
		for _, l := range strings.Split(fe.Err.Error(), "\n") {
			lines = append(lines, dir.show(fe.Path)+": "+l)
		}
	case errors.As(err, &we), isPlanError(planErrorKinds.scope, err):
		lines = strings.Split(err.Error(), "\n")
	case errors.As(err, &ce):
		lines = ce.Lines
	case isPlanError(planErrorKinds.program, err):
		return &internalError{err: err}
	case strings.HasPrefix(err.Error(), "read waiver file: "):
		lines = []string{err.Error() + ": allowed --waivers FILE, a readable waiver file"}
	default:
		return &internalError{err: fmt.Errorf("stack %s: %w", stack, err)}
	}
	return &inputError{lines: lines}
}

func formatNames() []string {
	fs := report.Formats()
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// checkFormats validates --format values.
func checkFormats(cmd *cobra.Command, names []string) error {
	if len(names) == 0 {
		return &usageError{msg: "--format is empty: allowed " + strings.Join(formatNames(), ", "), cmd: cmd}
	}
	for _, n := range names {
		if !slices.Contains(formatNames(), n) {
			return &usageError{msg: fmt.Sprintf("--format %q is not a report format: allowed %s", n, strings.Join(formatNames(), ", ")), cmd: cmd}
		}
	}
	return nil
}

// stdoutPath is the --out value that writes one report to standard output.
const stdoutPath = "-"

// checkOut validates --out - : it writes exactly one report, so exactly one --format.
func checkOut(cmd *cobra.Command, out string, names []string) error {
	if out == stdoutPath && len(names) != 1 {
		return &usageError{msg: fmt.Sprintf("--out - writes one report to standard output, not %d (%s): allowed --format FORMAT with one of %s",
			len(names), strings.Join(names, ", "), strings.Join(formatNames(), ", ")), cmd: cmd}
	}
	return nil
}

// textOut is where a command prints what people read: standard output, or standard error when the report
// itself goes to standard output (--out -), so that a pipe receives the report and nothing else.
func textOut(cmd *cobra.Command, out string) io.Writer {
	if out == stdoutPath {
		return cmd.ErrOrStderr()
	}
	return cmd.OutOrStdout()
}

// emitReports prints the terminal summary (summary) and writes the chosen formats of r: to standard
// output for --out -, after the summary, else into the directory out while the summary is printed,
// listing the files written after both.
func emitReports(cmd *cobra.Command, out string, r report.Report, names []string, summary func()) error {
	if out == stdoutPath {
		summary()
		for _, f := range report.Formats() {
			if slices.Contains(names, f.Name) {
				if err := f.Write(cmd.OutOrStdout(), r); err != nil {
					return &internalError{err: fmt.Errorf("write the %s report to standard output: %w", f.Name, err)}
				}
			}
		}
		return nil
	}
	// The summary goes to the terminal and the reports to files: neither waits for the other.
	var wg sync.WaitGroup
	wg.Go(summary)
	paths, err := writeReports(out, r, names)
	wg.Wait()
	if err != nil {
		return err
	}
	w := textOut(cmd, out)
	fmt.Fprintln(w, "\nReports")
	for _, p := range paths {
		fmt.Fprintln(w, "  "+p)
	}
	return nil
}

// readInput reads a --state or --preview file, or standard input for "-". The name returned is how
// messages show it.
func readInput(cmd *cobra.Command, path string) (data []byte, name string, err error) {
	if path == stdoutPath {
		data, err = io.ReadAll(cmd.InOrStdin())
		return data, "standard input", err
	}
	data, err = os.ReadFile(path)
	return data, path, err
}

// writeReports writes the chosen formats of r into dir and returns the paths written.
func writeReports(dir string, r report.Report, names []string) ([]string, error) {
	paths, err := report.WriteFormats(dir, r, names)
	if err != nil {
		return paths, &internalError{err: err}
	}
	return paths, nil
}

// printSummary prints the verdict, the counts by pack and by NCSC principle, and the blocking findings.
func printSummary(w io.Writer, s report.Summary, ev policy.Evaluation) {
	c := s.Overall
	fmt.Fprintf(w, "\nPolicy: %s (%d findings: %d pass, %d fail, %d unknown, %d waived, %d not applicable, %d error)\n",
		s.Verdict, c.Total, c.Pass, c.Fail, c.Unknown, c.Waived, c.NotApplicable, c.Error)

	fmt.Fprintln(w, "\nBy pack")
	t := newTable(w)
	t.row("PACK", "PASS", "FAIL", "UNKNOWN", "WAIVED", "N/A", "ERROR")
	for _, p := range s.ByPack {
		t.row(countsRow(string(p.Pack), p.Counts)...)
	}
	t.flush()

	fmt.Fprintln(w, "\nBy NCSC Cloud Security Principle")
	t = newTable(w)
	t.row("PRINCIPLE", "PASS", "FAIL", "UNKNOWN", "WAIVED", "N/A", "ERROR")
	for _, p := range s.ByPrinciple {
		label := p.Principle.ID
		if p.Principle.Title != "" {
			label += " " + p.Principle.Title
		}
		t.row(countsRow(label, p.Counts)...)
	}
	t.flush()

	if b := ev.Blocking(); len(b) > 0 {
		fmt.Fprintf(w, "\nBlocking findings (%d)\n", len(b))
		rows := make([][3]string, 0, len(b)+1)
		rows = append(rows, [3]string{"RULE", "RESOURCE", "MESSAGE"})
		for _, f := range b {
			res := f.ResourceName
			if res == "" {
				res = "(stack)"
			}
			rows = append(rows, [3]string{f.RuleID, res, f.Message})
		}
		writeColumns(w, rows)
	}
}

// writeColumns writes rows of three cells aligned as newTable aligns them (two spaces after the widest
// cell of each of the first two columns), streaming through a buffer: a stack's blocking findings may
// run to thousands of lines. Cells holding tabs or line breaks go through the table writer itself.
func writeColumns(w io.Writer, rows [][3]string) {
	var width [2]int
	for _, r := range rows {
		for _, c := range r {
			if strings.ContainsAny(c, "\t\n\v\f\r") {
				t := newTable(w)
				for _, r := range rows {
					t.row(r[:]...)
				}
				t.flush()
				return
			}
		}
		for i := range width {
			width[i] = max(width[i], cellWidth(r[i]))
		}
	}
	// A bufio.Writer's error sticks and comes back from Flush; like the table writer's, it is not
	// reported (this is the terminal summary).
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, r := range rows {
		for i := range width {
			_, _ = bw.WriteString(r[i])
			for pad := width[i] - cellWidth(r[i]) + 2; pad > 0; pad -= len(spaces) {
				_, _ = bw.WriteString(spaces[:min(pad, len(spaces))])
			}
		}
		_, _ = bw.WriteString(r[2])
		_ = bw.WriteByte('\n')
	}
	_ = bw.Flush()
}

// spaces pads columns.
const spaces = "                                                                "

// cellWidth is the number of characters in s, as the table writer counts them.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(s)
		}
	}
	return len(s)
}

func countsRow(label string, c report.Counts) []string {
	return []string{label, fmt.Sprint(c.Pass), fmt.Sprint(c.Fail), fmt.Sprint(c.Unknown), fmt.Sprint(c.Waived), fmt.Sprint(c.NotApplicable), fmt.Sprint(c.Error)}
}

// addStacksDirFlag adds --stacks-dir, the directory of the Pulumi.<stack>.yaml files.
func addStacksDirFlag(f *pflag.FlagSet, dir *string) {
	f.StringVar(dir, "stacks-dir", "", "directory of the stack files (default: stacks/ of the project holding the working directory)")
}

// addAllFindingsFlag adds --all-findings: list every finding in full in the JSON report (and one JUnit
// testcase per passing finding), as report schema 1 did, rather than counting passes per rule.
func addAllFindingsFlag(f *pflag.FlagSet, all *bool) {
	f.BoolVar(all, "all-findings", false, "list every finding in full in report.json and report.junit.xml, passes and not-applicable ones too (default: those are counted per rule, with their resources in report.json)")
}

// addNowFlag adds the hidden --now, the evaluation time that makes reports reproducible (golden tests).
func addNowFlag(f *pflag.FlagSet, now *string) {
	f.StringVar(now, "now", "", "evaluation time (YYYY-MM-DD or RFC 3339) for reproducible reports")
	_ = f.MarkHidden("now")
}

// inputFile is one file a report is made from: its role, where to read it, and how to show its path.
type inputFile struct{ role, path, shown string }

// inputFiles hashes the files a report is made from, in the order given; a file with no path is left out,
// and one that cannot be read (it was read moments before) is left out rather than failing the report.
func inputFiles(files ...inputFile) []report.InputFile {
	var out []report.InputFile
	for _, f := range files {
		if f.path == "" {
			continue
		}
		in, err := report.HashInput(f.role, f.path)
		if err != nil {
			continue
		}
		in.Path = filepath.ToSlash(f.shown)
		out = append(out, in)
	}
	return out
}

// policyConfigFlag is the help of --policy-pack-config, the same on plan, check and report.
const policyConfigFlag = "a policy-pack config FILE, the JSON `pulumi preview --policy-pack-config` takes: its settings apply as in the policy pack; loosening a never-waivable rule or widening a region list is refused (exit 2)"

// applyPolicyConfig records the policy config in a report: the overrides in force, and the file (with its
// SHA-256) as an input. The report's rules come from eff.Metas, at the levels in force.
func applyPolicyConfig(r *report.Report, eff packconfig.Effective, path string) {
	r.PolicyConfig = eff.Overrides
	r.Inputs = append(r.Inputs, inputFiles(inputFile{"policy config", path, path})...)
}

// bytesBuffer collects written bytes.
type bytesBuffer struct{ data []byte }

func (b *bytesBuffer) Write(p []byte) (int, error) {
	b.data = append(b.data, p...)
	return len(p), nil
}
