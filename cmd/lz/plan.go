//go:build lz_sdk

package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/report"
	"github.com/policecloud/landingzones/policy/report/diagram"
)

type planOptions struct {
	stack, out, waivers, stacksDir, now string
	policyConfig                        string
	formats                             []string
	preview, allFindings                bool
	gate                                gate
}

func newPlanCmd() *cobra.Command {
	var o planOptions
	cmd := &cobra.Command{
		Use:   "plan --stack NAME",
		Short: "Plan a stack offline, evaluate every policy pack and write the reports",
		Long: "plan runs the stack's Pulumi program in-process under a mock cloud (realistic IDs and ARNs; a tier\n" +
			"stack's reference to its foundation is resolved from the foundation's own offline plan), prints the\n" +
			"resources by component, evaluates every rule of every pack with the accreditor's waivers, prints a\n" +
			"summary by pack and NCSC Cloud Security Principle and writes the reports (JSON, SARIF, Markdown,\n" +
			"HTML, JUnit) to --out (--out - writes one report to standard output). No cloud credentials are needed.\n\n" +
			"Exit status: 0 nothing blocks, 1 mandatory failures (--fail-on, --soft-fail), 2 bad input, 3 internal\n" +
			"error.",
		Example: "  lz plan --stack pos-platinum\n  lz plan --stack pos-bronze --waivers waivers/pos-bronze.yaml --out evidence/pos-bronze\n" +
			"  lz plan --stack met-gold --format sarif",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	f.StringVar(&o.stack, "stack", "", "the stack NAME to plan (file Pulumi.NAME.yaml in the stacks directory)")
	f.StringVar(&o.out, "out", "", "directory for the reports (default ./out/NAME); - writes the one --format report to standard output (the summary goes to standard error)")
	f.StringVar(&o.waivers, "waivers", "", "the accreditor's waiver FILE (scope: the stack or its landing zone)")
	f.StringVar(&o.policyConfig, "policy-pack-config", "", policyConfigFlag)
	f.StringSliceVar(&o.formats, "format", formatNames(), "report formats to write: "+strings.Join(formatNames(), ", "))
	f.BoolVar(&o.preview, "preview", false, "plan as a preview: values the cloud computes are unknown (rules needing them report unknown)")
	o.gate.addFlags(f)
	addAllFindingsFlag(f, &o.allFindings)
	addStacksDirFlag(f, &o.stacksDir)
	addNowFlag(f, &o.now)
	return cmd
}

func (o *planOptions) run(cmd *cobra.Command) error {
	if o.stack == "" {
		return &usageError{msg: "nothing to plan: allowed --stack NAME", cmd: cmd}
	}
	if err := checkStackName(cmd, o.stack); err != nil {
		return err
	}
	if err := checkFormats(cmd, o.formats); err != nil {
		return err
	}
	if err := checkOut(cmd, o.out, o.formats); err != nil {
		return err
	}
	if err := o.gate.parse(cmd); err != nil {
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
	out := o.out
	if out == "" {
		out = filepath.Join("out", o.stack)
	}
	prog := newProgress(cmd.ErrOrStderr())
	prog.show("planning %s under the mock cloud...", o.stack)
	res, err := plan.Run(o.stack, plan.Options{StacksDir: dir.dir, WaiverFile: o.waivers, PolicyConfig: o.policyConfig, Now: now, Preview: o.preview})
	prog.done()
	if err != nil {
		return planErr(err, dir, o.stack)
	}
	return o.finish(cmd, res, now, dir, out)
}

// finish prints the plan and its summary, writes the reports and says whether the stack is blocked.
func (o *planOptions) finish(cmd *cobra.Command, res *plan.Result, now time.Time, dir stacksDir, out string) error {
	w := textOut(cmd, out)
	printPlanHeader(w, res, dir)
	fmt.Fprintf(w, "\nResources (%d)\n", len(report.Resources(res.Resources))-countType(res, rootStackType))
	printTree(w, res.Resources)

	r := stackReport(res, now, dir)
	r.AllFindings = o.allFindings
	if err := emitReports(cmd, out, r, o.formats, func() {
		printSummary(w, r.Summary, res.Evaluation)
		for _, warn := range res.Waivers.Warnings {
			fmt.Fprintln(cmd.ErrOrStderr(), "lz: warning: "+warn)
		}
	}); err != nil {
		return err
	}
	return o.gate.verdict("stack "+o.stack, res.Evaluation)
}

func countType(res *plan.Result, typ string) int {
	n := 0
	for _, r := range res.Resources {
		if r.Type == typ {
			n++
		}
	}
	return n
}

func printPlanHeader(w io.Writer, res *plan.Result, dir stacksDir) {
	s := res.Stack
	t := newTable(w)
	t.row("stack", s.Name)
	t.row("file", dir.file(s.Name))
	t.row("cloud", fmt.Sprintf("%s %s", s.Cloud, s.Region))
	t.row("landing zone", s.LandingZone)
	t.row("role", string(s.Role))
	t.row("tier", s.Tier.Title())
	if s.FoundationStack != "" {
		t.row("foundation stack", s.FoundationStack+" (planned offline)")
	}
	t.flush()
}

// stackReport builds a stack's report: the evaluation, every rule's metadata, the resources, and the
// landing zone's network diagram as Mermaid in the Markdown and as SVG in the HTML.
func stackReport(res *plan.Result, now time.Time, dir stacksDir) report.Report {
	r := report.New(res.Context, now.UTC(), toolName(), res.PolicyConfig.Metas(catalog.Metas()), res.Evaluation, report.Resources(res.Resources))
	r.Provenance = build
	r.StackFile = filepath.ToSlash(filepath.Join(filepath.Base(dir.dir), "Pulumi."+res.Stack.Name+".yaml"))
	r.Inputs = inputFiles(inputFile{"stack file", res.StackFile, r.StackFile}, inputFile{"waiver file", res.WaiverFile, res.WaiverFile})
	applyPolicyConfig(&r, res.PolicyConfig, res.PolicyConfigFile)
	r.Locations = stackLocations(res.StackFile, r.StackFile, res.Evaluation.Findings)
	lz := diagram.FromContext(res.Stack.LandingZone, res.Context)
	r.MarkdownExtra = "## Network (landing zone " + res.Stack.LandingZone + ")\n\n" + diagram.MermaidBlock(lz)
	r.HTMLDiagram = diagram.SVGString(lz)
	return r
}
