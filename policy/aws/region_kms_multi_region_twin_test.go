package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: regKMSTwin,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeKMSKey, "data-key", map[string]any{"enableKeyRotation": true})}
	},
	BaselineMessage: "key is single-region",
	Cases: []policytest.Case{
		{
			Name:    "multi-region with London the only allowed region",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], true, "multiRegion") },
			Want:    policy.StatusFail,
			Message: "key is multi-region, but the only allowed region is eu-west-2, so any replica would be outside it; set multiRegion false",
		},
		{
			Name: "external key, multi-region",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeKMSExternalKey
				policytest.Set(rs[0], true, "multiRegion")
			},
			Want:    policy.StatusFail,
			Message: "key is multi-region, but the only allowed region is eu-west-2, so any replica would be outside it; set multiRegion false",
		},
		{
			Name:    "multiRegion computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "multiRegion") },
			Want:    policy.StatusUnknown,
			Message: "multiRegion is computed; keys must be single-region unless every replica is in eu-west-2",
		},
		{
			Name:    "multiRegion false",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "multiRegion") },
			Want:    policy.StatusPass,
			Message: "key is single-region",
		},
		{
			Name: "wider allow-list: the replicas are the stack rule's",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				policytest.Set(rs[0], true, "multiRegion")
			},
			Want:    policy.StatusNotApplicable,
			Message: "key is multi-region and the allow-list has eu-west-2, eu-west-1; PCLZ-AWS-REG-005 judges its replicas",
		},
	},
})
