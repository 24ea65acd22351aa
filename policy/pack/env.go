package main

import (
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/packconfig"
)

// WaiverFileEnv names the environment variable that points the pack at the accreditor's waiver file.
const WaiverFileEnv = "PCLZ_WAIVER_FILE"

// env is what every policy of the pack shares for one stack: the rules' context, the waivers, the policy
// config in force and the problems found reading them.
type env struct {
	ctx *policy.Context
	// landingZone is the stack's landing zone ("" without landing-zone config): a waiver file's scope
	// may name it.
	landingZone string
	waivers     []policy.Waiver
	// warnings are the waiver file's expired waivers (they no longer apply).
	warnings []string
	// problems are the stack config's and the waiver file's: mandatory violations of the input policy.
	problems []string
	// eff is the policy config in force (Configure); its Problems are mandatory violations too.
	eff packconfig.Effective
	now time.Time

	// stack is the latest evaluation of every stack rule, shared by the stack policies of one
	// AnalyzeStack request (stackFindings).
	mu    sync.Mutex
	stack *stackEval
	// stackEvaluations counts the evaluations stackFindings made (tests read it).
	stackEvaluations int
	// resourceEvaluations counts the evaluations resourceFindings made (tests read it).
	resourceEvaluations atomic.Int32
}

// stackEval is every stack rule in force evaluated over one request's resources, findings by rule.
type stackEval struct {
	// resources are the request's resources, held so that no other request's slice can have their
	// identity while this evaluation is kept.
	resources []policyx.AnalyzerResource
	byRule    map[string][]policy.Finding
}

// stackFindings returns rule ruleID's findings over rs. The engine hands every stack policy of a request
// the same slice of resources: the first policy to ask converts them and evaluates every stack rule in
// force at once (tiers resolved and resources indexed once), and the others read their rule's findings.
// A rule's findings do not depend on which other rules are evaluated with it.
func (e *env) stackFindings(rs []policyx.AnalyzerResource, ruleID string) []policy.Finding {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.stack == nil || !sameSlice(e.stack.resources, rs) {
		ev := policy.Evaluate(e.ctx, fromAnalyzerAll(rs),
			policy.Options{StackRules: e.eff.StackRules(catalog.StackRules()), Waivers: e.waivers, Now: e.now})
		by := map[string][]policy.Finding{}
		for _, f := range ev.Findings {
			by[f.RuleID] = append(by[f.RuleID], f)
		}
		e.stack = &stackEval{resources: rs, byRule: by}
		e.stackEvaluations++
	}
	return e.stack.byRule[ruleID]
}

// resourceFindingsKey carries, in the context of one Analyze request, every resource rule's findings on
// the request's resource (resourceFindings), so that each resource policy reads its rule's findings
// instead of converting and evaluating the resource again.
type resourceFindingsKey struct{}

// resourceFindings evaluates every resource rule in force that inspects r's type over r, at once, and
// returns the findings by rule ID: what each rule's policy would find evaluating r alone, since a rule's
// findings do not depend on which other rules run with it.
func (e *env) resourceFindings(r policyx.AnalyzerResource) map[string][]policy.Finding {
	var rules []policy.Rule
	for _, rule := range catalog.Rules() {
		if rule.AppliesToType(r.Type) {
			rules = append(rules, rule)
		}
	}
	rules = e.eff.Rules(rules)
	e.resourceEvaluations.Add(1)
	ev := policy.Evaluate(e.ctx, []*policy.Resource{fromAnalyzer(r)},
		policy.Options{Rules: rules, Waivers: e.waivers, Now: e.now, Partial: true})
	by := make(map[string][]policy.Finding, len(rules))
	for _, f := range ev.Findings {
		by[f.RuleID] = append(by[f.RuleID], f)
	}
	return by
}

// sameSlice reports whether a and b are the same non-empty slice (same first element, same length).
func sameSlice(a, b []policyx.AnalyzerResource) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// loadEnv reads the stack's landing-zone config from the engine's context, exactly as the stack program
// and cmd/lz do. A stack without landing-zone config gets the default context (UK regions, tier unknown:
// tier-aware rules then report unknown, never pass).
func loadEnv(ctx *pulumi.Context) *env {
	e := &env{ctx: policy.NewContext(ctx.Stack(), ""), now: time.Now()}
	if len(stackctx.Raw(ctx)) > 0 {
		st, err := stackctx.Load(ctx)
		if err != nil {
			var errs config.Errors
			if errors.As(err, &errs) {
				e.problems = append(e.problems, errs.Lines()...)
			} else {
				e.problems = append(e.problems, err.Error())
			}
		} else {
			e.ctx = stackctx.FromStack(st)
			e.landingZone = st.LandingZone
		}
	}
	if path := os.Getenv(WaiverFileEnv); path != "" {
		e.loadWaivers(path)
	}
	return e
}

// loadWaivers reads the waiver file for the stack; any problem is a mandatory violation of the input
// policy and no waiver of the file applies.
func (e *env) loadWaivers(path string) {
	f, problems := readWaivers(path, e.now, e.ctx.Stack, e.landingZone)
	e.waivers = f.Waivers
	e.warnings = f.Warnings
	e.problems = append(e.problems, problems...)
}

// configure resolves the engine's policy config against the catalogue (see packconfig).
func (e *env) configure(cfg packconfig.Config) {
	e.eff = packconfig.Resolve(cfg, packconfig.PackCatalogue(catalog.Metas(), true))
}

// inputProblems are every problem with the pack's inputs, in the order stack config, waiver file, policy
// config.
func (e *env) inputProblems() []string {
	return append(append([]string(nil), e.problems...), e.eff.Problems...)
}
