package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(func() policytest.Fixture {
	f := encAtRestFixture("PCLZ-AWS-ENC-005", "aws:rds/instance:Instance", "records-db",
		map[string]any{"engine": "postgres", "instanceClass": "db.m7g.large", "allocatedStorage": 100}, encRDS, encAtRestWant{
			FlagFalse:    "storageEncrypted is false; databases must be encrypted at rest with a customer-managed KMS key",
			FlagAbsent:   "storageEncrypted is not set; databases must be encrypted at rest with a customer-managed KMS key",
			FlagComputed: "storageEncrypted is computed; databases must be encrypted at rest with a customer-managed KMS key",
			KeyAbsent:    "kmsKeyId is not set, so the AWS-managed aws/rds key is used; set it to a customer-managed KMS key",
			KeyAWS:       `kmsKeyId "alias/aws/rds" is an AWS-managed key; set it to a customer-managed KMS key`,
			KeyComputed:  "kmsKeyId is computed and does not come from a KMS key of this stack; databases must be encrypted at rest with a customer-managed KMS key",
			AWSAlias:     "alias/aws/rds",
		})
	f.Cases = append(f.Cases,
		policytest.Case{
			Name: "Aurora cluster not encrypted",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = "aws:rds/cluster:Cluster"
				policytest.Set(rs[0], false, "storageEncrypted")
			},
			Want:    policy.StatusFail,
			Message: "storageEncrypted is false; databases must be encrypted at rest with a customer-managed KMS key",
		},
		policytest.Case{
			Name:    "Aurora cluster encrypted with a customer key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].Type = "aws:rds/cluster:Cluster" },
			Want:    policy.StatusPass,
			Message: "encrypted with customer KMS key records-db-key (aws:kms/key:Key)",
		},
	)
	return f
}())
