package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-ENC-003",
	Context: func() *policy.Context {
		ctx := policy.NewContext("foundation", "")
		ctx.Role = "foundation"
		return ctx
	},
	Resources: func() []*policy.Resource {
		key := policytest.AWS(typeKMSKey, "ebs-key", map[string]any{"enableKeyRotation": true})
		on := policytest.AWS(typeEBSEncryptionByDefault, "ebs-default", map[string]any{"enabled": true})
		dk := policytest.AWS(typeEBSDefaultKmsKey, "ebs-default-key", map[string]any{"keyArn": policy.UnknownSentinel})
		policytest.Link(dk, "keyArn", key)
		return []*policy.Resource{key, on, dk}
	},
	Subject:         "",
	BaselineMessage: "EBS encryption by default is on with customer KMS default key ebs-key (aws:kms/key:Key)",
	Cases: []policytest.Case{
		{
			Name:    "encryption by default off",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], false, "enabled") },
			Want:    policy.StatusNotApplicable,
			Message: "EBS account default ebs-default is judged before create by PCLZ-AWS-ENC-019, which names it",
		},
		{
			Name:    "no EncryptionByDefault",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = nil },
			Want:    policy.StatusFail,
			Message: "no aws:ebs/encryptionByDefault:EncryptionByDefault; the foundation must turn on EBS encryption by default",
		},
		{
			Name:    "no DefaultKmsKey",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[2] = nil },
			Want:    policy.StatusFail,
			Message: "no aws:ebs/defaultKmsKey:DefaultKmsKey, so new volumes use the AWS-managed aws/ebs key; set the default key to a customer-managed KMS key",
		},
		{
			Name: "default key alias/aws/ebs",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[2].PropertyDependencies = nil
				policytest.Set(rs[2], "alias/aws/ebs", "keyArn")
			},
			Want:    policy.StatusNotApplicable,
			Message: "EBS account default ebs-default-key is judged before create by PCLZ-AWS-ENC-019, which names it",
		},
		{
			Name: "default key computed, not from a KMS key",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[2].PropertyDependencies = nil
			},
			Want:    policy.StatusNotApplicable,
			Message: "EBS account default ebs-default-key is judged before create by PCLZ-AWS-ENC-019, which names it",
		},
		{
			Name:    "enabled computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "enabled") },
			Want:    policy.StatusNotApplicable,
			Message: "EBS account default ebs-default is judged before create by PCLZ-AWS-ENC-019, which names it",
		},
		{
			Name:    "enabled omitted (provider default true)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "enabled") },
			Want:    policy.StatusPass,
			Message: "EBS encryption by default is on with customer KMS default key ebs-key (aws:kms/key:Key)",
		},
		{
			Name:    "tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role, ctx.Tier = "tier", tier.Gold },
			Want:    policy.StatusNotApplicable,
			Message: "EBS encryption by default is an account setting the foundation stack makes; this is a tier stack",
		},
		{
			Name: "role unknown, stack manages no EBS defaults",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Role = ""
				rs[1], rs[2] = nil, nil
			},
			Want:    policy.StatusNotApplicable,
			Message: "the stack's role is not known and it manages no EBS account defaults; the foundation stack must",
		},
		{
			Name: "role unknown, stack manages one EBS default only",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Role = ""
				rs[2] = nil
			},
			Want:    policy.StatusFail,
			Message: "no aws:ebs/defaultKmsKey:DefaultKmsKey, so new volumes use the AWS-managed aws/ebs key; set the default key to a customer-managed KMS key",
		},
	},
})
