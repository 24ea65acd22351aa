package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-007",
		Title: "Roles that people can assume require MFA",
		Description: "A role whose trust policy (assumeRolePolicy) lets an AWS principal (an account, its root, a " +
			"user or role, or \"*\") or a SAML identity provider assume it can be used by a person, so every " +
			"Allow statement naming such a principal must require MFA with a condition that a request " +
			"without MFA cannot satisfy: Bool aws:MultiFactorAuthPresent \"true\", Null " +
			"aws:MultiFactorAuthAge \"false\", or NumericLessThan(Equals) aws:MultiFactorAuthAge. Weakened " +
			"forms fail: BoolIfExists (long-term access keys carry no MFA key, so the condition holds for " +
			"them), \"false\", Null \"true\", the IfExists age operators. For a SAML provider AWS never sees " +
			"the MFA key, so BoolIfExists aws:MultiFactorAuthPresent \"true\" is accepted there as the " +
			"statement that the identity provider enforces MFA. Roles that only AWS services " +
			"(Principal.Service) or OIDC web identity providers (workloads; PCLZ-AWS-IAM-009 checks their " +
			"subject) assume are exempt.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10", "12"},
		ResourceTypes: []string{typeIAMRole},
		Remediation: "Add `\"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}` to every Allow " +
			"statement of the role's assumeRolePolicy whose Principal is AWS (BoolIfExists only for a SAML " +
			"Federated principal whose identity provider enforces MFA).",
		Waivable: true,
		Reads:    policy.Reads(typeIAMRole, "assumeRolePolicy"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		doc, k, err := iamDoc(r.Get("assumeRolePolicy"))
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
		for _, s := range doc.Statements {
			if !s.Allows() {
				if s.Unknown && unknown == "" {
					unknown = s.Label
				}
				continue
			}
			var who []string
			saml := true
			if s.Principal.Any {
				who = append(who, "AWS principal *")
				saml = false
			}
			for _, p := range s.Principal.AWS {
				who = append(who, "AWS principal "+p)
				saml = false
			}
			for _, p := range s.Principal.Federated {
				if _, oidc := semantic.OIDCIssuer(p); !oidc {
					who = append(who, "Federated principal "+p)
				}
			}
			if len(who) == 0 {
				if s.Unknown && unknown == "" {
					unknown = s.Label
				}
				continue
			}
			human++
			mfa, c := semantic.MFACondition(s)
			switch {
			case mfa == semantic.MFAStrong:
			case s.ConditionUnknown:
				if unknown == "" {
					unknown = s.Label
				}
			case mfa == semantic.MFAWeak && saml && iamSAMLMarker(c):
			case mfa == semantic.MFANone:
				return policy.Fail("statement %s lets %s assume the role without MFA; add Condition Bool aws:MultiFactorAuthPresent \"true\"", s.Label, strings.Join(who, ", "))
			default:
				return policy.Fail("statement %s lets %s assume the role under %s %s %s, which a request without MFA satisfies; use Condition Bool aws:MultiFactorAuthPresent \"true\"",
					s.Label, strings.Join(who, ", "), c.Operator, c.Key, strings.Join(c.Values, ","))
			}
		}
		switch {
		case unknown != "":
			return policy.Undecided("assumeRolePolicy statement %s holds computed values; statements that let people assume the role must require MFA", unknown)
		case human == 0:
			return policy.NotApplicable("role is assumable only by AWS service principals or OIDC web identity providers")
		}
		return policy.Pass("every statement that lets people assume the role requires MFA")
	},
})

// iamSAMLMarker reports whether c is BoolIfExists aws:MultiFactorAuthPresent "true", accepted for SAML
// federation.
func iamSAMLMarker(c semantic.IAMCondition) bool {
	return strings.EqualFold(c.Base(), "Bool") && c.IfExists() && c.KeyIs("aws:MultiFactorAuthPresent") &&
		len(c.Values) == 1 && strings.EqualFold(c.Values[0], "true")
}
