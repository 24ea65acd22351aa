package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// BackupCopy is where a tier keeps the second copy of its backups: a vault in another AWS account
// (Profile.Backup.SecondCopy), so that one compromised account cannot delete both copies.
type BackupCopy struct {
	// Provider is an AWS provider for the backup account, in Profile.Backup.SecondCopy.AWSRegion
	// (eu-west-2), typically one that assumes a deployer role there. The tier environment creates the copy
	// vault through it, with a customer key of that account and a vault lock, and lets the tier's account
	// copy into it.
	Provider pulumi.ProviderResource
}

// newBackup creates the tier's backup vault (customer key, locked in the profile's mode for the tier's
// full retention), a plan on the profile's schedule and retention that copies every recovery point to the
// second-copy vault (when args.BackupCopy is set), a selection of every resource tagged with the tier and
// Backup=true, and a restore testing plan on the profile's restore-test cadence.
func newBackup(ctx *pulumi.Context, c child, name string, args *TierEnvironmentArgs, keyARN pulumi.StringInput, copyAcct *account) (*backup.Vault, error) {
	plan, err := backupPlanFor(args.Profile)
	if err != nil {
		return nil, err
	}
	vault, err := newLockedVault(ctx, c, name+"-backup-vault", keyARN, plan.LockMinRetentionDays, plan)
	if err != nil {
		return nil, err
	}
	lifecycle := &backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(plan.DeleteAfterDays)}
	if plan.ColdStorageAfterDays > 0 {
		lifecycle.ColdStorageAfter = pulumi.Int(plan.ColdStorageAfterDays)
	}
	rule := &backup.PlanRuleArgs{
		RuleName:         pulumi.String(plan.RuleName),
		TargetVaultName:  vault.Name,
		Schedule:         pulumi.String(plan.Schedule),
		StartWindow:      pulumi.Int(60),
		CompletionWindow: pulumi.Int(240),
		Lifecycle:        lifecycle,
	}
	if args.BackupCopy != nil && copyAcct != nil {
		copyVault, err := newCopyVault(ctx, c, name, args, *copyAcct, plan)
		if err != nil {
			return nil, err
		}
		rule.CopyActions = backup.PlanRuleCopyActionArray{&backup.PlanRuleCopyActionArgs{
			DestinationVaultArn: copyVault.Arn,
			Lifecycle:           &backup.PlanRuleCopyActionLifecycleArgs{DeleteAfter: pulumi.Int(plan.CopyDeleteAfterDays)},
		}}
	}
	backupPlan, err := backup.NewPlan(ctx, name+"-backup-plan", &backup.PlanArgs{
		Rules: backup.PlanRuleArray{rule},
		Tags:  c.tagged(name + "-backup-plan"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	role, err := newServiceRole(ctx, c, name+"-backup-role", "backup.amazonaws.com")
	if err != nil {
		return nil, err
	}
	for _, policy := range []string{"AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"} {
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-backup-role-"+policy, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: pulumi.String("arn:" + partition + ":iam::aws:policy/service-role/" + policy),
		}, c.opts()...); err != nil {
			return nil, err
		}
	}
	tierTag := args.Profile.Tier.Title()
	if _, err := backup.NewSelection(ctx, name+"-backup-selection", &backup.SelectionArgs{
		PlanId:     backupPlan.ID(),
		IamRoleArn: role.Arn,
		SelectionTags: backup.SelectionSelectionTagArray{
			&backup.SelectionSelectionTagArgs{Type: pulumi.String("STRINGEQUALS"), Key: pulumi.String("Tier"), Value: pulumi.String(tierTag)},
			&backup.SelectionSelectionTagArgs{Type: pulumi.String("STRINGEQUALS"), Key: pulumi.String("Backup"), Value: pulumi.String("true")},
		},
	}, c.opts()...); err != nil {
		return nil, err
	}
	rt, _ := restoreTestFor(args.Profile, name) // validated
	testPlan, err := backup.NewRestoreTestingPlan(ctx, name+"-restore-testing", &backup.RestoreTestingPlanArgs{
		Name:               pulumi.String(rt.Name),
		ScheduleExpression: pulumi.String(rt.Schedule),
		StartWindowHours:   pulumi.Int(rt.StartWindowHours),
		RecoveryPointSelection: &backup.RestoreTestingPlanRecoveryPointSelectionArgs{
			Algorithm:           pulumi.String("LATEST_WITHIN_WINDOW"),
			IncludeVaults:       pulumi.StringArray{vault.Arn},
			RecoveryPointTypes:  pulumi.ToStringArray([]string{"SNAPSHOT"}),
			SelectionWindowDays: pulumi.Int(rt.SelectionWindowDays),
		},
		Tags: c.tagged(name + "-restore-testing"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	for _, typ := range rt.ResourceTypes {
		if _, err := backup.NewRestoreTestingSelection(ctx, name+"-restore-testing-"+typ, &backup.RestoreTestingSelectionArgs{
			Name:                   pulumi.String(rt.Name + "_" + typ),
			RestoreTestingPlanName: testPlan.Name,
			ProtectedResourceType:  pulumi.String(typ),
			IamRoleArn:             role.Arn,
			ProtectedResourceArns:  pulumi.ToStringArray([]string{"*"}),
			ProtectedResourceConditions: &backup.RestoreTestingSelectionProtectedResourceConditionsArgs{
				StringEquals: backup.RestoreTestingSelectionProtectedResourceConditionsStringEqualArray{
					&backup.RestoreTestingSelectionProtectedResourceConditionsStringEqualArgs{Key: pulumi.String("aws:ResourceTag/Tier"), Value: pulumi.String(tierTag)},
					&backup.RestoreTestingSelectionProtectedResourceConditionsStringEqualArgs{Key: pulumi.String("aws:ResourceTag/Backup"), Value: pulumi.String("true")},
				},
			},
			ValidationWindowHours: pulumi.Int(rt.ValidationWindowHours),
		}, c.opts()...); err != nil {
			return nil, err
		}
	}
	return vault, nil
}

// newLockedVault creates a backup vault encrypted with keyARN and its vault lock: minRetentionDays, the
// plan's maximum and, in compliance mode, its cooling-off period.
func newLockedVault(ctx *pulumi.Context, c child, name string, keyARN pulumi.StringInput, minRetentionDays int, plan backupPlan) (*backup.Vault, error) {
	vault, err := backup.NewVault(ctx, name, &backup.VaultArgs{
		KmsKeyArn:    keyARN,
		ForceDestroy: pulumi.Bool(false),
		Tags:         c.tagged(name),
	}, c.stateful()...)
	if err != nil {
		return nil, err
	}
	lock := &backup.VaultLockConfigurationArgs{
		BackupVaultName:  vault.Name,
		MinRetentionDays: pulumi.Int(minRetentionDays),
		MaxRetentionDays: pulumi.Int(plan.LockMaxRetentionDays),
	}
	if plan.LockChangeableForDays > 0 {
		lock.ChangeableForDays = pulumi.Int(plan.LockChangeableForDays)
	}
	if _, err := backup.NewVaultLockConfiguration(ctx, name+"-lock", lock, c.opts()...); err != nil {
		return nil, err
	}
	return vault, nil
}

// newCopyVault creates the second-copy vault in the backup account (args.BackupCopy.Provider): a
// customer key of that account for AWS Backup only, the vault locked like the tier's for the second
// copy's retention, and a vault policy that lets only the tier's account copy recovery points into it.
// acct is the backup account.
func newCopyVault(ctx *pulumi.Context, c child, name string, args *TierEnvironmentArgs, acct account, plan backupPlan) (*backup.Vault, error) {
	cc := child{parent: c.parent, provider: args.BackupCopy.Provider, profile: c.profile, tags: args.Tags, accountID: acct.id}
	key, err := newKey(ctx, cc, name+"-backup-copy-key", "Second copy of the "+args.Profile.Tier.Title()+" tier's backups", acct,
		acct.viaServices("AccountUsesKeyThroughBackup", "backup"),
		acct.viaServicesGrants("AccountGrantsKeyToBackup", "backup"))
	if err != nil {
		return nil, err
	}
	vault, err := newLockedVault(ctx, cc, name+"-backup-copy-vault", key.Arn, plan.CopyDeleteAfterDays, plan)
	if err != nil {
		return nil, err
	}
	source := "arn:" + partition + ":iam::" + c.accountID + ":root"
	if _, err := backup.NewVaultPolicy(ctx, name+"-backup-copy-vault-policy", &backup.VaultPolicyArgs{
		BackupVaultName: vault.Name,
		Policy: vault.Arn.ApplyT(func(arn string) string {
			return policyJSON(map[string]any{
				"Sid": "TierAccountCopiesIn", "Effect": "Allow",
				"Principal": map[string]any{"AWS": source},
				"Action":    "backup:CopyIntoBackupVault", "Resource": arn,
			})
		}).(pulumi.StringOutput),
	}, cc.opts()...); err != nil {
		return nil, err
	}
	return vault, nil
}
