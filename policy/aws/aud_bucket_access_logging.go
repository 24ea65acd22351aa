package aws

import (
	"github.com/policecloud/landingzones/policy"
)

const audLoggingRequired = "audit buckets need an aws:s3/bucketLoggingV2 that sends their access logs to another bucket"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-004",
		Title: "Audit log buckets log every access to a separate bucket",
		Description: "Who read or tried to change the audit logs is itself audit information. S3 server access " +
			"logging records every request to the audit bucket in a separate bucket (logging a bucket to itself " +
			"would loop). Audit buckets are the buckets a CloudTrail trail writes to and any bucket tagged " +
			"Purpose=audit.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeS3BucketV2, typeS3BucketLoggingV2},
		Remediation: "For each audit aws:s3/bucketV2:BucketV2 add an aws:s3/bucketLoggingV2:BucketLoggingV2 whose `bucket` " +
			"is the bucket's ID and whose `targetBucket` is a different (access log) bucket, with a `targetPrefix`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-bucket-logging-enabled"},
			{Source: "Security Hub", ID: "S3.9"},
			{Source: "Security Hub", ID: "CloudTrail.7"},
			{Source: "Checkov", ID: "CKV_AWS_18"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeS3BucketLoggingV2, "bucket", "targetBucket"),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		return audEachAuditBucket(rs, audLoggingRequired, func(b *policy.Resource, why string) policy.Result {
			links, maybe := audLinked(rs, typeS3BucketLoggingV2, "bucket", b)
			switch {
			case len(links) == 0 && len(maybe) > 0:
				return policy.Undecided("audit bucket (%s): no logging configuration is linked to it yet and the bucket "+
					"of %s is computed; %s", why, netNames(maybe), audLoggingRequired)
			case len(links) == 0:
				return policy.Fail("audit bucket (%s): no aws:s3/bucketLoggingV2 refers to it; %s", why, audLoggingRequired)
			}
			l := links[0]
			if l.Refers("targetBucket", b) {
				return policy.Fail("audit bucket (%s): logging configuration %s sends its access logs to the bucket itself; %s",
					why, l.Name, audLoggingRequired)
			}
			switch set, k := netIsSet(l, "targetBucket"); {
			case k == policy.Unknown:
				return policy.Undecided("audit bucket (%s): the targetBucket of logging configuration %s is computed; %s",
					why, l.Name, audLoggingRequired)
			case !set:
				return policy.Fail("audit bucket (%s): logging configuration %s has no targetBucket; %s", why, l.Name, audLoggingRequired)
			}
			return policy.Pass("audit bucket (%s) logs access to another bucket through %s", why, l.Name)
		})
	},
})
