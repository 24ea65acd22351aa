//go:build e2e

package e2e

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/policy/packconfig"
)

// waiverFileEnv is the variable the pack reads its waiver file from (policy/pack WaiverFileEnv).
const waiverFileEnv = "PCLZ_WAIVER_FILE"

// waiverFile writes a waiver file of one waiver of rule on every resource, for scope, expiring on
// expires.
func waiverFile(t *testing.T, scope, rule string, expires time.Time) string {
	t.Helper()
	return writeTemp(t, "waivers.yaml", fmt.Sprintf(`version: 1
scope: %s
waivers:
  - rule: %s
    resource: "*"
    justification: "Accepted for the end-to-end test of waivers under the engine."
    approver: "Jane Smith, Force SIRO"
    riskRef: "RISK-2026-014"
    expires: %s
`, scope, rule, expires.Format(time.DateOnly)))
}

// withWaivers points the pack of s at path (or at none, for "") for the operations that follow.
func withWaivers(t *testing.T, s auto.Stack, path string) {
	t.Helper()
	ws := s.Workspace()
	if path == "" {
		ws.UnsetEnvVar(waiverFileEnv)
		return
	}
	ws.SetEnvVar(waiverFileEnv, path)
}

// TestWaiversUnderTheEngine: the pack applies the accreditor's waiver file exactly as lz does: a waiver
// for the stack's landing zone waives the failure; a file for another scope is refused and waives
// nothing; an expired waiver no longer applies; a file that does not parse blocks.
func TestWaiversUnderTheEngine(t *testing.T) {
	v := variant(t, "e2e-encryption-no-cmk") // fails PCLZ-AWS-ENC-001 (waivable) under pos-gold (landing zone pos)
	s := h.stack(t, "e2e-waivers", v.ConfigStack, v.Program)
	t.Cleanup(func() { s.Workspace().UnsetEnvVar(waiverFileEnv) })
	now := time.Now().UTC()

	t.Run("waived failure passes", func(t *testing.T) {
		withWaivers(t, s, waiverFile(t, "pos", "PCLZ-AWS-ENC-001", now.AddDate(0, 1, 0)))
		o := previewWith(s, "")
		if o.err != nil {
			t.Fatalf("%s failed: %v\n%s", o.op, o.err, o.describe())
		}
		if err := o.compliant(); err != nil {
			t.Fatal(err)
		}
		if got := o.messages("PCLZ-AWS-ENC-001"); len(got) > 0 {
			t.Fatalf("%s: the waived failure is still reported: %q", o.op, got)
		}
	})
	t.Run("wrong scope refused", func(t *testing.T) {
		path := waiverFile(t, "met", "PCLZ-AWS-ENC-001", now.AddDate(0, 1, 0))
		withWaivers(t, s, path)
		o := previewWith(s, "")
		if err := o.refused([]string{"PCLZ-AWS-ENC-001", inputsPolicy}); err != nil {
			t.Fatal(err)
		}
		want := []string{path + `: scope: the file is for "met", not stack "e2e-waivers" or its landing zone "pos"`}
		if got := o.messages(inputsPolicy); !slices.Equal(got, want) {
			t.Fatalf("%s: input policy says %q, want %q", o.op, got, want)
		}
	})
	t.Run("expired waiver blocks", func(t *testing.T) {
		path := waiverFile(t, "pos", "PCLZ-AWS-ENC-001", now.AddDate(0, 0, -2))
		withWaivers(t, s, path)
		o := previewWith(s, "")
		if err := o.refused([]string{"PCLZ-AWS-ENC-001"}); err != nil {
			t.Fatal(err)
		}
		got := o.messages(configPolicy)
		if len(got) != 1 || !strings.HasPrefix(got[0], "waiver no longer applies: "+path+":4: expires: ") {
			t.Fatalf("%s: config policy says %q, want the expired waiver named", o.op, got)
		}
	})
	t.Run("malformed file blocks", func(t *testing.T) {
		path := writeTemp(t, "waivers.yaml", "version: 1\nscope: pos\nwaivers:\n  - rule: PCLZ-AWS-ENC-001\n    resource: [\n")
		withWaivers(t, s, path)
		o := previewWith(s, "")
		if err := o.refused([]string{"PCLZ-AWS-ENC-001", inputsPolicy}); err != nil {
			t.Fatal(err)
		}
		got := o.messages(inputsPolicy)
		if len(got) == 0 || !strings.HasPrefix(got[0], path+":") {
			t.Fatalf("%s: input policy says %q, want the file's problems with their lines", o.op, got)
		}
	})
}

// TestPackAndLzParity: for the same program, stack configuration, waiver file and policy config, lz
// (the offline plan) and the pack under the engine reach the same verdict and block on the same rules,
// and refuse the same inputs.
func TestPackAndLzParity(t *testing.T) {
	now := time.Now().UTC()
	waiver := waiverFile(t, "pos", "PCLZ-AWS-ENC-001", now.AddDate(0, 1, 0))
	advisory := writeTemp(t, "advisory.json", `{"PCLZ-AWS-ENC-001": "advisory"}`)
	refused := writeTemp(t, "refused.json", `{"PCLZ-AWS-REG-001": "disabled"}`)
	for _, c := range []struct {
		name, variant, waivers, cfg string
		blocked                     bool
	}{
		{name: "waived", variant: "e2e-encryption-no-cmk", waivers: waiver},
		{name: "config advisory", variant: "e2e-encryption-no-cmk", cfg: advisory},
		{name: "config advisory, other rules block", variant: "e2e-region-us-east-1", cfg: advisory, blocked: true},
		{name: "no waiver, no config", variant: "e2e-encryption-no-cmk", blocked: true},
		{name: "config refused", variant: "e2e-region-us-east-1", cfg: refused, blocked: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := variant(t, c.variant)
			s := h.stack(t, "e2e-parity-"+strings.ReplaceAll(strings.ReplaceAll(c.name, ",", ""), " ", "-"), v.ConfigStack, v.Program)
			withWaivers(t, s, c.waivers)
			o := previewWith(s, c.cfg)
			if err := o.packRan(); err != nil {
				t.Fatal(err)
			}
			engineIDs := o.mandatoryIDs()
			if got := o.err != nil; got != c.blocked {
				t.Errorf("%s: engine blocked %t, want %t:\n%s", o.op, got, c.blocked, o.describe())
			}

			res, err := plan.Run(v.ConfigStack, plan.Options{StacksDir: filepath.Join(h.root, "stacks"), WaiverFile: c.waivers,
				PolicyConfig: c.cfg, Now: now, Preview: true,
				Program: func(ctx *pulumi.Context, _ *config.Stack) (pulumi.Map, error) { return pulumi.Map{}, v.Program(ctx) }})
			var cerr *packconfig.Error
			switch {
			case c.cfg == refused:
				// lz refuses the file as bad input; the pack reports it as a mandatory input violation.
				if !errors.As(err, &cerr) {
					t.Fatalf("offline plan with %s: %v, want a *packconfig.Error", c.cfg, err)
				}
				if !slices.Contains(engineIDs, inputsPolicy) {
					t.Fatalf("%s: lz refuses the config (%v) but the pack did not: %v", o.op, cerr, engineIDs)
				}
				want := refused + `: PCLZ-AWS-REG-001: enforcementLevel "disabled" refused: the rule is never waivable, so it stays mandatory`
				if !slices.Equal(cerr.Lines, []string{want}) {
					t.Errorf("lz: %q, want %q", cerr.Lines, want)
				}
				if got := o.messages(inputsPolicy); !slices.Contains(got, "policy config: "+strings.TrimPrefix(want, refused+": ")) {
					t.Errorf("%s: the pack's refusal %q differs from lz's %q", o.op, got, want)
				}
				return
			case err != nil:
				t.Fatalf("offline plan: %v", err)
			}
			var offlineIDs []string
			for _, f := range res.Evaluation.Blocking() {
				if !slices.Contains(offlineIDs, f.RuleID) {
					offlineIDs = append(offlineIDs, f.RuleID)
				}
			}
			slices.Sort(offlineIDs)
			if !slices.Equal(engineIDs, offlineIDs) {
				t.Errorf("%s: the pack blocks on %v, lz on %v:\n%s", o.op, engineIDs, offlineIDs, o.describe())
			}
			if (len(offlineIDs) > 0) != c.blocked {
				t.Errorf("lz blocked %t, want %t (%v)", len(offlineIDs) > 0, c.blocked, offlineIDs)
			}
			var engineOverrides []string
			for _, m := range o.messages(configPolicy) {
				if o, ok := strings.CutPrefix(m, "policy config in force: "); ok {
					engineOverrides = append(engineOverrides, o)
				}
			}
			var offlineOverrides []string
			for _, ov := range res.PolicyConfig.Overrides {
				offlineOverrides = append(offlineOverrides, ov.String())
			}
			slices.Sort(offlineOverrides)
			if !slices.Equal(engineOverrides, offlineOverrides) {
				t.Errorf("overrides in force: pack %q, lz %q", engineOverrides, offlineOverrides)
			}
		})
	}
}
