package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK       = 0
	exitInternal = 3
	exitBlocked  = 1
	exitBadInput = 2
)

// inputError is bad input: a missing or invalid stack file, or stacks that disagree. Each line is one
// problem, already prefixed with the file it is about.
type inputError struct{ lines []string }

func (e *inputError) Error() string { return strings.Join(e.lines, "\n") }

// usageError is a command line that cannot be run: missing or conflicting flags.
type usageError struct {
	msg string
	cmd *cobra.Command
}

func (e *usageError) Error() string { return e.msg }

// blockedError is a completed evaluation with blocking findings: mandatory rules failed or errored. The
// reports have been written; the exit status says so.
type blockedError struct {
	what string
	n    int
}

func (e *blockedError) Error() string {
	return fmt.Sprintf("%s: BLOCKED by %d mandatory failure(s)", e.what, e.n)
}

// internalError is a failure that is not the user's input (the working directory cannot be read...).
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "lz",
		Short: "Offline companion of the police landing zones (no cloud credentials needed)",
		Long: "lz checks the landing zones offline: stack configuration (validate), what a stack will create and how\n" +
			"it scores against the policy packs (plan), a real deployment or preview (check), the accreditation\n" +
			"evidence pack for every stack (report), proof that a pack is as generated (verify), the software bill of\n" +
			"materials of lz (sbom) and the rule catalogue (rules).\n\n" +
			"Exit status: 0 clean, 1 mandatory failures, 2 bad input, 3 internal error.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// lz --version: the same facts every report states.
	root.Version = build.Tool("lz")
	root.SetVersionTemplate("{{.Version}}\n" + build.Text())
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: err.Error(), cmd: c}
	})
	root.AddCommand(newValidateCmd(), newPlanCmd(), newCheckCmd(), newReportCmd(), newRulesCmd(), newVerifyCmd(), newSBOMCmd())
	// plan and report run the stack program under the mock cloud, which needs the provider SDKs: only a
	// build with -tags lz_sdk has them; the default build says how to get them (plan_light.go, ADR 0008).
	return root
}

// run executes the command line with the process's standard input and returns the exit code, printing
// errors to stderr.
func run(args []string, stdout, stderr io.Writer) int { return runIO(args, os.Stdin, stdout, stderr) }

// runIO is run reading standard input (--state -, --preview -) from stdin.
func runIO(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetIn(stdin)
	root.SetArgs(args)
	return exitStatus(root.Execute(), stderr)
}

// exitStatus prints err and maps its kind to an exit code.
func exitStatus(err error, stderr io.Writer) int {
	var (
		input    *inputError
		usage    *usageError
		internal *internalError
		blocked  *blockedError
		mismatch *mismatchError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &input):
		for _, line := range input.lines {
			fmt.Fprintln(stderr, line)
		}
		return exitBadInput
	case errors.As(err, &usage):
		fmt.Fprintln(stderr, "lz: "+usage.msg)
		if usage.cmd != nil {
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", usage.cmd.CommandPath())
		}
		return exitBadInput
	case errors.As(err, &blocked):
		fmt.Fprintln(stderr, "lz: "+blocked.Error())
		return exitBlocked
	case errors.As(err, &mismatch):
		fmt.Fprintln(stderr, "lz: "+mismatch.Error())
		return exitBlocked
	case errors.As(err, &internal):
		fmt.Fprintln(stderr, "lz: internal error: "+internal.Error())
		return exitInternal
	default:
		// Errors cobra makes itself: unknown commands, unexpected arguments.
		fmt.Fprintln(stderr, "lz: "+err.Error())
		fmt.Fprintln(stderr, "Run 'lz --help' for usage.")
		return exitBadInput
	}
}
