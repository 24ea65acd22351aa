package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encSQS checks PCLZ-AWS-ENC-009 once SQS-managed encryption has been ruled out.
var encSQS = encAtRest{
	Key:      []any{"kmsMasterKeyId"},
	Noun:     "queues",
	IfAbsent: "messages are not encrypted under a KMS key",
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-009",
		Title: "SQS queues are encrypted with a customer-managed KMS key",
		Description: "Queues hold messages between services, often whole records. SQS-managed encryption " +
			"(sqsManagedSseEnabled) and the AWS-managed alias/aws/sqs key give the force no control over who can " +
			"decrypt; queues must use SSE-KMS under a key the force controls.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeSQSQueue},
		Remediation: "Set `kmsMasterKeyId: <customer aws.kms.Key>.arn` (not `alias/aws/sqs`) on every `aws:sqs/queue:Queue` " +
			"and leave `sqsManagedSseEnabled` unset.",
		References: []policy.Reference{
			{Source: "Security Hub", ID: "SQS.1"},
			{Source: "Checkov", ID: "CKV_AWS_27"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeSQSQueue, "kmsMasterKeyId", "sqsManagedSseEnabled"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		key := r.Get("kmsMasterKeyId")
		if sse, k := policy.Bool(r.Get("sqsManagedSseEnabled")); k == policy.Present && sse && key.IsNull() {
			return policy.Fail("queue uses SQS-managed encryption (sqsManagedSseEnabled) with no kmsMasterKeyId; " +
				"set kmsMasterKeyId to a customer-managed KMS key")
		}
		return encSQS.check(r)
	},
})
