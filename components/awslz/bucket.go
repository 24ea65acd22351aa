package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// bucketSpec describes one S3 bucket of the landing zone. Every bucket is versioned, blocks public
// access, enforces bucket-owner object ownership and denies requests not made over TLS.
type bucketSpec struct {
	// name is the logical name ("<component>-audit").
	name string
	// purpose is the Purpose tag ("audit", "access-logs", "evidence", "state").
	purpose string
	// bucketName is the bucket's name in S3; empty lets Pulumi name it from name.
	bucketName string
	// keyARN is the customer KMS key for SSE-KMS. Nil only for an access-log bucket: S3 server access
	// logging delivers only to buckets encrypted with S3-managed keys (SSE-S3).
	keyARN pulumi.StringInput
	// lockDays / lockYears set S3 Object Lock's default retention (objectLockPlan); both zero: no lock.
	lockDays, lockYears int
	// logBucket is the access-log bucket this bucket logs to (nil: none).
	logBucket pulumi.StringInput
	// archiveAfterDays moves current objects to Glacier Flexible Retrieval (0: never).
	archiveAfterDays int
	// expireNoncurrentDays expires noncurrent versions (0: never).
	expireNoncurrentDays int
	// statements adds statements to the bucket policy, given the bucket's ARN.
	statements func(bucketARN string) []map[string]any
	// via and viaStatements add statements to the bucket policy that depend on a value known only once
	// another resource exists (a VPC endpoint's ID), given the bucket's ARN and via's value.
	via           pulumi.StringInput
	viaStatements func(bucketARN, via string) []map[string]any
}

// newBucket creates a bucket and its settings; the bucket itself is stateful (protected and retained).
func newBucket(ctx *pulumi.Context, c child, spec bucketSpec) (*s3.BucketV2, error) {
	lock := objectLockPlan(spec.lockDays, spec.lockYears)
	bargs := &s3.BucketV2Args{
		ObjectLockEnabled: pulumi.Bool(lock.Enabled),
		ForceDestroy:      pulumi.Bool(false),
		Tags:              c.tagged(spec.name, "Purpose", spec.purpose),
	}
	if spec.bucketName != "" {
		bargs.Bucket = pulumi.StringPtr(spec.bucketName)
	}
	b, err := s3.NewBucketV2(ctx, spec.name, bargs, c.stateful()...)
	if err != nil {
		return nil, err
	}
	opts := c.opts()
	if _, err := s3.NewBucketOwnershipControls(ctx, spec.name+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: b.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, opts...); err != nil {
		return nil, err
	}
	pab, err := s3.NewBucketPublicAccessBlock(ctx, spec.name+"-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                b.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, opts...)
	if err != nil {
		return nil, err
	}
	versioning, err := s3.NewBucketVersioningV2(ctx, spec.name+"-versioning", &s3.BucketVersioningV2Args{
		Bucket:                  b.ID(),
		VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, opts...)
	if err != nil {
		return nil, err
	}
	sse := &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{SseAlgorithm: pulumi.String("AES256")}
	bucketKey := pulumi.BoolPtr(false)
	if spec.keyARN != nil {
		sse = &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
			SseAlgorithm:   pulumi.String("aws:kms"),
			KmsMasterKeyId: spec.keyARN,
		}
		bucketKey = pulumi.BoolPtr(true)
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, spec.name+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: b.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: sse,
			BucketKeyEnabled:                   bucketKey,
		}},
	}, opts...); err != nil {
		return nil, err
	}
	if lock.Enabled {
		retention := &s3.BucketObjectLockConfigurationV2RuleDefaultRetentionArgs{Mode: pulumi.String(lock.Mode)}
		if lock.Years > 0 {
			retention.Years = pulumi.IntPtr(lock.Years)
		} else {
			retention.Days = pulumi.IntPtr(lock.Days)
		}
		if _, err := s3.NewBucketObjectLockConfigurationV2(ctx, spec.name+"-object-lock", &s3.BucketObjectLockConfigurationV2Args{
			Bucket: b.ID(),
			Rule:   &s3.BucketObjectLockConfigurationV2RuleArgs{DefaultRetention: retention},
		}, c.opts(pulumi.DependsOn([]pulumi.Resource{versioning}))...); err != nil {
			return nil, err
		}
	}
	if spec.logBucket != nil {
		if _, err := s3.NewBucketLoggingV2(ctx, spec.name+"-access-logging", &s3.BucketLoggingV2Args{
			Bucket:       b.ID(),
			TargetBucket: spec.logBucket,
			TargetPrefix: pulumi.String(spec.purpose + "/"),
		}, opts...); err != nil {
			return nil, err
		}
	}
	if spec.archiveAfterDays > 0 || spec.expireNoncurrentDays > 0 {
		rule := &s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:     pulumi.String("archive"),
			Status: pulumi.String("Enabled"),
			Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
		}
		if spec.archiveAfterDays > 0 {
			rule.Transitions = s3.BucketLifecycleConfigurationV2RuleTransitionArray{&s3.BucketLifecycleConfigurationV2RuleTransitionArgs{
				Days: pulumi.IntPtr(spec.archiveAfterDays), StorageClass: pulumi.String("GLACIER"),
			}}
		}
		if spec.expireNoncurrentDays > 0 {
			rule.NoncurrentVersionExpiration = &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
				NoncurrentDays: pulumi.Int(spec.expireNoncurrentDays),
			}
		}
		if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, spec.name+"-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
			Bucket: b.ID(),
			Rules:  s3.BucketLifecycleConfigurationV2RuleArray{rule},
		}, c.opts(pulumi.DependsOn([]pulumi.Resource{versioning}))...); err != nil {
			return nil, err
		}
	}
	build := func(arn, via string) string {
		st := []map[string]any{{
			"Sid":       "DenyInsecureTransport",
			"Effect":    "Deny",
			"Principal": "*",
			"Action":    "s3:*",
			"Resource":  []string{arn, arn + "/*"},
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
		}}
		if spec.statements != nil {
			st = append(st, spec.statements(arn)...)
		}
		if spec.viaStatements != nil {
			st = append(st, spec.viaStatements(arn, via)...)
		}
		return policyJSON(st...)
	}
	doc := b.Arn.ApplyT(func(arn string) string { return build(arn, "") }).(pulumi.StringOutput)
	if spec.via != nil {
		doc = pulumi.All(b.Arn, spec.via).ApplyT(func(v []any) string { return build(v[0].(string), v[1].(string)) }).(pulumi.StringOutput)
	}
	if _, err := s3.NewBucketPolicy(ctx, spec.name+"-policy", &s3.BucketPolicyArgs{
		Bucket: b.ID(),
		Policy: doc,
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{pab}))...); err != nil {
		return nil, err
	}
	return b, nil
}

// newAccessLogBucket creates a bucket for S3 server access logs: encrypted with S3-managed keys (the only
// encryption log delivery supports), archived after auditArchiveAfterDays, and written only by the S3
// logging service, for sourceAccount when it is known ("" leaves the condition out).
func newAccessLogBucket(ctx *pulumi.Context, c child, name, sourceAccount string) (*s3.BucketV2, error) {
	return newBucket(ctx, c, bucketSpec{
		name: name, purpose: "access-logs", archiveAfterDays: auditArchiveAfterDays,
		statements: func(arn string) []map[string]any {
			st := map[string]any{
				"Sid": "S3ServerAccessLogsDeliver", "Effect": "Allow",
				"Principal": map[string]any{"Service": "logging.s3.amazonaws.com"},
				"Action":    "s3:PutObject", "Resource": arn + "/*",
			}
			if sourceAccount != "" {
				st["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": sourceAccount}}
			}
			return []map[string]any{st}
		},
	})
}
