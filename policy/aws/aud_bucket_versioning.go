package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/policy"
)

const audVersioningRequired = "audit buckets need an aws:s3/bucketVersioningV2 with versioningConfiguration.status " +
	"\"Enabled\""

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-003",
		Title: "Audit log buckets have versioning enabled",
		Description: "Versioning keeps every version of a log object, so an overwrite or delete leaves the " +
			"original recoverable; S3 Object Lock also requires it. Audit buckets are the buckets a CloudTrail " +
			"trail writes to and any bucket tagged Purpose=audit.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13"},
		ResourceTypes: []string{typeS3BucketV2, typeS3BucketVersioningV2},
		Remediation: "For each audit aws:s3/bucketV2:BucketV2 add an aws:s3/bucketVersioningV2:BucketVersioningV2 whose " +
			"`bucket` is the bucket's ID with `versioningConfiguration.status: Enabled`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-bucket-versioning-enabled"},
			{Source: "Security Hub", ID: "S3.14"},
			{Source: "Checkov", ID: "CKV_AWS_21"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeS3BucketVersioningV2, "bucket", "versioningConfiguration.status"),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		return audEachAuditBucket(rs, audVersioningRequired, func(b *policy.Resource, why string) policy.Result {
			links, maybe := audLinked(rs, typeS3BucketVersioningV2, "bucket", b)
			switch {
			case len(links) == 0 && len(maybe) > 0:
				return policy.Undecided("audit bucket (%s): no versioning configuration is linked to it yet and the bucket "+
					"of %s is computed; %s", why, netNames(maybe), audVersioningRequired)
			case len(links) == 0:
				return policy.Fail("audit bucket (%s): no aws:s3/bucketVersioningV2 refers to it; %s", why, audVersioningRequired)
			}
			v := links[0]
			status, k := policy.Str(v.Get("versioningConfiguration", "status"))
			switch {
			case k == policy.Unknown:
				return policy.Undecided("audit bucket (%s): the status of versioning configuration %s is computed; %s",
					why, v.Name, audVersioningRequired)
			case status != "Enabled":
				return policy.Fail("audit bucket (%s): versioning configuration %s has status %s; %s",
					why, v.Name, audQuoteOrUnset(status, k), audVersioningRequired)
			}
			return policy.Pass("audit bucket (%s) has versioning enabled by %s", why, v.Name)
		})
	},
})

// audQuoteOrUnset renders a string value for messages: quoted, or "unset" when absent.
func audQuoteOrUnset(s string, k policy.Known) string {
	if k != policy.Present {
		return "unset"
	}
	return fmt.Sprintf("%q", s)
}
