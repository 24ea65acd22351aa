package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const netPABTwinFail = "; a public access block must set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true"

var _ = fixtures.Add(policytest.Fixture{
	RuleID: netPABTwin,
	Resources: func() []*policy.Resource {
		pab := policytest.AWS(typeS3BucketPublicAccessBlock, "evidence-pab", map[string]any{
			"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true,
		})
		policytest.SetComputed(pab, "bucket")
		return []*policy.Resource{pab}
	},
	BaselineMessage: "public access block sets all four flags true",
	Cases: []policytest.Case{
		{
			Name:    "blockPublicPolicy false",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "blockPublicPolicy") },
			Want:    policy.StatusFail,
			Message: "public access block leaves blockPublicPolicy not true" + netPABTwinFail,
		},
		{
			Name: "two flags absent",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "blockPublicAcls")
				policytest.Delete(rs[0], "restrictPublicBuckets")
			},
			Want:    policy.StatusFail,
			Message: "public access block leaves blockPublicAcls, restrictPublicBuckets not true" + netPABTwinFail,
		},
		{
			Name: "one flag false and one computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "ignorePublicAcls")
				policytest.SetComputed(rs[0], "blockPublicAcls")
			},
			Want:    policy.StatusFail,
			Message: "public access block leaves ignorePublicAcls not true" + netPABTwinFail,
		},
		{
			Name:    "ignorePublicAcls computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "ignorePublicAcls") },
			Want:    policy.StatusUnknown,
			Message: "public access block has ignorePublicAcls computed" + netPABTwinFail,
		},
		{
			Name: "account block with restrictPublicBuckets false",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeS3AccountPublicAccessBlock, "account-pab", map[string]any{
					"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": false,
				})
			},
			Want:    policy.StatusFail,
			Message: "public access block leaves restrictPublicBuckets not true" + netPABTwinFail,
		},
		{
			Name: "account block with all four flags",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeS3AccountPublicAccessBlock, "account-pab", map[string]any{
					"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true,
				})
			},
			Want:    policy.StatusPass,
			Message: "public access block sets all four flags true",
		},
	},
})
