package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/structpb"
)

// server returns an analyzer server over a fresh test env, configured with cfg as the engine sends it.
func server(t *testing.T, cfg map[string]*pulumirpc.PolicyConfig) *analyzerServer {
	t.Helper()
	e := testEnv()
	p, err := newPack(e)
	require.NoError(t, err)
	srv := &analyzerServer{env: e, pack: p}
	_, err = srv.Configure(context.Background(), &pulumirpc.ConfigureAnalyzerRequest{PolicyConfig: cfg})
	require.NoError(t, err)
	return srv
}

func level(l pulumirpc.EnforcementLevel, props map[string]any) *pulumirpc.PolicyConfig {
	s, _ := structpb.NewStruct(props)
	return &pulumirpc.PolicyConfig{EnforcementLevel: l, Properties: s}
}

func analyze(t *testing.T, srv *analyzerServer, typ, name string, props map[string]any, prov map[string]any) []*pulumirpc.AnalyzeDiagnostic {
	t.Helper()
	marshal := func(m map[string]any) *structpb.Struct {
		s, err := plugin.MarshalProperties(resource.NewPropertyMapFromMap(m), plugin.MarshalOptions{KeepUnknowns: true})
		require.NoError(t, err)
		return s
	}
	req := &pulumirpc.AnalyzeRequest{Type: typ, Name: name, Urn: "urn:pulumi:pos-platinum::police-landing-zones::" + typ + "::" + name, Properties: marshal(props)}
	if prov != nil {
		req.Provider = &pulumirpc.AnalyzerProviderResource{Type: "pulumi:providers:aws", Name: "aws",
			Urn: "urn:pulumi:pos-platinum::police-landing-zones::pulumi:providers:aws::aws", Properties: marshal(prov)}
	}
	resp, err := srv.Analyze(context.Background(), req)
	require.NoError(t, err)
	return resp.GetDiagnostics()
}

func byPolicy(ds []*pulumirpc.AnalyzeDiagnostic) map[string][]*pulumirpc.AnalyzeDiagnostic {
	out := map[string][]*pulumirpc.AnalyzeDiagnostic{}
	for _, d := range ds {
		out[d.GetPolicyName()] = append(out[d.GetPolicyName()], d)
	}
	return out
}

// TestServerKeepsNeverWaivableRulesMandatory: config that disables a never-waivable rule or the input
// policy does not take effect; the rule still runs at its own level and the input policy reports the
// refused setting as a mandatory violation.
func TestServerKeepsNeverWaivableRulesMandatory(t *testing.T) {
	t.Parallel()
	srv := server(t, map[string]*pulumirpc.PolicyConfig{
		"PCLZ-AWS-REG-001": level(pulumirpc.EnforcementLevel_DISABLED, nil),
		ContextPolicy:      level(pulumirpc.EnforcementLevel_DISABLED, nil),
	})
	ds := byPolicy(analyze(t, srv, "pulumi:providers:aws", "aws", map[string]any{"region": "us-east-1"}, nil))
	require.Len(t, ds["PCLZ-AWS-REG-001"], 1, "the disabled never-waivable rule still runs")
	assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, ds["PCLZ-AWS-REG-001"][0].GetEnforcementLevel())

	resp, err := srv.AnalyzeStack(context.Background(), &pulumirpc.AnalyzeStackRequest{})
	require.NoError(t, err)
	stack := byPolicy(resp.GetDiagnostics())
	require.Len(t, stack[ContextPolicy], 2)
	for _, d := range stack[ContextPolicy] {
		assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, d.GetEnforcementLevel())
	}
	assert.Contains(t, stack[ContextPolicy][0].GetMessage(), `policy config: pclz-pack-inputs: enforcementLevel "disabled" refused: the pack's own policy stays mandatory`)
	assert.Contains(t, stack[ContextPolicy][1].GetMessage(), `policy config: PCLZ-AWS-REG-001: enforcementLevel "disabled" refused: the rule is never waivable, so it stays mandatory`)
	assert.Empty(t, stack[ConfigPolicy], "nothing refused is listed as in force")
}

// TestServerAppliesAcceptedConfig: a waivable rule set to advisory reports at advisory, a disabled one
// does not run, and the config policy lists both.
func TestServerAppliesAcceptedConfig(t *testing.T) {
	t.Parallel()
	bucket := map[string]any{"bucket": "b", "tags": map[string]any{}}
	srv := server(t, nil)
	ds := byPolicy(analyze(t, srv, "aws:s3/bucketV2:BucketV2", "b", bucket, map[string]any{"region": "eu-west-2"}))
	require.NotEmpty(t, ds["PCLZ-COM-TAG-001"], "the untagged bucket fails the tag rule")
	assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, ds["PCLZ-COM-TAG-001"][0].GetEnforcementLevel())

	srv = server(t, map[string]*pulumirpc.PolicyConfig{
		"PCLZ-COM-TAG-001": level(pulumirpc.EnforcementLevel_ADVISORY, nil),
		"all":              level(pulumirpc.EnforcementLevel_MANDATORY, nil),
	})
	ds = byPolicy(analyze(t, srv, "aws:s3/bucketV2:BucketV2", "b", bucket, map[string]any{"region": "eu-west-2"}))
	require.NotEmpty(t, ds["PCLZ-COM-TAG-001"])
	assert.Equal(t, pulumirpc.EnforcementLevel_ADVISORY, ds["PCLZ-COM-TAG-001"][0].GetEnforcementLevel())

	srv = server(t, map[string]*pulumirpc.PolicyConfig{"PCLZ-COM-TAG-001": level(pulumirpc.EnforcementLevel_DISABLED, nil)})
	ds = byPolicy(analyze(t, srv, "aws:s3/bucketV2:BucketV2", "b", bucket, map[string]any{"region": "eu-west-2"}))
	assert.Empty(t, ds["PCLZ-COM-TAG-001"], "a disabled waivable rule does not run")
	resp, err := srv.AnalyzeStack(context.Background(), &pulumirpc.AnalyzeStackRequest{})
	require.NoError(t, err)
	stack := byPolicy(resp.GetDiagnostics())
	assert.Empty(t, stack[ContextPolicy])
	require.Len(t, stack[ConfigPolicy], 1)
	assert.Equal(t, pulumirpc.EnforcementLevel_ADVISORY, stack[ConfigPolicy][0].GetEnforcementLevel())
	assert.Contains(t, stack[ConfigPolicy][0].GetMessage(), "policy config in force: PCLZ-COM-TAG-001 enforcementLevel disabled (default mandatory)")
}

// TestRetainOnDeleteIsAdvisoryUnderTheEngine: the engine does not send retainOnDelete, so the pack
// declares PCLZ-COM-RES-002 advisory, says why in its description, and the unknown-values policy shows
// the reason for every stateful resource.
func TestRetainOnDeleteIsAdvisoryUnderTheEngine(t *testing.T) {
	t.Parallel()
	srv := server(t, nil)
	info, err := srv.GetAnalyzerInfo(context.Background(), nil)
	require.NoError(t, err)
	var found bool
	for _, p := range info.GetPolicies() {
		if p.GetName() == "PCLZ-COM-RES-002" {
			found = true
			assert.Equal(t, pulumirpc.EnforcementLevel_ADVISORY, p.GetEnforcementLevel())
			assert.Contains(t, p.GetDescription(), "advisory under the Pulumi engine, mandatory in lz: the Pulumi engine does not send retainOnDelete")
		}
	}
	require.True(t, found)
	ds := byPolicy(analyze(t, srv, "aws:s3/bucketV2:BucketV2", "b", map[string]any{"bucket": "b"}, map[string]any{"region": "eu-west-2"}))
	assert.Empty(t, ds["PCLZ-COM-RES-002"], "unknown is not a failure")
	var reason bool
	for _, d := range ds[UnknownPolicy] {
		reason = reason || assert.ObjectsAreEqual(pulumirpc.EnforcementLevel_ADVISORY, d.GetEnforcementLevel()) &&
			strings.Contains(d.GetMessage(), "PCLZ-COM-RES-002: the Pulumi engine does not report retainOnDelete to policy packs")
	}
	assert.True(t, reason, "the unknown-values policy gives RES-002's reason")
}

// TestWaiverScope: the pack applies a waiver file only to the stack or landing zone it is for, through
// the same check as lz.
func TestWaiverScope(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "w.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`version: 1
scope: pos
waivers:
  - rule: PCLZ-COM-TAG-001
    resource: "*"
    justification: "tags are applied by the platform team's pipeline"
    approver: "Jane Smith, Force SIRO"
    riskRef: "RISK-2026-014"
    expires: 2027-01-31
`), 0o644))
	e := testEnv()
	e.landingZone = "pos"
	e.loadWaivers(path)
	assert.Empty(t, e.problems)
	require.Len(t, e.waivers, 1, "the landing zone's file applies")

	e = testEnv()
	e.landingZone = "met"
	e.loadWaivers(path)
	assert.Empty(t, e.waivers, "another landing zone's file does not apply")
	assert.Equal(t, []string{path + `: scope: the file is for "pos", not stack "pos-platinum" or its landing zone "met"`}, e.problems)

	e = testEnv()
	e.loadWaivers(filepath.Join(dir, "missing.yaml"))
	require.Len(t, e.problems, 1)
	assert.Contains(t, e.problems[0], "read waiver file: ")
}

// The engine counts a rule as passed on every resource unless told it does not apply: the server says so
// for each rule that does not inspect the resource's type, and runs (and reports) the others.
func TestServerSaysWhichRulesDoNotApply(t *testing.T) {
	srv := server(t, nil)
	req := &pulumirpc.AnalyzeRequest{Type: "aws:kms/key:Key", Name: "k", Urn: "urn:pulumi:pos-platinum::police-landing-zones::aws:kms/key:Key::k"}
	resp, err := srv.Analyze(context.Background(), req)
	require.NoError(t, err)
	na := map[string]bool{}
	for _, p := range resp.GetNotApplicable() {
		na[p.GetPolicyName()] = true
		assert.Equal(t, "the rule does not inspect aws:kms/key:Key", p.GetReason())
	}
	checked := 0
	for id, r := range resourceRules() {
		assert.Equal(t, !r.AppliesToType("aws:kms/key:Key"), na[id], id)
		if !na[id] {
			checked++
		}
	}
	assert.Positive(t, checked, "some rules inspect KMS keys")
	assert.Greater(t, len(na), checked, "most rules inspect other types")
	// A rule that applies and fails is reported, not listed as not applicable: the key has no rotation.
	assert.Contains(t, byPolicy(resp.GetDiagnostics()), "PCLZ-AWS-ENC-013")
	assert.False(t, na["PCLZ-AWS-ENC-013"])
}

// One Analyze request evaluates its resource once for every resource policy, and each policy reports what
// it would report evaluating the resource on its own.
func TestAnalyzeEvaluatesTheResourceOnce(t *testing.T) {
	srv := server(t, nil)
	props := map[string]any{"enableKeyRotation": false, "tags": map[string]any{"Tier": "Gold", "Classification": "SECRET"}}
	ds := analyze(t, srv, "aws:kms/key:Key", "k", props, map[string]any{"region": "us-east-1"})
	assert.Equal(t, int32(1), srv.env.resourceEvaluations.Load(), "one evaluation for the request")

	// Each policy on its own (no findings in the context: it evaluates the resource itself).
	pm := resource.NewPropertyMapFromMap(props)
	res := convertResource("aws:kms/key:Key", "k", "urn:pulumi:pos-platinum::police-landing-zones::aws:kms/key:Key::k", pm, nil,
		policyx.AnalyzerProviderResource{Type: "pulumi:providers:aws", Name: "aws",
			URN:        "urn:pulumi:pos-platinum::police-landing-zones::pulumi:providers:aws::aws",
			Properties: resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(map[string]any{"region": "us-east-1"}))})
	var alone []string
	for _, p := range srv.pack.Policies() {
		p, ok := p.(policyx.ResourceValidationPolicy)
		if !ok {
			continue
		}
		require.NoError(t, p.Validate(context.Background(), policyx.ResourceValidationArgs{Resource: res,
			Manager: manager(func(message, _ string) { alone = append(alone, p.Name()+": "+message) })}))
	}
	var together []string
	for _, d := range ds {
		together = append(together, d.GetPolicyName()+": "+strings.TrimPrefix(d.GetMessage(), d.GetDescription()+"\n"))
	}
	slices.Sort(alone)
	slices.Sort(together)
	require.GreaterOrEqual(t, len(alone), 3, "the key breaks rules: rotation off, SECRET, provider outside the UK")
	assert.Equal(t, alone, together)
	assert.Equal(t, int32(1), srv.env.resourceEvaluations.Load(), "the policies on their own evaluated without it")
}
