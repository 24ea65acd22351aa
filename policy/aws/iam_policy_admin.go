package aws

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// iamAdminOnly ends every administrator-access failure.
const iamAdminOnly = "only the break-glass role (tag BreakGlass=true) may hold full administrator access"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-001",
		Title: "No identity is granted administrator access, by any route",
		Description: "Administrator access lets anyone who gains the identity own the account. It is read as AWS " +
			"evaluates policies, whatever the spelling: an Allow of Action \"*\" (or \"*:*\", any case) on " +
			"Resource \"*\"; an Allow with NotAction on every resource (every action but those listed); every " +
			"IAM action (\"iam:*\", \"IAM:*\", \"i?m:*\") on every resource, with which the holder grants " +
			"itself anything; a Statement given as one object or a list, a document given as JSON text or " +
			"an object. An explicit Deny cancels an Allow only where it has no Condition (exactly " +
			"decidable); a Condition on the Allow does not make it safe (whoever meets it is an " +
			"administrator). Every attachment route is read and the finding lands on the resource that " +
			"grants: the document of aws:iam/policy:Policy, rolePolicy, userPolicy, groupPolicy, " +
			"aws:iam/role:Role inlinePolicies[].policy and aws:ssoadmin/permissionSetInlinePolicy; and the AWS " +
			"managed administrator policies (AdministratorAccess, PowerUserAccess, IAMFullAccess, in any " +
			"partition) attached through Role managedPolicyArns, aws:iam/rolePolicyAttachment, " +
			"userPolicyAttachment, groupPolicyAttachment, policyAttachment or " +
			"aws:ssoadmin/managedPolicyAttachment. PowerUserAccess counts: it allows every action outside " +
			"IAM and Organizations on every resource, so its holder reads and destroys all data and reaches " +
			"any existing role through the code it runs. A group membership grants nothing of its own: the " +
			"group's policy is judged where it is defined. The only exception is the break-glass role, the " +
			"aws:iam/role:Role tagged BreakGlass=true (for a role policy or attachment, the role it names).",
		Pack:        policy.PackIdentity,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"9", "10", "12"},
		ResourceTypes: []string{
			typeIAMPolicy, typeIAMRolePolicy, typeIAMRole, typeIAMUserPolicy, typeIAMGroupPolicy,
			typeIAMRolePolicyAttachment, typeIAMUserPolicyAttachment, typeIAMGroupPolicyAttachment,
			typeIAMPolicyAttachment, typeSSOManagedPolicyAttachment, typeSSOPermissionSetInlinePolicy,
		},
		Remediation: "Grant only the actions and resources each job needs (least privilege): no \"*\", NotAction or " +
			"\"iam:*\" on \"*\", no AdministratorAccess, PowerUserAccess or IAMFullAccess attachment. Keep " +
			"administrator access to the single break-glass role, tagged BreakGlass=true.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "iam-policy-no-statements-with-admin-access"},
			{Source: "AWS Config", ID: "iam-policy-no-statements-with-full-access"},
			{Source: "Security Hub", ID: "IAM.1"},
			{Source: "Checkov", ID: "CKV_AWS_1"},
			{Source: "Checkov", ID: "CKV_AWS_62"},
			{Source: "Prowler", ID: "iam_aws_attached_policy_no_administrative_privileges"},
			{Source: "Prowler", ID: "iam_customer_attached_policy_no_administrative_privileges"},
			{Source: "Prowler", ID: "iam_inline_policy_no_administrative_privileges"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeIAMPolicy, "policy"),
			policy.Reads(typeIAMRolePolicy, "policy", "role"),
			policy.Reads(typeIAMUserPolicy, "policy"),
			policy.Reads(typeIAMGroupPolicy, "policy"),
			policy.Reads(typeIAMRole, "inlinePolicies", "inlinePolicies.policy", "managedPolicyArns", "tags"),
			policy.Reads(typeIAMRolePolicyAttachment, "policyArn", "role"),
			policy.Reads(typeIAMUserPolicyAttachment, "policyArn"),
			policy.Reads(typeIAMGroupPolicyAttachment, "policyArn"),
			policy.Reads(typeIAMPolicyAttachment, "policyArn", "roles", "users", "groups"),
			policy.Reads(typeSSOManagedPolicyAttachment, "managedPolicyArn"),
			policy.Reads(typeSSOPermissionSetInlinePolicy, "inlinePolicy"),
		),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			var res policy.Result
			switch r.Type {
			case typeIAMPolicy, typeIAMUserPolicy, typeIAMGroupPolicy:
				res = iamCheckAdminDoc(r.Get("policy"), "")
			case typeSSOPermissionSetInlinePolicy:
				res = iamCheckAdminDoc(r.Get("inlinePolicy"), "")
			case typeIAMRole:
				res = iamCheckRoleAdmin(r)
			case typeIAMRolePolicy:
				res = iamCheckRolePolicyAdmin(rs, r)
			case typeIAMRolePolicyAttachment:
				res = iamCheckRoleAttachment(rs, r)
			case typeIAMUserPolicyAttachment, typeIAMGroupPolicyAttachment:
				res = iamCheckAttachedARN(rs, r, "policyArn")
			case typeSSOManagedPolicyAttachment:
				res = iamCheckAttachedARN(rs, r, "managedPolicyArn")
			case typeIAMPolicyAttachment:
				res = iamCheckPolicyAttachment(rs, r)
			default:
				continue
			}
			res.URN = r.URN
			out = append(out, res)
		}
		return out
	},
})

// iamCheckAdminDoc decides on one policy document; where prefixes messages ("inline policy \"x\": ").
func iamCheckAdminDoc(v policy.Value, where string) policy.Result {
	doc, k, err := iamDoc(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%spolicy document is computed; it must not allow action * on resource *", where)
	case k == policy.Absent:
		return policy.NotApplicable("%sno policy document to check", where)
	case err != nil:
		return policy.Fail("%s%v", where, err)
	}
	a := doc.AdminAccess()
	switch {
	case a.Kind != semantic.NotAdmin && a.Known == semantic.Possibly:
		return policy.Undecided("%sstatement %s holds computed values; it must not allow action * on resource *", where, a.Statement)
	case a.Kind == semantic.AdminAll:
		return policy.Fail("%sstatement %s allows action * on resource *; %s", where, a.Statement, iamAdminOnly)
	case a.Kind == semantic.AdminAllExcept && len(a.Except) > 0:
		return policy.Fail("%sstatement %s allows every action except %s (NotAction) on resource *, which is administrator access; %s",
			where, a.Statement, strings.Join(a.Except, ", "), iamAdminOnly)
	case a.Kind == semantic.AdminAllExcept:
		return policy.Fail("%sstatement %s allows every action of every service on resource * but those an explicit Deny removes, which is administrator access; %s",
			where, a.Statement, iamAdminOnly)
	case a.Kind == semantic.AdminIAM:
		return policy.Fail("%sstatement %s allows every IAM action on resource *, with which its holder grants itself any permission; %s",
			where, a.Statement, iamAdminOnly)
	}
	return policy.Pass("%sno statement allows action * on resource *", where)
}

// iamCheckManagedARN fails an AWS managed administrator policy ARN.
func iamCheckManagedARN(arn, where string) (policy.Result, bool) {
	name, admin := semantic.ManagedAdminPolicy(arn)
	if !admin {
		return policy.Result{}, false
	}
	return policy.Fail("%sattaches the AWS managed policy %s (%s), which is administrator access; %s", where, name, arn, iamAdminOnly), true
}

func iamCheckRoleAdmin(r *policy.Resource) policy.Result {
	if bg, k := iamIsBreakGlass(r); k == policy.Present && bg {
		return policy.NotApplicable("break-glass role (tag BreakGlass=true) is exempt")
	}
	fail, undecided, nInline, computed := iamEachInline(r, iamCheckAdminDoc)
	switch {
	case computed:
		return policy.Undecided("inlinePolicies is computed; no inline policy may allow action * on resource *")
	case fail != nil:
		return iamBreakGlassUnknown(r, *fail)
	}
	arns, ak := policy.Strings(r.Get("managedPolicyArns"))
	if ak == policy.Unknown && undecided == nil {
		res := policy.Undecided("managedPolicyArns is computed; the role must not hold an AWS managed administrator policy")
		undecided = &res
	}
	for _, arn := range arns {
		if res, admin := iamCheckManagedARN(arn, "managedPolicyArns "); admin {
			return iamBreakGlassUnknown(r, res)
		}
	}
	switch {
	case undecided != nil:
		return *undecided
	case nInline == 0 && len(arns) == 0:
		return policy.Pass("role has no inline policies")
	case len(arns) == 0:
		return policy.Pass("no inline policy allows action * on resource *")
	}
	return policy.Pass("no inline policy allows action * on resource *, and no managed administrator policy is attached")
}

// iamBreakGlassUnknown turns a failure on role r into unknown when r's BreakGlass tag is computed.
func iamBreakGlassUnknown(r *policy.Resource, fail policy.Result) policy.Result {
	if _, k := iamIsBreakGlass(r); k == policy.Unknown {
		return policy.Undecided("%s, and whether role %s is the break-glass role is not known (its tags are computed)", fail.Message, r.Name)
	}
	return fail
}

// iamOnRole applies the break-glass exemption to a failure res of a resource attached to the role named
// by r's input "role".
func iamOnRole(rs []*policy.Resource, r *policy.Resource, res policy.Result, exempt string) policy.Result {
	role, rk := iamFindNamed(rs, r, typeIAMRole, "role")
	if role != nil {
		if bg, k := iamIsBreakGlass(role); k == policy.Present && bg {
			return policy.NotApplicable(exempt, role.Name)
		}
	}
	if res.Status != policy.StatusFail {
		return res
	}
	switch {
	case role != nil:
		return iamBreakGlassUnknown(role, res)
	case rk == policy.Unknown:
		return policy.Undecided("%s, and the role it is attached to is computed, so whether it is the break-glass role is not known", res.Message)
	}
	return res
}

func iamCheckRolePolicyAdmin(rs []*policy.Resource, r *policy.Resource) policy.Result {
	return iamOnRole(rs, r, iamCheckAdminDoc(r.Get("policy"), ""), "policy of the break-glass role %s (tag BreakGlass=true) is exempt")
}

func iamCheckRoleAttachment(rs []*policy.Resource, r *policy.Resource) policy.Result {
	return iamOnRole(rs, r, iamCheckAttachedARN(rs, r, "policyArn"), "attachment to the break-glass role %s (tag BreakGlass=true) is exempt")
}

// iamCheckAttachedARN decides on the policy ARN an attachment attaches (input prop).
func iamCheckAttachedARN(rs []*policy.Resource, r *policy.Resource, prop string) policy.Result {
	arn, k := policy.Str(r.Get(prop))
	for _, p := range rs {
		if p != nil && p.Type == typeIAMPolicy && r.Refers(prop, p) {
			return policy.NotApplicable("attaches the customer managed policy %s, whose document this rule checks on that policy", p.Name)
		}
	}
	switch k {
	case policy.Unknown:
		return policy.Undecided("%s is computed; it must not attach an AWS managed administrator policy", prop)
	case policy.Absent:
		return policy.NotApplicable("no %s to check", prop)
	}
	if res, admin := iamCheckManagedARN(arn, ""); admin {
		return res
	}
	return policy.Pass("attaches %s, which is not an AWS managed administrator policy (customer managed policies are checked where they are defined)", arn)
}

// iamCheckPolicyAttachment decides on an aws:iam/policyAttachment, exempt when it attaches only to
// break-glass roles.
func iamCheckPolicyAttachment(rs []*policy.Resource, r *policy.Resource) policy.Result {
	res := iamCheckAttachedARN(rs, r, "policyArn")
	if res.Status != policy.StatusFail {
		return res
	}
	roles, rk := policy.Strings(r.Get("roles"))
	users, uk := policy.Strings(r.Get("users"))
	groups, gk := policy.Strings(r.Get("groups"))
	if len(users) > 0 || len(groups) > 0 || len(roles) == 0 {
		return res
	}
	if rk == policy.Unknown || uk == policy.Unknown || gk == policy.Unknown {
		return policy.Undecided("%s, and the identities it attaches to are computed, so whether they are only the break-glass role is not known", res.Message)
	}
	for _, name := range roles {
		role := iamRoleByName(rs, name)
		if role == nil {
			return res
		}
		if bg, k := iamIsBreakGlass(role); k == policy.Unknown {
			return iamBreakGlassUnknown(role, res)
		} else if !bg {
			return res
		}
	}
	return policy.NotApplicable("attachment to the break-glass role only (tag BreakGlass=true) is exempt")
}

// iamEachInline judges every inline policy of role r with judge (its messages prefixed "inline policy
// <name>: "). It returns the first failure, else the first undecided result, the number of inline
// policies, and whether the whole list is computed.
func iamEachInline(r *policy.Resource, judge func(doc policy.Value, where string) policy.Result) (fail, undecided *policy.Result, n int, computed bool) {
	inline, lk := policy.List(r.Get("inlinePolicies"))
	if lk == policy.Unknown {
		return nil, nil, 0, true
	}
	for i, p := range inline {
		name := strconv.Itoa(i + 1)
		if nm, nk := policy.Str(resAt(p, "name")); nk == policy.Present && nm != "" {
			name = strconv.Quote(nm)
		}
		res := judge(resAt(p, "policy"), fmt.Sprintf("inline policy %s: ", name))
		switch res.Status {
		case policy.StatusFail:
			return &res, undecided, len(inline), false
		case policy.StatusUnknown:
			if undecided == nil {
				undecided = &res
			}
		}
	}
	return nil, undecided, len(inline), false
}
