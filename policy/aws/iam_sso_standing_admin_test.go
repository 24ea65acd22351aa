package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// ssoFixture is a permission set with an inline policy, a managed attachment and an assignment to a
// group: resources [0] set, [1] inline policy, [2] managed attachment, [3] assignment.
func ssoFixture() []*policy.Resource {
	ps := policytest.AWS(typeSSOPermissionSet, "ps-operator", map[string]any{
		"instanceArn": "arn:aws:sso:::instance/ssoins-1234567890abcdef", "name": "pos-gold-operator", "sessionDuration": "PT4H",
	})
	inline := policytest.AWS(typeSSOPermissionSetInlinePolicy, "ps-operator-inline", map[string]any{
		"permissionSetArn": policy.UnknownSentinel,
		"inlinePolicy": `{"Version":"2012-10-17","Statement":[` +
			`{"Sid":"Operate","Effect":"Allow","Action":["ec2:StartInstances","ec2:StopInstances","s3:*","kms:*"],"Resource":"*"},` +
			`{"Sid":"DenyAuditTrailChanges","Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail","cloudtrail:PutEventSelectors"],"Resource":"*"},` +
			`{"Sid":"DenyLogArchiveChanges","Effect":"Deny","Action":["s3:DeleteObject","s3:DeleteObjectVersion","s3:DeleteBucket","s3:DeleteBucketPolicy","s3:PutBucketPolicy","s3:PutLifecycleConfiguration","s3:PutBucketObjectLockConfiguration","s3:PutBucketVersioning","s3:BypassGovernanceRetention"],"Resource":["arn:aws:s3:::pos-log-archive","arn:aws:s3:::pos-log-archive/*"]},` +
			`{"Sid":"DenyKeyDestruction","Effect":"Deny","Action":["kms:ScheduleKeyDeletion","kms:DisableKey","kms:PutKeyPolicy"],"Resource":"*"}]}`,
	})
	policytest.SetComputed(inline, "permissionSetArn")
	policytest.Link(inline, "permissionSetArn", ps)
	managed := policytest.AWS(typeSSOManagedPolicyAttachment, "ps-operator-managed", map[string]any{
		"managedPolicyArn": "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
	})
	policytest.SetComputed(managed, "permissionSetArn")
	policytest.Link(managed, "permissionSetArn", ps)
	assign := policytest.AWS(typeSSOAccountAssignment, "assign-operator-gold", map[string]any{
		"principalType": "GROUP", "principalId": "906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f904",
		"targetType": "AWS_ACCOUNT", "targetId": "111111111111",
	})
	policytest.SetComputed(assign, "permissionSetArn")
	policytest.Link(assign, "permissionSetArn", ps)
	return []*policy.Resource{ps, inline, managed, assign}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-012",
	Resources:       ssoFixture,
	Subject:         policytest.URN(typeSSOAccountAssignment, "assign-operator-gold"),
	BaselineMessage: "permission set ps-operator grants no administrator access",
	Cases: []policytest.Case{
		{
			Name: "AdministratorAccess attached",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "arn:aws:iam::aws:policy/AdministratorAccess", "managedPolicyArn")
			},
			Want:    policy.StatusFail,
			Message: "gives GROUP 906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f904 permission set ps-operator, whose AWS managed policy AdministratorAccess grants administrator access, for as long as the assignment exists; " + iamStandingAdmin,
		},
		{
			Name: "inline policy allows everything",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], `{"Version":"2012-10-17","Statement":[{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]}`, "inlinePolicy")
			},
			Want:    policy.StatusFail,
			Message: "gives GROUP 906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f904 permission set ps-operator, whose inline policy ps-operator-inline grants administrator access, for as long as the assignment exists; " + iamStandingAdmin,
		},
		{
			Name:    "managed ARN computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[2], "managedPolicyArn") },
			Want:    policy.StatusUnknown,
			Message: "permission set ps-operator holds a managed policy whose ARN is computed, which this rule cannot read; " + iamStandingAdmin,
		},
		{
			Name: "permission set not in the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies = nil
				policytest.Set(rs[3], "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef", "permissionSetArn")
			},
			Want:    policy.StatusUnknown,
			Message: "assigns permission set arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef, which is not in the stack, so what it grants is not known; " + iamStandingAdmin,
		},
		{
			Name:    "permission set computed and unlinked",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[3].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "permissionSetArn is computed and comes from no permission set in the stack; " + iamStandingAdmin,
		},
	},
})
