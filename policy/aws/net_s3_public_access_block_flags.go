package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// netPABTwin is the ID of the resource-level twin of PCLZ-AWS-NET-005 and PCLZ-AWS-NET-006.
const netPABTwin = "PCLZ-AWS-NET-015"

// netPABTwinRequired completes the twin's messages.
const netPABTwinRequired = "a public access block must set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and " +
	"restrictPublicBuckets true"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    netPABTwin,
		Title: "S3 public access blocks set all four flags true",
		Description: "The resource-level half of PCLZ-AWS-NET-005 (bucket) and PCLZ-AWS-NET-006 (account), judged " +
			"on each public access block alone so that `pulumi up` refuses a block that leaves a flag off before " +
			"it is created (the engine runs stack rules only after every step). A public access block with any " +
			"of the four flags not true lets an ACL or a bucket policy make data public; there is no sound use " +
			"of one in a police landing zone. Whether every bucket has a block, and whether the foundation " +
			"declares the account's, stays with the stack rules, judged after the resources exist.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "2.3"},
		ResourceTypes: []string{typeS3BucketPublicAccessBlock, typeS3AccountPublicAccessBlock},
		Reads: slices.Concat(policy.Reads(typeS3BucketPublicAccessBlock, netPABFlags...),
			policy.Reads(typeS3AccountPublicAccessBlock, netPABFlags...)),
		Remediation: "Set `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` to " +
			"true explicitly on every aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock and " +
			"aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-bucket-level-public-access-prohibited"},
			{Source: "AWS Config", ID: "s3-account-level-public-access-blocks-periodic"},
			{Source: "Security Hub", ID: "S3.1"},
			{Source: "Security Hub", ID: "S3.8"},
			{Source: "Checkov", ID: "CKV_AWS_53"},
			{Source: "Checkov", ID: "CKV_AWS_54"},
			{Source: "Checkov", ID: "CKV_AWS_55"},
			{Source: "Checkov", ID: "CKV_AWS_56"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result { return netPABOwn(r) },
})

// netPABOwn judges one public access block on its own flags (PCLZ-AWS-NET-015).
func netPABOwn(r *policy.Resource) policy.Result {
	notTrue, unknown := netPABGaps(r)
	switch {
	case len(notTrue) > 0:
		return policy.Fail("public access block leaves %s not true; %s", strings.Join(notTrue, ", "), netPABTwinRequired)
	case len(unknown) > 0:
		return policy.Undecided("public access block has %s computed; %s", strings.Join(unknown, ", "), netPABTwinRequired)
	}
	return policy.Pass("public access block sets all four flags true")
}
