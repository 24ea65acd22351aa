package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-010",
		Title: "Backup vault locks hold recovery points for the tier's full retention",
		Description: "PCLZ-AWS-RES-007 requires the tier's lock mode and a minimum retention the tier's backups " +
			"can meet; this rule closes the gap it leaves. A vault lock whose minRetentionDays is shorter than " +
			"the tier's Backup.RetentionDays lets anyone with backup rights delete a recovery point (or set a " +
			"shorter lifecycle) before the tier's retention ends, so every AWS Backup vault in a tier stack " +
			"must be locked with `minRetentionDays` equal to Backup.RetentionDays (35 days for Platinum and " +
			"Gold, 365 for Bronze; the tier environment component sets it from the profile). Foundation stacks " +
			"are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeBackupVault, typeBackupVaultLockConfiguration},
		Remediation: "Set the aws:backup/vaultLockConfiguration:VaultLockConfiguration's `minRetentionDays` to " +
			"profile.Backup.RetentionDays.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "backup-recovery-point-minimum-retention-check"},
			{Source: "AWS Config", ID: "backup-plan-min-frequency-and-min-retention-check"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeBackupVaultLockConfiguration, "backupVaultName", "minRetentionDays"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		return resPerTier(ctx, rs, typeBackupVault, "backup vault", "the retention the vault lock must hold", resVaultMinRetention)
	},
})

func resVaultMinRetention(ctx *policy.Context, rs []*policy.Resource, vault *policy.Resource) policy.Result {
	keep, prof := ctx.Profile.Backup.RetentionDays, resProfileName(ctx)
	locks, unlinked := resLinked(rs, typeBackupVaultLockConfiguration, "backupVaultName", vault)
	if len(locks) == 0 {
		if unlinked {
			return policy.Undecided("a vault lock configuration's backupVaultName is computed and not linked to a vault, so whether this vault is locked is not known")
		}
		return policy.Fail("no vault lock configuration locks this vault, so recovery points can be deleted before the %d days %s keeps them", keep, prof)
	}
	days, k := resInt(locks[0].Get("minRetentionDays"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("vault lock minRetentionDays is computed; %s requires %d", prof, keep)
	case k == policy.Absent:
		return policy.Fail("vault lock sets no minRetentionDays, so recovery points can be deleted before the %d days %s keeps them; set it to %d", keep, prof, keep)
	case days < keep:
		return policy.Fail("vault lock minRetentionDays %d is shorter than the %d days %s keeps backups, so recovery points can be deleted early; set it to %d", days, keep, prof, keep)
	case days > keep:
		return policy.Fail("vault lock minRetentionDays %d exceeds the %d days %s keeps backups, so the tier's backups would be rejected; set it to %d", days, keep, prof, keep)
	}
	return policy.Pass("vault lock minRetentionDays %d equals the %d days %s keeps backups", days, keep, prof)
}
