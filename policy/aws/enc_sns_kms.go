package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encSNS is the check of PCLZ-AWS-ENC-008.
var encSNS = encAtRest{
	Key:      []any{"kmsMasterKeyId"},
	Noun:     "topics",
	IfAbsent: "messages are stored unencrypted",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-008",
		Title: "SNS topics are encrypted with a customer-managed KMS key",
		Description: "SNS topics carry alerts and notifications that may quote police data. Server-side encryption must be on, " +
			"under a KMS key the force controls rather than the AWS-managed alias/aws/sns key.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeSNSTopic},
		Remediation: "Set `kmsMasterKeyId: <customer aws.kms.Key>.arn` (not `alias/aws/sns`) on every `aws:sns/topic:Topic`, and allow " +
			"the publishing services to use the key in its key policy.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "sns-encrypted-kms"},
			{Source: "Security Hub", ID: "SNS.1"},
			{Source: "Checkov", ID: "CKV_AWS_26"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeSNSTopic, "kmsMasterKeyId"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encSNS.check(r)
	},
})
