package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-RES-002",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeRDSInstance, "records-db", map[string]any{
			"engine":             "postgres",
			"instanceClass":      "db.m6g.large",
			"multiAz":            true,
			"storageEncrypted":   true,
			"deletionProtection": true,
		})}
	},
	BaselineMessage: "deletion protection is enabled",
	Cases: []policytest.Case{
		{
			Name:    "deletion protection off",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "deletionProtection") },
			Want:    policy.StatusFail,
			Message: "deletionProtection is false; the platinum profile requires it to be true",
		},
		{
			Name:    "deletion protection not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "deletionProtection") },
			Want:    policy.StatusFail,
			Message: "deletionProtection is not set; the platinum profile requires it to be true",
		},
		{
			Name:    "deletion protection computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "deletionProtection") },
			Want:    policy.StatusUnknown,
			Message: "deletionProtection is computed; the platinum profile requires it to be true",
		},
		{
			Name: "aurora cluster without deletion protection",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeRDSCluster, "records-cluster", map[string]any{"engine": "aurora-postgresql"})
			},
			Want:    policy.StatusFail,
			Message: "deletionProtection is not set; the platinum profile requires it to be true",
		},
		{
			Name: "profile without delete locks",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Profile.DeleteLocks = false
				policytest.Delete(rs[0], "deletionProtection")
			},
			Want:    policy.StatusPass,
			Message: "the platinum profile does not require deletion protection",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so whether databases need deletion protection is not known",
		},
	},
})
