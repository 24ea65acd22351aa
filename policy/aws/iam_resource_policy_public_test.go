package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const iamBucketPolicyDoc = `{"Version":"2012-10-17","Statement":[
 {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::pos-evidence","arn:aws:s3:::pos-evidence/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},
 {"Sid":"AuditRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*"}
]}`

func iamSetDoc(doc string) func([]*policy.Resource, *policy.Context) {
	return func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], doc, "policy") }
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-IAM-008",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeS3BucketPolicy, "evidence-policy", map[string]any{
			"bucket": "pos-evidence",
			"policy": iamBucketPolicyDoc,
		})}
	},
	BaselineMessage: "no statement allows a wildcard principal without a condition",
	Cases: []policytest.Case{
		{
			Name:    "public read",
			Mutate:  iamSetDoc(`{"Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*"}]}`),
			Want:    policy.StatusFail,
			Message: `statement "PublicRead" allows principal * without a Condition; name the principals or restrict the statement with a condition`,
		},
		{
			Name:    "AWS * in a list",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name:    "wildcard principal with an organisation condition",
			Mutate:  iamSetDoc(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}`),
			Want:    policy.StatusPass,
			Message: "no statement allows a wildcard principal without a condition",
		},
		{
			Name: "public KMS key policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeKMSKey, "evidence-key", map[string]any{
					"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}`,
				})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "KMS key without a policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeKMSKey, "evidence-key", map[string]any{"enableKeyRotation": true})
			},
			Want:    policy.StatusNotApplicable,
			Message: "key sets no policy, so AWS's default key policy (the account only) applies",
		},
		{
			Name: "public queue policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeSQSQueuePolicy, "alerts-queue-policy", map[string]any{
					"queueUrl": "https://sqs.eu-west-2.amazonaws.com/111122223333/alerts",
					"policy":   `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}`,
				})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name:    "document computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "policy") },
			Want:    policy.StatusUnknown,
			Message: "policy document is computed; it must not allow a wildcard principal without a condition",
		},
		{
			Name: "principal computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Principal": map[string]any{"AWS": policy.UnknownSentinel}, "Action": "s3:GetObject", "Resource": "*",
				}}}, "policy")
			},
			Want:    policy.StatusUnknown,
			Message: "statement 1 holds computed values; it must not allow a wildcard principal without a condition",
		},
		{
			Name:    "document missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "policy") },
			Want:    policy.StatusNotApplicable,
			Message: "no policy document to check",
		},
		{
			Name:    "document not JSON",
			Mutate:  iamSetDoc(`[`),
			Want:    policy.StatusFail,
			Message: "policy document is not valid JSON",
		},
	},
})
