package common

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-COM-RES-002",
	Resources:       comStatefulFixture,
	BaselineMessage: "stateful resource has retainOnDelete set",
	Cases: []policytest.Case{
		{
			Name:    "not retained",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].RetainOnDelete = false },
			Want:    policy.StatusFail,
			Message: "stateful resource does not have retainOnDelete set; the platinum profile requires it (pulumi.RetainOnDelete(true))",
		},
		{
			Name: "bronze still requires retain",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				rs[0].RetainOnDelete = false
			},
			Want:    policy.StatusFail,
			Message: "stateful resource does not have retainOnDelete set; the bronze profile requires it (pulumi.RetainOnDelete(true))",
		},
		{
			Name: "Azure recovery vault retained",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				v := policytest.Azure("azure-native:recoveryservices:Vault", "backup-vault", map[string]any{"tags": policytest.Tags(tier.Platinum)})
				v.RetainOnDelete = true
				rs[0] = v
			},
			Want:    policy.StatusPass,
			Message: "stateful resource has retainOnDelete set",
		},
		{
			Name: "profile without retain",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Profile.RetainStatefulOnDelete = false
				rs[0].RetainOnDelete = false
			},
			Want:    policy.StatusPass,
			Message: "the platinum profile does not require retainOnDelete on stateful resources (RetainStatefulOnDelete is false)",
		},
		{
			Name:    "inside the engine, which does not report retainOnDelete",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].RetainOnDeleteNotReported = true },
			Want:    policy.StatusUnknown,
			Message: "the Pulumi engine does not report retainOnDelete to policy packs; lz plan and lz check decide this rule from the program and the exported state",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so whether stateful resources need retainOnDelete is not known",
		},
	},
})
