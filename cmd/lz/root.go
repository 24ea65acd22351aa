package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK       = 0
	exitInternal = 1
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

// internalError is a failure that is not the user's input (the working directory cannot be read...).
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "lz",
		Short: "Offline companion of the police landing zones (no cloud credentials needed)",
		Long: "lz checks the landing zones' stack configuration offline: the same config.Load the Pulumi program\n" +
			"runs, the tier profile, the address plan and the flows, and the agreement between stacks.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: err.Error(), cmd: c}
	})
	root.AddCommand(newValidateCmd())
	return root
}

// run executes the command line and returns the exit code, printing errors to stderr.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	return report(root.Execute(), stderr)
}

// report prints err and maps its kind to an exit code.
func report(err error, stderr io.Writer) int {
	var (
		input    *inputError
		usage    *usageError
		internal *internalError
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
