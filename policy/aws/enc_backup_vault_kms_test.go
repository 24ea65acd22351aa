package aws

var _ = fixtures.Add(encAtRestFixture("PCLZ-AWS-ENC-012", "aws:backup/vault:Vault", "gold-vault",
	map[string]any{"name": "gold-vault"}, encBackupVault, encAtRestWant{
		KeyAbsent:   "kmsKeyArn is not set, so the AWS-managed aws/backup key is used; set it to a customer-managed KMS key",
		KeyAWS:      `kmsKeyArn "alias/aws/backup" is an AWS-managed key; set it to a customer-managed KMS key`,
		KeyComputed: "kmsKeyArn is computed and does not come from a KMS key of this stack; backup vaults must be encrypted at rest with a customer-managed KMS key",
		AWSAlias:    "alias/aws/backup",
	}))
