// Package policytest is the fixture harness every rule's tests use: a compliant baseline, failing
// variants that each change one thing and assert the exact message, and the meta-checks that prove every
// rule has complete metadata and fixtures.
package policytest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// Case is one variant of a fixture's baseline.
type Case struct {
	// Name describes the one thing the case changes ("sse algorithm AES256").
	Name string
	// Mutate changes the copied baseline resources (or the context) in one way.
	Mutate func(rs []*policy.Resource, ctx *policy.Context)
	// Want is the expected status.
	Want policy.Status
	// Message is the exact expected message.
	Message string
	// Subject, when set, is the URN whose finding this case asserts (a stack rule that reports on the
	// resource at fault); "" means the fixture's Subject.
	Subject string
}

// Fixture proves one rule.
type Fixture struct {
	// RuleID is the rule the fixture proves.
	RuleID string
	// Context is the stack context; nil means NewContext("fixture", tier.Platinum).
	Context func() *policy.Context
	// Resources builds the compliant baseline: for a resource rule, Resources()[0] is the resource
	// checked (the others are there only for stack rules).
	Resources func() []*policy.Resource
	// Subject is the URN whose finding is asserted; "" means the first resource's URN for resource rules
	// and the stack-level finding (empty URN) for stack rules, unless the stack rule reports per
	// resource, in which case set it.
	Subject string
	// BaselineMessage, when set, is the exact message the baseline pass must carry.
	BaselineMessage string
	// Forbidden, for a resource rule that forbids its resource type outright (no compliant form of the
	// resource exists), says why; the baseline is then a resource the rule must fail, with BaselineMessage.
	Forbidden string
	// Cases must include at least one StatusFail case.
	Cases []Case
}

// Registry collects fixtures of one rule package; declare one per package and Add from each rule's
// test file.
type Registry struct {
	fixtures []Fixture
}

// Add registers a fixture and returns true, so that test files can write `var _ = reg.Add(...)`.
func (r *Registry) Add(f Fixture) bool {
	r.fixtures = append(r.fixtures, f)
	return true
}

// Fixtures returns the registered fixtures.
func (r *Registry) Fixtures() []Fixture { return append([]Fixture(nil), r.fixtures...) }

func (f Fixture) context() *policy.Context {
	if f.Context != nil {
		return f.Context()
	}
	return policy.NewContext("fixture", tier.Platinum)
}

// Run checks every fixture against its rule (found in rules or stackRules): the baseline passes and each
// case gives exactly its status and message. It also runs the meta-checks: every rule has valid metadata,
// a fixture with at least one failing case, and IDs are unique.
func Run(t *testing.T, rules []policy.Rule, stackRules []policy.StackRule, reg *Registry) {
	t.Helper()
	fixtures := map[string]Fixture{}
	for _, f := range reg.fixtures {
		_, dup := fixtures[f.RuleID]
		require.False(t, dup, "two fixtures for rule %s", f.RuleID)
		fixtures[f.RuleID] = f
	}
	seen := map[string]bool{}
	check := func(m policy.Meta, run func(t *testing.T, f Fixture)) {
		dup := seen[m.ID]
		t.Run(m.ID, func(t *testing.T) {
			t.Parallel()
			assert.False(t, dup, "duplicate rule ID %s", m.ID)
			assert.Empty(t, policy.ValidateMeta(m), "metadata of %s", m.ID)
			f, ok := fixtures[m.ID]
			require.True(t, ok, "rule %s has no fixture", m.ID)
			require.NotNil(t, f.Resources, "fixture for %s has no baseline", m.ID)
			require.True(t, slices.ContainsFunc(f.Cases, func(c Case) bool { return c.Want == policy.StatusFail }),
				"fixture for %s has no failing case", m.ID)
			run(t, f)
		})
		seen[m.ID] = true
	}
	for _, rule := range rules {
		check(rule.Meta, func(t *testing.T, f Fixture) {
			runCases(t, f, func(ctx *policy.Context, rs []*policy.Resource, _ string) policy.Finding {
				require.NotEmpty(t, rs, "baseline of %s is empty", rule.ID)
				require.True(t, rule.AppliesToType(rs[0].Type), "rule %s does not inspect %s", rule.ID, rs[0].Type)
				ev := policy.Evaluate(ctx, rs[:1], policy.Options{Rules: []policy.Rule{rule}, FixedContext: true})
				require.Len(t, ev.Findings, 1)
				return ev.Findings[0]
			})
		})
	}
	for _, rule := range stackRules {
		check(rule.Meta, func(t *testing.T, f Fixture) {
			assert.Empty(t, f.Forbidden, "stack rule %s: Forbidden is for resource rules", rule.ID)
			runCases(t, f, func(ctx *policy.Context, rs []*policy.Resource, subject string) policy.Finding {
				ev := policy.Evaluate(ctx, rs, policy.Options{StackRules: []policy.StackRule{rule}, FixedContext: true})
				for _, fd := range ev.Findings {
					if fd.URN == subject {
						return fd
					}
				}
				require.Failf(t, "no finding", "stack rule %s gave no finding for %q: %+v", rule.ID, subject, ev.Findings)
				return policy.Finding{}
			})
		})
	}
	for id := range fixtures {
		assert.True(t, seen[id], "fixture for %s has no rule", id)
	}
}

func runCases(t *testing.T, f Fixture, eval func(*policy.Context, []*policy.Resource, string) policy.Finding) {
	t.Helper()
	base := eval(f.context(), f.Resources(), f.Subject)
	want := policy.StatusPass
	if f.Forbidden != "" {
		want = policy.StatusFail
	}
	assert.Equal(t, want, base.Status, "baseline of %s: %s", f.RuleID, base.Message)
	if f.BaselineMessage != "" {
		assert.Equal(t, f.BaselineMessage, base.Message, "baseline message of %s", f.RuleID)
	}
	for _, c := range f.Cases {
		ctx, rs := f.context(), f.Resources()
		if c.Mutate != nil {
			c.Mutate(rs, ctx)
		}
		subject := f.Subject
		if c.Subject != "" {
			subject = c.Subject
		}
		got := eval(ctx, rs, subject)
		assert.Equal(t, c.Want, got.Status, "%s / %s: status (message %q)", f.RuleID, c.Name, got.Message)
		assert.Equal(t, c.Message, got.Message, "%s / %s: message", f.RuleID, c.Name)
	}
}

// Set replaces the input at path on r with a plain Go value (see policy.FromGo).
func Set(r *policy.Resource, v any, path ...any) {
	r.Inputs = policy.SetAt(r.Inputs, policy.FromGo(v), path...)
}

// SetComputed marks the input at path on r as computed (unknown at preview).
func SetComputed(r *policy.Resource, path ...any) {
	r.Inputs = policy.SetAt(r.Inputs, property.New(property.Computed), path...)
}

// Delete removes the input at path on r.
func Delete(r *policy.Resource, path ...any) {
	r.Inputs = policy.DeleteAt(r.Inputs, path...)
}

// Tags are the tags the components put on every resource; fixtures use them so that only the property
// under test differs.
func Tags(t tier.Tier) map[string]any {
	return map[string]any{
		"Force":          "HO",
		"Tier":           t.Title(),
		"Classification": "OFFICIAL",
		"Owner":          "cloud-platform@example.police.uk",
		"ManagedBy":      "pulumi/policecloud-landingzones",
	}
}

// URN builds a URN for a fixture resource.
func URN(typ, name string) string {
	return fmt.Sprintf("urn:pulumi:fixture::police-landing-zones::%s::%s", typ, name)
}

// AWSProvider is an explicit AWS provider in region with the components' default tags.
func AWSProvider(region string) *policy.Provider {
	return &policy.Provider{
		Type: "pulumi:providers:aws",
		Name: "aws-london",
		URN:  URN("pulumi:providers:aws", "aws-london"),
		Inputs: policy.MapFromGo(map[string]any{
			"region":      region,
			"defaultTags": map[string]any{"tags": Tags(tier.Platinum)},
		}),
	}
}

// AWS builds an AWS resource on an eu-west-2 provider with the given inputs.
func AWS(typ, name string, inputs map[string]any) *policy.Resource {
	return &policy.Resource{
		Type:     typ,
		Name:     name,
		URN:      URN(typ, name),
		Inputs:   policy.MapFromGo(inputs),
		Provider: AWSProvider("eu-west-2"),
	}
}

// AzureProvider is an explicit azure-native provider in location.
func AzureProvider(location string) *policy.Provider {
	return &policy.Provider{
		Type:   "pulumi:providers:azure-native",
		Name:   "azure-uksouth",
		URN:    URN("pulumi:providers:azure-native", "azure-uksouth"),
		Inputs: policy.MapFromGo(map[string]any{"location": location}),
	}
}

// Azure builds an azure-native resource on a uksouth provider with the given inputs. Azure resources
// carry their own tags; add Tags(...) to inputs where the rule reads them.
func Azure(typ, name string, inputs map[string]any) *policy.Resource {
	return &policy.Resource{
		Type:     typ,
		Name:     name,
		URN:      URN(typ, name),
		Inputs:   policy.MapFromGo(inputs),
		Provider: AzureProvider("uksouth"),
	}
}

// Link records that from's input prop came from to (as the engine's property dependencies do), so that
// stack rules can pair them at preview.
func Link(from *policy.Resource, prop string, to *policy.Resource) {
	if from.PropertyDependencies == nil {
		from.PropertyDependencies = map[string][]string{}
	}
	from.PropertyDependencies[prop] = append(from.PropertyDependencies[prop], to.URN)
}

// AssertAttribution proves that stack rules name the resource to change: for every failing case of every
// stack rule's fixture (rules whose ID is in exempt excepted), the rule gives at least one failing
// finding, and every failing finding carries the URN of a resource of the case's stack. A stack-level
// summary (empty URN) is allowed in addition to attributed findings, never alone. exempt maps the IDs of
// rules whose failure is an absence (nothing to point at) to the reason, so that the list reads as the
// accreditor's record of them; a key "<rule ID> / <case name>" exempts one case only. only, when not nil,
// limits the check to the IDs it accepts.
func AssertAttribution(t *testing.T, stackRules []policy.StackRule, reg *Registry, exempt map[string]string, only func(id string) bool) {
	t.Helper()
	fixtures := map[string]Fixture{}
	for _, f := range reg.fixtures {
		fixtures[f.RuleID] = f
	}
	for _, rule := range stackRules {
		if only != nil && !only(rule.ID) {
			continue
		}
		if _, ok := exempt[rule.ID]; ok {
			continue
		}
		f, ok := fixtures[rule.ID]
		if !ok {
			continue // Run reports the missing fixture.
		}
		t.Run(rule.ID, func(t *testing.T) {
			t.Parallel()
			for _, c := range f.Cases {
				if _, ok := exempt[rule.ID+" / "+c.Name]; ok || c.Want != policy.StatusFail {
					continue
				}
				ctx, rs := f.context(), f.Resources()
				if c.Mutate != nil {
					c.Mutate(rs, ctx)
				}
				urns := map[string]bool{}
				for _, r := range rs {
					if r != nil {
						urns[r.URN] = true
					}
				}
				ev := policy.Evaluate(ctx, rs, policy.Options{StackRules: []policy.StackRule{rule}, FixedContext: true})
				attributed, summary := 0, 0
				for _, fd := range ev.Findings {
					if fd.Status != policy.StatusFail {
						continue
					}
					switch {
					case fd.URN == "":
						summary++
					case urns[fd.URN]:
						attributed++
					default:
						assert.Failf(t, "failure names no resource of the stack",
							"%s / %s: URN %q is not a resource of the case (%s)", rule.ID, c.Name, fd.URN, fd.Message)
					}
				}
				assert.Positive(t, attributed, "%s / %s: no failing finding names the resource to change (%d stack-level)",
					rule.ID, c.Name, summary)
			}
		})
	}
}
