package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-006",
		Title: "The foundation blocks S3 public access for the whole account",
		Description: "The account-level S3 public access block overrides every bucket's own settings, so that no " +
			"bucket in the account (including one created outside Pulumi) can be made public. The foundation " +
			"stack sets it once for the account. Judged before create by the twin PCLZ-AWS-NET-015 (the block's " +
			"four flags, on the block itself); judged here, only after the resources exist: whether the " +
			"foundation declares the block at all. A stack whose blocks the twin reports is not applicable " +
			"here, so one fault gives one finding.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "2.3"},
		ResourceTypes: []string{typeS3AccountPublicAccessBlock},
		Reads:         policy.Reads(typeS3AccountPublicAccessBlock, "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"),
		Remediation: "In the foundation stack create one aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock with " +
			"`blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` all set to " +
			"true explicitly.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-account-level-public-access-blocks"},
			{Source: "Security Hub", ID: "S3.1"},
		},
		Waivable: true,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		const required = "the foundation must create an aws:s3/accountPublicAccessBlock with blockPublicAcls, " +
			"blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true"
		switch netStackRole(ctx) {
		case netRoleTier:
			return []policy.Result{policy.NotApplicable("tier stack; the account-level public access block is set by the foundation")}
		case "":
			return []policy.Result{policy.Undecided("the stack's role is not known; %s", required)}
		}
		blocks := netOfType(rs, typeS3AccountPublicAccessBlock)
		if len(blocks) == 0 {
			return []policy.Result{policy.Fail("no account-level public access block in the foundation; %s", required)}
		}
		for _, b := range blocks {
			if notTrue, unk := netPABGaps(b); len(notTrue) == 0 && len(unk) == 0 {
				return []policy.Result{policy.Pass("account public access block %s sets all four flags true", b.Name)}
			}
		}
		// Every block leaves a flag off or computed: PCLZ-AWS-NET-015 reports each on the block itself.
		return []policy.Result{policy.JudgedByTwin("account public access block", netPABTwin, blocks)}
	},
})
