package aws

var _ = fixtures.Add(encAtRestFixture("PCLZ-AWS-ENC-008", "aws:sns/topic:Topic", "security-alerts",
	map[string]any{"name": "security-alerts"}, encSNS, encAtRestWant{
		KeyAbsent:   "kmsMasterKeyId is not set, so messages are stored unencrypted; set it to a customer-managed KMS key",
		KeyAWS:      `kmsMasterKeyId "alias/aws/sns" is an AWS-managed key; set it to a customer-managed KMS key`,
		KeyComputed: "kmsMasterKeyId is computed and does not come from a KMS key of this stack; topics must be encrypted at rest with a customer-managed KMS key",
		AWSAlias:    "alias/aws/sns",
	}))
