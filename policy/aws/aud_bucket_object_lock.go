package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

const audObjectLockRequired = "audit buckets need objectLockEnabled true and an " +
	"aws:s3/bucketObjectLockConfigurationV2 with a COMPLIANCE-mode default retention at least as long as the " +
	"log retention"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-002",
		Title: "Audit log buckets use S3 Object Lock in COMPLIANCE mode for at least the log retention period",
		Description: "Audit logs are evidence. With Object Lock in COMPLIANCE mode no one, the account root " +
			"included, can delete or overwrite a log object before its retention ends, so an intruder or an " +
			"insider cannot erase their tracks. Audit buckets are the buckets a CloudTrail trail writes to and " +
			"any bucket tagged Purpose=audit.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeS3BucketV2, typeS3BucketObjectLockConfigurationV2},
		Remediation: "Create each audit aws:s3/bucketV2:BucketV2 (tag `Purpose=audit`; any bucket named by a trail's " +
			"`s3BucketName` counts too) with `objectLockEnabled: true`, and add an " +
			"aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2 whose `bucket` is the " +
			"bucket's ID with `rule.defaultRetention.mode: COMPLIANCE` and `rule.defaultRetention.days` (or " +
			"`years`) of at least the profile's log retention (400 days; in the foundation, the strictest " +
			"tier's).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-bucket-default-lock-enabled"},
			{Source: "Security Hub", ID: "S3.15"},
			{Source: "Checkov", ID: "CKV_AWS_143"},
		},
		Waivable: true,
		Reads: slices.Concat(policy.Reads(typeS3BucketV2, "objectLockEnabled"),
			policy.Reads(typeS3BucketObjectLockConfigurationV2, "bucket", "rule.defaultRetention.mode", "rule.defaultRetention.days",
				"rule.defaultRetention.years")),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		return audEachAuditBucket(rs, audObjectLockRequired, func(b *policy.Resource, why string) policy.Result {
			return audCheckObjectLock(ctx, rs, b, why)
		})
	},
})

func audCheckObjectLock(ctx *policy.Context, rs []*policy.Resource, b *policy.Resource, why string) policy.Result {
	var bad, unknown []string
	switch on, k := policy.Bool(b.Get("objectLockEnabled")); {
	case k == policy.Unknown:
		unknown = append(unknown, "objectLockEnabled is computed")
	case k == policy.Absent:
		bad = append(bad, "objectLockEnabled is not set (object lock can only be turned on when the bucket is created)")
	case !on:
		bad = append(bad, "objectLockEnabled is false")
	}
	mode, days := "", 0
	links, maybe := audLinked(rs, typeS3BucketObjectLockConfigurationV2, "bucket", b)
	switch {
	case len(links) > 0:
		c := links[0]
		m, mk := policy.Str(c.Get("rule", "defaultRetention", "mode"))
		switch {
		case mk == policy.Unknown:
			unknown = append(unknown, fmt.Sprintf("the mode of object lock configuration %s is computed", c.Name))
		case mk == policy.Absent:
			bad = append(bad, fmt.Sprintf("object lock configuration %s sets no default retention mode", c.Name))
		case !strings.EqualFold(m, "COMPLIANCE"):
			bad = append(bad, fmt.Sprintf("object lock configuration %s uses mode %s, not COMPLIANCE", c.Name, m))
		default:
			mode = "COMPLIANCE"
		}
		d, dk := netInt(c.Get("rule", "defaultRetention", "days"))
		y, yk := netInt(c.Get("rule", "defaultRetention", "years"))
		minDays, whose, ok := audRetention(ctx)
		switch {
		case dk == policy.Unknown || yk == policy.Unknown:
			unknown = append(unknown, fmt.Sprintf("the retention of object lock configuration %s is computed", c.Name))
		case dk == policy.Absent && yk == policy.Absent:
			bad = append(bad, fmt.Sprintf("object lock configuration %s sets no default retention period", c.Name))
		case !ok:
			unknown = append(unknown, "the stack's tier is not known, so the required retention is not known")
		default:
			days = max(d, y*365)
			if days < minDays {
				bad = append(bad, fmt.Sprintf("object lock configuration %s retains for %d days, less than the %d days "+
					"%s requires", c.Name, days, minDays, whose))
			}
		}
	case len(maybe) > 0:
		unknown = append(unknown, fmt.Sprintf("no object lock configuration is linked to this bucket yet and the bucket "+
			"of %s is computed", netNames(maybe)))
	default:
		bad = append(bad, "no aws:s3/bucketObjectLockConfigurationV2 refers to this bucket")
	}
	switch {
	case len(bad) > 0:
		return policy.Fail("audit bucket (%s): %s; %s", why, netJoin(bad), audObjectLockRequired)
	case len(unknown) > 0:
		return policy.Undecided("audit bucket (%s): %s; %s", why, netJoin(unknown), audObjectLockRequired)
	}
	return policy.Pass("audit bucket (%s) has object lock in %s mode with a %d-day default retention", why, mode, days)
}
