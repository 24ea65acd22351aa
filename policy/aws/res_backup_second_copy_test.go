package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// resSecondCopyFixture is the tier's plan with a copy to a locked, customer-keyed vault in the backup
// account (its own provider), kept 35 days.
func resSecondCopyFixture() []*policy.Resource {
	rs := resBackupFixture()
	plan := rs[0]
	copyVault := policytest.AWS(typeBackupVault, "platinum-copy-vault", map[string]any{
		"name": "pos-platinum-copy", "kmsKeyArn": policy.UnknownSentinel,
	})
	copyVault.Provider = policytest.AWSProvider("eu-west-2")
	copyVault.Provider.Name, copyVault.Provider.URN = "aws-backup-account", policytest.URN(typeProvider, "aws-backup-account")
	copyLock := policytest.AWS(typeBackupVaultLockConfiguration, "platinum-copy-lock", map[string]any{
		"backupVaultName": policy.UnknownSentinel, "minRetentionDays": 35,
	})
	policytest.Link(copyLock, "backupVaultName", copyVault)
	policytest.Set(plan, []any{map[string]any{
		"destinationVaultArn": policy.UnknownSentinel,
		"lifecycle":           map[string]any{"deleteAfter": 35},
	}}, "rules", 0, "copyActions")
	policytest.Link(plan, "rules", copyVault)
	return append(rs, copyVault, copyLock)
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-RES-011",
	Resources:       resSecondCopyFixture,
	Subject:         policytest.URN(typeBackupPlan, "platinum-plan"),
	BaselineMessage: `rule "every-4-hours" copy goes to vault platinum-copy-vault (provider aws-backup-account), locked and under its own key`,
	Cases: []policytest.Case{
		{
			Name:    "no copy action",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "rules", 0, "copyActions") },
			Want:    policy.StatusFail,
			Message: "no plan rule copies recovery points to a second vault (copyActions), so the tier's own account holds the only copy; the platinum profile keeps a second copy 35 days in another account in eu-west-2",
		},
		{
			Name: "copy kept 7 days",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 7, "rules", 0, "copyActions", 0, "lifecycle", "deleteAfter")
			},
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy keeps the copy 7 days (lifecycle.deleteAfter); the platinum profile keeps it at least 35`,
		},
		{
			Name:    "copy vault on the plan's own provider",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[4].Provider = rs[0].Provider },
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy goes to a vault on the plan's own provider (the stack's own account); the second copy is kept in another account`,
		},
		{
			Name:    "copy vault without a customer key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[4], "kmsKeyArn") },
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy goes to vault platinum-copy-vault, which sets no kmsKeyArn (AWS-managed key); the second copy is encrypted with its own customer key`,
		},
		{
			Name: "copy vault unlocked",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[5].PropertyDependencies = nil
				policytest.Set(rs[5], "x", "backupVaultName")
			},
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy goes to vault platinum-copy-vault, which no vault lock configuration locks`,
		},
		{
			Name: "ARN in another account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider.Inputs = policy.MapFromGo(map[string]any{"region": "eu-west-2", "allowedAccountIds": []any{"111122223333"}})
				policytest.Set(rs[0], "arn:aws:backup:eu-west-2:444455556666:backup-vault:pos-platinum-copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusPass,
			Message: `rule "every-4-hours" copy goes to vault pos-platinum-copy in account 444455556666, eu-west-2`,
		},
		{
			Name: "ARN in the stack's own account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider.Inputs = policy.MapFromGo(map[string]any{"region": "eu-west-2", "allowedAccountIds": []any{"111122223333"}})
				policytest.Set(rs[0], "arn:aws:backup:eu-west-2:111122223333:backup-vault:pos-platinum-copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy goes to vault pos-platinum-copy in the stack's own account 111122223333; the second copy is kept in another account`,
		},
		{
			Name: "ARN in another region",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "arn:aws:backup:eu-west-1:444455556666:backup-vault:copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy goes to vault copy in eu-west-1; the second copy is kept in eu-west-2`,
		},
		{
			Name: "ARN of the program's copy vault, the stack's account unknown",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "arn:aws:backup:eu-west-2:444455556666:backup-vault:pos-platinum-copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusPass,
			Message: `rule "every-4-hours" copy goes to vault platinum-copy-vault (provider aws-backup-account), locked and under its own key`,
		},
		{
			Name: "ARN of the program's copy vault in another region",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "arn:aws:backup:eu-west-1:444455556666:backup-vault:pos-platinum-copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy goes to vault pos-platinum-copy in eu-west-1; the second copy is kept in eu-west-2`,
		},
		{
			Name: "ARN with the stack's account unknown",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies = nil
				policytest.Set(rs[0], "arn:aws:backup:eu-west-2:444455556666:backup-vault:copy", "rules", 0, "copyActions", 0, "destinationVaultArn")
			},
			Want:    policy.StatusUnknown,
			Message: `rule "every-4-hours" copy: goes to vault copy in account 444455556666, and the stack's account is not known (the provider sets no allowedAccountIds)`,
		},
		{
			Name:    "Bronze keeps its copy a year",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", tier.Bronze) },
			Want:    policy.StatusFail,
			Message: `rule "every-4-hours" copy keeps the copy 35 days (lifecycle.deleteAfter); the bronze profile keeps it at least 365`,
		},
	},
})
