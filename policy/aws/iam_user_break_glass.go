package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-002",
		Title: "IAM users exist only for break-glass",
		Description: "People sign in through federation (IAM Identity Center or a SAML/OIDC identity provider) " +
			"and assume roles, so that joiners, movers and leavers are handled once, in the force's directory. " +
			"The only IAM user allowed is the break-glass user, tagged BreakGlass=true, kept for when " +
			"federation is down.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: []string{typeIAMUser},
		Remediation: "Remove the aws:iam/user:User and grant access through IAM Identity Center permission sets or " +
			"a federated role; only the break-glass user may exist, with `tags: {BreakGlass: \"true\"}`.",
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		bg, k := iamIsBreakGlass(r)
		switch {
		case k == policy.Unknown:
			return policy.Undecided("the user's BreakGlass tag is computed; only the break-glass user (tag BreakGlass=true) may be an IAM user")
		case !bg:
			return policy.Fail("IAM user is not tagged BreakGlass=true; people sign in through federation, and the only IAM user allowed is the break-glass user")
		default:
			return policy.Pass("IAM user is the break-glass user (tag BreakGlass=true)")
		}
	},
})
