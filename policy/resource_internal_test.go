package policy

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A provider's JSON-text input is decoded once and then read from the cache, with the same value.
func TestDecodeJSONTextIsCached(t *testing.T) {
	text := `{"tags":{"Tier":"Gold","Owner":"cache-test"}}`
	_, cached := jsonTexts.Load(text)
	require.False(t, cached)
	first := decodeJSONText(property.New(text))
	got, cached := jsonTexts.Load(text)
	require.True(t, cached, "decoded once, then cached")
	assert.True(t, first.Equals(got.(property.Value)))
	assert.True(t, first.Equals(decodeJSONText(property.New(text))))
	assert.Equal(t, "Gold", AtValue(first, "tags", "Tier").AsString())
	// Text that is not JSON is returned as it is and not cached.
	bad := property.New(`{not json`)
	assert.True(t, bad.Equals(decodeJSONText(bad)))
	_, cached = jsonTexts.Load(`{not json`)
	assert.False(t, cached)
}

// During an evaluation a resource's tags are worked out once and shared by every rule; outside one they
// are read afresh, so a resource changed between evaluations is never judged on stale tags.
func TestTagsMemoisedPerEvaluation(t *testing.T) {
	r := &Resource{Type: "aws:s3/bucketV2:BucketV2", Name: "b", URN: "urn:b",
		Inputs: property.NewMap(map[string]property.Value{"tags": property.New(map[string]property.Value{
			"Tier": property.New("Gold")})})}
	var maps []map[string]string
	rule := func(id string) Rule {
		return Rule{Meta: Meta{ID: id, Title: id, ResourceTypes: []string{r.Type}}, Check: func(_ *Context, r *Resource) Result {
			tags, _, _ := r.Tags()
			maps = append(maps, tags)
			return Pass("Tier %s", tags["Tier"])
		}}
	}
	opts := Options{Rules: []Rule{rule("PCLZ-AWS-TST-901"), rule("PCLZ-AWS-TST-902")}}
	Evaluate(NewContext("s", "gold"), []*Resource{r}, opts)
	require.Len(t, maps, 2)
	maps[0]["probe"] = "x"
	assert.Equal(t, "x", maps[1]["probe"], "both rules read one map")
	assert.Nil(t, r.memo.Load(), "the memo is cleared when the evaluation ends")

	r.Inputs = property.NewMap(map[string]property.Value{"tags": property.New(map[string]property.Value{
		"Tier": property.New("Silver")})})
	tags, _, _ := r.Tags()
	assert.Equal(t, map[string]string{"Tier": "Silver"}, tags)
	maps = nil
	ev := Evaluate(NewContext("s", "gold"), []*Resource{r}, opts)
	require.Len(t, maps, 2)
	assert.Equal(t, map[string]string{"Tier": "Silver"}, maps[0], "a new evaluation reads the changed inputs")
	require.NotEmpty(t, ev.Findings)
	assert.Equal(t, "Tier Silver", ev.Findings[0].Message)
}

// Memo works a value out once per resource and evaluation for each key, shares it between rules, and
// outside an evaluation works it out every time.
func TestMemoOncePerEvaluationAndKey(t *testing.T) {
	type keyA struct{}
	type keyB struct{}
	r := &Resource{Type: "aws:s3/bucketV2:BucketV2", Name: "b", URN: "urn:b", Inputs: property.Map{}}
	calls := map[string]int{}
	count := func(name string) func(*Resource) string {
		return func(r *Resource) string { calls[name]++; return name + " of " + r.Name }
	}
	rule := func(id string) Rule {
		return Rule{Meta: Meta{ID: id, Title: id, ResourceTypes: []string{r.Type}}, Check: func(_ *Context, r *Resource) Result {
			return Pass("%s; %s", Memo(r, keyA{}, count("a")), Memo(r, keyB{}, count("b")))
		}}
	}
	ev := Evaluate(NewContext("s", "gold"), []*Resource{r}, Options{Rules: []Rule{rule("PCLZ-AWS-TST-904"), rule("PCLZ-AWS-TST-905")}})
	require.Len(t, ev.Findings, 2)
	assert.Equal(t, "a of b; b of b", ev.Findings[1].Message)
	assert.Equal(t, map[string]int{"a": 1, "b": 1}, calls, "each key once for both rules")
	Memo(r, keyA{}, count("a"))
	Memo(r, keyA{}, count("a"))
	assert.Equal(t, 3, calls["a"], "outside an evaluation, every time")
}

// Evaluations of the same resources may run at once (the policy pack's stack policies): each finds the
// same tags, and none leaves a memo behind.
func TestTagsMemoConcurrentEvaluations(t *testing.T) {
	var rs []*Resource
	for i := range 50 {
		rs = append(rs, &Resource{Type: "aws:s3/bucketV2:BucketV2", Name: "b", URN: "urn:b" + string(rune('a'+i%26)) + string(rune('a'+i/26)),
			Inputs: property.NewMap(map[string]property.Value{"tags": property.New(map[string]property.Value{
				"Tier": property.New("Gold")})})})
	}
	opts := Options{Rules: []Rule{{Meta: Meta{ID: "PCLZ-AWS-TST-903", Title: "t", ResourceTypes: []string{"aws:s3/bucketV2:BucketV2"}},
		Check: func(_ *Context, r *Resource) Result {
			tags, _, _ := r.Tags()
			return Pass("Tier %s", tags["Tier"])
		}}}}
	done := make(chan Evaluation)
	for range 4 {
		go func() { done <- Evaluate(NewContext("s", "gold"), rs, opts) }()
	}
	for range 4 {
		ev := <-done
		require.Len(t, ev.Findings, len(rs))
		for _, f := range ev.Findings {
			assert.Equal(t, "Tier Gold", f.Message)
		}
	}
	for _, r := range rs {
		assert.Nil(t, r.memo.Load())
	}
}

// Clone copies every exported field (a field added to Resource and forgotten in Clone fails here) and no
// evaluation memo.
func TestCloneCopiesEveryField(t *testing.T) {
	r := &Resource{Type: "t", WrittenType: "w", Name: "n", URN: "u", Inputs: property.NewMap(map[string]property.Value{"a": property.New("b")}),
		Provider: &Provider{Name: "p"}, Parent: "parent", Protect: true, RetainOnDelete: true,
		RetainOnDeleteNotReported: true, Dependencies: []string{"d"}, PropertyDependencies: map[string][]string{"a": {"d"}}, ID: "id"}
	release := memoise([]*Resource{r})
	defer release()
	cp := r.Clone()
	assert.Nil(t, cp.memo.Load())
	rv, cv := reflect.ValueOf(r).Elem(), reflect.ValueOf(cp).Elem()
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		require.False(t, rv.Field(i).IsZero(), "the fixture sets %s", f.Name)
		assert.True(t, reflect.DeepEqual(rv.Field(i).Interface(), cv.Field(i).Interface()), "Clone copies %s", f.Name)
	}
}
