package aws

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-007",
		Title: "Backup vaults are locked in the tier's vault lock mode",
		Description: "Ransomware and rogue administrators delete backups first. Where the tier profile sets " +
			"Backup.VaultLock, every AWS Backup vault in a tier stack must have an " +
			"aws:backup/vaultLockConfiguration:VaultLockConfiguration (backupVaultName referring to the vault) " +
			"in that mode: compliance mode (Platinum) sets changeableForDays, after which nobody can remove " +
			"the lock; governance mode (Gold, Bronze) leaves changeableForDays unset. minRetentionDays must " +
			"be set and no more than Backup.RetentionDays, and maxRetentionDays, when set, no less, so that " +
			"the tier's own backups are accepted. Foundation stacks are not covered. Judged before create by the " +
			"twin PCLZ-AWS-RES-008 (what each lock sets, on the lock itself); judged here, only after the " +
			"resources exist: whether every vault has a lock. A vault whose lock the twin reports is not " +
			"applicable here, so one fault gives one finding.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupVault, typeBackupVaultLockConfiguration},
		Remediation: "Create an aws:backup/vaultLockConfiguration:VaultLockConfiguration with `backupVaultName` " +
			"set to the vault's name, `minRetentionDays` between 1 and profile.Backup.RetentionDays, " +
			"`maxRetentionDays` unset or at least profile.Backup.RetentionDays, and, for compliance mode " +
			"only, `changeableForDays` (at least 3); leave changeableForDays unset for governance mode.",
		Waivable: true,
		Reads:    policy.Reads(typeBackupVaultLockConfiguration, "backupVaultName", "changeableForDays", "minRetentionDays", "maxRetentionDays"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, vault := range resOfType(rs, typeBackupVault) {
			res := resCheckVaultLock(ctx, rs, vault)
			res.URN = vault.URN
			out = append(out, res)
		}
		return out
	},
})

func resCheckVaultLock(ctx *policy.Context, rs []*policy.Resource, vault *policy.Resource) policy.Result {
	if resIsFoundation(ctx) {
		return policy.NotApplicable("vault is in a foundation stack; the rule covers tier stacks")
	}
	if !ctx.HasTier() {
		return resTierUnknown("the required vault lock mode")
	}
	b, prof := ctx.Profile.Backup, resProfileName(ctx)
	if b.VaultLock == tier.VaultLockNone {
		return policy.Pass("%s requires no vault lock", prof)
	}
	locks, unlinked := resLinked(rs, typeBackupVaultLockConfiguration, "backupVaultName", vault)
	if len(locks) == 0 {
		if unlinked {
			return policy.Undecided("a vault lock configuration's backupVaultName is computed and not linked to a vault, so whether this vault is locked is not known")
		}
		return policy.Fail("no vault lock configuration (aws:backup/vaultLockConfiguration:VaultLockConfiguration) locks this vault; %s requires a %s-mode vault lock", prof, b.VaultLock)
	}
	// What the lock sets is PCLZ-AWS-RES-008's, judged on the lock before create (one fault, one finding).
	res := resVaultLockOwn(ctx, locks[0])
	if res.Status != policy.StatusPass {
		return policy.JudgedByTwin("vault lock configuration", resVaultLockTwin, locks[:1])
	}
	return res
}

// resVaultLockTwin is the ID of PCLZ-AWS-RES-007's resource-level twin.
const resVaultLockTwin = "PCLZ-AWS-RES-008"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    resVaultLockTwin,
		Title: "Backup vault locks are in the tier's vault lock mode and accept the tier's retention",
		Description: "The resource-level half of PCLZ-AWS-RES-007, judged on each " +
			"aws:backup/vaultLockConfiguration:VaultLockConfiguration alone so that `pulumi up` refuses a lock in " +
			"the wrong mode before it is applied (the engine runs stack rules only after every step; a " +
			"compliance-mode lock cannot be undone once its changeableForDays pass). In a tier stack whose " +
			"profile sets Backup.VaultLock: compliance mode sets changeableForDays, governance mode leaves it " +
			"unset; minRetentionDays is set and no more than Backup.RetentionDays; maxRetentionDays, when set, " +
			"is no less. Whether every vault has a lock stays with PCLZ-AWS-RES-007, judged after the resources " +
			"exist. Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupVaultLockConfiguration},
		Remediation: "On the aws:backup/vaultLockConfiguration:VaultLockConfiguration set `minRetentionDays` between 1 " +
			"and profile.Backup.RetentionDays, leave `maxRetentionDays` unset or at least " +
			"profile.Backup.RetentionDays, and set `changeableForDays` (at least 3) for compliance mode only.",
		Waivable: true,
		Reads:    policy.Reads(typeBackupVaultLockConfiguration, "changeableForDays", "minRetentionDays", "maxRetentionDays"),
	},
	Check: resVaultLockOwn,
})

// resVaultLockOwn judges one vault lock configuration against the stack's tier profile (PCLZ-AWS-RES-008).
func resVaultLockOwn(ctx *policy.Context, lock *policy.Resource) policy.Result {
	if resIsFoundation(ctx) {
		return policy.NotApplicable("vault lock is in a foundation stack; the rule covers tier stacks")
	}
	if !ctx.HasTier() {
		return resTierUnknown("the required vault lock mode")
	}
	b, prof := ctx.Profile.Backup, resProfileName(ctx)
	if b.VaultLock == tier.VaultLockNone {
		return policy.Pass("%s requires no vault lock", prof)
	}
	days, dk := resInt(lock.Get("changeableForDays"))
	minDays, mk := resInt(lock.Get("minRetentionDays"))
	maxDays, xk := resInt(lock.Get("maxRetentionDays"))
	switch {
	case dk == policy.Unknown:
		return policy.Undecided("vault lock changeableForDays is computed, so its mode is not known; %s requires %s mode", prof, b.VaultLock)
	case b.VaultLock == tier.VaultLockCompliance && dk == policy.Absent:
		return policy.Fail("vault lock sets no changeableForDays, so it is in governance mode; %s requires compliance mode (set changeableForDays, at least 3)", prof)
	case b.VaultLock == tier.VaultLockGovernance && dk == policy.Present:
		return policy.Fail("vault lock sets changeableForDays %d, so it is in compliance mode; %s requires governance mode (leave changeableForDays unset)", days, prof)
	case mk == policy.Unknown:
		return policy.Undecided("vault lock minRetentionDays is computed; %s requires it between 1 and %d", prof, b.RetentionDays)
	case mk == policy.Absent || minDays < 1:
		return policy.Fail("vault lock sets no minRetentionDays, so it enforces no minimum retention; %s requires it between 1 and %d", prof, b.RetentionDays)
	case minDays > b.RetentionDays:
		return policy.Fail("vault lock minRetentionDays %d exceeds the %d days %s keeps backups, so the tier's backups would be rejected", minDays, b.RetentionDays, prof)
	case xk == policy.Unknown:
		return policy.Undecided("vault lock maxRetentionDays is computed; %s requires it unset or at least %d", prof, b.RetentionDays)
	case xk == policy.Present && maxDays < b.RetentionDays:
		return policy.Fail("vault lock maxRetentionDays %d is below the %d days %s keeps backups, so the tier's backups would be rejected", maxDays, b.RetentionDays, prof)
	}
	return policy.Pass("vault locked in %s mode with minRetentionDays %d (%s keeps backups %d days)", b.VaultLock, minDays, prof, b.RetentionDays)
}
