package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encLogGroup is the check of PCLZ-AWS-ENC-010.
var encLogGroup = encAtRest{
	Key:      []any{"kmsKeyId"},
	Noun:     "log groups",
	IfAbsent: "CloudWatch Logs uses its service-managed encryption",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-010",
		Title: "CloudWatch log groups are encrypted with a customer-managed KMS key",
		Description: "Logs record who did what to police data and often quote it. Log groups must be encrypted under a KMS key " +
			"the force controls, whose key policy lets the CloudWatch Logs service principal use it.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeCloudWatchLogGroup},
		Remediation: "Set `kmsKeyId: <customer aws.kms.Key>.arn` on every `aws:cloudwatch/logGroup:LogGroup` (the key policy must allow " +
			"`logs.eu-west-2.amazonaws.com`).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "cloudwatch-log-group-encrypted"},
			{Source: "Checkov", ID: "CKV_AWS_158"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeCloudWatchLogGroup, "kmsKeyId"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encLogGroup.check(r)
	},
})
