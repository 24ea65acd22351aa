package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encBackupVault is the check of PCLZ-AWS-ENC-012.
var encBackupVault = encAtRest{
	Key:      []any{"kmsKeyArn"},
	Noun:     "backup vaults",
	IfAbsent: "the AWS-managed aws/backup key is used",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-012",
		Title: "AWS Backup vaults are encrypted with a customer-managed KMS key",
		Description: "Recovery points are full copies of police data. The vault must encrypt them under a KMS key the force " +
			"controls rather than the AWS-managed aws/backup key.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeBackupVault},
		Remediation:   "Set `kmsKeyArn: <customer aws.kms.Key>.arn` on every `aws:backup/vault:Vault`.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AWS_166"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeBackupVault, "kmsKeyArn"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encBackupVault.check(r)
	},
})
