package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resLockFixture is the vault lock of resBackupFixture as the engine sends it before creating it: alone.
func resLockFixture() []*policy.Resource { return resBackupFixture()[3:4] }

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          resVaultLockTwin,
	Resources:       resLockFixture,
	BaselineMessage: "vault locked in compliance mode with minRetentionDays 7 (the platinum profile keeps backups 35 days)",
	Cases: []policytest.Case{
		{
			Name:    "governance mode on platinum",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "changeableForDays") },
			Want:    policy.StatusFail,
			Message: "vault lock sets no changeableForDays, so it is in governance mode; the platinum profile requires compliance mode (set changeableForDays, at least 3)",
		},
		{
			Name:    "changeableForDays computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "changeableForDays") },
			Want:    policy.StatusUnknown,
			Message: "vault lock changeableForDays is computed, so its mode is not known; the platinum profile requires compliance mode",
		},
		{
			Name: "gold governance mode",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				policytest.Delete(rs[0], "changeableForDays")
			},
			Want:    policy.StatusPass,
			Message: "vault locked in governance mode with minRetentionDays 7 (the gold profile keeps backups 35 days)",
		},
		{
			Name:    "compliance mode on gold",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", tier.Gold) },
			Want:    policy.StatusFail,
			Message: "vault lock sets changeableForDays 3, so it is in compliance mode; the gold profile requires governance mode (leave changeableForDays unset)",
		},
		{
			Name:    "no minimum retention",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "minRetentionDays") },
			Want:    policy.StatusFail,
			Message: "vault lock sets no minRetentionDays, so it enforces no minimum retention; the platinum profile requires it between 1 and 35",
		},
		{
			Name:    "minimum retention above the tier's retention",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], 90, "minRetentionDays") },
			Want:    policy.StatusFail,
			Message: "vault lock minRetentionDays 90 exceeds the 35 days the platinum profile keeps backups, so the tier's backups would be rejected",
		},
		{
			Name:    "minimum retention computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "minRetentionDays") },
			Want:    policy.StatusUnknown,
			Message: "vault lock minRetentionDays is computed; the platinum profile requires it between 1 and 35",
		},
		{
			Name:    "maximum retention below the tier's retention",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], 30, "maxRetentionDays") },
			Want:    policy.StatusFail,
			Message: "vault lock maxRetentionDays 30 is below the 35 days the platinum profile keeps backups, so the tier's backups would be rejected",
		},
		{
			Name:    "maximum retention computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "maxRetentionDays") },
			Want:    policy.StatusUnknown,
			Message: "vault lock maxRetentionDays is computed; the platinum profile requires it unset or at least 35",
		},
		{
			Name:    "profile without vault lock",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Profile.Backup.VaultLock = tier.VaultLockNone },
			Want:    policy.StatusPass,
			Message: "the platinum profile requires no vault lock",
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock is in a foundation stack; the rule covers tier stacks",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the required vault lock mode is not known",
		},
	},
})
