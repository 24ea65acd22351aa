package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/policecloud/landingzones/policy"
)

// gate is how lz plan, check and report turn blocking findings into an exit status: --fail-on keeps
// only the blocking findings of a severity or worse, --soft-fail exits 0 whatever blocks. The reports and
// the summary always say BLOCKED when anything mandatory fails; only the exit status changes.
type gate struct {
	failOn   string
	softFail bool
	min      policy.Severity
}

// addFlags adds --fail-on and --soft-fail.
func (g *gate) addFlags(f *pflag.FlagSet) {
	f.StringVar(&g.failOn, "fail-on", "", "exit 1 only for blocking findings of this severity or worse: critical, high, medium, low (default: any blocking finding)")
	f.BoolVar(&g.softFail, "soft-fail", false, "exit 0 even when mandatory rules fail (the summary and reports still say BLOCKED); for pipelines that gate elsewhere")
}

// parse reads --fail-on: "" (any blocking finding) or a severity.
func (g *gate) parse(cmd *cobra.Command) error {
	if g.failOn == "" {
		return nil
	}
	var names []string
	for _, sev := range policy.Severities() {
		if string(sev) == g.failOn {
			g.min = sev
			return nil
		}
		names = append(names, string(sev))
	}
	return &usageError{msg: fmt.Sprintf("--fail-on %q is not a severity: allowed %s", g.failOn, strings.Join(names, ", ")), cmd: cmd}
}

// counts returns the blocking findings of the gate's severity or worse in ev.
func (g *gate) counts(ev policy.Evaluation) int {
	sevs := policy.Severities()
	worst := len(sevs)
	if g.min != "" {
		worst = slices.Index(sevs, g.min) + 1
	}
	n := 0
	for _, f := range ev.Findings {
		if f.Blocking() {
			if i := slices.Index(sevs, f.Severity); g.min == "" || (i >= 0 && i < worst) {
				n++
			}
		}
	}
	return n
}

// verdict is the error that makes lz exit 1 for what (a stack, a file, the stacks of a pack), or nil
// when nothing the gate counts blocks or --soft-fail is set.
func (g *gate) verdict(what string, evs ...policy.Evaluation) error {
	n := 0
	for _, ev := range evs {
		n += g.counts(ev)
	}
	if n == 0 || g.softFail {
		return nil
	}
	return &blockedError{what: what, n: n}
}
