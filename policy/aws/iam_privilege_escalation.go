package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// iamEscalationWhy says what each escalation path's first action lets its holder do.
var iamEscalationWhy = map[string]string{
	"iam:CreatePolicyVersion":     "write a new default version of any managed policy",
	"iam:SetDefaultPolicyVersion": "make any stored version of a managed policy the default",
	"iam:AttachUserPolicy":        "attach any policy, AdministratorAccess included, to any user",
	"iam:AttachGroupPolicy":       "attach any policy, AdministratorAccess included, to any group",
	"iam:AttachRolePolicy":        "attach any policy, AdministratorAccess included, to any role",
	"iam:PutUserPolicy":           "write any inline policy into any user",
	"iam:PutGroupPolicy":          "write any inline policy into any group",
	"iam:PutRolePolicy":           "write any inline policy into any role",
	"iam:UpdateAssumeRolePolicy":  "make any role trust itself",
	"iam:CreateAccessKey":         "create access keys for any user",
	"iam:CreateLoginProfile":      "set a console password for any user",
	"iam:UpdateLoginProfile":      "reset the console password of any user",
	"iam:AddUserToGroup":          "join any group",
	"iam:PassRole":                "pass any role to compute it creates and so act as that role",
}

var iamEscalationTypes = []string{typeIAMPolicy, typeIAMRolePolicy, typeIAMUserPolicy, typeIAMGroupPolicy, typeIAMRole, typeSSOPermissionSetInlinePolicy}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-010",
		Title: "Customer policies hold no privilege-escalation path",
		Description: "Some permissions let an identity raise its own privileges to administrator without ever " +
			"being granted administrator access: on every policy, user, group or role, " +
			"iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:Attach{User,Group,Role}Policy, " +
			"iam:Put{User,Group,Role}Policy, iam:UpdateAssumeRolePolicy, iam:CreateAccessKey, " +
			"iam:CreateLoginProfile, iam:UpdateLoginProfile, iam:AddUserToGroup; and iam:PassRole on every " +
			"role together with a way to run code as that role (ec2:RunInstances, lambda:CreateFunction, " +
			"cloudformation:CreateStack, glue:CreateDevEndpoint). Actions are matched as AWS matches them " +
			"(wildcards, any case, NotAction), resources as every role/user/group/policy of the account " +
			"(\"*\" or \"arn:aws:iam::<account>:role/*\"); an exact Deny cancels, and an Allow conditioned on " +
			"iam:PermissionsBoundary or iam:PolicyARN (delegated administration within a boundary) does not " +
			"count. Documents that are administrator access outright are PCLZ-AWS-IAM-001's to decide. Read " +
			"on aws:iam/policy, rolePolicy, userPolicy, groupPolicy, Role inlinePolicies and " +
			"aws:ssoadmin/permissionSetInlinePolicy; the break-glass role (tag BreakGlass=true) is exempt.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: iamEscalationTypes,
		Remediation: "Scope the IAM write actions and iam:PassRole to the named resources the job needs " +
			"(arn:aws:iam::<account>:role/<name>), or require a permissions boundary on what the identity " +
			"creates (Condition StringEquals iam:PermissionsBoundary).",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AWS_286"},
			{Source: "Prowler", ID: "iam_policy_allows_privilege_escalation"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeIAMPolicy, "policy"),
			policy.Reads(typeIAMRolePolicy, "policy"),
			policy.Reads(typeIAMUserPolicy, "policy"),
			policy.Reads(typeIAMGroupPolicy, "policy"),
			policy.Reads(typeIAMRole, "inlinePolicies", "inlinePolicies.policy", "tags"),
			policy.Reads(typeSSOPermissionSetInlinePolicy, "inlinePolicy"),
		),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		switch r.Type {
		case typeIAMRole:
			return iamEscalationRole(r)
		case typeSSOPermissionSetInlinePolicy:
			return iamEscalationDoc(r.Get("inlinePolicy"), "")
		}
		return iamEscalationDoc(r.Get("policy"), "")
	},
})

func iamEscalationRole(r *policy.Resource) policy.Result {
	if bg, k := iamIsBreakGlass(r); k == policy.Present && bg {
		return policy.NotApplicable("break-glass role (tag BreakGlass=true) is exempt")
	}
	fail, undecided, n, computed := iamEachInline(r, iamEscalationDoc)
	switch {
	case computed:
		return policy.Undecided("inlinePolicies is computed; no inline policy may hold a privilege-escalation path")
	case fail != nil:
		return iamBreakGlassUnknown(r, *fail)
	case undecided != nil:
		return *undecided
	}
	if n == 0 {
		return policy.NotApplicable("role has no inline policies")
	}
	return policy.Pass("no inline policy holds a privilege-escalation path")
}

func iamEscalationDoc(v policy.Value, where string) policy.Result {
	doc, k, err := iamDoc(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%spolicy document is computed; it must hold no privilege-escalation path", where)
	case k == policy.Absent:
		return policy.NotApplicable("%sno policy document to check", where)
	case err != nil:
		return policy.Fail("%s%v", where, err)
	}
	if a := doc.AdminAccess(); a.Kind != semantic.NotAdmin && a.Known == semantic.Certainly {
		return policy.NotApplicable("%sthe document is administrator access, which PCLZ-AWS-IAM-001 decides", where)
	}
	var maybe *semantic.Escalation
	for _, e := range semantic.EscalationPaths(doc) {
		if e.Known == semantic.Possibly {
			if maybe == nil {
				maybe = &e
			}
			continue
		}
		return policy.Fail("%sstatement %s allows %s on every resource of its kind, which lets its holder %s and so reach any permission; scope it to named resources or require a permissions boundary (iam:PermissionsBoundary)",
			where, e.Statement, strings.Join(e.Actions, " with "), iamEscalationWhy[e.Actions[0]])
	}
	if maybe != nil {
		return policy.Undecided("%sstatement %s holds computed values; %s must not be allowed on every resource", where, maybe.Statement, strings.Join(maybe.Actions, " with "))
	}
	return policy.Pass("%sno privilege-escalation path", where)
}
