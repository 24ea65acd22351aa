package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// encS3KMSBaseline is a bucket, a customer key and the bucket's encryption configuration as they look at
// preview: the configuration's bucket and key are computed and linked by property dependencies.
func encS3KMSBaseline() []*policy.Resource {
	bucket := policytest.AWS(typeS3BucketV2, "evidence", map[string]any{})
	key := policytest.AWS(typeKMSKey, "evidence-key", map[string]any{"enableKeyRotation": true})
	sse := policytest.AWS(encTypeBucketSSE, "evidence-sse", map[string]any{
		"bucket": policy.UnknownSentinel,
		"rules": []any{map[string]any{
			"applyServerSideEncryptionByDefault": map[string]any{
				"sseAlgorithm":   "aws:kms",
				"kmsMasterKeyId": policy.UnknownSentinel,
			},
			"bucketKeyEnabled": true,
		}},
	})
	policytest.Link(sse, "bucket", bucket)
	policytest.Link(sse, "rules", key)
	// The evidence bucket logs access to a log bucket, which S3 requires to use SSE-S3.
	logs := policytest.AWS(typeS3BucketV2, "access-logs", map[string]any{})
	logsSSE := policytest.AWS(encTypeBucketSSE, "access-logs-sse", map[string]any{
		"bucket": policy.UnknownSentinel,
		"rules":  []any{map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "AES256"}}},
	})
	policytest.Link(logsSSE, "bucket", logs)
	logging := policytest.AWS("aws:s3/bucketLoggingV2:BucketLoggingV2", "evidence-logging", map[string]any{
		"bucket": policy.UnknownSentinel, "targetBucket": policy.UnknownSentinel, "targetPrefix": "evidence/",
	})
	policytest.Link(logging, "bucket", bucket)
	policytest.Link(logging, "targetBucket", logs)
	return []*policy.Resource{bucket, key, sse, logs, logsSSE, logging}
}

// encS3InlineV2 is the deprecated inline configuration of a BucketV2.
func encS3InlineV2(alg, key string, bucketKey bool) map[string]any {
	return map[string]any{"rules": []any{map[string]any{
		"applyServerSideEncryptionByDefaults": []any{map[string]any{"sseAlgorithm": alg, "kmsMasterKeyId": key}},
		"bucketKeyEnabled":                    bucketKey,
	}}}
}

const encS3KeyARN = "arn:aws:kms:eu-west-2:111122223333:key/0b1c2d3e-1111-2222-3333-444455556666"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-ENC-001",
	Resources:       encS3KMSBaseline,
	Subject:         policytest.URN(typeS3BucketV2, "evidence"),
	BaselineMessage: "bucket encrypted with customer KMS key evidence-key (aws:kms/key:Key) and bucket keys",
	Cases: []policytest.Case{
		{
			Name: "an access log target may use AES256",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[5].PropertyDependencies["targetBucket"] = []string{rs[0].URN}
				policytest.Set(rs[2], "AES256", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want: policy.StatusPass,
			Message: "server access log target bucket encrypted with S3-managed keys (AES256), the only encryption S3 " +
				"server access logging delivers to",
		},
		{
			Name: "an access log target with no algorithm: the twin reports it",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[5].PropertyDependencies["targetBucket"] = []string{rs[0].URN}
				policytest.Delete(rs[2], "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "sse algorithm AES256",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "AES256", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusFail,
			Message: `sse algorithm "AES256" is not aws:kms; buckets must use a customer-managed KMS key`,
		},
		{
			Name: "sse algorithm missing",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[2], "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "kms key not set (AWS-managed aws/s3)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[2], "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
				rs[2].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "kms key alias/aws/s3",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "alias/aws/s3", "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
				rs[2].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "bucket keys off",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], false, "rules", 0, "bucketKeyEnabled")
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name:    "no encryption configuration",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[2] = nil },
			Want:    policy.StatusFail,
			Message: "bucket has no server-side encryption configuration; add a BucketServerSideEncryptionConfigurationV2 with sseAlgorithm aws:kms, a customer-managed KMS key and bucketKeyEnabled true",
		},
		{
			Name: "configuration for another bucket only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				other := policytest.AWS(typeS3BucketV2, "other", map[string]any{})
				rs[2].PropertyDependencies["bucket"] = []string{other.URN}
			},
			Want:    policy.StatusFail,
			Message: "bucket has no server-side encryption configuration; add a BucketServerSideEncryptionConfigurationV2 with sseAlgorithm aws:kms, a customer-managed KMS key and bucketKeyEnabled true",
		},
		{
			Name:    "empty rules",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], []any{}, "rules") },
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "kms key computed, not from a KMS key",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[2].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "sse algorithm computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[2], "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name:    "rules computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[2], "rules") },
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "bucket keys computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[2], "rules", 0, "bucketKeyEnabled")
			},
			Want:    policy.StatusNotApplicable,
			Message: "encryption configuration evidence-sse is judged before create by PCLZ-AWS-ENC-018, which names it",
		},
		{
			Name: "configuration's bucket computed with no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[2].PropertyDependencies["bucket"] = nil
			},
			Want:    policy.StatusUnknown,
			Message: "an encryption configuration's bucket is computed with no dependency, so it cannot be linked to this bucket; buckets must use aws:kms with a customer-managed KMS key",
		},
		{
			Name: "exported state: linked by ID, key ARN known",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].ID = "evidence-20240101"
				rs[2].PropertyDependencies = nil
				policytest.Set(rs[2], "evidence-20240101", "bucket")
				policytest.Set(rs[2], encS3KeyARN, "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
			},
			Want:    policy.StatusPass,
			Message: `bucket encrypted with customer KMS key "` + encS3KeyARN + `" and bucket keys`,
		},
		{
			Name: "linked by the bucket's explicit name",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "pos-evidence-london", "bucket")
				rs[2].PropertyDependencies["bucket"] = nil
				policytest.Set(rs[2], "pos-evidence-london", "bucket")
			},
			Want:    policy.StatusPass,
			Message: "bucket encrypted with customer KMS key evidence-key (aws:kms/key:Key) and bucket keys",
		},
		{
			Name: "dual-layer SSE-KMS without bucket keys",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "aws:kms:dsse", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
				policytest.Delete(rs[2], "rules", 0, "bucketKeyEnabled")
			},
			Want:    policy.StatusPass,
			Message: "bucket encrypted with dual-layer SSE-KMS and customer KMS key evidence-key (aws:kms/key:Key)",
		},
		{
			Name: "deprecated inline configuration on the bucket",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{encS3InlineV2("aws:kms", encS3KeyARN, true)}, "serverSideEncryptionConfigurations")
				rs[2] = nil
			},
			Want:    policy.StatusPass,
			Message: `bucket encrypted with customer KMS key "` + encS3KeyARN + `" and bucket keys`,
		},
		{
			Name: "deprecated inline configuration with AES256",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{encS3InlineV2("AES256", "", false)}, "serverSideEncryptionConfigurations")
				rs[2] = nil
			},
			Want:    policy.StatusFail,
			Message: `sse algorithm "AES256" is not aws:kms; buckets must use a customer-managed KMS key`,
		},
		{
			Name: "deprecated inline configuration computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "serverSideEncryptionConfigurations")
				rs[2] = nil
			},
			Want:    policy.StatusUnknown,
			Message: "inline serverSideEncryptionConfigurations is computed; buckets must use aws:kms with a customer-managed KMS key",
		},
		{
			Name: "separate configuration overrides a good inline one",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{encS3InlineV2("aws:kms", encS3KeyARN, true)}, "serverSideEncryptionConfigurations")
				policytest.Set(rs[2], "AES256", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusFail,
			Message: `sse algorithm "AES256" is not aws:kms; buckets must use a customer-managed KMS key`,
		},
		{
			Name: "legacy aws:s3/bucket:Bucket with its inline configuration",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeS3Bucket
				policytest.Set(rs[0], map[string]any{"rule": map[string]any{
					"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "aws:kms", "kmsMasterKeyId": "alias/aws/s3"},
					"bucketKeyEnabled":                   true,
				}}, "serverSideEncryptionConfiguration")
				rs[2] = nil
			},
			Want:    policy.StatusFail,
			Message: `kmsMasterKeyId "alias/aws/s3" is an AWS-managed key; set it to a customer-managed KMS key`,
		},
	},
})
