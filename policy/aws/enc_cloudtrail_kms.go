package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encCloudTrail is the check of PCLZ-AWS-ENC-011.
var encCloudTrail = encAtRest{
	Key:      []any{"kmsKeyId"},
	Noun:     "trails",
	IfAbsent: "log files are encrypted only with S3-managed keys",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-011",
		Title: "CloudTrail trails encrypt their log files with a customer-managed KMS key",
		Description: "The audit trail is the evidence of every API call. Its log files must be encrypted with SSE-KMS under a key " +
			"the force controls, so that reading them needs a decrypt permission that is itself logged.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeCloudTrailTrail},
		Remediation: "Set `kmsKeyId: <customer aws.kms.Key>.arn` on every `aws:cloudtrail/trail:Trail` (the key policy must allow " +
			"`cloudtrail.amazonaws.com` to generate data keys).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "cloud-trail-encryption-enabled"},
			{Source: "Security Hub", ID: "CloudTrail.2"},
			{Source: "Checkov", ID: "CKV_AWS_35"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeCloudTrailTrail, "kmsKeyId"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encCloudTrail.check(r)
	},
})
