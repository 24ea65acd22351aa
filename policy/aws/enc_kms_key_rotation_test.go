package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-ENC-013",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeKMSKey, "data-key", map[string]any{
			"description": "Platinum data key", "enableKeyRotation": true, "deletionWindowInDays": 30,
		})}
	},
	BaselineMessage: "automatic key rotation is enabled",
	Cases: []policytest.Case{
		{
			Name:    "rotation off",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "enableKeyRotation") },
			Want:    policy.StatusFail,
			Message: "enableKeyRotation is false; set it true",
		},
		{
			Name:    "rotation not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "enableKeyRotation") },
			Want:    policy.StatusFail,
			Message: "enableKeyRotation is not set (AWS default false); set it true",
		},
		{
			Name:    "rotation computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "enableKeyRotation") },
			Want:    policy.StatusUnknown,
			Message: "enableKeyRotation is computed; symmetric keys must set it true",
		},
		{
			Name: "explicit symmetric spec and usage, rotation off",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "SYMMETRIC_DEFAULT", "customerMasterKeySpec")
				policytest.Set(rs[0], "ENCRYPT_DECRYPT", "keyUsage")
				policytest.Set(rs[0], false, "enableKeyRotation")
			},
			Want:    policy.StatusFail,
			Message: "enableKeyRotation is false; set it true",
		},
		{
			Name: "asymmetric signing key",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "ECC_NIST_P384", "customerMasterKeySpec")
				policytest.Delete(rs[0], "enableKeyRotation")
			},
			Want:    policy.StatusNotApplicable,
			Message: "key spec ECC_NIST_P384 cannot rotate automatically",
		},
		{
			Name: "HMAC key by usage",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "GENERATE_VERIFY_MAC", "keyUsage")
			},
			Want:    policy.StatusNotApplicable,
			Message: "key usage GENERATE_VERIFY_MAC cannot rotate automatically",
		},
		{
			Name: "CloudHSM custom key store",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "cks-1234567890abcdef0", "customKeyStoreId")
			},
			Want:    policy.StatusNotApplicable,
			Message: "keys in a custom key store cannot rotate automatically",
		},
		{
			Name:    "key spec computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "customerMasterKeySpec") },
			Want:    policy.StatusUnknown,
			Message: "key spec, usage or custom key store is computed, so it is not known whether the key can rotate; symmetric keys must set enableKeyRotation true",
		},
	},
})
