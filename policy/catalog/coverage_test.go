package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var covFixtures policytest.Registry

var _ = covFixtures.Add(policytest.Fixture{
	RuleID: notAssessedID,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS("aws:sqs/queue:Queue", "q", map[string]any{})}
	},
	BaselineMessage: "aws:sqs/queue:Queue is in the coverage catalogue",
	Cases: []policytest.Case{
		{
			Name: "a type outside the catalogue",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS("aws:gamelift/fleet:Fleet", "f", map[string]any{})
			},
			Want:    policy.StatusFail,
			Message: "aws:gamelift/fleet:Fleet is not in the coverage catalogue: no rule has assessed its settings (not assessed)",
		},
		{
			Name: "an Azure type outside the catalogue",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.Azure("azure-native:maps:Account", "m", map[string]any{})
			},
			Want:    policy.StatusFail,
			Message: "azure-native:maps:Account is not in the coverage catalogue: no rule has assessed its settings (not assessed)",
		},
	},
})

func TestNotAssessed(t *testing.T) {
	t.Parallel()
	cov := policy.Coverage{{Type: "aws:sqs/queue:Queue", Category: "queues"}}
	policytest.Run(t, []policy.Rule{notAssessed(cov)}, nil, &covFixtures)
}

// Every catalogued property is read by a rule, and the catalogue names each type once.
func TestCoverageEveryPropertyRead(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, e := range Coverage() {
		assert.False(t, seen[e.Type], "%s is catalogued twice", e.Type)
		seen[e.Type] = true
		assert.NotEmpty(t, e.Category, e.Type)
	}
	for _, p := range CoverageTable() {
		assert.NotEmpty(t, p.ReadBy, "%s %s (%s) is read by no rule", p.Type, p.Path, p.Risk)
	}
}
