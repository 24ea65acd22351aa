package main

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
)

// Name and Version of the pack, as in PulumiPolicy.yaml. They live in policy/provenance, so the reports
// lz writes name the same pack version (a test there keeps PulumiPolicy.yaml in step).
const (
	Name    = provenance.PackName
	Version = provenance.PackVersion
)

// ContextPolicy reports problems with the pack's own inputs: a stack config that does not load, a
// waiver file that does not parse or is for another stack, and policy config the pack refuses. It is
// mandatory whatever the config says: a pack that cannot trust its inputs must not pass.
const ContextPolicy = packconfig.InputsPolicy

// ConfigPolicy lists, as advisory, the policy config in force and the waivers that have expired, so that
// `pulumi preview` output shows every setting that changed what the rules enforce.
const ConfigPolicy = packconfig.ConfigPolicy

// UnknownPolicy reports, as advisory, every rule that could not decide on a resource because a value it
// needs is computed at preview. Unknown is never a pass; this is where the engine shows it.
const UnknownPolicy = packconfig.UnknownPolicy

// regionConfigKey is the per-policy config key that narrows a region rule's allow-list.
const regionConfigKey = packconfig.RegionsKey

func enforcement(e policy.Enforcement) policyx.EnforcementLevel {
	if e == policy.Mandatory {
		return policyx.EnforcementLevelMandatory
	}
	return policyx.EnforcementLevelAdvisory
}

// describe is the policy description the engine prints above each violation. A rule that is advisory
// under the engine (Meta.EngineAdvisory) says so and why.
func describe(m policy.Meta) string {
	if m.EngineAdvisory != "" {
		return fmt.Sprintf("%s [%s, advisory under the Pulumi engine, %s in lz: %s] %s", m.ID, m.Severity, m.Enforcement, m.EngineAdvisory, m.Title)
	}
	return fmt.Sprintf("%s [%s, %s] %s", m.ID, m.Severity, m.Enforcement, m.Title)
}

// message is one violation's text: what was found, then the NCSC principles and the remediation, so
// that a reader of `pulumi preview` output needs nothing else.
func message(m policy.Meta, f policy.Finding) string {
	var b strings.Builder
	b.WriteString(f.Message)
	fmt.Fprintf(&b, "\nseverity: %s; NCSC principles: %s", m.Severity, strings.Join(m.Principles, ", "))
	fmt.Fprintf(&b, "\nremediation: %s", m.Remediation)
	return b.String()
}

// regionSchema lets a stack's policy config narrow a region rule's allow-list to part of the UK list
// (packconfig refuses anything else).
var regionSchema = &policyx.ConfigSchema{
	Properties: map[string]map[string]any{
		regionConfigKey: {"type": "array", "items": map[string]any{"type": "string"}},
	},
}

// report sends every failing or erroring finding to the engine.
func report(mgr policyx.PolicyManager, m policy.Meta, fs []policy.Finding) {
	for _, f := range fs {
		if f.Status == policy.StatusFail || f.Status == policy.StatusError {
			mgr.ReportViolation(message(m, f), f.URN)
		}
	}
}

// newPack builds the pack over env (the stack's context, waivers and, once the engine has sent it, the
// policy config in force). Each policy runs its rule as config leaves it (env.eff.Rules): at the level
// in force, with a narrowed region list where config narrowed it.
// resourceRules are the catalogue's resource rules by ID.
var resourceRules = sync.OnceValue(func() map[string]policy.Rule {
	out := map[string]policy.Rule{}
	for _, r := range catalog.Rules() {
		out[r.ID] = r
	}
	return out
})

// appliesTo reports whether the resource policy named name inspects resources of type typ. A policy that
// is not one of the catalogue's resource rules is taken to apply to every type.
func appliesTo(name, typ string) bool {
	r, ok := resourceRules()[name]
	return !ok || r.AppliesToType(typ)
}

func newPack(env *env) (policyx.PolicyPack, error) {
	var ps []policyx.Policy
	for _, rule := range catalog.Rules() {
		var schema *policyx.ConfigSchema
		if rule.Pack == policy.PackRegion {
			schema = regionSchema
		}
		ps = append(ps, policyx.NewResourceValidationPolicy(rule.ID, policyx.ResourceValidationPolicyArgs{
			Description:      describe(rule.Meta),
			EnforcementLevel: enforcement(rule.EngineEnforcement()),
			ConfigSchema:     schema,
			ValidateResource: func(ctx context.Context, args policyx.ResourceValidationArgs) error {
				if !rule.AppliesToType(args.Resource.Type) {
					return nil
				}
				if by, ok := ctx.Value(resourceFindingsKey{}).(map[string][]policy.Finding); ok {
					// The request's resource was evaluated once for every resource policy (Analyze).
					report(args.Manager, rule.Meta, by[rule.ID])
					return nil
				}
				rules := env.eff.Rules([]policy.Rule{rule})
				if len(rules) == 0 {
					return nil
				}
				ev := policy.Evaluate(env.ctx, []*policy.Resource{fromAnalyzer(args.Resource)},
					policy.Options{Rules: rules, Waivers: env.waivers, Now: env.now, Partial: true})
				report(args.Manager, rule.Meta, ev.Findings)
				return nil
			},
		}))
	}
	for _, rule := range catalog.StackRules() {
		ps = append(ps, policyx.NewStackValidationPolicy(rule.ID, policyx.StackValidationPolicyArgs{
			Description:      describe(rule.Meta),
			EnforcementLevel: enforcement(rule.EngineEnforcement()),
			ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
				if len(env.eff.StackRules([]policy.StackRule{rule})) == 0 {
					return nil
				}
				report(args.Manager, rule.Meta, env.stackFindings(args.Resources, rule.ID))
				return nil
			},
		}))
	}
	ps = append(ps,
		policyx.NewStackValidationPolicy(ContextPolicy, policyx.StackValidationPolicyArgs{
			Description:      "the policy pack could read the stack's landing-zone config, its waiver file and its policy config, and accepts them",
			EnforcementLevel: policyx.EnforcementLevelMandatory,
			ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
				for _, p := range env.inputProblems() {
					args.Manager.ReportViolation(p, "")
				}
				return nil
			},
		}),
		policyx.NewStackValidationPolicy(ConfigPolicy, policyx.StackValidationPolicyArgs{
			Description:      "settings in force for this stack: policy config that changes a rule, and waivers that have expired",
			EnforcementLevel: policyx.EnforcementLevelAdvisory,
			ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
				for _, o := range env.eff.Overrides {
					args.Manager.ReportViolation("policy config in force: "+o.String(), "")
				}
				for _, w := range env.warnings {
					args.Manager.ReportViolation("waiver no longer applies: "+w, "")
				}
				return nil
			},
		}),
		policyx.NewResourceValidationPolicy(UnknownPolicy, policyx.ResourceValidationPolicyArgs{
			Description:      "values computed at preview that a rule needs (decided at update)",
			EnforcementLevel: policyx.EnforcementLevelAdvisory,
			ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
				ev := policy.Evaluate(env.ctx, []*policy.Resource{fromAnalyzer(args.Resource)},
					policy.Options{Rules: env.eff.Rules(catalog.Rules()), Now: env.now, Partial: true})
				for _, f := range ev.Findings {
					if f.Status == policy.StatusUnknown {
						args.Manager.ReportViolation(f.RuleID+": "+f.Message, f.URN)
					}
				}
				return nil
			},
		}),
	)
	return policyx.NewPolicyPack(Name, semver.MustParse(Version), policyx.EnforcementLevelMandatory, ps)
}
