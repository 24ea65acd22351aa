package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encDynamoDB is the check of PCLZ-AWS-ENC-007.
var encDynamoDB = encAtRest{
	Flag:     []any{"serverSideEncryption", "enabled"},
	Key:      []any{"serverSideEncryption", "kmsKeyArn"},
	Noun:     "tables",
	IfAbsent: "the AWS-managed aws/dynamodb key is used",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-007",
		Title: "DynamoDB tables are encrypted with a customer-managed KMS key",
		Description: "DynamoDB always encrypts, but by default under an AWS-owned key the force can neither see nor control. " +
			"Tables must use a KMS key the force controls.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeDynamodbTable},
		Remediation: "Set `serverSideEncryption: {enabled: true, kmsKeyArn: <customer aws.kms.Key>.arn}` on every " +
			"`aws:dynamodb/table:Table`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "dynamodb-table-encrypted-kms"},
			{Source: "Checkov", ID: "CKV_AWS_119"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeDynamodbTable, "serverSideEncryption.enabled", "serverSideEncryption.kmsKeyArn"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return encDynamoDB.check(r)
	},
})
