package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(func() policytest.Fixture {
	f := encAtRestFixture("PCLZ-AWS-ENC-007", "aws:dynamodb/table:Table", "state-locks",
		map[string]any{"hashKey": "LockID", "billingMode": "PAY_PER_REQUEST"}, encDynamoDB, encAtRestWant{
			FlagFalse:    "serverSideEncryption.enabled is false; tables must be encrypted at rest with a customer-managed KMS key",
			FlagAbsent:   "serverSideEncryption.enabled is not set; tables must be encrypted at rest with a customer-managed KMS key",
			FlagComputed: "serverSideEncryption.enabled is computed; tables must be encrypted at rest with a customer-managed KMS key",
			KeyAbsent:    "serverSideEncryption.kmsKeyArn is not set, so the AWS-managed aws/dynamodb key is used; set it to a customer-managed KMS key",
			KeyAWS:       `serverSideEncryption.kmsKeyArn "alias/aws/dynamodb" is an AWS-managed key; set it to a customer-managed KMS key`,
			KeyComputed:  "serverSideEncryption.kmsKeyArn is computed and does not come from a KMS key of this stack; tables must be encrypted at rest with a customer-managed KMS key",
			AWSAlias:     "alias/aws/dynamodb",
		})
	f.Cases = append(f.Cases, policytest.Case{
		Name:    "no serverSideEncryption block (AWS-owned key)",
		Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "serverSideEncryption") },
		Want:    policy.StatusFail,
		Message: "serverSideEncryption.enabled is not set; tables must be encrypted at rest with a customer-managed KMS key",
	})
	return f
}())
