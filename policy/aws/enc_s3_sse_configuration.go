package aws

import (
	"github.com/policecloud/landingzones/policy"
)

// encSSEConfigTwin is the ID of PCLZ-AWS-ENC-001's resource-level twin.
const encSSEConfigTwin = "PCLZ-AWS-ENC-018"

// encSSEAES256Deferred is the twin's verdict on an AES256 rule: whether S3-managed keys are allowed
// depends on whether the bucket is a server access log target, which only the stack shows.
const encSSEAES256Deferred = "sse algorithm AES256 (S3-managed keys) is allowed only on the target bucket of a server " +
	"access logging configuration; PCLZ-AWS-ENC-001 decides it with the bucket's logging configuration"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    encSSEConfigTwin,
		Title: "S3 encryption configurations name a customer-managed KMS key with bucket keys",
		Description: "The resource-level half of PCLZ-AWS-ENC-001, judged on each " +
			"BucketServerSideEncryptionConfigurationV2 alone so that `pulumi up` refuses a bad configuration " +
			"before it is created (the engine runs stack rules only after every step). Fails a configuration " +
			"with no rules, a rule with no algorithm or an algorithm other than aws:kms, aws:kms:dsse or AES256, " +
			"an aws:kms rule whose kmsMasterKeyId is absent (the AWS-managed aws/s3 key), an AWS-managed alias " +
			"or not a key reference, and an aws:kms rule without bucketKeyEnabled true. AES256 is not judged " +
			"here: it is allowed on a server access log target bucket, which only the stack shows, so " +
			"PCLZ-AWS-ENC-001 decides it after the resources exist, as it decides a bucket with no encryption " +
			"configuration at all and the deprecated inline configuration on a bucket.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{encTypeBucketSSE},
		Remediation: "Give every rule of the aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2 " +
			"`applyServerSideEncryptionByDefault: {sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <customer aws.kms.Key>.arn}` " +
			"and `bucketKeyEnabled: true` (`aws:kms:dsse` needs no bucket key). Never use `alias/aws/s3` or leave " +
			"kmsMasterKeyId out.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-default-encryption-kms"},
			{Source: "Security Hub", ID: "S3.17"},
			{Source: "Checkov", ID: "CKV_AWS_145"},
		},
		Waivable: true,
		Reads: policy.Reads(encTypeBucketSSE, "rules.applyServerSideEncryptionByDefault.sseAlgorithm",
			"rules.applyServerSideEncryptionByDefault.kmsMasterKeyId", "rules.bucketKeyEnabled"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result { return encSSEConfigOwn(r) },
})

// encSSEConfigOwn judges one encryption configuration on its own settings (PCLZ-AWS-ENC-018): everything
// but whether AES256 is allowed, which needs the bucket's logging configuration.
func encSSEConfigOwn(c *policy.Resource) policy.Result {
	rules, k := policy.List(c.Get("rules"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("encryption rules are computed; buckets must use aws:kms with a customer-managed KMS key")
	case len(rules) == 0:
		return policy.Fail("encryption configuration has no rules; add one with sseAlgorithm aws:kms, a customer-managed KMS key " +
			"and bucketKeyEnabled true")
	}
	var results []policy.Result
	aes := false
	for i := range rules {
		if alg, k := policy.Str(c.Get("rules", i, "applyServerSideEncryptionByDefault", "sseAlgorithm")); k == policy.Present && alg == "AES256" {
			aes = true
			continue
		}
		results = append(results, encS3SSERule(c, []any{"rules", i, "applyServerSideEncryptionByDefault"}, []any{"rules", i, "bucketKeyEnabled"}))
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	if aes {
		return policy.NotApplicable(encSSEAES256Deferred)
	}
	return results[0]
}
