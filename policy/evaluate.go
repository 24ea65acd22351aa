package policy

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/policecloud/landingzones/components/tier"
)

// Options are the rules and waivers one evaluation uses.
type Options struct {
	Rules      []Rule
	StackRules []StackRule
	// Waivers are the accreditor's waivers; only waivable rules' failures are waived.
	Waivers []Waiver
	// Now is the evaluation day for waiver expiry; the zero value means time.Now().
	Now time.Time
}

// Evaluation is the outcome of Evaluate.
type Evaluation struct {
	// Findings holds one finding per (rule, resource of the rule's types), plus stack rules' findings,
	// ordered by rule ID, then URN, then message.
	Findings []Finding `json:"findings"`
	// Waivers lists every waiver given, used or not, in the order given.
	Waivers []WaiverUse `json:"waivers"`
}

// Blocking returns the findings that block a deployment.
func (e Evaluation) Blocking() []Finding {
	var out []Finding
	for _, f := range e.Findings {
		if f.Blocking() {
			out = append(out, f)
		}
	}
	return out
}

// Evaluate runs every rule over the resources. It never panics: a rule that panics yields StatusError
// findings for that rule, and the other rules still run.
func Evaluate(ctx *Context, resources []*Resource, opts Options) Evaluation {
	if ctx == nil {
		ctx = NewContext("", "")
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	live := make([]*Resource, 0, len(resources))
	for _, r := range resources {
		if r != nil {
			live = append(live, r)
		}
	}
	var fs []Finding
	rulesFor := map[string][]*Rule{}
	for _, r := range live {
		rs, ok := rulesFor[r.Type]
		if !ok {
			for i := range opts.Rules {
				if opts.Rules[i].AppliesToType(r.Type) {
					rs = append(rs, &opts.Rules[i])
				}
			}
			rulesFor[r.Type] = rs
		}
		for _, rule := range rs {
			fs = append(fs, evalOne(ctx, rule, r))
		}
	}
	for i := range opts.StackRules {
		fs = append(fs, evalStack(ctx, &opts.StackRules[i], live)...)
	}
	uses := applyWaivers(fs, opts.Rules, opts.StackRules, opts.Waivers, now)
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.URN, b.URN), cmp.Compare(a.Message, b.Message))
	})
	return Evaluation{Findings: fs, Waivers: uses}
}

// effectiveTier is the stack's tier, or the resource's Tier tag when the stack's tier is not known.
func effectiveTier(ctx *Context, r *Resource) tier.Tier {
	if ctx.Tier != "" {
		return ctx.Tier
	}
	if r == nil {
		return ""
	}
	tags, _, _ := r.Tags()
	t, err := tier.Parse(tags["Tier"])
	if err != nil {
		return ""
	}
	return t
}

func newFinding(m *Meta, r *Resource) Finding {
	f := Finding{
		RuleID:      m.ID,
		Pack:        m.Pack,
		Severity:    m.Severity,
		Enforcement: m.Enforcement,
		Principles:  m.Principles,
	}
	if r != nil {
		f.URN, f.ResourceType, f.ResourceName = r.URN, r.Type, r.Name
	}
	return f
}

func evalOne(ctx *Context, rule *Rule, r *Resource) (f Finding) {
	f = newFinding(&rule.Meta, r)
	if t := effectiveTier(ctx, r); !rule.AppliesToTier(t) {
		f.Status, f.Message = StatusNotApplicable, fmt.Sprintf("rule applies to tiers %v, not %s", rule.Tiers, t)
		return f
	}
	defer func() {
		if p := recover(); p != nil {
			f.Status, f.Message = StatusError, fmt.Sprintf("rule %s failed while checking: %v", rule.ID, p)
		}
	}()
	if rule.Check == nil {
		f.Status, f.Message = StatusError, "rule has no check"
		return f
	}
	res := rule.Check(ctx, r)
	f.Status, f.Message = normStatus(res.Status), res.Message
	return f
}

func evalStack(ctx *Context, rule *StackRule, rs []*Resource) (out []Finding) {
	if ctx.Tier != "" && !rule.AppliesToTier(ctx.Tier) {
		f := newFinding(&rule.Meta, nil)
		f.Status, f.Message = StatusNotApplicable, fmt.Sprintf("rule applies to tiers %v, not %s", rule.Tiers, ctx.Tier)
		return []Finding{f}
	}
	if cloud := rule.Cloud(); cloud != "" && ctx.Cloud != "" && cloud != ctx.Cloud {
		f := newFinding(&rule.Meta, nil)
		f.Status, f.Message = StatusNotApplicable, fmt.Sprintf("rule applies to %s stacks, not %s", cloud, ctx.Cloud)
		return []Finding{f}
	}
	defer func() {
		if p := recover(); p != nil {
			f := newFinding(&rule.Meta, nil)
			f.Status, f.Message = StatusError, fmt.Sprintf("rule %s failed while checking: %v", rule.ID, p)
			out = []Finding{f}
		}
	}()
	if rule.Check == nil {
		f := newFinding(&rule.Meta, nil)
		f.Status, f.Message = StatusError, "rule has no check"
		return []Finding{f}
	}
	byURN := map[string]*Resource{}
	for _, r := range rs {
		byURN[r.URN] = r
	}
	for _, res := range rule.Check(ctx, rs) {
		f := newFinding(&rule.Meta, byURN[res.URN])
		f.URN = res.URN
		f.Status, f.Message = normStatus(res.Status), res.Message
		out = append(out, f)
	}
	return out
}

func normStatus(s Status) Status {
	if slices.Contains(Statuses(), s) {
		return s
	}
	return StatusError
}

func applyWaivers(fs []Finding, rules []Rule, stackRules []StackRule, ws []Waiver, now time.Time) []WaiverUse {
	waivable := map[string]bool{}
	for _, r := range rules {
		waivable[r.ID] = r.Waivable
	}
	for _, r := range stackRules {
		waivable[r.ID] = r.Waivable
	}
	uses := make([]WaiverUse, len(ws))
	for i, w := range ws {
		uses[i] = WaiverUse{Waiver: w, Expired: !w.ActiveOn(now)}
	}
	for i := range fs {
		f := &fs[i]
		if f.Status != StatusFail || !waivable[f.RuleID] {
			continue
		}
		for j, w := range ws {
			if !w.Matches(f.RuleID, f.URN, f.ResourceName) {
				continue
			}
			f.Waiver = &w
			uses[j].URNs = append(uses[j].URNs, f.URN)
			if uses[j].Expired {
				f.WaiverExpired = true
				f.Message += fmt.Sprintf(" (waiver by %s expired on %s)", w.Approver, w.Expires.Format(time.DateOnly))
			} else {
				f.Status = StatusWaived
			}
			break
		}
	}
	return uses
}
