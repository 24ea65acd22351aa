package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(func() policytest.Fixture {
	f := encAtRestFixture("PCLZ-AWS-ENC-009", "aws:sqs/queue:Queue", "ingest",
		map[string]any{"messageRetentionSeconds": 345600}, encSQS, encAtRestWant{
			KeyAbsent:   "kmsMasterKeyId is not set, so messages are not encrypted under a KMS key; set it to a customer-managed KMS key",
			KeyAWS:      `kmsMasterKeyId "alias/aws/sqs" is an AWS-managed key; set it to a customer-managed KMS key`,
			KeyComputed: "kmsMasterKeyId is computed and does not come from a KMS key of this stack; queues must be encrypted at rest with a customer-managed KMS key",
			AWSAlias:    "alias/aws/sqs",
		})
	f.Cases = append(f.Cases, policytest.Case{
		Name: "SQS-managed encryption only",
		Mutate: func(rs []*policy.Resource, _ *policy.Context) {
			policytest.Delete(rs[0], "kmsMasterKeyId")
			policytest.Set(rs[0], true, "sqsManagedSseEnabled")
		},
		Want:    policy.StatusFail,
		Message: "queue uses SQS-managed encryption (sqsManagedSseEnabled) with no kmsMasterKeyId; set kmsMasterKeyId to a customer-managed KMS key",
	})
	return f
}())
