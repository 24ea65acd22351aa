package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encEFS is the check of PCLZ-AWS-ENC-006.
var encEFS = encAtRest{
	Flag:     []any{"encrypted"},
	Key:      []any{"kmsKeyId"},
	Noun:     "file systems",
	IfAbsent: "the AWS-managed aws/elasticfilesystem key is used",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-006",
		Title: "EFS file systems are encrypted with a customer-managed KMS key",
		Description: "Shared file systems often hold case files and exports. Encryption at rest can only be chosen when the " +
			"file system is created; it must be on, under a KMS key the force controls rather than the AWS-managed " +
			"aws/elasticfilesystem key.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeEFSFileSystem},
		Remediation:   "Set `encrypted: true` and `kmsKeyId: <customer aws.kms.Key>.arn` on every `aws:efs/fileSystem:FileSystem`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "efs-encrypted-check"},
			{Source: "Security Hub", ID: "EFS.1"},
			{Source: "Checkov", ID: "CKV_AWS_184"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeEFSFileSystem, "encrypted", "kmsKeyId"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encEFS.check(r)
	},
})
