package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resGold makes the fixture a Gold stack whose vault lock is in governance mode.
func resGold(rs []*policy.Resource, ctx *policy.Context) {
	*ctx = *policy.NewContext("fixture", tier.Gold)
	policytest.Delete(rs[3], "changeableForDays")
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-007",
	Resources:       resBackupFixture,
	Subject:         policytest.URN(typeBackupVault, "platinum-vault"),
	BaselineMessage: "vault locked in compliance mode with minRetentionDays 7 (the platinum profile keeps backups 35 days)",
	Cases: []policytest.Case{
		{
			Name: "no lock",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies = nil
				policytest.Set(rs[3], "other-vault", "backupVaultName")
			},
			Want:    policy.StatusFail,
			Message: "no vault lock configuration (aws:backup/vaultLockConfiguration:VaultLockConfiguration) locks this vault; the platinum profile requires a compliance-mode vault lock",
		},
		{
			Name: "lock found by vault name",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies = nil
				policytest.Set(rs[3], "pos-platinum", "backupVaultName")
			},
			Want:    policy.StatusPass,
			Message: "vault locked in compliance mode with minRetentionDays 7 (the platinum profile keeps backups 35 days)",
		},
		{
			Name:    "lock's vault name computed and unlinked",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[3].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "a vault lock configuration's backupVaultName is computed and not linked to a vault, so whether this vault is locked is not known",
		},
		{
			Name:    "governance mode on platinum",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[3], "changeableForDays") },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
		},
		{
			Name:    "changeableForDays computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[3], "changeableForDays") },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
		},
		{
			Name:    "gold governance mode",
			Mutate:  resGold,
			Want:    policy.StatusPass,
			Message: "vault locked in governance mode with minRetentionDays 7 (the gold profile keeps backups 35 days)",
		},
		{
			Name:    "compliance mode on gold",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", tier.Gold) },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
		},
		{
			Name:    "no minimum retention",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[3], "minRetentionDays") },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
		},
		{
			Name:    "minimum retention above the tier's retention",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], 90, "minRetentionDays") },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
		},
		{
			Name:    "minimum retention computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[3], "minRetentionDays") },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
		},
		{
			Name:    "maximum retention below the tier's retention",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], 30, "maxRetentionDays") },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
		},
		{
			Name:    "maximum retention computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[3], "maxRetentionDays") },
			Want:    policy.StatusNotApplicable,
			Message: "vault lock configuration platinum-vault-lock is judged before create by PCLZ-AWS-RES-008, which names it",
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
			Message: "vault is in a foundation stack; the rule covers tier stacks",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so the required vault lock mode is not known",
		},
	},
})
