package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/policecloud/landingzones/components/config"
)

type validateOptions struct {
	stack     string
	all       bool
	stacksDir string
}

func newValidateCmd() *cobra.Command {
	var o validateOptions
	cmd := &cobra.Command{
		Use:   "validate (--stack NAME | --all)",
		Short: "Validate stack configuration and show the resolved profile, address plan and flows",
		Long: "validate loads stack files exactly as the Pulumi program does and reports every problem at once,\n" +
			"one line each, prefixed with the file. With --stack it prints the stack's header, tier profile,\n" +
			"address plan and flows. With --all it validates every stack file and checks that the stacks of a\n" +
			"landing zone agree, that landing zones do not overlap and that each has exactly one foundation.",
		Example: "  lz validate --stack pos-platinum\n  lz validate --all\n  lz validate --stacks-dir ./stacks --all",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd)
		},
	}
	cmd.Flags().StringVar(&o.stack, "stack", "", "validate the stack NAME (file Pulumi.NAME.yaml in the stacks directory)")
	cmd.Flags().BoolVar(&o.all, "all", false, "validate every Pulumi.*.yaml in the stacks directory and check them against each other")
	addStacksDirFlag(cmd.Flags(), &o.stacksDir)
	return cmd
}

func (o *validateOptions) run(cmd *cobra.Command) error {
	switch {
	case o.stack != "" && o.all:
		return &usageError{msg: "--stack and --all cannot be used together: allowed one of them", cmd: cmd}
	case o.stack == "" && !o.all:
		return &usageError{msg: "nothing to validate: allowed --stack NAME or --all", cmd: cmd}
	case strings.ContainsAny(o.stack, `/\`) || strings.HasSuffix(o.stack, ".yaml"):
		return &usageError{msg: fmt.Sprintf("--stack %q is not a stack name: allowed the NAME of stacks/Pulumi.NAME.yaml, such as pos-platinum", o.stack), cmd: cmd}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return &internalError{err: err}
	}
	dir, err := findStacksDir(o.stacksDir, cwd)
	if err != nil {
		var usage *usageError
		if errors.As(err, &usage) {
			usage.cmd = cmd
		}
		return err
	}
	if o.all {
		return validateAll(cmd.OutOrStdout(), dir)
	}
	return validateOne(cmd.OutOrStdout(), dir, o.stack)
}

// loadErrors returns the lines of a LoadFile error, each prefixed with the file.
func loadErrors(err error) error {
	var fe *config.FileError
	if errors.As(err, &fe) {
		return &inputError{lines: strings.Split(fe.Error(), "\n")}
	}
	return &internalError{err: err}
}

func validateOne(w io.Writer, dir stacksDir, name string) error {
	path := dir.file(name)
	s, err := config.LoadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		allowed := "none found"
		if names := dir.stackNames(); len(names) > 0 {
			allowed = "one of " + strings.Join(names, ", ")
		}
		return &inputError{lines: []string{fmt.Sprintf("%s: no such stack file: allowed %s", path, allowed)}}
	}
	if err != nil {
		return loadErrors(err)
	}
	printStack(w, path, s)
	return nil
}

func validateAll(w io.Writer, dir stacksDir) error {
	files, err := dir.files()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &inputError{lines: []string{dir.show(dir.dir) + ": no stack files: allowed Pulumi.<stack>.yaml files"}}
	}
	var (
		problems []string
		loaded   []loadedStack
	)
	tw := newTable(w)
	for _, f := range files {
		s, err := config.LoadFile(f)
		if err != nil {
			var in *inputError
			if !errors.As(loadErrors(err), &in) {
				return loadErrors(err)
			}
			problems = append(problems, in.lines...)
			name, _ := config.StackName(f)
			tw.row("FAIL", name, fmt.Sprintf("%d problem(s)", len(in.lines)))
			continue
		}
		loaded = append(loaded, loadedStack{path: f, s: s})
		tw.row("OK", s.Name, string(s.Cloud), s.Region, "landing zone "+s.LandingZone, describeRole(s))
	}
	tw.flush()
	cross := crossCheck(dir.show(dir.dir), loaded)
	problems = append(problems, cross...)
	if len(cross) == 0 {
		fmt.Fprintf(w, "cross-stack checks: OK (%d stacks, %d landing zones)\n", len(loaded), countLandingZones(loaded))
	} else {
		fmt.Fprintf(w, "cross-stack checks: %d problem(s)\n", len(cross))
	}
	if len(problems) > 0 {
		return &inputError{lines: problems}
	}
	return nil
}

func describeRole(s *config.Stack) string {
	if s.Role == config.RoleFoundation || s.Role == config.RoleOrganization {
		return string(s.Role) + " (" + string(s.Tier) + " profile)"
	}
	if s.Role == config.RoleOrganization {
		return "organization (" + string(s.Tier) + " profile)"
	}
	return "tier " + string(s.Tier)
}
