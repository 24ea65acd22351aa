package catalog

import (
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// ruleTypes lists every concrete resource type some rule inspects.
func ruleTypes() []string {
	seen := map[string]bool{}
	for _, m := range Metas() {
		for _, t := range m.ResourceTypes {
			if !strings.HasSuffix(t, "*") {
				seen[t] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// synthetic builds n resources cycling through every rule's types, with a mix of typical inputs,
// computed values and tags, linked in pairs by property dependencies.
func synthetic(n int) []*policy.Resource {
	types := ruleTypes()
	out := make([]*policy.Resource, 0, n)
	for i := range n {
		typ := types[i%len(types)]
		inputs := map[string]any{
			"tags":      policytest.Tags(tier.Gold),
			"location":  "uksouth",
			"region":    "eu-west-2",
			"kmsKeyId":  fmt.Sprintf("arn:aws:kms:eu-west-2:111122223333:key/%08d", i),
			"encrypted": i%3 != 0,
			"policy":    `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
			"ingress":   []any{map[string]any{"cidrBlocks": []any{"10.20.0.0/16"}, "fromPort": 443, "toPort": 443}},
			"properties": map[string]any{
				"enablePurgeProtection": true, "softDeleteRetentionInDays": 90, "publicNetworkAccess": "Disabled",
			},
		}
		var r *policy.Resource
		if strings.HasPrefix(typ, "azure-native:") {
			r = policytest.Azure(typ, fmt.Sprintf("r%d", i), inputs)
		} else {
			r = policytest.AWS(typ, fmt.Sprintf("r%d", i), inputs)
		}
		if i%7 == 0 {
			r.Inputs = r.Inputs.Set("kmsKeyId", property.New(property.Computed))
		}
		if i > 0 && i%2 == 1 {
			policytest.Link(r, "bucket", out[i-1])
		}
		out = append(out, r)
	}
	return out
}

func TestEvaluateSyntheticHasNoRuleErrors(t *testing.T) {
	t.Parallel()
	ev := policy.Evaluate(policy.NewContext("synthetic", tier.Gold), synthetic(2000), Options(nil))
	assert.NotEmpty(t, ev.Findings)
	for _, f := range ev.Findings {
		assert.NotEqual(t, policy.StatusError, f.Status, "%s on %s: %s", f.RuleID, f.URN, f.Message)
	}
}

// BenchmarkEvaluate runs every rule over 10,000 synthetic resources and reports resources per second.
func BenchmarkEvaluate(b *testing.B) {
	rs := synthetic(10_000)
	ctx := policy.NewContext("synthetic", tier.Gold)
	opts := Options(nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = policy.Evaluate(ctx, rs, opts)
	}
	b.ReportMetric(float64(len(rs)*b.N)/b.Elapsed().Seconds(), "resources/s")
}

// FuzzEvaluate feeds arbitrary JSON inputs, types and tiers to every rule: Evaluate must never panic and
// no rule may crash (StatusError).
func FuzzEvaluate(f *testing.F) {
	types := ruleTypes()
	f.Add(0, `{"bucket":"b","tags":{"Tier":"Bronze"}}`, "bronze", `{"region":"eu-west-2"}`)
	f.Add(3, `{"ingress":[{"cidrBlocks":["0.0.0.0/0"]}]}`, "gold", `{}`)
	f.Add(7, `{"policy":"{\"Statement\":{}}"}`, "", `{"region":"04da6b54-80e4-46f7-96ec-b56ff0331ba9"}`)
	f.Add(11, `{"properties":{"securityRules":[1,"x",null,{"access":true}]}}`, "platinum", `null`)
	f.Fuzz(func(t *testing.T, typeIdx int, inputs, tr, provider string) {
		var in, prov map[string]any
		_ = json.Unmarshal([]byte(inputs), &in)
		_ = json.Unmarshal([]byte(provider), &prov)
		if typeIdx < 0 {
			typeIdx = -typeIdx
		}
		typ := types[typeIdx%len(types)]
		r := &policy.Resource{Type: typ, Name: "fuzz", URN: "urn:fuzz", Inputs: policy.MapFromGo(in),
			Provider: &policy.Provider{Type: "pulumi:providers:aws", Inputs: policy.MapFromGo(prov)}}
		other := &policy.Resource{Type: typ, Name: "other", URN: "urn:other", Inputs: policy.MapFromGo(prov),
			PropertyDependencies: map[string][]string{"bucket": {"urn:fuzz"}, "vpcId": {"urn:fuzz"}}}
		ctx := policy.NewContext("fuzz", tier.Tier(tr))
		ev := policy.Evaluate(ctx, []*policy.Resource{r, other, nil}, Options(nil))
		for _, f := range ev.Findings {
			if f.Status == policy.StatusError {
				t.Fatalf("%s crashed on %s %s: %s", f.RuleID, typ, inputs, f.Message)
			}
		}
	})
}

// TestEvaluateSameOnAnyNumberOfCores evaluates a stack of three tiers (so the stack rules run once per
// tier group) on one core and on several: the findings, their order and the tiers must not change with
// how the work is spread. Run with -race it also proves the rules share nothing they write.
func TestEvaluateSameOnAnyNumberOfCores(t *testing.T) {
	rs := synthetic(3000)
	tiers := tier.All()
	for i, r := range rs {
		r.Inputs = r.Inputs.Set("tags", property.New(policy.FromGo(policytest.Tags(tiers[i%len(tiers)])).AsMap()))
	}
	ctx := policy.NewContext("synthetic", "")
	opts := Options(nil)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	one := policy.Evaluate(ctx, rs, opts)
	runtime.GOMAXPROCS(4)
	several := policy.Evaluate(ctx, rs, opts)
	assert.Len(t, one.Findings, len(several.Findings))
	assert.Equal(t, one, several)
	// Every tier holds some resource, so there were three tier groups.
	held := map[tier.Tier]bool{}
	for _, rt := range several.Tiers {
		held[rt.Tier] = true
	}
	assert.Len(t, held, len(tiers))
}
