package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resCoverageFixture is the tier's backup selection (by the components' Tier tag) and a database it
// selects through the provider's default tags.
func resCoverageFixture() []*policy.Resource {
	sel := policytest.AWS(typeBackupSelection, "platinum-selection", map[string]any{
		"name":   "tier-resources",
		"planId": policy.UnknownSentinel,
		"selectionTags": []any{map[string]any{
			"type": "STRINGEQUALS", "key": "Tier", "value": "Platinum",
		}},
	})
	db := policytest.AWS(typeRDSInstance, "records-db", map[string]any{
		"identifier": "records", "engine": "postgres",
	})
	return []*policy.Resource{sel, db}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-009",
	Resources:       resCoverageFixture,
	Subject:         policytest.URN(typeRDSInstance, "records-db"),
	BaselineMessage: "selected by backup selection platinum-selection (tag Tier=Platinum)",
	Cases: []policytest.Case{
		{
			Name: "database tagged for another tier",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], map[string]any{"Tier": "Gold"}, "tags")
			},
			Want:    policy.StatusFail,
			Message: "no backup selection selects this resource, by ARN (resources) or by tag (selectionTags, conditions), so it is not backed up; the platinum profile backs up every stateful resource",
		},
		{
			Name: "no backup selection in the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeBackupPlan, "platinum-plan", map[string]any{"name": "pos-platinum"})
			},
			Want:    policy.StatusUnknown,
			Message: "no backup selection (aws:backup/selection:Selection) in the stack; one in another stack (the tier environment's, by tag) may select this resource, which this stack cannot show",
		},
		{
			Name: "selected by reference to its ARN, not by tag",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "selectionTags")
				policytest.SetComputed(rs[0], "resources")
				policytest.Link(rs[0], "resources", rs[1])
			},
			Want:    policy.StatusPass,
			Message: "selected by backup selection platinum-selection (by reference in resources)",
		},
		{
			Name: "selection ARNs computed from another resource",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "selectionTags")
				policytest.SetComputed(rs[0], "resources")
				rs[0].PropertyDependencies = map[string][]string{"resources": {policytest.URN(typeEBSVolume, "other")}}
			},
			Want:    policy.StatusFail,
			Message: "no backup selection selects this resource, by ARN (resources) or by tag (selectionTags, conditions), so it is not backed up; the platinum profile backs up every stateful resource",
		},
		{
			Name:    "selection ARNs computed and unlinked",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "resources") },
			Want:    policy.StatusUnknown,
			Message: "whether backup selection platinum-selection (resources is computed) selects this resource is not known",
		},
		{
			Name: "ARN pattern for every RDS database",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "selectionTags")
				policytest.Set(rs[0], []string{"arn:aws:rds:*:*:db:*"}, "resources")
			},
			Want:    policy.StatusPass,
			Message: "selected by backup selection platinum-selection (resources pattern arn:aws:rds:*:*:db:*)",
		},
		{
			Name: "ARN pattern for RDS clusters only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "selectionTags")
				policytest.Set(rs[0], []string{"arn:aws:rds:*:*:cluster:*"}, "resources")
			},
			Want:    policy.StatusFail,
			Message: "no backup selection selects this resource, by ARN (resources) or by tag (selectionTags, conditions), so it is not backed up; the platinum profile backs up every stateful resource",
		},
		{
			Name: "ARN naming the database",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "selectionTags")
				policytest.Set(rs[0], []string{"arn:aws:rds:eu-west-2:111122223333:db:records"}, "resources")
			},
			Want:    policy.StatusPass,
			Message: "selected by backup selection platinum-selection (resources arn:aws:rds:eu-west-2:111122223333:db:records)",
		},
		{
			Name: "excluded through notResources",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []string{"arn:aws:rds:eu-west-2:111122223333:db:records"}, "notResources")
			},
			Want:    policy.StatusFail,
			Message: "no backup selection selects this resource, by ARN (resources) or by tag (selectionTags, conditions), so it is not backed up; the platinum profile backs up every stateful resource",
		},
		{
			Name: "\"*\" narrowed by a condition the database meets",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "selectionTags")
				policytest.Set(rs[0], []string{"*"}, "resources")
				policytest.Set(rs[0], []any{map[string]any{"stringLikes": []any{
					map[string]any{"key": "aws:ResourceTag/Tier", "value": "Plat*"}}}}, "conditions")
			},
			Want:    policy.StatusPass,
			Message: `selected by backup selection platinum-selection (resources "*")`,
		},
		{
			Name: "\"*\" narrowed by a condition the database fails",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "selectionTags")
				policytest.Set(rs[0], []string{"*"}, "resources")
				policytest.Set(rs[0], []any{map[string]any{"stringNotEquals": []any{
					map[string]any{"key": "aws:ResourceTag/Tier", "value": "Platinum"}}}}, "conditions")
			},
			Want:    policy.StatusFail,
			Message: "no backup selection selects this resource, by ARN (resources) or by tag (selectionTags, conditions), so it is not backed up; the platinum profile backs up every stateful resource",
		},
		{
			Name:    "database's tags computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "tags") },
			Want:    policy.StatusUnknown,
			Message: "whether backup selection platinum-selection (the resource's tag Tier is computed) selects this resource is not known",
		},
		{
			Name:    "Bronze volume selected by the Bronze tag",
			Subject: policytest.URN(typeEBSVolume, "custody-data"),
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				policytest.Set(rs[0], "Bronze", "selectionTags", 0, "value")
				v := policytest.AWS(typeEBSVolume, "custody-data", map[string]any{"tags": map[string]any{"Tier": "Bronze"}})
				rs[1] = v
			},
			Want:    policy.StatusPass,
			Message: "selected by backup selection platinum-selection (tag Tier=Bronze)",
		},
	},
})
