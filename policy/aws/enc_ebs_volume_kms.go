package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encEBSVolume is the check of PCLZ-AWS-ENC-004.
var encEBSVolume = encAtRest{
	Flag:     []any{"encrypted"},
	Key:      []any{"kmsKeyId"},
	Noun:     "volumes",
	IfAbsent: "the AWS-managed aws/ebs key (or the account's default key) is used",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-004",
		Title: "EBS volumes are encrypted with a customer-managed KMS key",
		Description: "An EBS volume holds whatever its instance writes, often copies of police data. It must be encrypted, " +
			"under a KMS key the force controls rather than the AWS-managed aws/ebs key, stated on the volume itself " +
			"rather than left to the account default.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeEBSVolume},
		Remediation:   "Set `encrypted: true` and `kmsKeyId: <customer aws.kms.Key>.arn` on every `aws:ebs/volume:Volume`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "encrypted-volumes"},
			{Source: "Security Hub", ID: "EC2.3"},
			{Source: "Checkov", ID: "CKV_AWS_189"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeEBSVolume, "encrypted", "kmsKeyId"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encEBSVolume.check(r)
	},
})
