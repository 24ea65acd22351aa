package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-006",
	Context: netFoundationCtx,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeS3AccountPublicAccessBlock, "account-pab", map[string]any{
			"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true,
		})}
	},
	BaselineMessage: "account public access block account-pab sets all four flags true",
	Cases: []policytest.Case{
		{
			Name:    "missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = policytest.AWS(typeEC2Vpc, "hub", nil) },
			Want:    policy.StatusFail,
			Message: "no account-level public access block in the foundation; the foundation must create an aws:s3/accountPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
		},
		{
			Name:    "blockPublicAcls false",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "blockPublicAcls") },
			Want:    policy.StatusNotApplicable,
			Message: "account public access block account-pab is judged before create by PCLZ-AWS-NET-015, which names it",
		},
		{
			Name:    "restrictPublicBuckets computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "restrictPublicBuckets") },
			Want:    policy.StatusNotApplicable,
			Message: "account public access block account-pab is judged before create by PCLZ-AWS-NET-015, which names it",
		},
		{
			Name:    "tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netTierCtx(tier.Gold) },
			Want:    policy.StatusNotApplicable,
			Message: "tier stack; the account-level public access block is set by the foundation",
		},
		{
			Name:    "stack role unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; the foundation must create an aws:s3/accountPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
		},
	},
})
