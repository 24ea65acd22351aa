package aws

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// coverageShapes are the values every read property is set to in turn: wrong kinds, nulls, computed
// values at the leaf and inside arrays and maps.
var coverageShapes = []property.Value{
	property.New(property.Computed),
	{},
	property.New("x"),
	property.New(""),
	property.New(7.0),
	property.New(true),
	property.New(false),
	property.New([]property.Value{property.New(property.Computed)}),
	property.New([]property.Value{property.New("a"), property.New(1.0), {}}),
	property.New(property.NewMap(map[string]property.Value{"x": property.New(property.Computed)})),
	property.New([]property.Value{property.New(property.NewMap(map[string]property.Value{}))}),
}

// TestReadPropertiesNeverError sets every property each AWS rule reads, at every step of its path, to
// every shape in coverageShapes, and checks that no rule errors (panics) on any of them.
func TestReadPropertiesNeverError(t *testing.T) {
	t.Parallel()
	for _, rule := range Rules() {
		for _, ref := range rule.Reads {
			if ref.Type == typeProvider {
				continue
			}
			steps := strings.Split(ref.Path, ".")
			for depth := 1; depth <= len(steps); depth++ {
				for i, shape := range coverageShapes {
					r := policytest.AWS(ref.Type, "subject", nil)
					path := make([]any, depth)
					for j := range depth {
						path[j] = steps[j]
					}
					r.Inputs = policy.SetAt(r.Inputs, shape, path...)
					ev := policy.Evaluate(policy.NewContext("shapes", tier.Gold), []*policy.Resource{r},
						policy.Options{Rules: []policy.Rule{rule}})
					assert.NotEmpty(t, ev.Findings, "%s gave no finding on %s", rule.ID, ref.Type)
					for _, f := range ev.Findings {
						assert.NotEqual(t, policy.StatusError, f.Status, "%s on %s %v = shape %d: %s", rule.ID, ref.Type, path, i, f.Message)
					}
				}
			}
		}
	}
	for _, rule := range StackRules() {
		for _, ref := range rule.Reads {
			if ref.Type == typeProvider {
				continue
			}
			steps := strings.Split(ref.Path, ".")
			for depth := 1; depth <= len(steps); depth++ {
				for i, shape := range coverageShapes {
					r := policytest.AWS(ref.Type, "subject", nil)
					path := make([]any, depth)
					for j := range depth {
						path[j] = steps[j]
					}
					r.Inputs = policy.SetAt(r.Inputs, shape, path...)
					policytest.Link(r, steps[0], policytest.AWS(typeS3BucketV2, "other", nil))
					ev := policy.Evaluate(policy.NewContext("shapes", tier.Gold), []*policy.Resource{r},
						policy.Options{StackRules: []policy.StackRule{rule}})
					for _, f := range ev.Findings {
						assert.NotEqual(t, policy.StatusError, f.Status, "%s on %s %v = shape %d: %s", rule.ID, ref.Type, path, i, f.Message)
					}
				}
			}
		}
	}
}
