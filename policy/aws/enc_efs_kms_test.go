package aws

var _ = fixtures.Add(encAtRestFixture("PCLZ-AWS-ENC-006", "aws:efs/fileSystem:FileSystem", "case-files",
	map[string]any{"performanceMode": "generalPurpose"}, encEFS, encAtRestWant{
		FlagFalse:    "encrypted is false; file systems must be encrypted at rest with a customer-managed KMS key",
		FlagAbsent:   "encrypted is not set; file systems must be encrypted at rest with a customer-managed KMS key",
		FlagComputed: "encrypted is computed; file systems must be encrypted at rest with a customer-managed KMS key",
		KeyAbsent:    "kmsKeyId is not set, so the AWS-managed aws/elasticfilesystem key is used; set it to a customer-managed KMS key",
		KeyAWS:       `kmsKeyId "alias/aws/elasticfilesystem" is an AWS-managed key; set it to a customer-managed KMS key`,
		KeyComputed:  "kmsKeyId is computed and does not come from a KMS key of this stack; file systems must be encrypted at rest with a customer-managed KMS key",
		AWSAlias:     "alias/aws/elasticfilesystem",
	}))
