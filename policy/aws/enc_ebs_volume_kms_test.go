package aws

var _ = fixtures.Add(encAtRestFixture("PCLZ-AWS-ENC-004", "aws:ebs/volume:Volume", "data-volume",
	map[string]any{"availabilityZone": "eu-west-2a", "size": 100, "type": "gp3"}, encEBSVolume, encAtRestWant{
		FlagFalse:    "encrypted is false; volumes must be encrypted at rest with a customer-managed KMS key",
		FlagAbsent:   "encrypted is not set; volumes must be encrypted at rest with a customer-managed KMS key",
		FlagComputed: "encrypted is computed; volumes must be encrypted at rest with a customer-managed KMS key",
		KeyAbsent:    "kmsKeyId is not set, so the AWS-managed aws/ebs key (or the account's default key) is used; set it to a customer-managed KMS key",
		KeyAWS:       `kmsKeyId "alias/aws/ebs" is an AWS-managed key; set it to a customer-managed KMS key`,
		KeyComputed:  "kmsKeyId is computed and does not come from a KMS key of this stack; volumes must be encrypted at rest with a customer-managed KMS key",
		AWSAlias:     "alias/aws/ebs",
	}))
