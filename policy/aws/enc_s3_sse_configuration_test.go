package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// encSSEConfigBaseline is the encryption configuration of encS3KMSBaseline as the engine sends it to a
// resource policy before creating it: alone, its key computed and linked to the stack's KMS key.
func encSSEConfigBaseline() []*policy.Resource {
	return encS3KMSBaseline()[2:3]
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          encSSEConfigTwin,
	Resources:       encSSEConfigBaseline,
	BaselineMessage: "bucket encrypted with customer KMS key evidence-key (aws:kms/key:Key) and bucket keys",
	Cases: []policytest.Case{
		{
			Name: "sse algorithm AES256 is left to the stack rule",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "AES256", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusNotApplicable,
			Message: encSSEAES256Deferred,
		},
		{
			Name: "a second rule with the AWS-managed key beside AES256",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{
					map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "AES256"}},
					map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "aws:kms"}, "bucketKeyEnabled": true},
				}, "rules")
				rs[0].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusFail,
			Message: "kmsMasterKeyId is not set, so the AWS-managed aws/s3 key is used; set it to a customer-managed KMS key",
		},
		{
			Name: "sse algorithm missing",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusFail,
			Message: "sse algorithm is not set; buckets must use aws:kms with a customer-managed KMS key",
		},
		{
			Name: "another algorithm",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "aws:fsx", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusFail,
			Message: `sse algorithm "aws:fsx" is not aws:kms; buckets must use a customer-managed KMS key`,
		},
		{
			Name: "kms key not set (AWS-managed aws/s3)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
				rs[0].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusFail,
			Message: "kmsMasterKeyId is not set, so the AWS-managed aws/s3 key is used; set it to a customer-managed KMS key",
		},
		{
			Name: "kms key alias/aws/s3",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "alias/aws/s3", "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
				rs[0].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusFail,
			Message: `kmsMasterKeyId "alias/aws/s3" is an AWS-managed key; set it to a customer-managed KMS key`,
		},
		{
			Name: "kms key not a key reference",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "not a key", "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
				rs[0].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusFail,
			Message: `kmsMasterKeyId "not a key" is not a KMS key ID, key ARN, alias or alias ARN; set it to a customer-managed KMS key`,
		},
		{
			Name: "bucket keys off",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "rules", 0, "bucketKeyEnabled")
			},
			Want:    policy.StatusFail,
			Message: "bucketKeyEnabled is not true; set it to true so that S3 uses bucket keys with the customer KMS key",
		},
		{
			Name:    "empty rules",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], []any{}, "rules") },
			Want:    policy.StatusFail,
			Message: "encryption configuration has no rules; add one with sseAlgorithm aws:kms, a customer-managed KMS key and bucketKeyEnabled true",
		},
		{
			Name:    "rules computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "rules") },
			Want:    policy.StatusUnknown,
			Message: "encryption rules are computed; buckets must use aws:kms with a customer-managed KMS key",
		},
		{
			Name: "sse algorithm computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			},
			Want:    policy.StatusUnknown,
			Message: "sse algorithm is computed; buckets must use aws:kms with a customer-managed KMS key",
		},
		{
			Name:    "kms key computed, not from a KMS key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].PropertyDependencies["rules"] = nil },
			Want:    policy.StatusUnknown,
			Message: "kmsMasterKeyId is computed and does not come from a KMS key of this stack; buckets must use a customer-managed KMS key",
		},
		{
			Name: "bucket keys computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "rules", 0, "bucketKeyEnabled")
			},
			Want:    policy.StatusUnknown,
			Message: "bucketKeyEnabled is computed; it must be true",
		},
		{
			Name: "key ARN known, no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies["rules"] = nil
				policytest.Set(rs[0], encS3KeyARN, "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
			},
			Want:    policy.StatusPass,
			Message: `bucket encrypted with customer KMS key "` + encS3KeyARN + `" and bucket keys`,
		},
		{
			Name: "dual-layer SSE-KMS without bucket keys",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "aws:kms:dsse", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
				policytest.Delete(rs[0], "rules", 0, "bucketKeyEnabled")
			},
			Want:    policy.StatusPass,
			Message: "bucket encrypted with dual-layer SSE-KMS and customer KMS key evidence-key (aws:kms/key:Key)",
		},
	},
})

// TestENC001DefersToTwin: over a whole stack, a fault the twin reports gives one finding (the twin's, on
// the configuration), and the stack rule still alone judges AES256 and absence.
func TestENC001DefersToTwin(t *testing.T) {
	t.Parallel()
	run := func(mutate func(rs []*policy.Resource)) map[string]policy.Status {
		rs := encS3KMSBaseline()
		mutate(rs)
		var live []*policy.Resource
		for _, r := range rs {
			if r != nil {
				live = append(live, r)
			}
		}
		ev := policy.Evaluate(policy.NewContext("fixture", "platinum"), live, policy.Options{Rules: Rules(), StackRules: StackRules(), FixedContext: true})
		out := map[string]policy.Status{}
		for _, f := range ev.Findings {
			if f.RuleID == "PCLZ-AWS-ENC-001" || f.RuleID == encSSEConfigTwin {
				out[f.RuleID+" "+f.ResourceName] = f.Status
			}
		}
		return out
	}
	bucketKeyOff := run(func(rs []*policy.Resource) { policytest.Set(rs[2], false, "rules", 0, "bucketKeyEnabled") })
	assert.Equal(t, map[string]policy.Status{
		"PCLZ-AWS-ENC-001 evidence":        policy.StatusNotApplicable,
		"PCLZ-AWS-ENC-001 access-logs":     policy.StatusPass, // AES256 on the access log target: the stack rule decides it
		"PCLZ-AWS-ENC-018 evidence-sse":    policy.StatusFail,
		"PCLZ-AWS-ENC-018 access-logs-sse": policy.StatusNotApplicable,
	}, bucketKeyOff)
	aes := run(func(rs []*policy.Resource) {
		policytest.Set(rs[2], "AES256", "rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
	})
	assert.Equal(t, policy.StatusFail, aes["PCLZ-AWS-ENC-001 evidence"])
	assert.Equal(t, policy.StatusNotApplicable, aes["PCLZ-AWS-ENC-018 evidence-sse"])
}
