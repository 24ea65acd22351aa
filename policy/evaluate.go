package policy

import (
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
	// Partial says the resources are not the whole stack (the policy pack sees one resource at a time), so
	// the stack's role and cloud are not inferred from them.
	Partial bool
	// FixedContext hands every rule the context exactly as given: no tier is resolved per resource and
	// nothing is inferred. Rule fixtures use it to test one rule against one context.
	FixedContext bool
}

// Evaluation is the outcome of Evaluate.
type Evaluation struct {
	// Findings holds one finding per (rule, resource of the rule's types), plus stack rules' findings,
	// ordered by rule ID, then URN, then message.
	Findings []Finding `json:"findings"`
	// Waivers lists every waiver given, used or not, in the order given.
	Waivers []WaiverUse `json:"waivers"`
	// Tiers gives, per resource URN, the tier the resource was held to and where it came from.
	Tiers map[string]ResourceTier `json:"tiers,omitempty"`
	// Role and Cloud are the stack's role and cloud as the rules saw them: the context's, or inferred
	// from the resources when the context did not say.
	Role  string `json:"role,omitempty"`
	Cloud string `json:"cloud,omitempty"`
}

// Blocking returns the findings that block a deployment.
func (e Evaluation) Blocking() []Finding {
	n := 0
	for i := range e.Findings {
		if e.Findings[i].Blocking() {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Finding, 0, n)
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
	defer memoise(live)()
	// The findings' ordering ranks the rules and the resources' URNs (a sort of every URN): it needs only
	// the resources, so a large evaluation works it out while the tiers are resolved.
	ordered := make(chan *ordering, 1)
	if len(live) >= parallelFrom {
		go func() { ordered <- newOrdering(live, opts.Rules, opts.StackRules, 0) }()
	} else {
		ordered <- newOrdering(live, opts.Rules, opts.StackRules, 0)
	}
	var tiers map[string]ResourceTier
	if !opts.FixedContext {
		tiers = ResolveTiers(ctx, live)
	}
	if !opts.Partial && !opts.FixedContext && (ctx.Role == "" || ctx.Cloud == "") {
		cp := *ctx
		if cp.Role == "" {
			cp.Role = InferRole(live, tiers)
			cp.RoleInferred = cp.Role != ""
		}
		if cp.Cloud == "" {
			cp.Cloud = InferCloud(live)
		}
		ctx = &cp
	}
	held := map[tier.Tier]*Context{}
	heldTo := func(t tier.Tier) *Context {
		c, ok := held[t]
		if !ok {
			c = ctx.held(t)
			held[t] = c
		}
		return c
	}
	// Each resource's context and rules, and where its findings go: resource li's findings are
	// fs[first[li]:first[li+1]], in the order of its rules, whichever worker writes them.
	rulesFor := map[string][]int{}
	ctxOf := make([]*Context, len(live))
	first := make([]int, len(live)+1)
	for li, r := range live {
		rs, ok := rulesFor[r.Type]
		if !ok {
			for i := range opts.Rules {
				if opts.Rules[i].AppliesToType(r.Type) {
					rs = append(rs, i)
				}
			}
			rulesFor[r.Type] = rs
		}
		ctxOf[li] = ctx
		if rt, ok := tiers[r.URN]; ok {
			ctxOf[li] = heldTo(rt.Tier)
		}
		first[li+1] = first[li] + len(rs)
	}
	total := first[len(live)]
	groups := []tierGroup{{tier: ctx.Tier, resources: live}}
	if !opts.FixedContext {
		groups = tierGroups(live, tiers)
	}
	// The stack rules and the resource rules run as one set of jobs: the stack rules first, one job per tier
	// group and stack rule, then the resource rules in ranges of resources, so that a long stack rule (one
	// that reads every security group) runs beside resource ranges instead of keeping a core idle. Each
	// resource finding has its place in fs fixed in advance; the stack rules' findings are appended after,
	// into room made for them at the start (growing a slice of 100,000 findings would copy them all).
	stackOut := make([][]Finding, len(groups)*len(opts.StackRules))
	releases := make([]func(), len(groups))
	gctxs := make([]*Context, len(groups))
	byURNs := make([]map[string]*Resource, len(groups))
	o := <-ordered
	for gi, g := range groups {
		releases[gi] = indexTypes(g.resources)
		gctxs[gi] = heldTo(g.tier)
		byURNs[gi] = o.byURN
		if g.mine != nil {
			byURNs[gi] = make(map[string]*Resource, len(g.resources))
			for _, r := range g.resources {
				byURNs[gi][r.URN] = r
			}
		}
	}
	room := total + stackRoom(len(live), len(stackOut))
	fs := make([]Finding, total, room)
	o.keys = make([]orderKey, total, room)
	ranges := findingRanges(len(live), first)
	forEach(len(live), len(stackOut)+len(ranges), func(j int, na notApplicableMessages) {
		if j < len(stackOut) {
			gi, i := j/len(opts.StackRules), j%len(opts.StackRules)
			stackOut[j] = groups[gi].keep(evalStack(gctxs[gi], &opts.StackRules[i], groups[gi].resources, byURNs[gi]))
			return
		}
		p := j - len(stackOut)
		for li := ranges[p][0]; li < ranges[p][1]; li++ {
			r, k := live[li], first[li]
			for _, i := range rulesFor[r.Type] {
				fs[k] = evalOne(ctxOf[li], &opts.Rules[i], r, na)
				o.keys[k] = orderKey{rule: o.rule[i], urn: o.res[li], idx: int32(k)} //nolint:gosec // see rankStrings
				k++
			}
		}
	})
	for _, release := range releases {
		release()
	}
	for j, out := range stackOut {
		i := j % len(opts.StackRules)
		for _, f := range out {
			fs = append(fs, f)
			o.add(o.rule[len(opts.Rules)+i], o.urnRank(f.URN))
		}
	}
	fs = o.dedupe(fs)
	uses := applyWaivers(fs, opts.Rules, opts.StackRules, opts.Waivers, now)
	fs = o.sorted(fs)
	return Evaluation{Findings: fs, Waivers: uses, Tiers: tiers, Role: ctx.Role, Cloud: ctx.Cloud}
}

// stackRoom is the room Evaluate makes for the stack rules' findings before it knows how many there are:
// about one for each resource and one for each stack rule run, which covers the catalogue's stack rules on
// every stack measured; more only costs one copy of the findings.
func stackRoom(resources, runs int) int { return resources + runs }

// tierGroup is the resources one run of the stack rules sees: one tier's resources and every resource
// with no tier (providers, components, untagged shared resources).
type tierGroup struct {
	tier      tier.Tier
	resources []*Resource
	// mine holds the URNs whose findings this group reports; nil means every finding.
	mine map[string]bool
}

// keep drops findings about resources of other tiers; stack-level findings are kept.
func (g tierGroup) keep(fs []Finding) []Finding {
	if g.mine == nil {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if f.URN == "" || g.mine[f.URN] {
			out = append(out, f)
		}
	}
	return out
}

// tierGroups splits the resources by tier for the stack rules. A stack of one tier (or none) is one group
// held to that tier; a mixed export holds each tier's resources to their own tier's profile.
func tierGroups(rs []*Resource, tiers map[string]ResourceTier) []tierGroup {
	by := map[tier.Tier][]*Resource{}
	var untiered []*Resource
	for _, r := range rs {
		if t := tiers[r.URN].Tier; t != "" {
			by[t] = append(by[t], r)
		} else {
			untiered = append(untiered, r)
		}
	}
	if len(by) <= 1 {
		var t tier.Tier
		for k := range by {
			t = k
		}
		return []tierGroup{{tier: t, resources: rs}}
	}
	var out []tierGroup
	for _, t := range tier.All() {
		if len(by[t]) == 0 {
			continue
		}
		g := tierGroup{tier: t, resources: append(slices.Clone(by[t]), untiered...), mine: map[string]bool{}}
		for _, r := range g.resources {
			g.mine[r.URN] = true
		}
		out = append(out, g)
	}
	return out
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

func evalOne(ctx *Context, rule *Rule, r *Resource, na notApplicableMessages) (f Finding) {
	f = newFinding(&rule.Meta, r)
	if t := ctx.Tier; !rule.AppliesToTier(t) {
		f.Status, f.Message = StatusNotApplicable, na.message(&rule.Meta, t)
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

// evalStack runs one stack rule over rs; byURN indexes rs by URN.
func evalStack(ctx *Context, rule *StackRule, rs []*Resource, byURN map[string]*Resource) (out []Finding) {
	if ctx.Tier != "" && !rule.AppliesToTier(ctx.Tier) {
		f := newFinding(&rule.Meta, nil)
		f.Status, f.Message = StatusNotApplicable, notApplicableTiers(&rule.Meta, ctx.Tier)
		return []Finding{f}
	}
	if cloud := string(rule.Cloud); cloud != "" && ctx.Cloud != "" && cloud != ctx.Cloud {
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
	for _, res := range rule.Check(ctx, rs) {
		f := newFinding(&rule.Meta, byURN[res.URN])
		f.URN = res.URN
		f.Status, f.Message = normStatus(res.Status), res.Message
		if f.Status == StatusFail && f.URN == "" && ctx.RoleInferred {
			// A stack-level failure is an absence. With no stack file the stack may be one part of a
			// landing zone whose other stacks hold what is missing, so it cannot be proven here.
			f.Status = StatusUnknown
			f.Message += " (no stack file says what this stack must hold: it may be declared in another stack)"
		}
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
