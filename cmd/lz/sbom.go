package main

import (
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/policecloud/landingzones/policy/report"
)

func newSBOMCmd() *cobra.Command {
	var now string
	cmd := &cobra.Command{
		Use:   "sbom",
		Short: "Print the CycloneDX SBOM of this lz (the one lz report puts in the evidence pack)",
		Long: "sbom prints a CycloneDX " + report.CycloneDXVersion + " JSON software bill of materials of this lz binary, made from\n" +
			"its build information with no network and no other tool: the main module and its VCS revision, the Go\n" +
			"standard library, and every module linked in at its pinned version with its go.sum hash. The policy pack\n" +
			"builds from the same go.mod and go.sum. lz report writes the same SBOM to supply-chain/sbom.cdx.json.\n\n" +
			"Exit status: 0 written, 2 bad input, 3 internal error (a binary built without module information).",
		Example: "  lz sbom > sbom.cdx.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			at, err := parseNow(cmd, now)
			if err != nil {
				return err
			}
			bi, _ := debug.ReadBuildInfo() // nil without module information: WriteSBOM says so
			var b bytesBuffer
			if _, err := report.WriteSBOM(&b, bi, toolName(), at.Truncate(time.Second)); err != nil {
				return &internalError{err: err}
			}
			_, err = cmd.OutOrStdout().Write(b.data)
			return err
		},
	}
	addNowFlag(cmd.Flags(), &now)
	return cmd
}
