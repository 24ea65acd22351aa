package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const encTLSPolicyJSON = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "AllowAudit", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/audit"},
     "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::pos-evidence/*"},
    {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
     "Resource": ["arn:aws:s3:::pos-evidence", "arn:aws:s3:::pos-evidence/*"],
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]
}`

// encTLSBaseline is a bucket and its bucket policy, linked by a property dependency (the policy JSON is
// known, as it is when the bucket has an explicit name).
func encTLSBaseline() []*policy.Resource {
	bucket := policytest.AWS(typeS3BucketV2, "evidence", map[string]any{"bucket": "pos-evidence"})
	pol := policytest.AWS(encTypeBucketPolicy, "evidence-policy", map[string]any{
		"bucket": policy.UnknownSentinel,
		"policy": encTLSPolicyJSON,
	})
	policytest.Link(pol, "bucket", bucket)
	return []*policy.Resource{bucket, pol}
}

// encTLSStatement is the deny statement with one field replaced (nil deletes it).
func encTLSStatement(field string, v any) map[string]any {
	st := map[string]any{
		"Effect":    "Deny",
		"Principal": "*",
		"Action":    "s3:*",
		"Resource":  []any{"arn:aws:s3:::pos-evidence", "arn:aws:s3:::pos-evidence/*"},
		"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	}
	if v == nil {
		delete(st, field)
	} else {
		st[field] = v
	}
	return map[string]any{"Version": "2012-10-17", "Statement": st}
}

const encTLSNoStatement = "bucket policy evidence-policy has no statement denying s3:* to all principals when aws:SecureTransport is false; add one"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-ENC-002",
	Resources:       encTLSBaseline,
	Subject:         policytest.URN(typeS3BucketV2, "evidence"),
	BaselineMessage: "bucket policy evidence-policy denies s3:* to all principals when aws:SecureTransport is false",
	Cases: []policytest.Case{
		{
			Name:    "no bucket policy",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = nil },
			Want:    policy.StatusFail,
			Message: "bucket has no bucket policy; add an aws:s3/bucketPolicy:BucketPolicy that denies s3:* to all principals when aws:SecureTransport is false",
		},
		{
			Name: "policy without the deny statement",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}}`, "policy")
			},
			Want:    policy.StatusFail,
			Message: encTLSNoStatement,
		},
		{
			Name: "deny is Allow",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], encTLSStatement("Effect", "Allow"), "policy")
			},
			Want:    policy.StatusFail,
			Message: encTLSNoStatement,
		},
		{
			Name: "deny for one account only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], encTLSStatement("Principal", map[string]any{"AWS": "arn:aws:iam::111122223333:root"}), "policy")
			},
			Want:    policy.StatusFail,
			Message: encTLSNoStatement,
		},
		{
			Name: "deny of PutObject only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], encTLSStatement("Action", []any{"s3:PutObject"}), "policy")
			},
			Want:    policy.StatusFail,
			Message: encTLSNoStatement,
		},
		{
			Name: "condition SecureTransport true",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], encTLSStatement("Condition", map[string]any{"Bool": map[string]any{"aws:SecureTransport": "true"}}), "policy")
			},
			Want:    policy.StatusFail,
			Message: encTLSNoStatement,
		},
		{
			Name: "deny narrowed by a second condition",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], encTLSStatement("Condition", map[string]any{
					"Bool":         map[string]any{"aws:SecureTransport": "false"},
					"StringEquals": map[string]any{"aws:PrincipalAccount": "111122223333"},
				}), "policy")
			},
			Want:    policy.StatusFail,
			Message: encTLSNoStatement,
		},
		{
			Name: "no condition",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], encTLSStatement("Condition", nil), "policy")
			},
			Want:    policy.StatusFail,
			Message: encTLSNoStatement,
		},
		{
			Name:    "policy not JSON",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "{not json", "policy") },
			Want:    policy.StatusFail,
			Message: "bucket policy evidence-policy is not valid JSON; it must deny s3:* to all principals when aws:SecureTransport is false",
		},
		{
			Name:    "policy computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "policy") },
			Want:    policy.StatusUnknown,
			Message: "bucket policy evidence-policy is computed; it must deny s3:* to all principals when aws:SecureTransport is false",
		},
		{
			Name: "policy's bucket computed with no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
			},
			Want:    policy.StatusUnknown,
			Message: "a bucket policy's bucket is computed with no dependency, so it cannot be linked to this bucket; buckets must deny requests where aws:SecureTransport is false",
		},
		{
			Name: "object policy with a computed part and no deny",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": policy.UnknownSentinel,
				}}}, "policy")
			},
			Want:    policy.StatusUnknown,
			Message: "bucket policy evidence-policy has computed parts; it must deny s3:* to all principals when aws:SecureTransport is false",
		},
		{
			Name: "list forms: Principal AWS [*], Action [*], condition value [false], BoolIfExists",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], `{"Statement":[{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["*"],"Resource":"*",`+
					`"Condition":{"BoolIfExists":{"aws:securetransport":["false"]}}}]}`, "policy")
			},
			Want:    policy.StatusPass,
			Message: "bucket policy evidence-policy denies s3:* to all principals when aws:SecureTransport is false",
		},
		{
			Name: "linked by name in exported state",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "pos-evidence", "bucket")
			},
			Want:    policy.StatusPass,
			Message: "bucket policy evidence-policy denies s3:* to all principals when aws:SecureTransport is false",
		},
		{
			Name: "deprecated inline policy on the bucket",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], encTLSPolicyJSON, "policy")
				rs[1] = nil
			},
			Want:    policy.StatusPass,
			Message: "inline bucket policy denies s3:* to all principals when aws:SecureTransport is false",
		},
	},
})
