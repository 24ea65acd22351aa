package aws

var _ = fixtures.Add(encAtRestFixture("PCLZ-AWS-ENC-011", "aws:cloudtrail/trail:Trail", "org-trail",
	map[string]any{"s3BucketName": "pos-audit", "isMultiRegionTrail": true, "enableLogFileValidation": true}, encCloudTrail, encAtRestWant{
		KeyAbsent:   "kmsKeyId is not set, so log files are encrypted only with S3-managed keys; set it to a customer-managed KMS key",
		KeyAWS:      `kmsKeyId "alias/aws/cloudtrail" is an AWS-managed key; set it to a customer-managed KMS key`,
		KeyComputed: "kmsKeyId is computed and does not come from a KMS key of this stack; trails must be encrypted at rest with a customer-managed KMS key",
		AWSAlias:    "alias/aws/cloudtrail",
	}))
