package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-RES-002",
	Resources:       func() []*policy.Resource { return []*policy.Resource{recoveryVault("platinum", tier.Platinum)} },
	BaselineMessage: "vault immutability Locked meets the Platinum tier's compliance vault lock",
	Cases: []policytest.Case{
		{
			Name: "Platinum unlocked",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Unlocked", "properties", "securitySettings", "immutabilitySettings", "state")
			},
			Want:    policy.StatusFail,
			Message: "vault immutability is Unlocked; the Platinum tier's compliance vault lock needs Locked",
		},
		{
			Name: "immutability not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "securitySettings", "immutabilitySettings")
			},
			Want:    policy.StatusFail,
			Message: "properties.securitySettings.immutabilitySettings.state is not set (immutability off); the Platinum tier's compliance vault lock needs Locked",
		},
		{
			Name: "Gold unlocked is enough for governance",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				policytest.Set(rs[0], "Unlocked", "properties", "securitySettings", "immutabilitySettings", "state")
			},
			Want:    policy.StatusPass,
			Message: "vault immutability Unlocked meets the Gold tier's governance vault lock",
		},
		{
			Name: "Bronze disabled",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				policytest.Set(rs[0], "Disabled", "properties", "securitySettings", "immutabilitySettings", "state")
			},
			Want:    policy.StatusFail,
			Message: "vault immutability is Disabled; the Bronze tier's governance vault lock needs Unlocked or Locked",
		},
		{
			Name: "state computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "securitySettings")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.securitySettings.immutabilitySettings.state is computed; the Platinum tier needs Locked",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so its vault lock is not known",
		},
	},
})
