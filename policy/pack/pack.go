package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/provenance"
)

// Name and Version of the pack, as in PulumiPolicy.yaml. They live in policy/provenance, so the reports
// lz writes name the same pack version (a test there keeps PulumiPolicy.yaml in step).
const (
	Name    = provenance.PackName
	Version = provenance.PackVersion
)

// ContextPolicy reports problems with the pack's own inputs: a stack config that does not load, or a
// waiver file that does not parse. It is mandatory: a pack that cannot read its waivers must not pass.
const ContextPolicy = "pclz-pack-inputs"

// UnknownPolicy reports, as advisory, every rule that could not decide on a resource because a value it
// needs is computed at preview. Unknown is never a pass; this is where the engine shows it.
const UnknownPolicy = "pclz-unknown-values"

// regionConfigKey is the per-policy config key that overrides a region rule's allow-list.
const regionConfigKey = "allowedRegions"

func enforcement(e policy.Enforcement) policyx.EnforcementLevel {
	if e == policy.Mandatory {
		return policyx.EnforcementLevelMandatory
	}
	return policyx.EnforcementLevelAdvisory
}

// describe is the policy description the engine prints above each violation.
func describe(m policy.Meta) string {
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

// regionSchema lets a stack's policy config widen or narrow a region rule's allow-list (still UK only by
// default).
var regionSchema = &policyx.ConfigSchema{
	Properties: map[string]map[string]any{
		regionConfigKey: {"type": "array", "items": map[string]any{"type": "string"}},
	},
}

// withConfig returns the context a rule sees under its policy config.
func withConfig(base *policy.Context, m policy.Meta, cfg map[string]any) *policy.Context {
	if m.Pack != policy.PackRegion || cfg == nil {
		return base
	}
	raw, ok := cfg[regionConfigKey].([]any)
	if !ok {
		return base
	}
	var regions []string
	for _, r := range raw {
		if s, ok := r.(string); ok {
			regions = append(regions, s)
		}
	}
	c := *base
	if strings.HasPrefix(m.ID, "PCLZ-AZR-") {
		c.AzureLocations = regions
	} else {
		c.AWSRegions = regions
	}
	return &c
}

// report sends every failing or erroring finding to the engine.
func report(mgr policyx.PolicyManager, m policy.Meta, fs []policy.Finding) {
	for _, f := range fs {
		if f.Status == policy.StatusFail || f.Status == policy.StatusError {
			mgr.ReportViolation(message(m, f), f.URN)
		}
	}
}

// newPack builds the pack over env (the stack's context and waivers).
func newPack(env *env) (policyx.PolicyPack, error) {
	var ps []policyx.Policy
	for _, rule := range catalog.Rules() {
		var schema *policyx.ConfigSchema
		if rule.Pack == policy.PackRegion {
			schema = regionSchema
		}
		ps = append(ps, policyx.NewResourceValidationPolicy(rule.ID, policyx.ResourceValidationPolicyArgs{
			Description:      describe(rule.Meta),
			EnforcementLevel: enforcement(rule.Enforcement),
			ConfigSchema:     schema,
			ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
				if !rule.AppliesToType(args.Resource.Type) {
					return nil
				}
				ev := policy.Evaluate(withConfig(env.ctx, rule.Meta, args.Config),
					[]*policy.Resource{fromAnalyzer(args.Resource)},
					policy.Options{Rules: []policy.Rule{rule}, Waivers: env.waivers, Now: env.now, Partial: true})
				report(args.Manager, rule.Meta, ev.Findings)
				return nil
			},
		}))
	}
	for _, rule := range catalog.StackRules() {
		ps = append(ps, policyx.NewStackValidationPolicy(rule.ID, policyx.StackValidationPolicyArgs{
			Description:      describe(rule.Meta),
			EnforcementLevel: enforcement(rule.Enforcement),
			ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
				ev := policy.Evaluate(env.ctx, fromAnalyzerAll(args.Resources),
					policy.Options{StackRules: []policy.StackRule{rule}, Waivers: env.waivers, Now: env.now})
				report(args.Manager, rule.Meta, ev.Findings)
				return nil
			},
		}))
	}
	ps = append(ps,
		policyx.NewStackValidationPolicy(ContextPolicy, policyx.StackValidationPolicyArgs{
			Description:      "the policy pack could read the stack's landing-zone config and waiver file",
			EnforcementLevel: policyx.EnforcementLevelMandatory,
			ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
				for _, p := range env.problems {
					args.Manager.ReportViolation(p, "")
				}
				return nil
			},
		}),
		policyx.NewResourceValidationPolicy(UnknownPolicy, policyx.ResourceValidationPolicyArgs{
			Description:      "values computed at preview that a rule needs (decided at update)",
			EnforcementLevel: policyx.EnforcementLevelAdvisory,
			ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
				ev := policy.Evaluate(env.ctx, []*policy.Resource{fromAnalyzer(args.Resource)},
					policy.Options{Rules: catalog.Rules(), Now: env.now, Partial: true})
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
