package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-008",
		Title: "Resource policies do not allow anyone without a condition",
		Description: "A resource policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}) with no " +
			"Condition opens the bucket, key, topic or queue to every AWS account and, for some services, " +
			"to anonymous callers. The policy input of aws:s3/bucketPolicy:BucketPolicy, aws:kms/key:Key, " +
			"aws:sns/topicPolicy:TopicPolicy and aws:sqs/queuePolicy:QueuePolicy must have no such Allow " +
			"statement. Deny statements with a wildcard principal (the TLS-only deny) are fine.",
		Pack:        policy.PackIdentity,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"9", "11"},
		ResourceTypes: []string{
			typeS3BucketPolicy, typeKMSKey, typeSNSTopicPolicy, typeSQSQueuePolicy,
		},
		Remediation: "Name the principals (account or role ARNs, service principals) in every Allow statement, or " +
			"restrict a wildcard principal with a Condition such as aws:PrincipalOrgID, aws:SourceAccount, " +
			"aws:SourceArn or aws:SourceVpce.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AWS_70"},
			{Source: "Checkov", ID: "CKV_AWS_33"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		stmts, k, err := iamDocument(r.Get("policy"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("policy document is computed; it must not allow a wildcard principal without a condition")
		case k == policy.Absent && r.Type == typeKMSKey:
			return policy.NotApplicable("key sets no policy, so AWS's default key policy (the account only) applies")
		case k == policy.Absent:
			return policy.NotApplicable("no policy document to check")
		case err != nil:
			return policy.Fail("%v", err)
		}
		unknown := ""
		for _, s := range stmts {
			if s.iamAllows() && !s.iamHasCondition() && iamPublicPrincipal(s) {
				return policy.Fail("statement %s allows principal * without a Condition; name the principals or restrict the statement with a condition", s.Label)
			}
			if s.Unknown && unknown == "" {
				unknown = s.Label
			}
		}
		if unknown != "" {
			return policy.Undecided("statement %s holds computed values; it must not allow a wildcard principal without a condition", unknown)
		}
		return policy.Pass("no statement allows a wildcard principal without a condition")
	},
})

// iamPublicPrincipal reports whether the statement's principal is "*" or {"AWS": "*"} (alone or in a
// list).
func iamPublicPrincipal(s iamStatement) bool {
	for _, p := range s.iamPrincipals("AWS") {
		if p == "*" {
			return true
		}
	}
	return false
}
