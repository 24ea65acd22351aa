package common

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-COM-TAG-001",
	Resources:       func() []*policy.Resource { return []*policy.Resource{comProviderResource()} },
	BaselineMessage: "the provider's defaultTags.tags sets no required tag to an empty value",
	Cases: []policytest.Case{
		{
			Name: "provider without Owner: its resources are judged themselves",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "defaultTags", "tags", "Owner")
			},
			Want:    policy.StatusPass,
			Message: "the provider's defaultTags.tags sets no required tag to an empty value",
		},
		{
			Name: "AWS resource whose provider lacks Owner fails itself",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				rs[0].Provider.Inputs = policy.DeleteAt(rs[0].Provider.Inputs, "defaultTags", "tags", "Owner")
			},
			Want:    policy.StatusFail,
			Message: "the effective tags (the provider's default tags and the resource's tags input) lack Owner; every resource must carry Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name: "AWS resource tagged itself under a provider with no default tags",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				rs[0].Provider.Inputs = policy.DeleteAt(rs[0].Provider.Inputs, "defaultTags")
				policytest.Set(rs[0], map[string]any{"Force": "HO", "Tier": "Gold", "Classification": "OFFICIAL", "Owner": "a@b", "ManagedBy": "pulumi"}, "tags")
			},
			Want:    policy.StatusPass,
			Message: "the effective tags (the provider's default tags and the resource's tags input) carry Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name:    "AWS type that takes no tags",
			Mutate:  comWithResource(comAWSRoute),
			Want:    policy.StatusNotApplicable,
			Message: "aws:ec2/route:Route takes no tags",
		},
		{
			Name: "provider with an empty Force",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], " ", "defaultTags", "tags", "Force")
			},
			Want:    policy.StatusFail,
			Message: "the provider's defaultTags.tags sets Force to an empty value; remove the key or give it a value",
		},
		{
			Name:    "provider without default tags",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "defaultTags") },
			Want:    policy.StatusNotApplicable,
			Message: "the provider sets no default tags; each resource it creates is judged on its own tags",
		},
		{
			Name:    "provider default tags computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "defaultTags") },
			Want:    policy.StatusUnknown,
			Message: "the provider's defaultTags.tags is computed; it must carry Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name: "provider Owner computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "defaultTags", "tags", "Owner")
			},
			Want:    policy.StatusUnknown,
			Message: "the provider's defaultTags.tags: the value of Owner is computed; it must be set and not empty",
		},
		{
			Name: "provider default tags JSON-encoded, as the engine sends provider config",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], `{"tags":{"Force":"HO","Tier":"Platinum","Classification":"OFFICIAL","Owner":"cloud@example.police.uk","ManagedBy":"pulumi"}}`, "defaultTags")
			},
			Want:    policy.StatusPass,
			Message: "the provider's defaultTags.tags sets no required tag to an empty value",
		},
		{
			Name:    "AWS resource that inherits its tags",
			Mutate:  comWithResource(comAWSBucket),
			Want:    policy.StatusPass,
			Message: "the effective tags (the provider's default tags and the resource's tags input) carry Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name: "AWS resource blanking out Owner",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				policytest.Set(rs[0], "", "tags", "Owner")
			},
			Want:    policy.StatusFail,
			Message: "the effective tags (the provider's default tags and the resource's tags input) lack Owner; every resource must carry Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name: "AWS resource tags computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAWSBucket()
				policytest.SetComputed(rs[0], "tags")
			},
			Want:    policy.StatusUnknown,
			Message: "the effective tags (the provider's default tags and the resource's tags input) are computed; they must carry Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name:    "Azure resource with all five",
			Mutate:  comWithResource(func() *policy.Resource { return comAzureStorage(tier.Platinum) }),
			Want:    policy.StatusPass,
			Message: "the tags input carries Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name: "Azure resource without ManagedBy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAzureStorage(tier.Platinum)
				policytest.Delete(rs[0], "tags", "ManagedBy")
			},
			Want:    policy.StatusFail,
			Message: "the tags input lacks ManagedBy; every resource must carry Force, Tier, Classification, Owner and ManagedBy",
		},
		{
			Name: "Azure resource without tags",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = comAzureStorage(tier.Platinum)
				policytest.Delete(rs[0], "tags")
			},
			Want:    policy.StatusFail,
			Message: "the tags input lacks Force, Tier, Classification, Owner and ManagedBy; every resource must carry Force, Tier, Classification, Owner and ManagedBy",
		},
	},
})
