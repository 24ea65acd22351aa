package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-007",
		Title: "Roles that people can assume require MFA",
		Description: "A role whose trust policy (assumeRolePolicy) lets an AWS principal (an account, its root, a " +
			"user or role, or \"*\") or a federated principal (SAML or OIDC) assume it can be used by a person, " +
			"so every Allow statement naming such a principal must carry the condition Bool or BoolIfExists " +
			"aws:MultiFactorAuthPresent \"true\". Roles that only AWS services (Principal.Service) assume are " +
			"exempt.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10"},
		ResourceTypes: []string{typeIAMRole},
		Remediation: "Add `\"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}` (or BoolIfExists, for " +
			"federated sign-in where the identity provider enforces MFA) to every Allow statement of the " +
			"role's assumeRolePolicy whose Principal is AWS or Federated.",
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		stmts, k, err := iamDocument(r.Get("assumeRolePolicy"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("assumeRolePolicy is computed; statements that let people assume the role must require MFA")
		case k == policy.Absent:
			return policy.NotApplicable("role has no assumeRolePolicy to check")
		case err != nil:
			return policy.Fail("assumeRolePolicy: %v", err)
		}
		human := 0
		unknown := ""
		for _, s := range stmts {
			if !s.iamAllows() {
				if s.Unknown && unknown == "" {
					unknown = s.Label
				}
				continue
			}
			var who []string
			for _, kind := range []string{"AWS", "Federated"} {
				for _, p := range s.iamPrincipals(kind) {
					who = append(who, kind+" principal "+p)
				}
			}
			if len(who) == 0 {
				if s.Unknown && unknown == "" {
					unknown = s.Label
				}
				continue
			}
			human++
			if !s.iamRequiresMFA() {
				return policy.Fail("statement %s lets %s assume the role without MFA; add Condition Bool aws:MultiFactorAuthPresent \"true\"", s.Label, strings.Join(who, ", "))
			}
		}
		switch {
		case unknown != "":
			return policy.Undecided("assumeRolePolicy statement %s holds computed values; statements that let people assume the role must require MFA", unknown)
		case human == 0:
			return policy.NotApplicable("role is assumable only by AWS service principals")
		}
		return policy.Pass("every statement that lets people assume the role requires MFA")
	},
})
