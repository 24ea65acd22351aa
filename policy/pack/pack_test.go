package main

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/packconfig"
)

type violation struct{ msg, urn string }

type recorder struct{ got []violation }

func (r *recorder) ReportViolation(msg, urn string) { r.got = append(r.got, violation{msg, urn}) }

func testEnv() *env {
	return &env{ctx: policy.NewContext("pos-platinum", tier.Platinum), now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
}

func policies(t *testing.T, e *env) map[string]policyx.Policy {
	t.Helper()
	p, err := newPack(e)
	require.NoError(t, err)
	assert.Equal(t, Name, p.Name())
	assert.Equal(t, Version, p.Version().String())
	out := map[string]policyx.Policy{}
	for _, pol := range p.Policies() {
		_, dup := out[pol.Name()]
		require.False(t, dup, "duplicate policy %s", pol.Name())
		out[pol.Name()] = pol
	}
	return out
}

// TestEveryRuleIsAPolicyWithExplicitEnforcement: policyx's zero enforcement level is advisory, so each
// policy's level must come from its rule, explicitly.
func TestEveryRuleIsAPolicyWithExplicitEnforcement(t *testing.T) {
	t.Parallel()
	ps := policies(t, testEnv())
	for _, r := range catalog.Rules() {
		p, ok := ps[r.ID]
		require.True(t, ok, "rule %s has no policy", r.ID)
		_, isResource := p.(policyx.ResourceValidationPolicy)
		assert.True(t, isResource, "%s is a resource policy", r.ID)
		assertLevel(t, r.Meta, p)
	}
	for _, r := range catalog.StackRules() {
		p, ok := ps[r.ID]
		require.True(t, ok, "stack rule %s has no policy", r.ID)
		_, isStack := p.(policyx.StackValidationPolicy)
		assert.True(t, isStack, "%s is a stack policy", r.ID)
		assertLevel(t, r.Meta, p)
	}
	assert.Equal(t, policyx.EnforcementLevelMandatory, ps[ContextPolicy].EnforcementLevel())
	assert.Equal(t, policyx.EnforcementLevelAdvisory, ps[UnknownPolicy].EnforcementLevel())
	assert.Equal(t, policyx.EnforcementLevelAdvisory, ps[ConfigPolicy].EnforcementLevel())
	assert.Len(t, ps, len(catalog.Rules())+len(catalog.StackRules())+3)
}

func assertLevel(t *testing.T, m policy.Meta, p policyx.Policy) {
	t.Helper()
	require.Contains(t, []policy.Enforcement{policy.Mandatory, policy.Advisory}, m.Enforcement)
	want := policyx.EnforcementLevelAdvisory
	if m.EngineEnforcement() == policy.Mandatory {
		want = policyx.EnforcementLevelMandatory
	}
	assert.Equal(t, want, p.EnforcementLevel(), "%s enforcement", m.ID)
	assert.Contains(t, p.Description(), m.ID)
	assert.Contains(t, p.Description(), string(m.Severity))
}

func awsProvider(region string) policyx.AnalyzerProviderResource {
	return policyx.AnalyzerProviderResource{
		Type:       "pulumi:providers:aws",
		Name:       "aws",
		URN:        "urn:pulumi:pos-platinum::police-landing-zones::pulumi:providers:aws::aws",
		Properties: policy.MapFromGo(map[string]any{"region": region}),
	}
}

func TestProviderOutsideUKIsAMandatoryViolation(t *testing.T) {
	t.Parallel()
	ps := policies(t, testEnv())
	p := ps["PCLZ-AWS-REG-001"].(policyx.ResourceValidationPolicy)
	prov := awsProvider("us-east-1")
	rec := &recorder{}
	err := p.Validate(context.Background(), policyx.ResourceValidationArgs{
		Manager:  rec,
		Resource: policyx.AnalyzerResource{Type: prov.Type, Name: prov.Name, URN: prov.URN, Properties: prov.Properties},
	})
	require.NoError(t, err)
	require.Len(t, rec.got, 1)
	assert.Equal(t, prov.URN, rec.got[0].urn)
	assert.Contains(t, rec.got[0].msg, `provider region "us-east-1" is outside the UK allow-list (eu-west-2)`)
	assert.Contains(t, rec.got[0].msg, "NCSC principles: 2.1")
	assert.Contains(t, rec.got[0].msg, "remediation: ")

	rec = &recorder{}
	prov = awsProvider("eu-west-2")
	require.NoError(t, p.Validate(context.Background(), policyx.ResourceValidationArgs{
		Manager:  rec,
		Resource: policyx.AnalyzerResource{Type: prov.Type, Name: prov.Name, URN: prov.URN, Properties: prov.Properties},
	}))
	assert.Empty(t, rec.got, "a London provider passes")
}

func TestRegionAllowListFromPolicyConfig(t *testing.T) {
	t.Parallel()
	validate := func(e *env, id string, prov policyx.AnalyzerProviderResource) []violation {
		p := policies(t, e)[id].(policyx.ResourceValidationPolicy)
		require.NotNil(t, p.ConfigSchema())
		rec := &recorder{}
		require.NoError(t, p.Validate(context.Background(), policyx.ResourceValidationArgs{
			Manager:  rec,
			Resource: policyx.AnalyzerResource{Type: prov.Type, Name: prov.Name, URN: prov.URN, Properties: prov.Properties},
		}))
		return rec.got
	}
	azure := policyx.AnalyzerProviderResource{
		Type: "azure-native:resources:ResourceGroup", Name: "rg", URN: "urn:pulumi:met-gold::police-landing-zones::azure-native:resources:ResourceGroup::rg",
		Properties: policy.MapFromGo(map[string]any{"location": "ukwest"}),
	}
	e := testEnv()
	assert.Empty(t, validate(e, "PCLZ-AZR-REG-001", azure), "ukwest is on the UK list")
	e.configure(packconfig.Config{"PCLZ-AZR-REG-001": {Level: packconfig.Mandatory, Properties: map[string]any{regionConfigKey: []any{"uksouth"}}}})
	assert.Empty(t, e.inputProblems())
	got := validate(e, "PCLZ-AZR-REG-001", azure)
	require.Len(t, got, 1, "a narrowed list is in force")
	assert.Contains(t, got[0].msg, `"ukwest" is outside the UK allow-list (uksouth)`)

	// Widening is refused: the rule keeps the UK list and the input policy reports it.
	e = testEnv()
	e.configure(packconfig.Config{"PCLZ-AWS-REG-001": {Level: packconfig.Mandatory, Properties: map[string]any{regionConfigKey: []any{"eu-west-2", "us-east-1"}}}})
	assert.Equal(t, []string{`policy config: PCLZ-AWS-REG-001: allowedRegions: ["eu-west-2","us-east-1"] refused: allowed a non-empty list of regions from the UK list (eu-west-2); the rule keeps the UK list`}, e.inputProblems())
	got = validate(e, "PCLZ-AWS-REG-001", awsProvider("us-east-1"))
	require.Len(t, got, 1)
	assert.Contains(t, got[0].msg, `provider region "us-east-1" is outside the UK allow-list (eu-west-2)`)
}

func TestInputProblemsAreMandatoryViolations(t *testing.T) {
	t.Parallel()
	e := testEnv()
	e.problems = []string{"landingzone:tier: \"silver\" is not a tier"}
	p := policies(t, e)[ContextPolicy].(policyx.StackValidationPolicy)
	rec := &recorder{}
	require.NoError(t, p.Validate(context.Background(), policyx.StackValidationArgs{Manager: rec}))
	require.Len(t, rec.got, 1)
	assert.Equal(t, e.problems[0], rec.got[0].msg)
}

func TestLoadEnvReadsTheStackConfig(t *testing.T) {
	t.Parallel()
	ctx, err := pulumi.NewContext(context.Background(), pulumi.RunInfo{
		Project: "police-landing-zones",
		Stack:   "pos-bronze",
		Config:  stackConfig(t, "pos-bronze"),
	})
	require.NoError(t, err)
	e := loadEnv(ctx)
	assert.Empty(t, e.problems)
	assert.Equal(t, tier.Bronze, e.ctx.Tier)
	assert.Equal(t, "aws", e.ctx.Cloud)
	require.NotNil(t, e.ctx.Network)
	assert.NotEmpty(t, e.ctx.Network.Flows)

	ctx, err = pulumi.NewContext(context.Background(), pulumi.RunInfo{
		Project: "police-landing-zones", Stack: "broken",
		Config: map[string]string{"landingzone:cloud": "gcp"},
	})
	require.NoError(t, err)
	e = loadEnv(ctx)
	assert.NotEmpty(t, e.problems, "a broken landing-zone config is reported, not ignored")
	assert.Equal(t, tier.Tier(""), e.ctx.Tier)

	ctx, err = pulumi.NewContext(context.Background(), pulumi.RunInfo{Project: "other", Stack: "dev"})
	require.NoError(t, err)
	e = loadEnv(ctx)
	assert.Empty(t, e.problems, "a stack without landing-zone config gets the default context")
	assert.Equal(t, []string{"eu-west-2"}, e.ctx.AWSRegions)
}

// The stack policies of one request share one evaluation of every stack rule, and each reports exactly
// what evaluating its rule alone gives.
func TestStackPoliciesShareOneEvaluation(t *testing.T) {
	t.Parallel()
	e := testEnv()
	prov := awsProvider("eu-west-2")
	res := func(typ, name string, inputs map[string]any) policyx.AnalyzerResource {
		return policyx.AnalyzerResource{Type: typ, Name: name, URN: "urn:pulumi:pos-platinum::police-landing-zones::" + typ + "::" + name,
			Properties: policy.MapFromGo(inputs), Provider: prov}
	}
	rs := []policyx.AnalyzerResource{
		res("aws:s3/bucketV2:BucketV2", "records", map[string]any{"tags": map[string]any{"Tier": "Platinum"}}),
		res("aws:ec2/vpc:Vpc", "platinum", map[string]any{"cidrBlock": "10.20.0.0/16"}),
		res("aws:ec2/securityGroup:SecurityGroup", "open", map[string]any{"ingress": []any{map[string]any{"cidrBlocks": []any{"0.0.0.0/0"}, "fromPort": 22, "toPort": 22, "protocol": "tcp"}}}),
	}
	ps := policies(t, e)
	reported := 0
	for _, rule := range catalog.StackRules() {
		rec := &recorder{}
		require.NoError(t, ps[rule.ID].(policyx.StackValidationPolicy).Validate(context.Background(), policyx.StackValidationArgs{Manager: rec, Resources: rs}))
		alone := &recorder{}
		ev := policy.Evaluate(e.ctx, fromAnalyzerAll(rs), policy.Options{StackRules: []policy.StackRule{rule}, Now: e.now})
		report(alone, rule.Meta, ev.Findings)
		assert.Equal(t, alone.got, rec.got, rule.ID)
		reported += len(rec.got)
	}
	assert.Positive(t, reported, "some stack rule fails on these resources")
	assert.Equal(t, 1, e.stackEvaluations, "one evaluation for every stack policy of the request")

	// Another request (another slice) is evaluated afresh.
	again := slices.Clone(rs)
	require.NoError(t, ps[catalog.StackRules()[0].ID].(policyx.StackValidationPolicy).Validate(context.Background(), policyx.StackValidationArgs{Manager: &recorder{}, Resources: again}))
	assert.Equal(t, 2, e.stackEvaluations)
}
