package aws

import (
	"github.com/policecloud/landingzones/policy"
	"slices"
)

// encRDS is the check of PCLZ-AWS-ENC-005.
var encRDS = encAtRest{
	Flag:     []any{"storageEncrypted"},
	Key:      []any{"kmsKeyId"},
	Noun:     "databases",
	IfAbsent: "the AWS-managed aws/rds key is used",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-005",
		Title: "RDS instances and Aurora clusters are encrypted with a customer-managed KMS key",
		Description: "Database storage, automated backups, snapshots and read replicas inherit the encryption of the instance " +
			"or cluster, and it cannot be added later without a rebuild. It must be on, under a KMS key the force " +
			"controls rather than the AWS-managed aws/rds key.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeRDSInstance, typeRDSCluster},
		Remediation: "Set `storageEncrypted: true` and `kmsKeyId: <customer aws.kms.Key>.arn` on every `aws:rds/instance:Instance` and " +
			"`aws:rds/cluster:Cluster`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "rds-storage-encrypted"},
			{Source: "Security Hub", ID: "RDS.3"},
			{Source: "Checkov", ID: "CKV_AWS_16"},
		},
		Waivable: true,
		Reads: slices.Concat(policy.Reads(typeRDSInstance, "storageEncrypted", "kmsKeyId"),
			policy.Reads(typeRDSCluster, "storageEncrypted", "kmsKeyId")),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encRDS.check(r)
	},
})
