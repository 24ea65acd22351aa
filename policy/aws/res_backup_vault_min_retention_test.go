package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-RES-010",
	Resources: func() []*policy.Resource {
		rs := resBackupFixture()
		policytest.Set(rs[3], 35, "minRetentionDays")
		return rs
	},
	Subject:         policytest.URN(typeBackupVault, "platinum-vault"),
	BaselineMessage: "vault lock minRetentionDays 35 equals the 35 days the platinum profile keeps backups",
	Cases: []policytest.Case{
		{
			Name:    "one-day minimum",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], 1, "minRetentionDays") },
			Want:    policy.StatusFail,
			Message: "vault lock minRetentionDays 1 is shorter than the 35 days the platinum profile keeps backups, so recovery points can be deleted early; set it to 35",
		},
		{
			Name:    "minimum above the tier's retention",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], 400, "minRetentionDays") },
			Want:    policy.StatusFail,
			Message: "vault lock minRetentionDays 400 exceeds the 35 days the platinum profile keeps backups, so the tier's backups would be rejected; set it to 35",
		},
		{
			Name:    "no minimum",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[3], "minRetentionDays") },
			Want:    policy.StatusFail,
			Message: "vault lock sets no minRetentionDays, so recovery points can be deleted before the 35 days the platinum profile keeps them; set it to 35",
		},
		{
			Name: "no lock",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies = nil
				policytest.Set(rs[3], "other", "backupVaultName")
			},
			Want:    policy.StatusFail,
			Message: "no vault lock configuration locks this vault, so recovery points can be deleted before the 35 days the platinum profile keeps them",
		},
		{
			Name:    "minimum computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[3], "minRetentionDays") },
			Want:    policy.StatusUnknown,
			Message: "vault lock minRetentionDays is computed; the platinum profile requires 35",
		},
		{
			Name:    "Bronze keeps a year",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", tier.Bronze) },
			Want:    policy.StatusFail,
			Message: "vault lock minRetentionDays 35 is shorter than the 365 days the bronze profile keeps backups, so recovery points can be deleted early; set it to 365",
		},
	},
})
