//go:build !lz_sdk

package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// The default build has no provider SDK and so no stack program: plan and report, which run it, say so and
// how to get them (-tags lz_sdk). Every other command is the same in both builds (ADR 0008).

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
		Short:              short + " (needs the build with the provider SDKs: -tags lz_sdk)",
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return &usageError{msg: fmt.Sprintf("lz %s runs the stack program, which needs the provider SDKs, and this lz was built without them: allowed check, rules, validate, verify, sbom; for %s run lz built with them: go run -tags lz_sdk ./cmd/lz %s (or go build -tags lz_sdk ./cmd/lz)", name, name, use), cmd: cmd}
		},
	}
}
