package aws

import (
	"fmt"
	"strconv"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-001",
		Title: "IAM policies do not allow every action on every resource",
		Description: "A statement that allows Action \"*\" on Resource \"*\" is full administrator access: anyone " +
			"who gains the identity owns the account. Policy documents of aws:iam/policy:Policy, " +
			"aws:iam/rolePolicy:RolePolicy, aws:iam/userPolicy:UserPolicy, aws:iam/groupPolicy:GroupPolicy " +
			"(policy) and aws:iam/role:Role (inlinePolicies[].policy) must have no such Allow statement. The " +
			"only exception is the break-glass role, the aws:iam/role:Role tagged BreakGlass=true (for a role " +
			"policy, the role it is attached to).",
		Pack:        policy.PackIdentity,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"9", "10"},
		ResourceTypes: []string{
			typeIAMPolicy, typeIAMRolePolicy, typeIAMRole, typeIAMUserPolicy, typeIAMGroupPolicy,
		},
		Remediation: "Grant only the actions and resources each job needs (least privilege); keep \"*\" on \"*\" " +
			"to the single break-glass role, tagged BreakGlass=true.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "iam-policy-no-statements-with-admin-access"},
			{Source: "Security Hub", ID: "IAM.1"},
			{Source: "Checkov", ID: "CKV_AWS_1"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			var res policy.Result
			switch r.Type {
			case typeIAMPolicy, typeIAMUserPolicy, typeIAMGroupPolicy:
				res = iamCheckAdminDoc(r.Get("policy"), "")
			case typeIAMRole:
				res = iamCheckRoleAdmin(r)
			case typeIAMRolePolicy:
				res = iamCheckRolePolicyAdmin(rs, r)
			default:
				continue
			}
			res.URN = r.URN
			out = append(out, res)
		}
		return out
	},
})

// iamCheckAdminDoc decides on one policy document; where prefixes messages ("inline policy \"x\" ").
func iamCheckAdminDoc(v policy.Value, where string) policy.Result {
	stmts, k, err := iamDocument(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%spolicy document is computed; it must not allow action * on resource *", where)
	case k == policy.Absent:
		return policy.NotApplicable("%sno policy document to check", where)
	case err != nil:
		return policy.Fail("%s%v", where, err)
	}
	unknown := ""
	for _, s := range stmts {
		if s.iamIsAdmin() {
			return policy.Fail("%sstatement %s allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access", where, s.Label)
		}
		if s.Unknown && unknown == "" {
			unknown = s.Label
		}
	}
	if unknown != "" {
		return policy.Undecided("%sstatement %s holds computed values; it must not allow action * on resource *", where, unknown)
	}
	return policy.Pass("%sno statement allows action * on resource *", where)
}

func iamCheckRoleAdmin(r *policy.Resource) policy.Result {
	if bg, k := iamIsBreakGlass(r); k == policy.Present && bg {
		return policy.NotApplicable("break-glass role (tag BreakGlass=true) is exempt")
	}
	inline, lk := policy.List(r.Get("inlinePolicies"))
	if lk == policy.Unknown {
		return policy.Undecided("inlinePolicies is computed; no inline policy may allow action * on resource *")
	}
	var undecided *policy.Result
	for i, p := range inline {
		name := strconv.Itoa(i + 1)
		if n, nk := policy.Str(resAt(p, "name")); nk == policy.Present && n != "" {
			name = strconv.Quote(n)
		}
		res := iamCheckAdminDoc(resAt(p, "policy"), fmt.Sprintf("inline policy %s: ", name))
		switch res.Status {
		case policy.StatusFail:
			return iamBreakGlassUnknown(r, res)
		case policy.StatusUnknown:
			if undecided == nil {
				undecided = &res
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	if len(inline) == 0 {
		return policy.Pass("role has no inline policies")
	}
	return policy.Pass("no inline policy allows action * on resource *")
}

// iamBreakGlassUnknown turns a failure on role r into unknown when r's BreakGlass tag is computed.
func iamBreakGlassUnknown(r *policy.Resource, fail policy.Result) policy.Result {
	if _, k := iamIsBreakGlass(r); k == policy.Unknown {
		return policy.Undecided("%s, and whether role %s is the break-glass role is not known (its tags are computed)", fail.Message, r.Name)
	}
	return fail
}

func iamCheckRolePolicyAdmin(rs []*policy.Resource, r *policy.Resource) policy.Result {
	role, rk := iamFindNamed(rs, r, typeIAMRole, "role")
	if role != nil {
		if bg, k := iamIsBreakGlass(role); k == policy.Present && bg {
			return policy.NotApplicable("policy of the break-glass role %s (tag BreakGlass=true) is exempt", role.Name)
		}
	}
	res := iamCheckAdminDoc(r.Get("policy"), "")
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
