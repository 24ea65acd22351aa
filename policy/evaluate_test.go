package policy_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

const bucketType = "aws:s3/bucketV2:BucketV2"

func meta(id string, waivable bool, tiers ...tier.Tier) policy.Meta {
	return policy.Meta{
		ID: id, Title: "t", Description: "d", Pack: policy.PackEncryption, Severity: policy.SeverityHigh,
		Enforcement: policy.Mandatory, Principles: []string{"2.3"}, ResourceTypes: []string{bucketType},
		Remediation: "r", Waivable: waivable, Tiers: tiers, Cloud: policy.CloudOfID(id),
	}
}

// versioned passes buckets whose "versioned" input is true.
func versioned(id string, waivable bool, tiers ...tier.Tier) policy.Rule {
	return policy.Rule{Meta: meta(id, waivable, tiers...), Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		v, k := policy.Bool(r.Get("versioned"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("versioned is computed")
		case !v:
			return policy.Fail("not versioned")
		}
		return policy.Pass("versioned")
	}}
}

func bucket(name string, inputs map[string]any) *policy.Resource {
	return &policy.Resource{Type: bucketType, Name: name, URN: "urn:pulumi:s::p::" + bucketType + "::" + name,
		Inputs: policy.MapFromGo(inputs)}
}

var day = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestEvaluateStatuses(t *testing.T) {
	t.Parallel()
	rs := []*policy.Resource{
		bucket("b-ok", map[string]any{"versioned": true}),
		bucket("a-bad", map[string]any{"versioned": false}),
		bucket("c-unknown", map[string]any{"versioned": policy.UnknownSentinel}),
		nil,
		{Type: "aws:ec2/vpc:Vpc", Name: "other", URN: "urn:vpc"},
	}
	ev := policy.Evaluate(policy.NewContext("s", tier.Gold), rs, policy.Options{Rules: []policy.Rule{versioned("PCLZ-AWS-ENC-900", true)}, Now: day})
	require.Len(t, ev.Findings, 3, "one finding per (rule, resource of its types)")
	got := map[string]policy.Status{}
	for _, f := range ev.Findings {
		got[f.ResourceName] = f.Status
	}
	assert.Equal(t, map[string]policy.Status{"a-bad": policy.StatusFail, "b-ok": policy.StatusPass, "c-unknown": policy.StatusUnknown}, got)
	assert.Equal(t, "a-bad", ev.Findings[0].ResourceName, "ordered by rule then URN")
	assert.Len(t, ev.Blocking(), 1)
	assert.True(t, ev.Findings[0].Blocking())
}

func TestEvaluateTierApplicability(t *testing.T) {
	t.Parallel()
	rule := versioned("PCLZ-AWS-ENC-901", true, tier.Bronze)
	rs := []*policy.Resource{bucket("b", map[string]any{"versioned": false})}
	ev := policy.Evaluate(policy.NewContext("s", tier.Gold), rs, policy.Options{Rules: []policy.Rule{rule}})
	require.Len(t, ev.Findings, 1)
	assert.Equal(t, policy.StatusNotApplicable, ev.Findings[0].Status)
	assert.Equal(t, "rule applies to tiers [bronze], not gold", ev.Findings[0].Message)

	ev = policy.Evaluate(policy.NewContext("s", tier.Bronze), rs, policy.Options{Rules: []policy.Rule{rule}})
	assert.Equal(t, policy.StatusFail, ev.Findings[0].Status)

	// Without a stack tier, the resource's Tier tag decides.
	tagged := bucket("t", map[string]any{"versioned": false, "tags": map[string]any{"Tier": "Gold"}})
	ev = policy.Evaluate(policy.NewContext("s", ""), []*policy.Resource{tagged}, policy.Options{Rules: []policy.Rule{rule}})
	assert.Equal(t, policy.StatusNotApplicable, ev.Findings[0].Status)
}

func TestEvaluateStackRuleCloud(t *testing.T) {
	t.Parallel()
	stackRule := func(id string) policy.StackRule {
		return policy.StackRule{Meta: meta(id, false), Check: func(*policy.Context, []*policy.Resource) []policy.Result {
			return []policy.Result{policy.Fail("the foundation has no such service")}
		}}
	}
	rules := []policy.StackRule{stackRule("PCLZ-AWS-AUD-901"), stackRule("PCLZ-AZR-AUD-901"), stackRule("PCLZ-COM-AUD-901")}
	tests := []struct {
		cloud string
		want  map[string]policy.Status
	}{
		{"aws", map[string]policy.Status{"PCLZ-AWS-AUD-901": policy.StatusFail, "PCLZ-AZR-AUD-901": policy.StatusNotApplicable, "PCLZ-COM-AUD-901": policy.StatusFail}},
		{"azure", map[string]policy.Status{"PCLZ-AWS-AUD-901": policy.StatusNotApplicable, "PCLZ-AZR-AUD-901": policy.StatusFail, "PCLZ-COM-AUD-901": policy.StatusFail}},
		{"", map[string]policy.Status{"PCLZ-AWS-AUD-901": policy.StatusFail, "PCLZ-AZR-AUD-901": policy.StatusFail, "PCLZ-COM-AUD-901": policy.StatusFail}},
	}
	for _, tt := range tests {
		ctx := policy.NewContext("s", tier.Gold)
		ctx.Cloud = tt.cloud
		ev := policy.Evaluate(ctx, nil, policy.Options{StackRules: rules})
		got := map[string]policy.Status{}
		for _, f := range ev.Findings {
			got[f.RuleID] = f.Status
			if f.Status == policy.StatusNotApplicable {
				assert.Equal(t, "rule applies to "+map[string]string{"PCLZ-AWS-AUD-901": "aws", "PCLZ-AZR-AUD-901": "azure"}[f.RuleID]+" stacks, not "+tt.cloud, f.Message)
			}
		}
		assert.Equal(t, tt.want, got, "cloud %q", tt.cloud)
	}
}

func TestEvaluateRecoversPanickingRule(t *testing.T) {
	t.Parallel()
	boom := policy.Rule{Meta: meta("PCLZ-AWS-ENC-902", false), Check: func(*policy.Context, *policy.Resource) policy.Result {
		panic("boom")
	}}
	fine := versioned("PCLZ-AWS-ENC-903", false)
	var nilCheck policy.Rule
	nilCheck.Meta = meta("PCLZ-AWS-ENC-904", false)
	stack := policy.StackRule{Meta: meta("PCLZ-AWS-ENC-905", false), Check: func(*policy.Context, []*policy.Resource) []policy.Result {
		panic("stack boom")
	}}
	ev := policy.Evaluate(nil, []*policy.Resource{bucket("b", map[string]any{"versioned": true})},
		policy.Options{Rules: []policy.Rule{boom, fine, nilCheck}, StackRules: []policy.StackRule{stack}})
	require.Len(t, ev.Findings, 4)
	assert.Equal(t, policy.StatusError, ev.Findings[0].Status)
	assert.Equal(t, "rule PCLZ-AWS-ENC-902 failed while checking: boom", ev.Findings[0].Message)
	assert.Equal(t, policy.StatusPass, ev.Findings[1].Status, "the other rules still run")
	assert.Equal(t, policy.StatusError, ev.Findings[2].Status)
	assert.Equal(t, "rule has no check", ev.Findings[2].Message)
	assert.Equal(t, policy.StatusError, ev.Findings[3].Status)
	assert.Len(t, ev.Blocking(), 3, "a crashed mandatory rule blocks")
}

func TestEvaluateWaivers(t *testing.T) {
	t.Parallel()
	rs := []*policy.Resource{
		bucket("legacy-a", map[string]any{"versioned": false}),
		bucket("legacy-b", map[string]any{"versioned": false}),
		bucket("other", map[string]any{"versioned": false}),
	}
	waivable := versioned("PCLZ-AWS-ENC-906", true)
	fixed := versioned("PCLZ-AWS-ENC-907", false)
	ws := []policy.Waiver{
		{RuleID: "PCLZ-AWS-ENC-906", Resource: "legacy-*", Approver: "SIRO", Expires: day},
		{RuleID: "PCLZ-AWS-ENC-906", Resource: "other", Approver: "ISO", Expires: day.AddDate(0, 0, -1)},
		{RuleID: "PCLZ-AWS-ENC-907", Resource: "*", Approver: "ISO", Expires: day},
		{RuleID: "PCLZ-AWS-ENC-906", Resource: "unused", Approver: "ISO", Expires: day},
	}
	ev := policy.Evaluate(nil, rs, policy.Options{Rules: []policy.Rule{waivable, fixed}, Waivers: ws, Now: day})
	byKey := map[string]policy.Finding{}
	for _, f := range ev.Findings {
		byKey[f.RuleID+"/"+f.ResourceName] = f
	}
	assert.Equal(t, policy.StatusWaived, byKey["PCLZ-AWS-ENC-906/legacy-a"].Status, "active on its expiry day")
	assert.Equal(t, "SIRO", byKey["PCLZ-AWS-ENC-906/legacy-b"].Waiver.Approver)
	expired := byKey["PCLZ-AWS-ENC-906/other"]
	assert.Equal(t, policy.StatusFail, expired.Status, "an expired waiver no longer waives")
	assert.True(t, expired.WaiverExpired)
	assert.Equal(t, "not versioned (waiver by ISO expired on 2026-11-22)", expired.Message)
	assert.Equal(t, policy.StatusFail, byKey["PCLZ-AWS-ENC-907/other"].Status, "a non-waivable rule is never waived")

	require.Len(t, ev.Waivers, 4)
	assert.Len(t, ev.Waivers[0].URNs, 2)
	assert.True(t, ev.Waivers[1].Expired)
	assert.Empty(t, ev.Waivers[2].URNs)
	assert.Empty(t, ev.Waivers[3].URNs, "unused waivers are listed too")

	assert.False(t, ws[0].ActiveOn(day.AddDate(0, 0, 1)))
}

func TestAtAndDecoders(t *testing.T) {
	t.Parallel()
	m := policy.MapFromGo(map[string]any{
		"a":    map[string]any{"b": []any{"x", policy.UnknownSentinel}},
		"n":    "30",
		"f":    12.0,
		"list": "single",
	})
	s, k := policy.Str(policy.At(m, "a", "b", 0))
	assert.Equal(t, "x", s)
	assert.Equal(t, policy.Present, k)
	_, k = policy.Str(policy.At(m, "a", "b", 1))
	assert.Equal(t, policy.Unknown, k)
	_, k = policy.Str(policy.At(m, "a", "b", 5))
	assert.Equal(t, policy.Absent, k)
	_, k = policy.Str(policy.At(m, "a", 0))
	assert.Equal(t, policy.Absent, k, "an int step on a map is absent")
	n, k := policy.Int(policy.At(m, "n"))
	assert.Equal(t, 30, n)
	assert.Equal(t, policy.Present, k, "decimal strings are numbers")
	_, k = policy.Int(property.New(property.Computed))
	assert.Equal(t, policy.Unknown, k, "a computed number is unknown, not absent")
	f, _ := policy.Num(policy.At(m, "f"))
	assert.InDelta(t, 12.0, f, 0)
	ss, k := policy.Strings(policy.At(m, "list"))
	assert.Equal(t, []string{"single"}, ss)
	assert.Equal(t, policy.Present, k)
	_, k = policy.Strings(policy.At(m, "a", "b"))
	assert.Equal(t, policy.Unknown, k, "a list with a computed element is unknown")
	assert.True(t, policy.At(m, "a", "b", 1, "deeper").IsComputed(), "walking past a computed value stays computed")

	m2 := policy.SetAt(m, property.New(true), "x", "y")
	v, _ := policy.Bool(policy.At(m2, "x", "y"))
	assert.True(t, v)
	m3 := policy.DeleteAt(m2, "x", "y")
	_, k = policy.Bool(policy.At(m3, "x", "y"))
	assert.Equal(t, policy.Absent, k)
	assert.Equal(t, map[string]any{"b": []any{"x", policy.UnknownSentinel}}, policy.ToGo(policy.At(m, "a")))
}

func TestTagsMergeProviderDefaults(t *testing.T) {
	t.Parallel()
	r := bucket("b", map[string]any{"tags": map[string]any{"Owner": "team", "Tier": policy.UnknownSentinel}})
	r.Provider = &policy.Provider{Inputs: policy.MapFromGo(map[string]any{
		"defaultTags": map[string]any{"tags": map[string]any{"Force": "HO", "Owner": "default"}},
	})}
	tags, unknown, computed := r.Tags()
	assert.Equal(t, map[string]string{"Force": "HO", "Owner": "team"}, tags)
	assert.Equal(t, []string{"Tier"}, unknown)
	assert.False(t, computed)
}

func TestValidateMeta(t *testing.T) {
	t.Parallel()
	assert.Empty(t, policy.ValidateMeta(meta("PCLZ-AWS-ENC-001", true)))
	bad := policy.Meta{ID: "AWS-1", Pack: policy.PackRegion, Waivable: true, Principles: []string{"99"}, Tiers: []tier.Tier{"silver"}}
	var msgs []string
	for _, e := range policy.ValidateMeta(bad) {
		msgs = append(msgs, e.Error())
	}
	assert.Contains(t, msgs, `rule "AWS-1": enforcement "" must be "mandatory" or "advisory", explicitly`)
	assert.Contains(t, msgs, `rule "AWS-1": region rules cannot be waivable`)
	assert.Contains(t, msgs, `rule "AWS-1": unknown NCSC principle "99"`)
	assert.Contains(t, msgs, `rule "AWS-1": unknown tier "silver"`)
	assert.Len(t, msgs, 9)

	adv := meta("PCLZ-AWS-ENC-001", true)
	adv.Enforcement, adv.EngineAdvisory = policy.Advisory, "the engine does not send it"
	require.Len(t, policy.ValidateMeta(adv), 1)
	assert.EqualError(t, policy.ValidateMeta(adv)[0], `rule "PCLZ-AWS-ENC-001": engineAdvisory is set but the rule is "advisory": only a mandatory rule can be advisory under the engine`)
	assert.Equal(t, policy.Advisory, adv.EngineEnforcement())
	adv.Enforcement = policy.Mandatory
	assert.Empty(t, policy.ValidateMeta(adv))
	assert.Equal(t, policy.Advisory, adv.EngineEnforcement())
	adv.EngineAdvisory = ""
	assert.Equal(t, policy.Mandatory, adv.EngineEnforcement())
}

func TestPrinciples(t *testing.T) {
	t.Parallel()
	assert.Len(t, policy.TopLevelPrinciples(), 14)
	p, ok := policy.PrincipleByID("2.1")
	require.True(t, ok)
	assert.Equal(t, "Physical location and legal jurisdiction", p.Title)
	assert.Equal(t, "2", policy.TopLevel("2.1"))
	assert.Equal(t, "11", policy.TopLevel("11"))
}

func TestProviderInputsAsJSONText(t *testing.T) {
	t.Parallel()
	r := bucket("b", nil)
	r.Provider = &policy.Provider{Inputs: policy.MapFromGo(map[string]any{
		"region":      "eu-west-2",
		"defaultTags": `{"tags":{"Force":"HO","Tier":"Gold"}}`,
	})}
	tags, _, _ := r.Tags()
	assert.Equal(t, map[string]string{"Force": "HO", "Tier": "Gold"}, tags)
	s, _ := policy.Str(r.ProviderGet("region"))
	assert.Equal(t, "eu-west-2", s)
	assert.True(t, r.ProviderGet("defaultTags").IsMap())
}

func TestProviderGetNeverPanics(t *testing.T) {
	t.Parallel()
	r := bucket("b", nil)
	r.Provider = &policy.Provider{Inputs: policy.MapFromGo(map[string]any{"defaultTags": "[1,2]", "x": 3.0})}
	assert.True(t, r.ProviderGet("defaultTags", "tags").IsNull())
	assert.True(t, r.ProviderGet("x", "y").IsNull())
	assert.True(t, r.ProviderGet("defaultTags", 1).IsNumber())
}

func TestWaiverPatterns(t *testing.T) {
	t.Parallel()
	urn := "urn:pulumi:pos-bronze::police-landing-zones::policecloud:aws:TierEnvironment$aws:ec2/route:Route::legacy-dc-route"
	for pattern, want := range map[string]bool{
		"urn:pulumi:pos-bronze::police-landing-zones::*::legacy-*": true,
		"legacy-*":             true,
		"legacy-dc-route":      true,
		urn:                    true,
		"*":                    true,
		"legacy-??-route":      true,
		"urn:pulumi:pos-gold*": false,
		"legacy":               false,
		"*-gold":               false,
	} {
		w := policy.Waiver{RuleID: "R", Resource: pattern}
		assert.Equal(t, want, w.Matches("R", urn, "legacy-dc-route"), pattern)
	}
	assert.False(t, policy.Waiver{RuleID: "R", Resource: "*"}.Matches("S", urn, "x"), "another rule")
	assert.True(t, policy.Glob("a*b*c", "a/x:b//c"))
	assert.False(t, policy.Glob("a*b*c", "a/x:b//d"))
	assert.True(t, policy.Glob("", ""))
}
