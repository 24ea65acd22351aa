package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

// controlsFixture is a pack of three stacks in two landing zones: pos with its organisation stack, in
// which the tier SCP is not registered, and met without one.
func controlsFixture() (Index, Controls) {
	meta := func(id string) policy.Meta { return policy.Meta{ID: id, Enforcement: policy.Mandatory} }
	stack := func(lz, name string, fs ...policy.Finding) IndexStack {
		r := Report{Stack: name, Rules: []policy.Meta{meta("PCLZ-AWS-REG-001"), meta("PCLZ-AWS-NET-003")}}
		r.Evaluation.Findings = fs
		return IndexStack{Report: r, LandingZone: lz, Dir: "stacks/" + name}
	}
	ix := Index{GeneratedAt: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC), Tool: "lz test", Stacks: []IndexStack{
		stack("pos", "pos-bronze",
			policy.Finding{RuleID: "PCLZ-AWS-REG-001", Status: policy.StatusPass},
			policy.Finding{RuleID: "PCLZ-AWS-NET-003", Status: policy.StatusFail},
			policy.Finding{RuleID: "PCLZ-AWS-NET-003", Status: policy.StatusPass}),
		stack("pos", "pos-org", policy.Finding{RuleID: "PCLZ-AWS-REG-001", Status: policy.StatusPass}),
		stack("met", "met-gold", policy.Finding{RuleID: "PCLZ-AWS-REG-001", Status: policy.StatusNotApplicable}),
	}}
	cs := Controls{
		LandingZones: []ControlLandingZone{
			{Name: "met", Cloud: "azure", Component: "azurelz.NewManagementGroups"},
			{Name: "pos", Cloud: "aws", OrgStack: "pos-org", Component: "awslz.NewOrganization"},
		},
		Controls: []Control{
			{ID: "GR-REGION", Title: "Resources stay in the UK", Principles: []string{"2.1"}, Rules: []string{"PCLZ-AWS-REG-001"}, Guardrails: []Guardrail{
				{LandingZone: "met", Kind: "Azure Policy assignment", Name: "pclz-locations"},
				{LandingZone: "pos", Kind: "SCP", Name: "pclz-region-deny", Scope: "the organisation root", Registered: true,
					Evidence: "policy pos-scp-pclz-region-deny, attached to the root by pos-scp-pclz-region-deny-root"},
			}},
			{ID: "GR-NO-INTERNET", Title: "No internet", Principles: []string{"3", "11"}, Rules: []string{"PCLZ-AWS-NET-003"}, Guardrails: []Guardrail{
				{LandingZone: "pos", Kind: "SCP", Name: "pclz-tier-bronze", Scope: "OU Bronze", Evidence: "no aws:organizations/policy:Policy named pclz-tier-bronze in its plan"},
			}},
			{ID: "GR-ROOT", Title: "The root user cannot act", Principles: []string{"10"}, Guardrails: []Guardrail{
				{LandingZone: "pos", Kind: "SCP", Name: "pclz-protect-audit", Scope: "the organisation root", Registered: true, Evidence: "policy p, attached to the root by a"},
			}},
		},
		Unenforceable: []UnenforceableRule{{Rule: "PCLZ-AWS-NET-011", Reason: "security groups follow the declared flows"}},
	}
	return ix, cs
}

// TestWriteControlsMarkdown: each control shows its rules' findings per landing zone (a failure names its
// stack), its guardrails per landing zone with whether the organisation stack registers them, and a
// control without a rule or a landing zone without a guardrail says so; the rules no guardrail carries
// are listed with the reason.
func TestWriteControlsMarkdown(t *testing.T) {
	t.Parallel()
	ix, cs := controlsFixture()
	var b bytes.Buffer
	require.NoError(t, WriteControlsMarkdown(&b, ix, cs))
	got := b.String()
	for _, want := range []string{
		"# Controls: pre-deploy rules and in-cloud guardrails\n\nGenerated 2026-12-06 08:00 UTC by lz test. Each control is enforced twice",
		"| met | azure | not in the pack: the guardrails are defined by azurelz.NewManagementGroups in it and not evidenced here |\n",
		"| pos | aws | [pos-org](stacks/pos-org/report.md) (awslz.NewOrganization) |\n",
		"## GR-REGION: Resources stay in the UK\n\nNCSC principles: 2.1 Physical location and legal jurisdiction.\n",
		"| rule | enforcement | met | pos |\n|---|---|---|---|\n| `PCLZ-AWS-REG-001` | mandatory | N/A | PASS 2 |\n",
		"- met (azure): Azure Policy assignment `pclz-locations`: defined by the organisation stack (azurelz.NewManagementGroups), which is not in the pack.\n",
		"- pos (aws): SCP `pclz-region-deny` at the organisation root: registered by pos-org (policy pos-scp-pclz-region-deny, attached to the root by pos-scp-pclz-region-deny-root).\n",
		"NCSC principles: 3 Separation between customers; 11 External interface protection.\n",
		"| `PCLZ-AWS-NET-003` | mandatory | no finding | FAIL 1 (pos-bronze), PASS 1 |\n",
		"- met (azure): no Azure guardrail for this control.\n- pos (aws): SCP `pclz-tier-bronze` at OU Bronze: **NOT registered** by pos-org (no aws:organizations/policy:Policy named pclz-tier-bronze in its plan).\n",
		"## GR-ROOT: The root user cannot act\n\nNCSC principles: 10 Identity and authentication.\n\n**Before deployment (the pack's rules).** No rule: the control is enforced only in the cloud.\n",
		"| `PCLZ-AWS-NET-011` | security groups follow the declared flows |\n\nTheir findings:\n\n| rule | enforcement | met | pos |\n|---|---|---|---|\n| `PCLZ-AWS-NET-011` | not run in this pack | no finding | no finding |\n",
	} {
		assert.Contains(t, got, want)
	}
}

// TestIndexGuardrailsPerPrinciple: the index shows, per NCSC principle, the controls with their guardrails
// and whether each organisation stack registers them, beside their rules' findings across the pack; a
// principle without a guardrail says so; without a control map there is no such section.
func TestIndexGuardrailsPerPrinciple(t *testing.T) {
	t.Parallel()
	ix, cs := controlsFixture()
	ix.Controls = &cs
	var b bytes.Buffer
	require.NoError(t, WriteIndexMarkdown(&b, ix))
	got := b.String()
	for _, want := range []string{
		"## In-cloud guardrails per NCSC principle\n",
		"[controls.md](controls.md) shows each control in full.\n",
		"| 2. Asset protection and resilience | GR-REGION | Azure Policy assignment `pclz-locations` (met: organisation stack not in the pack); SCP `pclz-region-deny` (pos: registered by pos-org) | 1 rule: PASS 2 |\n",
		"| 3. Separation between customers | GR-NO-INTERNET | SCP `pclz-tier-bronze` (pos: NOT registered by pos-org) | 1 rule: FAIL 1 (pos-bronze), PASS 1 |\n",
		"| 11. External interface protection | GR-NO-INTERNET |",
		"| 10. Identity and authentication | GR-ROOT | SCP `pclz-protect-audit` (pos: registered by pos-org) | none: enforced only in the cloud |\n",
		"| 9. Secure user management | — | no in-cloud guardrail: the rules and attestations in the matrix above evidence it | |\n",
	} {
		assert.Contains(t, got, want)
	}
	assert.Less(t, strings.Index(got, "## NCSC Cloud Security Principles across stacks"), strings.Index(got, "## In-cloud guardrails per NCSC principle"))

	b.Reset()
	require.NoError(t, WriteIndexHTML(&b, ix))
	html := b.String()
	assert.Contains(t, html, "<h2>In-cloud guardrails per NCSC principle</h2>")
	assert.Contains(t, html, `<tr><td>3. Separation between customers</td><td>GR-NO-INTERNET</td><td>SCP <code>pclz-tier-bronze</code> (pos: <span class="st fail">NOT registered by pos-org</span>)</td><td>1 rule: FAIL 1 (pos-bronze), PASS 1</td></tr>`)
	assert.Contains(t, html, `<a href="controls.md">controls.md</a>`)

	ix.Controls = nil
	b.Reset()
	require.NoError(t, WriteIndexMarkdown(&b, ix))
	assert.NotContains(t, b.String(), "In-cloud guardrails")
	b.Reset()
	require.NoError(t, WriteIndexHTML(&b, ix))
	assert.NotContains(t, b.String(), "In-cloud guardrails")
}
