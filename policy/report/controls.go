package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// FileControls is the evidence pack's page of every control with its pre-deploy rules, their results
// across the pack's stacks, and its in-cloud guardrails per landing zone.
const FileControls = "controls.md"

// Controls is the control map of an evidence pack: each control paired with the pack's rules that
// enforce it before deployment and the guardrails that enforce it in the cloud. lz fills it from
// components/guardrails and the organisation stacks' plans; this package only renders it.
type Controls struct {
	// Controls are the controls, in the order to show.
	Controls []Control
	// Unenforceable are the rules no guardrail carries, each with the reason.
	Unenforceable []UnenforceableRule
	// LandingZones are the pack's landing zones, in the order to show.
	LandingZones []ControlLandingZone
}

// Control is one control.
type Control struct {
	// ID and Title name the control and say what it keeps out.
	ID, Title string
	// Principles are the NCSC principles (or sub-principles) it evidences.
	Principles []string
	// Rules are the IDs of the pack's rules that enforce it before deployment.
	Rules []string
	// Guardrails are its in-cloud guardrails in each landing zone of the pack.
	Guardrails []Guardrail
}

// Guardrail is one in-cloud guardrail of a control in one landing zone.
type Guardrail struct {
	// LandingZone is the landing zone it guards.
	LandingZone string
	// Kind is "SCP" or "Azure Policy assignment"; Name is the policy's or assignment's name.
	Kind, Name string
	// Scope is where it is attached ("organisation root", "OU Bronze", "management group pclz-met");
	// "" when the organisation stack is not in the pack.
	Scope string
	// Registered says whether the organisation stack's plan registers the guardrail at Scope, and
	// Evidence names the planned resources that show it or what is missing. Both are meaningful only
	// when the landing zone's organisation stack is in the pack.
	Registered bool
	Evidence   string
}

// UnenforceableRule is a rule no guardrail carries, with the reason.
type UnenforceableRule struct{ Rule, Reason string }

// ControlLandingZone is one landing zone of the pack and its organisation stack.
type ControlLandingZone struct {
	Name, Cloud string
	// OrgStack is the organisation stack in the pack ("" when none is); Component names what defines the
	// guardrails ("awslz.NewOrganization").
	OrgStack, Component string
}

// ruleResult is one rule's findings in one landing zone: counts by status and the stacks that failed.
type ruleResult struct {
	counts  Counts
	failing []string
}

func (r ruleResult) text() string {
	c := r.counts
	var parts []string
	if n := c.Fail + c.Error; n > 0 {
		parts = append(parts, fmt.Sprintf("FAIL %d (%s)", n, strings.Join(r.failing, ", ")))
	}
	for _, x := range []struct {
		label string
		n     int
	}{{"UNKNOWN", c.Unknown}, {"WAIVED", c.Waived}, {"PASS", c.Pass}} {
		if x.n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", x.label, x.n))
		}
	}
	switch {
	case len(parts) > 0:
		return strings.Join(parts, ", ")
	case c.NotApplicable > 0:
		return "N/A"
	}
	return "no finding"
}

// controlRuleResults returns the findings of rule in each landing zone, from the reports of ix's stacks.
func controlRuleResults(ix Index, rule string) map[string]ruleResult {
	out := map[string]ruleResult{}
	for _, s := range ix.Stacks {
		res := out[s.LandingZone]
		failed := false
		for _, f := range s.Report.Evaluation.Findings {
			if f.RuleID != rule {
				continue
			}
			res.counts.add(f.Status)
			failed = failed || f.Status == policy.StatusFail || f.Status == policy.StatusError
		}
		if failed {
			res.failing = append(res.failing, s.Report.Stack)
		}
		out[s.LandingZone] = res
	}
	return out
}

// enforcement returns the rule's enforcement as run in the pack ("" when no stack ran it).
func enforcement(ix Index, rule string) string {
	for _, s := range ix.Stacks {
		if i := slices.IndexFunc(s.Report.Rules, func(m policy.Meta) bool { return m.ID == rule }); i >= 0 {
			return string(s.Report.Rules[i].Enforcement)
		}
	}
	return ""
}

// guardrailText is one guardrail as a line: kind, name, scope and what the organisation stack's plan
// shows.
func guardrailText(g Guardrail, lz ControlLandingZone) string {
	s := fmt.Sprintf("%s `%s`", g.Kind, g.Name)
	if lz.OrgStack == "" {
		return s + fmt.Sprintf(": defined by the organisation stack (%s), which is not in the pack", md(lz.Component))
	}
	s += " at " + md(g.Scope)
	if g.Registered {
		return s + ": registered by " + md(lz.OrgStack) + " (" + md(g.Evidence) + ")"
	}
	return s + ": **NOT registered** by " + md(lz.OrgStack) + " (" + md(g.Evidence) + ")"
}

// WriteControlsMarkdown writes the pack's control page (FileControls): per control, what it keeps out,
// its NCSC principles, its pre-deploy rules with their enforcement and results per landing zone, and
// its guardrails per landing zone with whether the organisation stack's plan registers them; then the
// rules no guardrail carries, with the reason and their results.
func WriteControlsMarkdown(w io.Writer, ix Index, cs Controls) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("# Controls: pre-deploy rules and in-cloud guardrails\n\n")
	p("Generated %s by %s. %s\n", ix.GeneratedAt.UTC().Format("2006-01-02 15:04 MST"), md(orDefault(ix.Tool, "(not given)")), controlsText)
	p("\n| landing zone | cloud | organisation stack |\n|---|---|---|\n")
	for _, lz := range cs.LandingZones {
		org := "not in the pack: the guardrails are defined by " + md(lz.Component) + " in it and not evidenced here"
		if lz.OrgStack != "" {
			org = fmt.Sprintf("[%s](stacks/%s/report.md) (%s)", md(lz.OrgStack), lz.OrgStack, md(lz.Component))
		}
		p("| %s | %s | %s |\n", md(lz.Name), md(lz.Cloud), org)
	}
	rulesTable := func(rules []string) {
		p("| rule | enforcement |")
		for _, lz := range cs.LandingZones {
			p(" %s |", md(lz.Name))
		}
		p("\n|---|---|%s\n", strings.Repeat("---|", len(cs.LandingZones)))
		for _, r := range rules {
			res := controlRuleResults(ix, r)
			p("| `%s` | %s |", r, orDefault(enforcement(ix, r), "not run in this pack"))
			for _, lz := range cs.LandingZones {
				p(" %s |", md(res[lz.Name].text()))
			}
			p("\n")
		}
	}
	for _, c := range cs.Controls {
		p("\n## %s: %s\n\nNCSC principles: %s.\n\n", c.ID, md(c.Title), controlPrinciples(c.Principles))
		p("**Before deployment (the pack's rules).** ")
		if len(c.Rules) == 0 {
			p("No rule: the control is enforced only in the cloud.\n")
		} else {
			p("Findings per landing zone (FAIL names the stacks):\n\n")
			rulesTable(c.Rules)
		}
		p("\n**In the cloud (guardrails).**\n\n")
		for _, lz := range cs.LandingZones {
			var gs []string
			for _, g := range c.Guardrails {
				if g.LandingZone == lz.Name {
					gs = append(gs, guardrailText(g, lz))
				}
			}
			if len(gs) == 0 {
				p("- %s (%s): no %s guardrail for this control.\n", md(lz.Name), md(lz.Cloud), cloudTitle(lz.Cloud))
				continue
			}
			for _, g := range gs {
				p("- %s (%s): %s.\n", md(lz.Name), md(lz.Cloud), g)
			}
		}
	}
	p("\n## Rules no guardrail carries\n\nThe cloud cannot enforce these as a guardrail; the pack's rule is the control.\n\n")
	p("| rule | why no guardrail carries it |\n|---|---|\n")
	var rules []string
	for _, u := range cs.Unenforceable {
		p("| `%s` | %s |\n", u.Rule, md(u.Reason))
		rules = append(rules, u.Rule)
	}
	p("\nTheir findings:\n\n")
	rulesTable(rules)
	_, err := io.WriteString(w, b.String())
	return err
}

const controlsText = "Each control is enforced twice: before deployment by the pack's rules, which name the resource " +
	"to change, and in the cloud by a guardrail (an AWS service control policy or an Azure Policy assignment) that " +
	"holds whoever makes the call. The guardrails are generated from the facts the rules read (components/guardrails); " +
	"where the landing zone's organisation stack is in the pack, its plan is searched for the resources that register " +
	"each guardrail at its scope."

func cloudTitle(cloud string) string {
	switch cloud {
	case "aws":
		return "AWS"
	case "azure":
		return "Azure"
	}
	return cloud
}

// controlPrinciples renders principle IDs with their titles ("2.1 Physical location and legal jurisdiction").
func controlPrinciples(ids []string) string {
	var out []string
	for _, id := range ids {
		pr, _ := policy.PrincipleByID(id)
		out = append(out, strings.TrimSpace(id+" "+pr.Title))
	}
	return md(strings.Join(out, "; "))
}

// principleGuardrails is one row of the index's guardrails-per-principle table.
type principleGuardrails struct {
	ID, Title string
	// Controls are the controls under the principle: "GR-REGION: SCP pclz-region-deny (pos), ...".
	Controls []principleControl
}

type principleControl struct {
	ID         string
	Guardrails []guardrailRef
	// Rules says how many rules the control has and their findings across the pack (plain text).
	Rules string
}

// guardrailRef is one guardrail in the index: kind, name, landing zone and whether its organisation
// stack registers it (State); Class is the status class shown.
type guardrailRef struct{ Kind, Name, LandingZone, State, Class string }

// guardrailsByPrinciple returns, per top-level NCSC principle, the controls that evidence it with their
// guardrails (per landing zone, with whether the organisation stack registers them) and their rules'
// results across the pack.
func guardrailsByPrinciple(ix Index, cs Controls) []principleGuardrails {
	var out []principleGuardrails
	lzByName := map[string]ControlLandingZone{}
	for _, lz := range cs.LandingZones {
		lzByName[lz.Name] = lz
	}
	for _, pr := range policy.TopLevelPrinciples() {
		row := principleGuardrails{ID: pr.ID, Title: pr.Title}
		for _, c := range cs.Controls {
			if !slices.ContainsFunc(c.Principles, func(id string) bool { return policy.TopLevel(id) == pr.ID }) {
				continue
			}
			var gs []guardrailRef
			for _, g := range c.Guardrails {
				lz := lzByName[g.LandingZone]
				ref := guardrailRef{Kind: g.Kind, Name: g.Name, LandingZone: g.LandingZone, State: "organisation stack not in the pack", Class: "na"}
				switch {
				case lz.OrgStack != "" && g.Registered:
					ref.State, ref.Class = "registered by "+lz.OrgStack, "pass"
				case lz.OrgStack != "":
					ref.State, ref.Class = "NOT registered by "+lz.OrgStack, "fail"
				}
				gs = append(gs, ref)
			}
			total := Counts{}
			var failing []string
			for _, r := range c.Rules {
				for _, res := range controlRuleResults(ix, r) {
					total.Pass += res.counts.Pass
					total.Fail += res.counts.Fail + res.counts.Error
					total.Unknown += res.counts.Unknown
					total.Waived += res.counts.Waived
					total.NotApplicable += res.counts.NotApplicable
					failing = append(failing, res.failing...)
				}
			}
			slices.Sort(failing)
			rules := "none: enforced only in the cloud"
			if len(c.Rules) > 0 {
				rules = fmt.Sprintf("%s: %s", plural(len(c.Rules), "rule", "rules"), ruleResult{counts: total, failing: slices.Compact(failing)}.text())
			}
			row.Controls = append(row.Controls, principleControl{ID: c.ID, Guardrails: gs, Rules: rules})
		}
		out = append(out, row)
	}
	return out
}

// writeIndexControlsMarkdown writes the index's section of in-cloud guardrails per NCSC principle; nothing
// when the pack has no control map.
func writeIndexControlsMarkdown(b *strings.Builder, ix Index) {
	if ix.Controls == nil {
		return
	}
	fmt.Fprintf(b, "\n## In-cloud guardrails per NCSC principle\n\n%s [%s](%s) shows each control in full.\n\n", guardrailsIndexText, FileControls, FileControls)
	b.WriteString("| principle | control | in the cloud (guardrails) | before deployment (rules, findings across the pack) |\n|---|---|---|---|\n")
	for _, row := range guardrailsByPrinciple(ix, *ix.Controls) {
		if len(row.Controls) == 0 {
			fmt.Fprintf(b, "| %s. %s | — | no in-cloud guardrail: the rules and attestations in the matrix above evidence it | |\n", row.ID, md(row.Title))
			continue
		}
		for _, c := range row.Controls {
			var gs []string
			for _, g := range c.Guardrails {
				gs = append(gs, fmt.Sprintf("%s `%s` (%s: %s)", g.Kind, g.Name, md(g.LandingZone), md(g.State)))
			}
			fmt.Fprintf(b, "| %s. %s | %s | %s | %s |\n", row.ID, md(row.Title), c.ID, orDefault(strings.Join(gs, "; "), "none in the pack's landing zones"), md(c.Rules))
		}
	}
}

const guardrailsIndexText = "What each principle gets from the guardrails the organisation stacks put in the cloud, beside the " +
	"pack's rules: the matrix above shows the rules' findings per stack; this table shows the controls that hold the " +
	"same line in the cloud whoever makes the call, and whether each organisation stack's plan registers them."
