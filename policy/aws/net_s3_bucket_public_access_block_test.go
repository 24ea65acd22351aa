package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-005",
	Subject: policytest.URN(typeS3BucketV2, "evidence"),
	Resources: func() []*policy.Resource {
		b := policytest.AWS(typeS3BucketV2, "evidence", map[string]any{"bucket": "ho-evidence"})
		pab := policytest.AWS(typeS3BucketPublicAccessBlock, "evidence-pab", map[string]any{
			"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true,
		})
		policytest.SetComputed(pab, "bucket")
		policytest.Link(pab, "bucket", b)
		return []*policy.Resource{b, pab}
	},
	BaselineMessage: "public access block evidence-pab sets all four flags true",
	Cases: []policytest.Case{
		{
			Name:    "no public access block",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "no public access block refers to this bucket; every bucket needs an aws:s3/bucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
		},
		{
			Name:    "blockPublicPolicy false",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], false, "blockPublicPolicy") },
			Want:    policy.StatusNotApplicable,
			Message: "public access block evidence-pab is judged before create by PCLZ-AWS-NET-015, which names it",
		},
		{
			Name:    "restrictPublicBuckets absent",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "restrictPublicBuckets") },
			Want:    policy.StatusNotApplicable,
			Message: "public access block evidence-pab is judged before create by PCLZ-AWS-NET-015, which names it",
		},
		{
			Name:    "ignorePublicAcls computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "ignorePublicAcls") },
			Want:    policy.StatusNotApplicable,
			Message: "public access block evidence-pab is judged before create by PCLZ-AWS-NET-015, which names it",
		},
		{
			Name:    "public access block's bucket computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "no public access block is linked to this bucket and the bucket of evidence-pab is computed; every bucket needs an aws:s3/bucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
		},
		{
			Name: "public access block for another bucket",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "other-bucket", "bucket")
			},
			Want:    policy.StatusFail,
			Message: "no public access block refers to this bucket; every bucket needs an aws:s3/bucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
		},
		{
			Name: "linked by the bucket's literal name at preview",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "ho-evidence", "bucket")
			},
			Want:    policy.StatusPass,
			Message: "public access block evidence-pab sets all four flags true",
		},
		{
			Name: "exported state links by bucket ID",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].ID = "ho-evidence"
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "ho-evidence", "bucket")
			},
			Want:    policy.StatusPass,
			Message: "public access block evidence-pab sets all four flags true",
		},
	},
})
