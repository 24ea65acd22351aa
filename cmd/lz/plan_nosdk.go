//go:build lz_nosdk

package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// A build with -tags lz_nosdk has no provider SDK and so no stack program: plan and report, which run it,
// say so and how to get them. Every other command is the same as in the full build.

func newPlanCmd() *cobra.Command { return withoutSDK("plan --stack NAME", "Plan a stack offline") }

func newReportCmd() *cobra.Command {
	return withoutSDK("report --all --out DIR", "Write the accreditation evidence pack for every stack")
}

func withoutSDK(use, short string) *cobra.Command {
	name := use
	for i, c := range use {
		if c == ' ' {
			name = use[:i]
			break
		}
	}
	return &cobra.Command{
		Use:                use,
		Short:              short + " (not in this build: built with -tags lz_nosdk)",
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return &usageError{msg: fmt.Sprintf("lz %s runs the stack program, which needs the provider SDKs, and this lz was built without them (-tags lz_nosdk): allowed check, rules, validate, verify, sbom; build lz without -tags lz_nosdk (go build ./cmd/lz) for %s", name, name), cmd: cmd}
		},
	}
}
