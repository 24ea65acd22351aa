package common

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func comSetClassification(v string) func([]*policy.Resource, *policy.Context) {
	return func(rs []*policy.Resource, _ *policy.Context) {
		policytest.Set(rs[0], v, "defaultTags", "tags", "Classification")
	}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-COM-TAG-002",
	Resources:       func() []*policy.Resource { return []*policy.Resource{comProviderResource()} },
	BaselineMessage: "Classification OFFICIAL is permitted",
	Cases: []policytest.Case{
		{
			Name:    "OFFICIAL-SENSITIVE",
			Mutate:  comSetClassification("OFFICIAL-SENSITIVE"),
			Want:    policy.StatusPass,
			Message: "Classification OFFICIAL-SENSITIVE is permitted",
		},
		{
			Name:    "SECRET",
			Mutate:  comSetClassification("SECRET"),
			Want:    policy.StatusFail,
			Message: `Classification "SECRET" is above OFFICIAL-SENSITIVE; higher markings are not permitted in this landing zone and this rule cannot be waived`,
		},
		{
			Name:    "TOP SECRET",
			Mutate:  comSetClassification("TOP SECRET"),
			Want:    policy.StatusFail,
			Message: `Classification "TOP SECRET" is above OFFICIAL-SENSITIVE; higher markings are not permitted in this landing zone and this rule cannot be waived`,
		},
		{
			Name:    "Top-Secret spelt otherwise",
			Mutate:  comSetClassification("Top-Secret"),
			Want:    policy.StatusFail,
			Message: `Classification "Top-Secret" is above OFFICIAL-SENSITIVE; higher markings are not permitted in this landing zone and this rule cannot be waived`,
		},
		{
			Name:    "old marking RESTRICTED",
			Mutate:  comSetClassification("RESTRICTED"),
			Want:    policy.StatusFail,
			Message: `Classification "RESTRICTED" is not a permitted marking; use OFFICIAL or OFFICIAL-SENSITIVE`,
		},
		{
			Name:    "lower case official",
			Mutate:  comSetClassification("official"),
			Want:    policy.StatusFail,
			Message: `Classification "official" is not a permitted marking; use OFFICIAL or OFFICIAL-SENSITIVE`,
		},
		{
			Name:    "empty",
			Mutate:  comSetClassification(""),
			Want:    policy.StatusFail,
			Message: `Classification "" is not a permitted marking; use OFFICIAL or OFFICIAL-SENSITIVE`,
		},
		{
			Name: "computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "defaultTags", "tags", "Classification")
			},
			Want:    policy.StatusUnknown,
			Message: "the Classification tag is computed; it must be OFFICIAL or OFFICIAL-SENSITIVE",
		},
		{
			Name: "missing",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "defaultTags", "tags", "Classification")
			},
			Want:    policy.StatusNotApplicable,
			Message: "the provider sets no default Classification tag; each resource is judged on its own",
		},
		{
			Name: "AWS resource overriding to SECRET",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				policytest.Set(rs[0], "SECRET", "tags", "Classification")
			},
			Want:    policy.StatusFail,
			Message: `Classification "SECRET" is above OFFICIAL-SENSITIVE; higher markings are not permitted in this landing zone and this rule cannot be waived`,
		},
		{
			Name:    "AWS resource inheriting the provider's marking",
			Mutate:  comWithResource(comAWSBucket),
			Want:    policy.StatusPass,
			Message: "Classification OFFICIAL is permitted",
		},
		{
			Name: "AWS resource inheriting SECRET from its provider fails itself",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				rs[0].Provider.Inputs = policy.SetAt(rs[0].Provider.Inputs, policy.FromGo("SECRET"), "defaultTags", "tags", "Classification")
			},
			Want:    policy.StatusFail,
			Message: `Classification "SECRET" is above OFFICIAL-SENSITIVE; higher markings are not permitted in this landing zone and this rule cannot be waived`,
		},
		{
			Name: "AWS resource with no tag anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				rs[0].Provider.Inputs = policy.DeleteAt(rs[0].Provider.Inputs, "defaultTags")
			},
			Want:    policy.StatusNotApplicable,
			Message: "no Classification tag to check (PCLZ-COM-TAG-001 requires one)",
		},
		{
			Name:    "AWS type that takes no tags",
			Mutate:  comWithResource(comAWSRoute),
			Want:    policy.StatusNotApplicable,
			Message: "aws:ec2/route:Route takes no tags",
		},
		{
			Name: "Azure resource marked SECRET",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAzureStorage(tier.Platinum)
				policytest.Set(rs[0], "SECRET", "tags", "Classification")
			},
			Want:    policy.StatusFail,
			Message: `Classification "SECRET" is above OFFICIAL-SENSITIVE; higher markings are not permitted in this landing zone and this rule cannot be waived`,
		},
	},
})
