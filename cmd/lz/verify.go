package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/policecloud/landingzones/policy/report"
)

// mismatchError is an evidence pack that differs from its manifest or from the recorded pack digest.
type mismatchError struct{ msg string }

func (e *mismatchError) Error() string { return e.msg }

var packDigestShape = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

func newVerifyCmd() *cobra.Command {
	var digest string
	cmd := &cobra.Command{
		Use:   "verify DIR",
		Short: "Prove that an evidence pack is as lz report wrote it",
		Long: "verify reads DIR/manifest.json, which lz report writes last, hashes every file under DIR and names\n" +
			"each file edited, added or removed since. With --digest it also checks the SHA-256 of manifest.json\n" +
			"against the pack digest lz report printed, which proves the manifest itself (record the digest\n" +
			"outside the pack: the pipeline log, the accreditation record).\n\n" +
			"Exit status: 0 the pack is as generated, 1 a file or the digest differs, 2 bad input (no pack, a\n" +
			"malformed manifest or --digest), 3 internal error.",
		Example: "  lz verify evidence\n  lz verify --digest sha256:3f5c...e1 evidence",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd, args[0], digest)
		},
	}
	cmd.Flags().StringVar(&digest, "digest", "", "the pack digest recorded when the pack was generated (sha256:<64 hex digits>)")
	return cmd
}

func runVerify(cmd *cobra.Command, dir, digest string) error {
	if digest != "" && !packDigestShape.MatchString(digest) {
		return &usageError{msg: fmt.Sprintf("--digest %q: allowed sha256: and 64 lower-case hex digits, as lz report prints it", digest), cmd: cmd}
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		what := "not a directory"
		if errors.Is(err, fs.ErrNotExist) {
			what = "no such directory"
		}
		return &inputError{lines: []string{fmt.Sprintf("%s: %s: allowed the directory of an evidence pack written by lz report", dir, what)}}
	}
	v, err := report.VerifyPack(dir)
	if err != nil {
		return &inputError{lines: []string{err.Error()}}
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "Evidence pack %s: %d files in the manifest, generated %s by %s; pack digest %s\n",
		dir, v.Files, v.Manifest.GeneratedAt.UTC().Format("2006-01-02 15:04:05 UTC"), v.Manifest.Tool, v.Digest)
	for _, c := range v.Changes {
		fmt.Fprintln(w, c.String())
	}
	var problems []string
	if n := len(v.Changes); n > 0 {
		counts := map[string]int{}
		for _, c := range v.Changes {
			counts[c.Kind]++
		}
		what := "files differ"
		if n == 1 {
			what = "file differs"
		}
		problems = append(problems, fmt.Sprintf("%d %s since generation (%d edited, %d added, %d removed)",
			n, what, counts[report.ChangeEdited], counts[report.ChangeAdded], counts[report.ChangeRemoved]))
	}
	if digest != "" && digest != v.Digest {
		problems = append(problems, fmt.Sprintf("the manifest's digest is %s, not the recorded %s: %s was changed or replaced", v.Digest, digest, report.FileManifest))
	}
	if len(problems) > 0 {
		msg := "evidence pack " + dir + ": " + problems[0]
		for _, p := range problems[1:] {
			msg += "; " + p
		}
		return &mismatchError{msg: msg}
	}
	if digest != "" {
		fmt.Fprintln(w, "OK: every file matches the manifest, and the manifest matches the recorded digest")
	} else {
		fmt.Fprintln(w, "OK: every file matches the manifest (pass --digest to prove the manifest too)")
	}
	return nil
}
