package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-006",
		Title: "The foundation declares the account password policy",
		Description: "Without an explicit aws:iam/accountPasswordPolicy:AccountPasswordPolicy the account keeps " +
			"AWS's weak default. The foundation stack (Context.Role \"foundation\") owns account-wide " +
			"settings, so it must declare one; PCLZ-AWS-IAM-005 checks its settings. Tier stacks are not " +
			"covered.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10"},
		ResourceTypes: []string{typeIAMAccountPasswordPolicy},
		Remediation:   "Declare one aws:iam/accountPasswordPolicy:AccountPasswordPolicy in the foundation stack.",
		References:    []policy.Reference{{Source: "AWS Config", ID: "iam-password-policy"}},
		Waivable:      true,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		switch ctx.Role {
		case "":
			return []policy.Result{policy.Undecided("the stack's role is not known; the foundation stack must declare the account password policy")}
		case resRoleFoundation:
		default:
			return []policy.Result{policy.NotApplicable("%s stack; the account password policy belongs to the foundation", ctx.Role)}
		}
		if pp := resOfType(rs, typeIAMAccountPasswordPolicy); len(pp) > 0 {
			return []policy.Result{policy.Pass("foundation declares the account password policy (%s)", pp[0].Name)}
		}
		return []policy.Result{policy.Fail("foundation declares no account password policy (aws:iam/accountPasswordPolicy:AccountPasswordPolicy), so AWS's weak default applies")}
	},
})
