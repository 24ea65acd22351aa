package report

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/policecloud/landingzones/policy"
)

// view is what the Markdown and HTML reports show, computed once from a normalised report so the two
// human-readable formats say the same things.
type view struct {
	Stack, Cloud, Tier, Role, StackFile, Tool, Generated string
	Inputs, Provenance, PolicyConfig                     string
	ResourceCount, RuleCount                             int
	Summary                                              Summary
	Verdict                                              string
	VerdictClass                                         string
	VerdictNotes                                         []string
	Packs                                                []countsRow
	Severities                                           []countsRow
	Principles                                           []principleView
	Blocking                                             []ruleFindings
	Waivers                                              []waiverView
	Rules                                                []ruleView
	MarkdownExtra                                        string
	Diagram                                              template.HTML
}

type countsRow struct {
	Label  string
	Counts Counts
}

type findingView struct {
	RuleID, RuleTitle, Severity, Enforcement string
	StatusLabel, StatusClass                 string
	Resource, ResourceType, URN, Message     string
	WaiverNote                               string
}

type ruleTally struct {
	RuleID, Title string
	N             int
}

type principleView struct {
	ID, Title string
	Counts    Counts
	// Issues are the findings to look at that do not block (unknown, waived, advisory failures); the
	// blocking ones are listed once, under the blocking findings, and counted here per rule in Blocking.
	Issues        []findingView
	Blocking      []ruleTally
	Passed        []ruleTally
	NotApplicable int
}

type ruleFindings struct {
	Rule     ruleView
	Findings []findingView
	// Open says whether the HTML report shows the findings unfolded: a rule with many is folded, so that
	// the page opens at once however large the stack.
	Open bool
}

// openRows is the most findings of one rule the HTML report shows unfolded.
const openRows = 50

type waiverView struct {
	RuleID, Resource, Justification, Approver, RiskRef, Expires string
	DaysLeft, DaysClass                                         string
	Used                                                        string
	URNs                                                        []string
	Line                                                        int
}

type ruleView struct {
	ID, Title, Description, Pack, Severity, Enforcement string
	Principles, Tiers, ResourceTypes, References        string
	Waivable, Remediation, Level                        string
}

// statusLabel is the text every status is shown with (colour is never the only signal).
func statusLabel(f policy.Finding) string {
	switch f.Status {
	case policy.StatusPass:
		return "PASS"
	case policy.StatusFail:
		if f.WaiverExpired {
			return "FAIL (waiver expired)"
		}
		return "FAIL"
	case policy.StatusUnknown:
		return "UNKNOWN"
	case policy.StatusWaived:
		return "WAIVED"
	case policy.StatusNotApplicable:
		return "N/A"
	default:
		return "ERROR"
	}
}

func statusClass(s policy.Status) string {
	switch s {
	case policy.StatusPass, policy.StatusFail, policy.StatusUnknown, policy.StatusWaived, policy.StatusError:
		return string(s)
	case policy.StatusNotApplicable:
		return "na"
	default:
		return "error"
	}
}

func verdictClass(v Verdict) string {
	switch v {
	case VerdictBlocked:
		return "blocked"
	case VerdictPassWithWaivers:
		return "waivers"
	default:
		return "pass"
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func newView(r Report) view {
	rules := ruleIndex(r.Rules)
	s := r.Summary
	v := view{
		Stack: orDefault(r.Stack, "(not known)"), Cloud: orDefault(r.Cloud, "(not known)"),
		Tier: tierText(r), Role: orDefault(r.Role, "(not known)"),
		StackFile: orDefault(r.StackFile, "(not given)"), Tool: orDefault(r.Tool, "(not given)"),
		Inputs:        inputsText(r.Inputs),
		PolicyConfig:  policyConfigText(r.PolicyConfig),
		Provenance:    provenanceText(r.Provenance),
		Generated:     r.GeneratedAt.Format("2006-01-02 15:04:05 UTC"),
		ResourceCount: len(r.Resources), RuleCount: len(r.Rules),
		Summary: s, Verdict: string(s.Verdict), VerdictClass: verdictClass(s.Verdict),
		MarkdownExtra: r.MarkdownExtra,
		// The diagram is markup this module renders from validated config (policy/report/diagram),
		// never user text: it is trusted as HTML.
		Diagram: template.HTML(r.HTMLDiagram), //nolint:gosec // see above
	}
	if s.Blocking > 0 {
		v.VerdictNotes = append(v.VerdictNotes, plural(s.Blocking, "blocking finding", "blocking findings")+" (mandatory rules failed or could not check)")
	}
	if s.Overall.Waived > 0 {
		v.VerdictNotes = append(v.VerdictNotes, plural(s.Overall.Waived, "failure stands", "failures stand")+" only under a current waiver")
	}
	if s.Overall.Unknown > 0 {
		v.VerdictNotes = append(v.VerdictNotes, plural(s.Overall.Unknown, "finding", "findings")+" could not be decided (values computed at preview): not a pass")
	}
	if s.Advisory > 0 {
		v.VerdictNotes = append(v.VerdictNotes, plural(s.Advisory, "advisory failure", "advisory failures")+" (reported, not blocking)")
	}
	if s.Waivers.Expired > 0 {
		v.VerdictNotes = append(v.VerdictNotes, plural(s.Waivers.Expired, "waiver has", "waivers have")+" expired")
	}
	for _, p := range s.ByPack {
		v.Packs = append(v.Packs, countsRow{Label: string(p.Pack), Counts: p.Counts})
	}
	for _, p := range s.BySeverity {
		v.Severities = append(v.Severities, countsRow{Label: string(p.Severity), Counts: p.Counts})
	}

	// Findings under each top-level principle: what needs attention listed, passes tallied per rule.
	byPrinciple := map[string]*principleView{}
	for _, pc := range s.ByPrinciple {
		pv := &principleView{ID: pc.Principle.ID, Title: orDefault(pc.Principle.Title, "(not an NCSC principle)"), Counts: pc.Counts}
		byPrinciple[pc.Principle.ID] = pv
	}
	tops := topLevelCache{}
	passes := map[string]map[string]int{}
	blockers := map[string]map[string]int{}
	// The findings are gathered as indexes first, then each list of rows is made at its size: the rows are
	// large, and a stack has thousands.
	issues := map[string][]int{}
	blocking := map[string][]int{}
	var order []string // the rules with blocking findings
	fs := r.Evaluation.Findings
	for i, f := range fs {
		if f.Blocking() {
			if blocking[f.RuleID] == nil {
				order = append(order, f.RuleID)
			}
			blocking[f.RuleID] = append(blocking[f.RuleID], i)
		}
		for _, id := range tops.of(findingPrinciples(f, rules)) {
			pv := byPrinciple[id]
			if pv == nil {
				continue
			}
			switch f.Status {
			case policy.StatusPass:
				if passes[id] == nil {
					passes[id] = map[string]int{}
				}
				passes[id][f.RuleID]++
			case policy.StatusNotApplicable:
				pv.NotApplicable++
			case policy.StatusFail, policy.StatusError:
				if f.Blocking() {
					if blockers[id] == nil {
						blockers[id] = map[string]int{}
					}
					blockers[id][f.RuleID]++
					break
				}
				issues[id] = append(issues[id], i)
			default:
				issues[id] = append(issues[id], i)
			}
		}
	}
	for _, pc := range s.ByPrinciple {
		pv := byPrinciple[pc.Principle.ID]
		pv.Issues = findingRows(fs, issues[pv.ID], rules)
		sortIssueRows(pv.Issues)
		for _, id := range sortedStrings(passes[pv.ID]) {
			pv.Passed = append(pv.Passed, ruleTally{RuleID: id, Title: rules[id].Title, N: passes[pv.ID][id]})
		}
		for _, id := range sortedStrings(blockers[pv.ID]) {
			pv.Blocking = append(pv.Blocking, ruleTally{RuleID: id, Title: rules[id].Title, N: blockers[pv.ID][id]})
		}
		v.Principles = append(v.Principles, *pv)
	}

	// Blocking findings grouped by rule, most severe rule first.
	groups := map[string]*ruleFindings{}
	for _, id := range order {
		f := fs[blocking[id][0]]
		m, ok := rules[id]
		if !ok {
			m = policy.Meta{ID: f.RuleID, Pack: f.Pack, Severity: f.Severity, Enforcement: f.Enforcement, Principles: f.Principles}
		}
		groups[id] = &ruleFindings{Rule: newRuleView(m), Findings: findingRows(fs, blocking[id], rules)}
	}
	slices.SortStableFunc(order, func(a, b string) int {
		return cmp.Or(cmp.Compare(severityRank(policy.Severity(groups[a].Rule.Severity)), severityRank(policy.Severity(groups[b].Rule.Severity))), cmp.Compare(a, b))
	})
	for _, id := range order {
		sortIssueRows(groups[id].Findings)
		groups[id].Open = len(groups[id].Findings) <= openRows
		v.Blocking = append(v.Blocking, *groups[id])
	}

	for _, u := range r.Evaluation.Waivers {
		w := u.Waiver
		wv := waiverView{
			RuleID: w.RuleID, Resource: w.Resource, Justification: w.Justification, Approver: w.Approver,
			RiskRef: w.RiskRef, Expires: w.Expires.UTC().Format(time.DateOnly), URNs: u.URNs, Line: w.Line,
		}
		switch d := daysLeft(w.Expires, r.GeneratedAt); {
		case u.Expired:
			wv.DaysLeft, wv.DaysClass = "EXPIRED", "fail"
		case d == 0:
			wv.DaysLeft, wv.DaysClass = "0 (last day)", "unknown"
		case d <= 30:
			wv.DaysLeft, wv.DaysClass = fmt.Sprint(d), "unknown"
		default:
			wv.DaysLeft, wv.DaysClass = fmt.Sprint(d), "pass"
		}
		switch {
		case len(u.URNs) == 0:
			wv.Used = "unused"
		case u.Expired:
			wv.Used = fmt.Sprintf("matched %d, not applied (expired)", len(u.URNs))
		default:
			wv.Used = fmt.Sprintf("used (%d)", len(u.URNs))
		}
		v.Waivers = append(v.Waivers, wv)
	}
	for _, m := range r.Rules {
		v.Rules = append(v.Rules, newRuleView(m))
	}
	return v
}

func sortedStrings(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sortIssueRows sorts rows by compareIssueRows, rows that compare equal in the order given (a stable
// sort). It sorts their indexes and then moves each row once: rows are large, and a stack has thousands.
func sortIssueRows(rows []findingView) {
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(compareIssueRows(&rows[a], &rows[b]), cmp.Compare(a, b)) })
	sorted := make([]findingView, len(rows))
	for i, j := range order {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}

func compareIssueRows(a, b *findingView) int {
	return cmp.Or(
		cmp.Compare(issueRank(a.StatusClass), issueRank(b.StatusClass)),
		cmp.Compare(severityRank(policy.Severity(a.Severity)), severityRank(policy.Severity(b.Severity))),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.URN, b.URN),
		cmp.Compare(a.Message, b.Message),
	)
}

func issueRank(class string) int {
	if class == "na" {
		return statusRank(policy.StatusNotApplicable)
	}
	return statusRank(policy.Status(class))
}

// findingRows are the rows of the findings at the indexes given.
func findingRows(fs []policy.Finding, indexes []int, rules map[string]policy.Meta) []findingView {
	if len(indexes) == 0 {
		return nil
	}
	rows := make([]findingView, len(indexes))
	for i, j := range indexes {
		rows[i] = findingRow(fs[j], rules)
	}
	return rows
}

func findingRow(f policy.Finding, rules map[string]policy.Meta) findingView {
	fv := findingView{
		RuleID: f.RuleID, RuleTitle: rules[f.RuleID].Title, Severity: string(f.Severity), Enforcement: string(f.Enforcement),
		StatusLabel: statusLabel(f), StatusClass: statusClass(f.Status),
		Resource: f.ResourceName, ResourceType: f.ResourceType, URN: f.URN, Message: f.Message,
	}
	if fv.Resource == "" {
		fv.Resource = orDefault(f.URN, "(whole stack)")
	}
	if w := f.Waiver; w != nil {
		exp := w.Expires.UTC().Format(time.DateOnly)
		if f.Status == policy.StatusWaived {
			fv.WaiverNote = fmt.Sprintf("waived by %s, %s, until %s", w.Approver, w.RiskRef, exp)
		} else {
			fv.WaiverNote = fmt.Sprintf("waiver by %s, %s, expired on %s: the failure stands", w.Approver, w.RiskRef, exp)
			// Evaluate appends its own shorter note to the message; the waiver note replaces it.
			fv.Message = strings.TrimSuffix(fv.Message, fmt.Sprintf(" (waiver by %s expired on %s)", w.Approver, exp))
		}
	}
	return fv
}

func newRuleView(m policy.Meta) ruleView {
	tiers := make([]string, 0, len(m.Tiers))
	for _, t := range m.Tiers {
		tiers = append(tiers, t.Title())
	}
	refs := make([]string, 0, len(m.References))
	for _, ref := range m.References {
		refs = append(refs, ref.Source+" "+ref.ID)
	}
	waivable := "no"
	if m.Waivable {
		waivable = "yes"
	}
	enforcement := string(m.Enforcement)
	if m.EngineAdvisory != "" {
		enforcement += " (advisory under the Pulumi engine: " + m.EngineAdvisory + ")"
	}
	return ruleView{
		ID: m.ID, Title: orDefault(m.Title, "(not in the rule list)"), Description: m.Description, Pack: string(m.Pack),
		Severity: string(m.Severity), Enforcement: enforcement, Principles: principleList(m.Principles),
		Tiers: orDefault(strings.Join(tiers, ", "), "all"), ResourceTypes: orDefault(strings.Join(m.ResourceTypes, ", "), "(stack rule)"),
		References: orDefault(strings.Join(refs, "; "), "none"), Waivable: waivable,
		Remediation: orDefault(m.Remediation, "(none given)"), Level: SARIFLevel(m),
	}
}

// tierText is the report's tier cell: the stack's tier, or, when the stack has none, how many resources
// were held to each tier and where each tier came from.
func tierText(r Report) string {
	switch {
	case r.Tier != "":
		return r.Tier.Title()
	case r.TierSummary != "":
		return "per resource: " + r.TierSummary
	default:
		return "(none)"
	}
}
