package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func resClusterFixture() *policy.Resource {
	return policytest.AWS(typeRDSCluster, "records-cluster", map[string]any{
		"engine":             "aurora-postgresql",
		"deletionProtection": true,
		"availabilityZones":  []string{"eu-west-2a", "eu-west-2b", "eu-west-2c"},
	})
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-RES-003",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeRDSInstance, "records-db", map[string]any{
			"engine":             "postgres",
			"instanceClass":      "db.m6g.large",
			"multiAz":            true,
			"deletionProtection": true,
		})}
	},
	BaselineMessage: "instance runs Multi-AZ",
	Cases: []policytest.Case{
		{
			Name:    "multiAz false",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "multiAz") },
			Want:    policy.StatusFail,
			Message: "multiAz is false; the platinum profile requires it to be true",
		},
		{
			Name:    "multiAz not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "multiAz") },
			Want:    policy.StatusFail,
			Message: "multiAz is not set; the platinum profile requires it to be true",
		},
		{
			Name:    "multiAz computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "multiAz") },
			Want:    policy.StatusUnknown,
			Message: "multiAz is computed; the platinum profile requires it to be true",
		},
		{
			Name: "bronze does not require multi-AZ",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				policytest.Set(rs[0], false, "multiAz")
			},
			Want:    policy.StatusPass,
			Message: "the bronze profile does not require multi-AZ databases",
		},
		{
			Name:    "cluster in three zones",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = resClusterFixture() },
			Want:    policy.StatusPass,
			Message: "cluster lists 3 availability zones (eu-west-2a, eu-west-2b, eu-west-2c)",
		},
		{
			Name: "cluster in two zones",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = resClusterFixture()
				policytest.Set(rs[0], []string{"eu-west-2a", "eu-west-2b"}, "availabilityZones")
			},
			Want:    policy.StatusFail,
			Message: "cluster lists 2 availability zones (eu-west-2a, eu-west-2b); the platinum profile requires at least 3",
		},
		{
			Name: "cluster zones not listed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = resClusterFixture()
				policytest.Delete(rs[0], "availabilityZones")
			},
			Want:    policy.StatusPass,
			Message: "availabilityZones is not set, so AWS spreads the cluster's storage across three availability zones; the platinum profile requires 3 availability zones",
		},
		{
			Name: "cluster zones computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = resClusterFixture()
				policytest.SetComputed(rs[0], "availabilityZones")
			},
			Want:    policy.StatusUnknown,
			Message: "availabilityZones is computed; the platinum profile requires at least 3 availability zones",
		},
		{
			Name: "gold cluster in two zones",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				rs[0] = resClusterFixture()
				policytest.Set(rs[0], []string{"eu-west-2a", "eu-west-2b"}, "availabilityZones")
			},
			Want:    policy.StatusPass,
			Message: "cluster lists 2 availability zones (eu-west-2a, eu-west-2b)",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so whether databases must span availability zones is not known",
		},
	},
})
