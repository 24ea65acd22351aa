package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-003",
		Title: "Only the break-glass user has a console password",
		Description: "An aws:iam/userLoginProfile:UserLoginProfile gives an IAM user a console password. Only the " +
			"break-glass user (an aws:iam/user:User in the same stack tagged BreakGlass=true, named by the " +
			"profile's user input) may have one.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: []string{typeIAMUserLoginProfile, typeIAMUser},
		Remediation: "Remove the login profile; people sign in through federation. Only the break-glass user, " +
			"declared in the same stack with `tags: {BreakGlass: \"true\"}`, may have a login profile.",
		Waivable: true,
		Reads:    policy.Reads(typeIAMUserLoginProfile, "user"),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, lp := range resOfType(rs, typeIAMUserLoginProfile) {
			res := iamCheckLoginProfile(rs, lp)
			res.URN = lp.URN
			out = append(out, res)
		}
		return out
	},
})

func iamCheckLoginProfile(rs []*policy.Resource, lp *policy.Resource) policy.Result {
	user, k := iamFindNamed(rs, lp, typeIAMUser, "user")
	switch {
	case user == nil && k == policy.Unknown:
		return policy.Undecided("the login profile's user is computed and not linked to a user in the stack, so whether it is the break-glass user is not known")
	case user == nil:
		name, _ := policy.Str(lp.Get("user"))
		return policy.Fail("the login profile's user %q is not declared in this stack, so it cannot be shown to be the break-glass user (tag BreakGlass=true)", name)
	}
	bg, bk := iamIsBreakGlass(user)
	switch {
	case bk == policy.Unknown:
		return policy.Undecided("the BreakGlass tag of user %s is computed; only the break-glass user may have a console password", user.Name)
	case !bg:
		return policy.Fail("login profile gives user %s, which is not tagged BreakGlass=true, a console password; only the break-glass user may have one", user.Name)
	default:
		return policy.Pass("login profile belongs to the break-glass user %s", user.Name)
	}
}
