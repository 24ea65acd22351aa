package aws

var _ = fixtures.Add(encAtRestFixture("PCLZ-AWS-ENC-010", "aws:cloudwatch/logGroup:LogGroup", "flow-logs",
	map[string]any{"retentionInDays": 400}, encLogGroup, encAtRestWant{
		KeyAbsent:   "kmsKeyId is not set, so CloudWatch Logs uses its service-managed encryption; set it to a customer-managed KMS key",
		KeyAWS:      `kmsKeyId "alias/aws/logs" is an AWS-managed key; set it to a customer-managed KMS key`,
		KeyComputed: "kmsKeyId is computed and does not come from a KMS key of this stack; log groups must be encrypted at rest with a customer-managed KMS key",
		AWSAlias:    "alias/aws/logs",
	}))
