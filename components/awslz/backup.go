package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newBackup creates the tier's backup vault (customer key, locked in the profile's mode), a plan on the
// profile's schedule and retention, and a selection of every resource tagged with the tier and
// Backup=true.
func newBackup(ctx *pulumi.Context, c child, name string, args *TierEnvironmentArgs, keyARN pulumi.StringInput) (*backup.Vault, error) {
	plan, err := backupPlanFor(args.Profile)
	if err != nil {
		return nil, err
	}
	vault, err := backup.NewVault(ctx, name+"-backup-vault", &backup.VaultArgs{
		KmsKeyArn:    keyARN,
		ForceDestroy: pulumi.Bool(false),
		Tags:         c.tagged(name + "-backup-vault"),
	}, c.stateful()...)
	if err != nil {
		return nil, err
	}
	lock := &backup.VaultLockConfigurationArgs{
		BackupVaultName:  vault.Name,
		MinRetentionDays: pulumi.Int(plan.LockMinRetentionDays),
		MaxRetentionDays: pulumi.Int(plan.LockMaxRetentionDays),
	}
	if plan.LockChangeableForDays > 0 {
		lock.ChangeableForDays = pulumi.Int(plan.LockChangeableForDays)
	}
	if _, err := backup.NewVaultLockConfiguration(ctx, name+"-backup-vault-lock", lock, c.opts()...); err != nil {
		return nil, err
	}
	lifecycle := &backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(plan.DeleteAfterDays)}
	if plan.ColdStorageAfterDays > 0 {
		lifecycle.ColdStorageAfter = pulumi.Int(plan.ColdStorageAfterDays)
	}
	backupPlan, err := backup.NewPlan(ctx, name+"-backup-plan", &backup.PlanArgs{
		Rules: backup.PlanRuleArray{&backup.PlanRuleArgs{
			RuleName:         pulumi.String(plan.RuleName),
			TargetVaultName:  vault.Name,
			Schedule:         pulumi.String(plan.Schedule),
			StartWindow:      pulumi.Int(60),
			CompletionWindow: pulumi.Int(240),
			Lifecycle:        lifecycle,
		}},
		Tags: c.tagged(name + "-backup-plan"),
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
	if _, err := backup.NewSelection(ctx, name+"-backup-selection", &backup.SelectionArgs{
		PlanId:     backupPlan.ID(),
		IamRoleArn: role.Arn,
		SelectionTags: backup.SelectionSelectionTagArray{
			&backup.SelectionSelectionTagArgs{Type: pulumi.String("STRINGEQUALS"), Key: pulumi.String("Tier"), Value: pulumi.String(args.Profile.Tier.Title())},
			&backup.SelectionSelectionTagArgs{Type: pulumi.String("STRINGEQUALS"), Key: pulumi.String("Backup"), Value: pulumi.String("true")},
		},
	}, c.opts()...); err != nil {
		return nil, err
	}
	return vault, nil
}
