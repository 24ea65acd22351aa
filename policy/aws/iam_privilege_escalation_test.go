package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// iamDeployDoc is a sound deployment policy: PassRole pinned to the application's execution role.
const iamDeployDoc = `{"Version":"2012-10-17","Statement":[
 {"Sid":"Deploy","Effect":"Allow","Action":["lambda:CreateFunction","lambda:UpdateFunctionCode"],"Resource":"arn:aws:lambda:eu-west-2:111122223333:function:pos-*"},
 {"Sid":"PassExec","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/pos-lambda-exec","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}
]}`

const iamEscalateEnd = " and so reach any permission; scope it to named resources or require a permissions boundary (iam:PermissionsBoundary)"

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-IAM-010",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeIAMPolicy, "deploy", map[string]any{"policy": iamDeployDoc})}
	},
	BaselineMessage: "no privilege-escalation path",
	Cases: []policytest.Case{
		{
			Name:    "PassRole on every role with RunInstances",
			Mutate:  iamSetDoc(`{"Statement":[{"Sid":"Ops","Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}]}`),
			Want:    policy.StatusFail,
			Message: `statement "Ops" allows iam:PassRole with ec2:RunInstances on every resource of its kind, which lets its holder pass any role to compute it creates and so act as that role` + iamEscalateEnd,
		},
		{
			Name:    "PassRole on the account's roles with CreateFunction",
			Mutate:  iamSetDoc(`{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/*"},{"Effect":"Allow","Action":"lambda:CreateFunction","Resource":"arn:aws:lambda:eu-west-2:111122223333:function:pos-*"}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:PassRole with lambda:CreateFunction on every resource of its kind, which lets its holder pass any role to compute it creates and so act as that role" + iamEscalateEnd,
		},
		{
			Name:    "CreatePolicyVersion",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:CreatePolicyVersion on every resource of its kind, which lets its holder write a new default version of any managed policy" + iamEscalateEnd,
		},
		{
			Name:    "SetDefaultPolicyVersion by wildcard",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"iam:SetDefault*","Resource":"arn:aws:iam::111122223333:policy/*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:SetDefaultPolicyVersion on every resource of its kind, which lets its holder make any stored version of a managed policy the default" + iamEscalateEnd,
		},
		{
			Name:    "AttachRolePolicy any case",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"IAM:attachrolepolicy","Resource":"*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:AttachRolePolicy on every resource of its kind, which lets its holder attach any policy, AdministratorAccess included, to any role" + iamEscalateEnd,
		},
		{
			Name:    "PutUserPolicy",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::111122223333:user/*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:PutUserPolicy on every resource of its kind, which lets its holder write any inline policy into any user" + iamEscalateEnd,
		},
		{
			Name:    "UpdateAssumeRolePolicy",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:UpdateAssumeRolePolicy on every resource of its kind, which lets its holder make any role trust itself" + iamEscalateEnd,
		},
		{
			Name:    "CreateAccessKey on every user",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:CreateAccessKey on every resource of its kind, which lets its holder create access keys for any user" + iamEscalateEnd,
		},
		{
			Name:    "CreateAccessKey on the caller's own user",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/${aws:username}"}}`),
			Want:    policy.StatusPass,
			Message: "no privilege-escalation path",
		},
		{
			Name:    "attach within a permissions boundary",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":["iam:AttachRolePolicy","iam:PutRolePolicy"],"Resource":"*","Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::111122223333:policy/workload-boundary"}}}}`),
			Want:    policy.StatusPass,
			Message: "no privilege-escalation path",
		},
		{
			Name:    "an exact deny cancels",
			Mutate:  iamSetDoc(`{"Statement":[{"Effect":"Allow","Action":"iam:*Policy*","Resource":"*"},{"Effect":"Deny","Action":["iam:Create*","iam:Attach*","iam:Put*","iam:Set*","iam:Update*"],"Resource":"*"}]}`),
			Want:    policy.StatusPass,
			Message: "no privilege-escalation path",
		},
		{
			Name:    "administrator access is IAM-001's",
			Mutate:  iamSetDoc(iamAdminDoc),
			Want:    policy.StatusNotApplicable,
			Message: "the document is administrator access, which PCLZ-AWS-IAM-001 decides",
		},
		{
			Name: "inline policy of a role",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeIAMRole, "ops", map[string]any{"inlinePolicies": []any{
					map[string]any{"name": "read", "policy": iamReadOnlyDoc},
					map[string]any{"name": "keys", "policy": `{"Statement":{"Effect":"Allow","Action":"iam:CreateLoginProfile","Resource":"*"}}`},
				}})
			},
			Want:    policy.StatusFail,
			Message: `inline policy "keys": statement 1 allows iam:CreateLoginProfile on every resource of its kind, which lets its holder set a console password for any user` + iamEscalateEnd,
		},
		{
			Name: "break-glass role",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeIAMRole, "bg", map[string]any{"tags": map[string]any{"BreakGlass": "true"}, "inlinePolicies": []any{
					map[string]any{"name": "keys", "policy": `{"Statement":{"Effect":"Allow","Action":"iam:CreateLoginProfile","Resource":"*"}}`},
				}})
			},
			Want:    policy.StatusNotApplicable,
			Message: "break-glass role (tag BreakGlass=true) is exempt",
		},
		{
			Name: "permission set inline policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeSSOPermissionSetInlinePolicy, "ps", map[string]any{"inlinePolicy": `{"Statement":{"Effect":"Allow","Action":"iam:AddUserToGroup","Resource":"*"}}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows iam:AddUserToGroup on every resource of its kind, which lets its holder join any group" + iamEscalateEnd,
		},
		{
			Name:    "resource computed",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Action":"iam:PutRolePolicy","Resource":"` + policy.UnknownSentinel + `"}}`),
			Want:    policy.StatusUnknown,
			Message: "statement 1 holds computed values; iam:PutRolePolicy must not be allowed on every resource",
		},
		{
			Name:    "document computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "policy") },
			Want:    policy.StatusUnknown,
			Message: "policy document is computed; it must hold no privilege-escalation path",
		},
		{
			Name:    "document not JSON",
			Mutate:  iamSetDoc(`{`),
			Want:    policy.StatusFail,
			Message: "policy document is not valid JSON",
		},
	},
})
