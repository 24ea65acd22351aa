package aws

import (
	"github.com/policecloud/landingzones/policy"
	"slices"
)

const encTypeBucketSSE = typeS3BucketServerSideEncryptionConfigurationV2

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-001",
		Title: "S3 buckets are encrypted with a customer-managed KMS key and bucket keys",
		Description: "Every S3 bucket must encrypt objects by default with SSE-KMS under a key the force controls " +
			"(so that key policy, rotation, deletion and CloudTrail records of every decrypt are the force's), " +
			"not with S3-managed keys (SSE-S3) or the AWS-managed aws/s3 key. Bucket keys cut KMS calls and cost " +
			"without weakening this. In pulumi-aws v6 the setting is a separate " +
			"BucketServerSideEncryptionConfigurationV2 resource linked by its `bucket` input; the deprecated inline " +
			"configuration on the bucket is accepted when no separate resource exists. One exception: the target " +
			"bucket of a BucketLoggingV2 (server access logs) may use exactly AES256, because S3 server access " +
			"logging delivers only to buckets encrypted with S3-managed keys. Judged before create by the twin " +
			"PCLZ-AWS-ENC-018, each separate encryption configuration on its own (no rules, no or another " +
			"algorithm, the AWS-managed key, no bucket keys); judged here, only after the resources exist: a " +
			"bucket with no encryption configuration, the inline configuration, and AES256 (allowed only on a " +
			"server access log target). A bucket whose configurations the twin reports is not applicable here, " +
			"so one fault gives one finding.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeS3BucketV2, typeS3Bucket, encTypeBucketSSE},
		Remediation: "For each bucket add an `aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2` " +
			"with `bucket: <bucket>.id` and one rule: `applyServerSideEncryptionByDefault: {sseAlgorithm: \"aws:kms\", " +
			"kmsMasterKeyId: <customer aws.kms.Key>.arn}` and `bucketKeyEnabled: true` (`aws:kms:dsse` is also " +
			"accepted; S3 does not support bucket keys with it). Never use `AES256` or `alias/aws/s3`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-bucket-server-side-encryption-enabled"},
			{Source: "AWS Config", ID: "s3-default-encryption-kms"},
			{Source: "Checkov", ID: "CKV_AWS_145"},
		},
		Waivable: true,
		Reads: slices.Concat(policy.Reads(encTypeBucketSSE, "bucket", "rules.applyServerSideEncryptionByDefault.sseAlgorithm",
			"rules.applyServerSideEncryptionByDefault.kmsMasterKeyId", "rules.bucketKeyEnabled"),
			policy.Reads(typeS3BucketV2, "serverSideEncryptionConfigurations.rules.applyServerSideEncryptionByDefaults.sseAlgorithm",
				"serverSideEncryptionConfigurations.rules.applyServerSideEncryptionByDefaults.kmsMasterKeyId",
				"serverSideEncryptionConfigurations.rules.bucketKeyEnabled"),
			policy.Reads(typeS3Bucket, "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm",
				"serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId",
				"serverSideEncryptionConfiguration.rule.bucketKeyEnabled")),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		return encEachBucket(rs, func(b *policy.Resource) policy.Result {
			res := encS3BucketKMS(rs, b)
			if res.Status == policy.StatusFail && encAccessLogTargetSSES3(rs, b) {
				res = policy.Pass("server access log target bucket encrypted with S3-managed keys (AES256), the only " +
					"encryption S3 server access logging delivers to")
			}
			return res
		})
	},
})

// encS3BucketKMS decides one bucket: from its separate encryption configurations when it has any (they
// override the inline one), else from the inline configuration.
// encAccessLogTargetSSES3 reports whether b is the target bucket of a server access logging
// configuration and every encryption rule linked to it uses exactly AES256 (SSE-S3): S3 server access
// logging cannot deliver to a bucket whose default encryption is SSE-KMS, so this is the one case where
// a customer key is not possible.
func encAccessLogTargetSSES3(rs []*policy.Resource, b *policy.Resource) bool {
	if targets, _ := encBucketLinks(rs, typeS3BucketLoggingV2, "targetBucket", b); len(targets) == 0 {
		return false
	}
	configs, _ := encBucketLinks(rs, encTypeBucketSSE, "bucket", b)
	if len(configs) == 0 {
		return false
	}
	for _, c := range configs {
		rules, k := policy.List(c.Get("rules"))
		if k != policy.Present || len(rules) == 0 {
			return false
		}
		for i := range rules {
			if alg, k := policy.Str(c.Get("rules", i, "applyServerSideEncryptionByDefault", "sseAlgorithm")); k != policy.Present || alg != "AES256" {
				return false
			}
		}
	}
	return true
}

func encS3BucketKMS(rs []*policy.Resource, b *policy.Resource) policy.Result {
	configs, unlinked := encBucketLinks(rs, encTypeBucketSSE, "bucket", b)
	if len(configs) > 0 {
		mine, twin := policy.SplitByTwin(configs, encSSEConfigOwn)
		if len(mine) == 0 {
			return policy.JudgedByTwin("encryption configuration", encSSEConfigTwin, twin)
		}
		configs = mine
		var results []policy.Result
		for _, c := range configs {
			results = append(results, encS3SSERules(c, []any{"rules"}, []any{"applyServerSideEncryptionByDefault"}))
		}
		if worst, ok := regWorst(results); !ok {
			return worst
		}
		return results[0]
	}
	inlineProp := "serverSideEncryptionConfigurations"
	if b.Type == typeS3Bucket {
		inlineProp = "serverSideEncryptionConfiguration"
	}
	inline := b.Get(inlineProp)
	switch {
	case inline.IsComputed():
		return policy.Undecided("inline %s is computed; buckets must use aws:kms with a customer-managed KMS key", inlineProp)
	case !inline.IsNull() && b.Type == typeS3Bucket:
		return encS3SSERule(b, []any{inlineProp, "rule", "applyServerSideEncryptionByDefault"}, []any{inlineProp, "rule", "bucketKeyEnabled"})
	case !inline.IsNull():
		cfgs, _ := policy.List(inline)
		var results []policy.Result
		for i := range cfgs {
			results = append(results, encS3SSERules(b, []any{inlineProp, i, "rules"}, []any{"applyServerSideEncryptionByDefaults", 0}))
		}
		if len(results) == 0 {
			break
		}
		if worst, ok := regWorst(results); !ok {
			return worst
		}
		return results[0]
	}
	if unlinked {
		return policy.Undecided("an encryption configuration's bucket is computed with no dependency, so it cannot be linked to " +
			"this bucket; buckets must use aws:kms with a customer-managed KMS key")
	}
	return policy.Fail("bucket has no server-side encryption configuration; add a BucketServerSideEncryptionConfigurationV2 " +
		"with sseAlgorithm aws:kms, a customer-managed KMS key and bucketKeyEnabled true")
}

// encS3SSERules decides the rules array at rulesPath; byDefault is the path of the by-default object
// inside each rule (a map key, or a map key and an index for the inline form).
func encS3SSERules(r *policy.Resource, rulesPath, byDefault []any) policy.Result {
	rules, k := policy.List(r.Get(rulesPath...))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("encryption rules are computed; buckets must use aws:kms with a customer-managed KMS key")
	case len(rules) == 0:
		return policy.Fail("encryption configuration has no rules; add one with sseAlgorithm aws:kms, a customer-managed KMS key " +
			"and bucketKeyEnabled true")
	}
	var results []policy.Result
	for i := range rules {
		rule := append(append([]any{}, rulesPath...), i)
		results = append(results, encS3SSERule(r,
			append(append([]any{}, rule...), byDefault...),
			append(append([]any{}, rule...), "bucketKeyEnabled")))
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	return results[0]
}

// encS3SSERule decides one encryption rule: the by-default object at byDefault and the bucket key flag at
// bucketKey.
func encS3SSERule(r *policy.Resource, byDefault, bucketKey []any) policy.Result {
	at := func(leaf string) []any { return append(append([]any{}, byDefault...), leaf) }
	alg, k := policy.Str(r.Get(at("sseAlgorithm")...))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("sse algorithm is computed; buckets must use aws:kms with a customer-managed KMS key")
	case k == policy.Absent:
		return policy.Fail("sse algorithm is not set; buckets must use aws:kms with a customer-managed KMS key")
	case alg != "aws:kms" && alg != "aws:kms:dsse":
		return policy.Fail("sse algorithm %q is not aws:kms; buckets must use a customer-managed KMS key", alg)
	}
	key := encKeyAt(r, at("kmsMasterKeyId")...)
	switch key.State {
	case encKeyAbsent:
		return policy.Fail("kmsMasterKeyId is not set, so the AWS-managed aws/s3 key is used; set it to a customer-managed KMS key")
	case encKeyAWSManaged:
		return policy.Fail("kmsMasterKeyId %q is an AWS-managed key; set it to a customer-managed KMS key", key.Value)
	case encKeyMalformed:
		return encMalformed("kmsMasterKeyId", key.Value)
	case encKeyUnknown:
		return policy.Undecided("kmsMasterKeyId is computed and does not come from a KMS key of this stack; " +
			"buckets must use a customer-managed KMS key")
	}
	if alg == "aws:kms:dsse" {
		return policy.Pass("bucket encrypted with dual-layer SSE-KMS and customer KMS key %s", key.Desc)
	}
	on, bk := policy.Bool(r.Get(bucketKey...))
	switch {
	case bk == policy.Unknown:
		return policy.Undecided("bucketKeyEnabled is computed; it must be true")
	case !on:
		return policy.Fail("bucketKeyEnabled is not true; set it to true so that S3 uses bucket keys with the customer KMS key")
	}
	return policy.Pass("bucket encrypted with customer KMS key %s and bucket keys", key.Desc)
}
