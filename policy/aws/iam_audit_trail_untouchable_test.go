package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// tamperFixture is ssoFixture with the organisation trail naming the audit bucket and key ([4]) and a
// role people assume ([5]) with a read-only policy.
func tamperFixture() []*policy.Resource {
	rs := ssoFixture()
	trail := policytest.AWS(typeCloudTrailTrail, "org-trail", map[string]any{
		"s3BucketName": "pos-log-archive", "kmsKeyId": "arn:aws:kms:eu-west-2:222233334444:key/0b6a2b8e-1111-4222-8333-444455556666",
		"isOrganizationTrail": true,
	})
	role := policytest.AWS(typeIAMRole, "support", map[string]any{
		"name":              "support",
		"assumeRolePolicy":  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`,
		"managedPolicyArns": []any{"arn:aws:iam::aws:policy/ReadOnlyAccess"},
	})
	return append(rs, trail, role)
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-014",
	Resources:       tamperFixture,
	Subject:         policytest.URN(typeSSOPermissionSet, "ps-operator"),
	BaselineMessage: "permission set ps-operator cannot stop or change the trails, change the audit bucket or its objects, or destroy the audit keys",
	Cases: []policytest.Case{
		{
			Name: "no explicit Deny of trail changes",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], `{"Version":"2012-10-17","Statement":[{"Sid":"Trails","Effect":"Allow","Action":"cloudtrail:*","Resource":"*"}]}`, "inlinePolicy")
			},
			Want: policy.StatusFail,
			Message: "permission set ps-operator allows cloudtrail:StopLogging on any trail (statement \"Trails\"), cloudtrail:DeleteTrail on any trail (statement \"Trails\"), " +
				"cloudtrail:UpdateTrail on any trail (statement \"Trails\") and cloudtrail:PutEventSelectors on any trail (statement \"Trails\") without an explicit Deny; " + iamAuditTrailRequired,
		},
		{
			Name: "the bucket Deny names another bucket",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], "pos-other-archive", "s3BucketName")
			},
			Want: policy.StatusFail,
			Message: "permission set ps-operator allows s3:DeleteBucket on the audit bucket pos-other-archive (statement \"Operate\"), s3:DeleteBucketPolicy on the audit bucket pos-other-archive (statement \"Operate\"), " +
				"s3:PutBucketPolicy on the audit bucket pos-other-archive (statement \"Operate\"), s3:PutLifecycleConfiguration on the audit bucket pos-other-archive (statement \"Operate\"), " +
				"s3:PutBucketVersioning on the audit bucket pos-other-archive (statement \"Operate\"), s3:PutBucketObjectLockConfiguration on the audit bucket pos-other-archive (statement \"Operate\"), " +
				"s3:DeleteObject on the audit bucket pos-other-archive (statement \"Operate\"), s3:DeleteObjectVersion on the audit bucket pos-other-archive (statement \"Operate\") " +
				"and s3:BypassGovernanceRetention on the audit bucket pos-other-archive (statement \"Operate\") without an explicit Deny; " + iamAuditTrailRequired,
		},
		{
			Name: "an unreadable AWS managed policy and no Deny",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "inlinePolicy")
				policytest.Set(rs[2], "arn:aws:iam::aws:policy/AmazonS3FullAccess", "managedPolicyArn")
			},
			Want:    policy.StatusUnknown,
			Message: "permission set ps-operator holds managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess, which this rule cannot read, and no explicit Deny covers " + iamTamperAll("the audit bucket pos-log-archive", "the audit key 0b6a2b8e-1111-4222-8333-444455556666") + "; " + iamAuditTrailRequired,
		},
		{
			Name: "AdministratorAccess cancelled by the explicit Deny",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "arn:aws:iam::aws:policy/AdministratorAccess", "managedPolicyArn")
			},
			Want:    policy.StatusPass,
			Message: "permission set ps-operator cannot stop or change the trails, change the audit bucket or its objects, or destroy the audit keys",
		},
		{
			Name: "a role people assume may schedule key deletion",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[5], []any{map[string]any{"name": "keys", "policy": `{"Version":"2012-10-17","Statement":[{"Sid":"Keys","Effect":"Allow","Action":"kms:ScheduleKeyDeletion","Resource":"arn:aws:kms:*:*:key/*"}]}`}}, "inlinePolicies")
			},
			Subject: policytest.URN(typeIAMRole, "support"),
			Want:    policy.StatusFail,
			Message: "role support allows kms:ScheduleKeyDeletion on the audit key 0b6a2b8e-1111-4222-8333-444455556666 (statement \"Keys\") without an explicit Deny; " + iamAuditTrailRequired,
		},
		{
			Name:    "a read-only role people assume",
			Subject: policytest.URN(typeIAMRole, "support"),
			Want:    policy.StatusPass,
			Message: "role support cannot stop or change the trails, change the audit bucket or its objects, or destroy the audit keys",
		},
	},
})

// iamTamperAll lists every tamper action on the trails, bucket and key, as PCLZ-AWS-IAM-014 names them.
func iamTamperAll(bucket, key string) string {
	var parts []string
	for _, a := range iamTrailTamper {
		parts = append(parts, a+" on any trail")
	}
	for _, a := range append(append([]string{}, iamBucketTamper...), iamObjectTamper...) {
		parts = append(parts, a+" on "+bucket)
	}
	for _, a := range iamKeyTamper {
		parts = append(parts, a+" on "+key)
	}
	return netAnd(parts)
}
