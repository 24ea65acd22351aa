package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// netPABFlags are the four public access block flags, all of which must be true.
var netPABFlags = []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"}

// netPABGaps returns the public access block flags of r that are not true, and those that are computed.
func netPABGaps(r *policy.Resource) (notTrue, unknown []string) {
	for _, f := range netPABFlags {
		on, k := policy.Bool(r.Get(f))
		switch {
		case k == policy.Unknown:
			unknown = append(unknown, f)
		case !on:
			notTrue = append(notTrue, f)
		}
	}
	return notTrue, unknown
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-005",
		Title: "Every S3 bucket has a public access block with all four settings on",
		Description: "An S3 bucket made public by an ACL or bucket policy publishes police data to the internet. " +
			"A bucket-level public access block with all four settings true stops any ACL or policy from " +
			"making the bucket public, whatever else changes later. Judged before create by the twin " +
			"PCLZ-AWS-NET-015 (each block's four flags, on the block itself); judged here, only after the " +
			"resources exist: a bucket with no public access block. A bucket whose blocks the twin reports is " +
			"not applicable here, so one fault gives one finding.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "2.3"},
		ResourceTypes: []string{typeS3BucketV2, typeS3BucketPublicAccessBlock},
		Reads:         policy.Reads(typeS3BucketPublicAccessBlock, "bucket", "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"),
		Remediation: "For every aws:s3/bucketV2:BucketV2 create an aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock " +
			"whose `bucket` is the bucket's ID (`bucket.ID()`, so that the link is visible at preview) with " +
			"`blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` all set to " +
			"true explicitly.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-bucket-level-public-access-prohibited"},
			{Source: "Security Hub", ID: "S3.8"},
			{Source: "Checkov", ID: "CKV_AWS_53"},
			{Source: "Checkov", ID: "CKV_AWS_54"},
			{Source: "Checkov", ID: "CKV_AWS_55"},
			{Source: "Checkov", ID: "CKV_AWS_56"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		const required = "every bucket needs an aws:s3/bucketPublicAccessBlock with blockPublicAcls, " +
			"blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true"
		var out []policy.Result
		for _, b := range netOfType(rs, typeS3BucketV2) {
			out = append(out, netWithURN(netCheckBucketPAB(rs, b, required), b.URN))
		}
		return out
	},
})

func netCheckBucketPAB(rs []*policy.Resource, b *policy.Resource, required string) policy.Result {
	pabs := netBucketReferrers(rs, typeS3BucketPublicAccessBlock, "bucket", b)
	if len(pabs) == 0 {
		if unlinked := netUnlinked(rs, typeS3BucketPublicAccessBlock, "bucket"); len(unlinked) > 0 {
			return policy.Undecided("no public access block is linked to this bucket and the bucket of %s is "+
				"computed; %s", netNames(unlinked), required)
		}
		return policy.Fail("no public access block refers to this bucket; %s", required)
	}
	for _, p := range pabs {
		if notTrue, unk := netPABGaps(p); len(notTrue) == 0 && len(unk) == 0 {
			return policy.Pass("public access block %s sets all four flags true", p.Name)
		}
	}
	// Every linked block leaves a flag off or computed: PCLZ-AWS-NET-015 reports each on the block itself.
	return policy.JudgedByTwin("public access block", netPABTwin, pabs)
}

// netNames lists resources' names for messages.
func netNames(rs []*policy.Resource) string {
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		names = append(names, r.Name)
	}
	return strings.Join(names, ", ")
}
