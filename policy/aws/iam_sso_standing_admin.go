package aws

import (
	"slices"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// iamStandingAdmin ends every PCLZ-AWS-IAM-012 failure.
const iamStandingAdmin = "no one holds standing administrator access: it is the break-glass role's alone (tag BreakGlass=true), " +
	"outside Identity Center, and its use raises an alarm"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-012",
		Title: "No standing privileged assignment: no Identity Center assignment gives administrator access",
		Description: "An IAM Identity Center account assignment gives a group (or a user) a permission set in an account " +
			"for as long as it exists: a standing grant. A permission set that grants administrator access (an AWS " +
			"managed AdministratorAccess, PowerUserAccess or IAMFullAccess attachment, or an inline policy allowing " +
			"every action, every action but some, or every IAM action on every resource, read as PCLZ-AWS-IAM-001 " +
			"reads it) assigned this way is permanent privilege outside break-glass. The finding names the " +
			"assignment to remove. A permission set that is not in the stack, or holds a customer managed policy " +
			"(which lives in each account), cannot be read: unknown. IAM users and roles holding administrator " +
			"access are PCLZ-AWS-IAM-001's and PCLZ-AWS-IAM-002's.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: []string{typeSSOAccountAssignment},
		Remediation: "Assign permission sets that grant only what each job needs; keep full administrator access to the " +
			"break-glass role (tag BreakGlass=true) and reach it through the break-glass procedure, not an assignment. " +
			"Where elevated access is needed for a change, grant it for the change (a time-bound assignment removed " +
			"afterwards) rather than standing.",
		References: []policy.Reference{
			{Source: "Security Hub", ID: "IAM.1"},
			{Source: "NCSC", ID: "Cloud Security Principle 10"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeSSOAccountAssignment, "permissionSetArn", "principalType", "principalId"),
		),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, a := range policy.OfType(rs, typeSSOAccountAssignment) {
			res := iamCheckAssignment(rs, a)
			res.URN = a.URN
			out = append(out, res)
		}
		return out
	},
})

// iamCheckAssignment judges one account assignment by the permission set it gives.
func iamCheckAssignment(rs []*policy.Resource, a *policy.Resource) policy.Result {
	ps, k := iamFindNamed(rs, a, typeSSOPermissionSet, "permissionSetArn")
	if ps == nil {
		if k == policy.Unknown {
			return policy.Undecided("permissionSetArn is computed and comes from no permission set in the stack; %s", iamStandingAdmin)
		}
		arn, _ := policy.Str(a.Get("permissionSetArn"))
		return policy.Undecided("assigns permission set %s, which is not in the stack, so what it grants is not known; %s", arn, iamStandingAdmin)
	}
	who, _ := policy.Str(a.Get("principalType"))
	id, _ := policy.Str(a.Get("principalId"))
	var unread []string
	for _, g := range ssoPermissionSetGrants(rs, ps) {
		if g.unread {
			unread = append(unread, g.what)
			continue
		}
		if adm := g.doc.AdminAccess(); adm.Kind != semantic.NotAdmin && adm.Known != semantic.Possibly {
			return policy.Fail("gives %s %s permission set %s, whose %s grants administrator access, for as long as the assignment exists; %s",
				who, id, ps.Name, g.what, iamStandingAdmin)
		}
	}
	if len(unread) > 0 {
		return policy.Undecided("permission set %s holds %s, which this rule cannot read; %s", ps.Name, netAnd(unread), iamStandingAdmin)
	}
	return policy.Pass("permission set %s grants no administrator access", ps.Name)
}
