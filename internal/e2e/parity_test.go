//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/policy"
)

// retainRule is decided offline only: the engine does not send retainOnDelete to policy packs, so the
// pack reports it unknown (pclz-unknown-values) wherever the tier requires retention. Parity accounts for
// it explicitly: the engine must report it unknown for every resource the offline plan decides it on,
// must never decide it itself, and after up the offline verdict must match the retainOnDelete flag the
// engine wrote to the stack's state.
const retainRule = "PCLZ-COM-RES-002"

func init() { parityCheck = checkParity }

// finding is one violation: rule, resource URN ("" for the stack) and the rule's message.
type finding struct{ rule, urn, msg string }

func (f finding) String() string { return fmt.Sprintf("%s %s: %s", f.rule, f.urn, f.msg) }

// undecided is one rule left unknown on one resource.
type undecided struct{ rule, urn string }

// engineFindings reads the pack's violations and unknowns from an operation's events. The engine's
// message is the policy's description, a newline, then the pack's violation text: the finding's message
// followed by "\nseverity: ..." (policy/pack message), or for the unknown-values policy "<rule ID>: <why>".
func engineFindings(o outcome) (map[finding]bool, map[undecided]bool) {
	fails, unknown := map[finding]bool{}, map[undecided]bool{}
	for _, e := range o.policyEvents() {
		_, body, _ := strings.Cut(e.Message, "\n")
		urn := e.ResourceURN
		if resource.URN(urn).Type() == resource.RootStackType {
			// A stack policy's violation with no resource is shown against the stack itself.
			urn = ""
		}
		if e.PolicyName == unknownPolicy {
			rule, _, _ := strings.Cut(body, ": ")
			unknown[undecided{rule, urn}] = true
			continue
		}
		msg, _, _ := strings.Cut(body, "\nseverity: ")
		fails[finding{e.PolicyName, urn, msg}] = true
	}
	return fails, unknown
}

// offlineFindings are the offline plan's failures (and rule errors, which the pack reports alike) and
// unknowns.
func offlineFindings(ev policy.Evaluation) (map[finding]bool, map[undecided]bool) {
	fails, unknown := map[finding]bool{}, map[undecided]bool{}
	for _, f := range ev.Findings {
		switch f.Status {
		case policy.StatusFail, policy.StatusError:
			fails[finding{f.RuleID, f.URN, f.Message}] = true
		case policy.StatusUnknown:
			unknown[undecided{f.RuleID, f.URN}] = true
		}
	}
	return fails, unknown
}

func diffKeys[K comparable](a, b map[K]bool) []K {
	var out []K
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	return out
}

func lines[K any](ks []K) string {
	var ss []string
	for _, k := range ks {
		ss = append(ss, fmt.Sprint(k))
	}
	slices.Sort(ss)
	return "  " + strings.Join(ss, "\n  ")
}

// checkParity compares the engine's findings at preview and at up with the offline plan's for the same
// stack (plan.Options.Preview false and true).
func checkParity(t *testing.T, stack string, preview, up outcome) {
	for _, c := range []struct {
		o       outcome
		preview bool
	}{{preview, true}, {up, false}} {
		res, err := plan.Run(stack, plan.Options{StacksDir: filepath.Join(h.root, "stacks"), Preview: c.preview})
		if err != nil {
			t.Fatalf("offline plan of %s: %v", stack, err)
		}
		compareFindings(t, c.o, res, c.preview, nil)
		if !c.preview {
			checkRetainState(t, stack, res)
		}
	}
}

// checkVariantParity compares a variant's preview findings with the offline plan of the same program
// under the same stack configuration. The engine ran it as stack v.Name, the offline plan as
// v.ConfigStack: URNs are compared with the stack name mapped.
func checkVariantParity(t *testing.T, v Variant, preview outcome) {
	// A stack directory of its own per variant: the offline plan caches runs by stack file and program,
	// and the variants' programs are closures of a few functions.
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(h.root, "stacks", "Pulumi.*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("stack files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := plan.Run(v.ConfigStack, plan.Options{StacksDir: dir, Preview: true, Program: func(ctx *pulumi.Context, _ *config.Stack) (pulumi.Map, error) {
		return pulumi.Map{}, v.Program(ctx)
	}})
	if err != nil {
		t.Fatalf("offline plan of %s under %s: %v", v.Name, v.ConfigStack, err)
	}
	from, to := "urn:pulumi:"+v.Name+"::", "urn:pulumi:"+v.ConfigStack+"::"
	compareFindings(t, preview, res, true, func(urn string) string {
		if rest, ok := strings.CutPrefix(urn, from); ok {
			return to + rest
		}
		return urn
	})
}

// compareFindings compares one engine operation's findings with an offline plan's: the failures must be
// equal (rule, resource and message), and so must the unknowns at update; the retain rule is accounted
// for as retainRule says. mapURN, when not nil, maps the engine's URNs to the plan's.
func compareFindings(t *testing.T, o outcome, res *plan.Result, preview bool, mapURN func(string) string) {
	t.Helper()
	ef, eu := engineFindings(o)
	if mapURN != nil {
		ef2, eu2 := map[finding]bool{}, map[undecided]bool{}
		for f := range ef {
			f.urn = mapURN(f.urn)
			ef2[f] = true
		}
		for u := range eu {
			u.urn = mapURN(u.urn)
			eu2[u] = true
		}
		ef, eu = ef2, eu2
	}
	of, ou := offlineFindings(res.Evaluation)

	// The retain rule: never decided in the engine; unknown there wherever decided offline.
	for f := range ef {
		if f.rule == retainRule {
			t.Errorf("%s: the engine decided %s, which it cannot see: %s", o.op, retainRule, f)
		}
	}
	decided := 0
	for _, f := range res.Evaluation.Findings {
		if f.RuleID != retainRule || (f.Status != policy.StatusPass && f.Status != policy.StatusFail) {
			continue
		}
		if !res.Context.HasTier() || !res.Context.Profile.RetainStatefulOnDelete {
			continue // the pack decides the rule itself where the profile asks for no retention
		}
		decided++
		delete(of, finding{f.RuleID, f.URN, f.Message})
		if !eu[undecided{retainRule, f.URN}] {
			t.Errorf("%s: offline plan decides %s on %s (%s), but the engine did not report it unknown", o.op, retainRule, f.URN, f.Status)
		}
		delete(eu, undecided{retainRule, f.URN})
	}
	t.Logf("%s: %d failures compared, %s decided offline only on %d resources", o.op, len(of), retainRule, decided)

	if missing := diffKeys(of, ef); len(missing) > 0 {
		t.Errorf("%s: offline plan finds, the engine does not:\n%s", o.op, lines(missing))
	}
	if extra := diffKeys(ef, of); len(extra) > 0 {
		t.Errorf("%s: the engine finds, the offline plan does not:\n%s", o.op, lines(extra))
	}
	if missing := diffKeys(ou, eu); len(missing) > 0 {
		t.Errorf("%s: unknown offline, not in the engine:\n%s", o.op, lines(missing))
	}
	// At update every value is known to both, so the unknowns must be equal too. At preview the engine
	// knows less than the mock cloud, which answers with IDs and ARNs the engine computes only at
	// update: a rule may be unknown in the engine and decided offline, but never the reverse (above),
	// and never failed in one and passed in the other (the failures are equal).
	if extra := diffKeys(eu, ou); len(extra) > 0 {
		if preview {
			t.Logf("%s: %d rules unknown in the engine's preview but decided by the offline preview (values the mock cloud knows early):\n%s", o.op, len(extra), lines(extra))
		} else {
			t.Errorf("%s: unknown in the engine, not offline:\n%s", o.op, lines(extra))
		}
	}
}

// checkRetainState checks the offline verdicts of the retain rule against the retainOnDelete flags in
// the state the engine wrote on up.
func checkRetainState(t *testing.T, stack string, res *plan.Result) {
	s, err := auto.SelectStackInlineSource(context.Background(), stack, project, nil,
		auto.WorkDir(t.TempDir()), auto.Project(h.projectSettings()), auto.EnvVars(h.env()), auto.Pulumi(h.cli))
	if err != nil {
		t.Fatalf("select %s: %v", stack, err)
	}
	dep, err := s.Export(context.Background())
	if err != nil {
		t.Fatalf("export %s: %v", stack, err)
	}
	var d apitype.DeploymentV3
	if err := json.Unmarshal(dep.Deployment, &d); err != nil {
		t.Fatal(err)
	}
	retained := map[string]bool{}
	for _, r := range d.Resources {
		retained[string(r.URN)] = r.RetainOnDelete
	}
	for _, f := range res.Evaluation.Findings {
		if f.RuleID != retainRule || (f.Status != policy.StatusPass && f.Status != policy.StatusFail) {
			continue
		}
		got, ok := retained[f.URN]
		switch {
		case !ok:
			t.Errorf("%s: %s is in the offline plan but not in the engine's state", stack, f.URN)
		case got != (f.Status == policy.StatusPass) && res.Context.Profile.RetainStatefulOnDelete:
			t.Errorf("%s: offline %s says %s for %s, but the state has retainOnDelete=%t", stack, retainRule, f.Status, f.URN, got)
		}
	}
}
