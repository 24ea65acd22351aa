//go:build lz_sdk

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/guardrails"
	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/report"
)

// TestReportControls: the pack's controls.md pairs each control's rules with the guardrails the
// organisation stacks pos-org and met-org generate, found registered at their scope in those stacks'
// plans; the index shows the guardrails per principle; the manifest lists controls.md and lz verify
// passes.
func TestReportControls(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, _, stderr := lz(t, "report", "--all", "--out", out, "--now", evalDay)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	data, err := os.ReadFile(filepath.Join(out, report.FileControls))
	require.NoError(t, err)
	got := string(data)
	for _, want := range []string{
		"| met | azure | [met-org](stacks/met-org/report.md) (azurelz.NewManagementGroups) |\n| pos | aws | [pos-org](stacks/pos-org/report.md) (awslz.NewOrganization) |\n",
		"- pos (aws): SCP `pclz-region-deny` at the organisation root: registered by pos-org (policy pos-scp-pclz-region-deny, attached to the root by pos-scp-pclz-region-deny-root).\n",
		"- pos (aws): SCP `pclz-tier-bronze` at OU Bronze: registered by pos-org (policy pos-scp-pclz-tier-bronze, attached to pos-ou-bronze by pos-scp-pclz-tier-bronze-bronze).\n",
		"- met (azure): Azure Policy assignment `pclz-bronze-pip` at management group pclz-met-bronze: registered by met-org (assignment met-org-assign-pclz-bronze-pip on management group pclz-met-bronze (met-org-mg-bronze)).\n",
		"- met (azure): no Azure guardrail for this control.\n",
		"## GR-CLASSIC: No classic (ASM) resources\n\nNCSC principles: 5.1 Configuration and change management.\n\n**Before deployment (the pack's rules).** No rule: the control is enforced only in the cloud.\n",
		"| `PCLZ-AWS-NET-011` | security group destinations are checked against the declared flows, which an SCP cannot read |\n",
	} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "NOT registered")
	// Every control and every rule no guardrail carries is on the page.
	for _, c := range guardrails.Controls() {
		assert.Contains(t, got, "\n## "+c.ID+": "+c.Title+"\n")
	}
	for _, u := range guardrails.Unenforceables() {
		assert.Contains(t, got, "| `"+u.Rule+"` | mandatory |")
	}

	index, err := os.ReadFile(filepath.Join(out, report.FileIndexMarkdown))
	require.NoError(t, err)
	assert.Contains(t, string(index), "| 3. Separation between customers | GR-NO-INTERNET | Azure Policy assignment `pclz-bronze-pip` (met: registered by met-org); "+
		"Azure Policy assignment `pclz-bronze-routes` (met: registered by met-org); SCP `pclz-tier-bronze` (pos: registered by pos-org) | 8 rules: PASS ")
	assert.Contains(t, string(index), "\n| controls.md | ", "the index lists controls.md with its SHA-256")
	manifest, err := os.ReadFile(filepath.Join(out, report.FileManifest))
	require.NoError(t, err)
	assert.Contains(t, string(manifest), `"path": "controls.md"`)
	code, stdout, stderr := lz(t, "verify", out)
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "OK: every file matches the manifest")
}

// planned plans a stack of the repository's stacks directory.
func planned(t *testing.T, stack string) *plan.Result {
	t.Helper()
	res, err := plan.Run(stack, plan.Options{StacksDir: filepath.Join("..", "..", "stacks")})
	require.NoError(t, err)
	return res
}

// without returns rs without the resources named names.
func without(rs []*policy.Resource, names ...string) []*policy.Resource {
	return slices.DeleteFunc(slices.Clone(rs), func(r *policy.Resource) bool { return slices.Contains(names, r.Name) })
}

func guardrailNamed(t *testing.T, gs []controlGuardrail, name string) controlGuardrail {
	t.Helper()
	i := slices.IndexFunc(gs, func(g controlGuardrail) bool { return g.Name == name })
	require.GreaterOrEqual(t, i, 0, name)
	return gs[i]
}

// An SCP or assignment missing from the organisation stack's plan, or planned elsewhere than its scope,
// is reported as not registered, naming what is missing.
func TestGuardrailNotRegistered(t *testing.T) {
	t.Parallel()
	org := planned(t, "pos-org")
	scps, err := awsGuardrails(org)
	require.NoError(t, err)
	bronze := guardrailNamed(t, scps, "pclz-tier-bronze")
	assert.True(t, bronze.Registered, bronze.Evidence)
	s := guardrails.SCP{Name: "pclz-tier-bronze", Target: "bronze"}
	for _, tc := range []struct {
		name string
		rs   []*policy.Resource
		scp  guardrails.SCP
		want string
	}{
		{"no attachment", without(org.Resources, "pos-scp-pclz-tier-bronze-bronze"), s,
			"policy pos-scp-pclz-tier-bronze is planned but no attachment puts it on OU Bronze"},
		{"no policy", without(org.Resources, "pos-scp-pclz-tier-bronze"), s,
			"no aws:organizations/policy:Policy named pclz-tier-bronze in its plan"},
		{"no unit", without(org.Resources, "pos-ou-bronze"), s,
			"policy pos-scp-pclz-tier-bronze is planned but there is no organisational unit Bronze to attach it to"},
		{"attached to the unit, not the root", org.Resources, guardrails.SCP{Name: "pclz-tier-bronze", Target: guardrails.RootTarget},
			"policy pos-scp-pclz-tier-bronze is planned but no attachment puts it on the organisation root"},
		{"attached to the root, not the unit", org.Resources, guardrails.SCP{Name: "pclz-region-deny", Target: "bronze"},
			"policy pos-scp-pclz-region-deny is planned but no attachment puts it on OU Bronze"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ok, evidence := scpRegistered(tc.rs, tc.scp)
			assert.False(t, ok)
			assert.Equal(t, tc.want, evidence)
		})
	}

	met := planned(t, "met-org")
	as, err := azureGuardrails(met)
	require.NoError(t, err)
	pip := guardrailNamed(t, as, "pclz-bronze-pip")
	assert.True(t, pip.Registered, pip.Evidence)
	assert.Equal(t, guardrails.ControlNoInternet, pip.control)
	a := guardrails.AzureAssignment{Name: "pclz-bronze-pip", Scope: "/providers/Microsoft.Management/managementGroups/pclz-met-bronze"}
	ok, evidence := assignmentRegistered(without(met.Resources, "met-org-assign-pclz-bronze-pip"), a, "pclz-met-bronze")
	assert.False(t, ok)
	assert.Equal(t, "no azure-native:authorization:PolicyAssignment named pclz-bronze-pip in its plan", evidence)
	ok, evidence = assignmentRegistered(without(met.Resources, "met-org-mg-bronze"), a, "pclz-met-bronze")
	assert.False(t, ok)
	assert.Equal(t, "no management group pclz-met-bronze in its plan", evidence)
	gold := guardrails.AzureAssignment{Name: "pclz-bronze-pip", Scope: "/providers/Microsoft.Management/managementGroups/pclz-met-gold"}
	ok, evidence = assignmentRegistered(met.Resources, gold, "pclz-met-gold")
	assert.False(t, ok)
	assert.Equal(t, "assignment met-org-assign-pclz-bronze-pip is planned at /providers/Microsoft.Management/managementGroups/pclz-met-bronze, not at /providers/Microsoft.Management/managementGroups/pclz-met-gold", evidence)
}

// Without its organisation stack in the pack, a landing zone's guardrails are named from the control map,
// with no scope and not claimed as registered.
func TestControlEvidenceWithoutOrgStack(t *testing.T) {
	t.Parallel()
	cs, err := controlEvidence([]*plan.Result{planned(t, "pos-gold")})
	require.NoError(t, err)
	assert.Equal(t, []report.ControlLandingZone{{Name: "pos", Cloud: "aws", Component: "awslz.NewOrganization"}}, cs.LandingZones)
	i := slices.IndexFunc(cs.Controls, func(c report.Control) bool { return c.ID == guardrails.ControlNoInternet })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, []report.Guardrail{{LandingZone: "pos", Kind: kindSCP, Name: "pclz-tier-bronze"}}, cs.Controls[i].Guardrails)
	assert.True(t, strings.HasPrefix(cs.Unenforceable[0].Rule, "PCLZ-"))
}
