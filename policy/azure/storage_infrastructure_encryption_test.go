package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-ENC-002",
	Resources:       func() []*policy.Resource { return []*policy.Resource{storageAccount("evidence", tier.Gold)} },
	BaselineMessage: "infrastructure encryption is required",
	Cases: []policytest.Case{
		{
			Name: "off",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "encryption", "requireInfrastructureEncryption")
			},
			Want:    policy.StatusFail,
			Message: "encryption.requireInfrastructureEncryption is false; storage accounts must add infrastructure encryption",
		},
		{
			Name: "not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "encryption", "requireInfrastructureEncryption")
			},
			Want:    policy.StatusFail,
			Message: "encryption.requireInfrastructureEncryption is not set; it must be true (storage accounts must add infrastructure encryption)",
		},
		{
			Name:    "encryption block computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "encryption") },
			Want:    policy.StatusUnknown,
			Message: "encryption.requireInfrastructureEncryption is computed; it must be true",
		},
	},
})
