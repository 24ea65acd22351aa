package common

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// comStatefulFixture is a protected, retained KMS key.
func comStatefulFixture() []*policy.Resource {
	k := policytest.AWS("aws:kms/key:Key", "audit-key", map[string]any{"enableKeyRotation": true, "deletionWindowInDays": 30})
	k.Protect, k.RetainOnDelete = true, true
	return []*policy.Resource{k}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-COM-RES-001",
	Resources:       comStatefulFixture,
	BaselineMessage: "stateful resource has protect set",
	Cases: []policytest.Case{
		{
			Name:    "not protected",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].Protect = false },
			Want:    policy.StatusFail,
			Message: "stateful resource does not have protect set; the platinum profile requires it (pulumi.Protect(true))",
		},
		{
			Name: "Azure storage account not protected in Gold",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				rs[0] = comAzureStorage(tier.Gold)
			},
			Want:    policy.StatusFail,
			Message: "stateful resource does not have protect set; the gold profile requires it (pulumi.Protect(true))",
		},
		{
			Name: "bronze does not require protect",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				rs[0].Protect = false
			},
			Want:    policy.StatusPass,
			Message: "the bronze profile does not require protect on stateful resources (ProtectStateful is false)",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so whether stateful resources need protect is not known",
		},
	},
})
