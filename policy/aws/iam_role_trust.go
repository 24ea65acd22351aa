package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-009",
		Title: "Role trust policies trust named principals and pinned OIDC subjects only",
		Description: "A role's trust policy (assumeRolePolicy) decides who can become the role. An Allow with a " +
			"wildcard principal (\"*\", {\"AWS\": \"*\"}) or NotPrincipal lets any AWS account assume it unless " +
			"a condition confines the caller to the organisation or to named principals (aws:PrincipalOrgID, " +
			"aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn; sts:ExternalId is a shared " +
			"string, not an identity, and does not count). An Allow that trusts an OIDC identity provider " +
			"(Federated oidc-provider/<issuer>, such as token.actions.githubusercontent.com or an EKS " +
			"cluster's issuer) must pin the token's subject with StringEquals <issuer>:sub (or StringLike " +
			"without a wildcard) and check its audience <issuer>:aud: with no subject condition every " +
			"repository or workload that provider issues tokens for can assume the role, and a wildcard " +
			"subject such as \"repo:org/*\" lets every repository of the organisation, and every branch and " +
			"pull request, do so. IfExists and ForAllValues forms do not pin anything. The sound pattern " +
			"passes: StringEquals on both aud (sts.amazonaws.com) and sub " +
			"(repo:<org>/<repo>:ref:refs/heads/main or repo:<org>/<repo>:environment:<name>). Trusting the " +
			"root of another account (arn:aws:iam::<account>:root or the bare account ID) delegates the role to " +
			"every identity that account lets assume roles; it must be confined with aws:PrincipalArn, " +
			"aws:PrincipalOrgID or, for a third party, sts:ExternalId. Which accounts are the stack's own is " +
			"read from the AWS provider's allowedAccountIds; without it cross-account trust is not assessed " +
			"here (PCLZ-AWS-IAM-007 still requires MFA of every AWS principal).",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10"},
		ResourceTypes: []string{typeIAMRole},
		Remediation: "Name the trusted accounts or roles in Principal.AWS (or confine a wildcard with StringEquals " +
			"aws:PrincipalOrgID); for OIDC federation add `\"StringEquals\": {\"<issuer>:aud\": " +
			"\"sts.amazonaws.com\", \"<issuer>:sub\": \"repo:<org>/<repo>:ref:refs/heads/main\"}`.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AWS_60"},
			{Source: "Checkov", ID: "CKV_AWS_358"},
		},
		Waivable: true,
		Reads:    append(policy.Reads(typeIAMRole, "assumeRolePolicy"), policy.Reads(typeProvider, "allowedAccountIds")...),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		doc, k, err := iamDoc(r.Get("assumeRolePolicy"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("assumeRolePolicy is computed; it must trust named principals and pinned OIDC subjects only")
		case k == policy.Absent:
			return policy.NotApplicable("role has no assumeRolePolicy to check")
		case err != nil:
			return policy.Fail("assumeRolePolicy: %v", err)
		}
		for _, f := range semantic.TrustFindings(doc) {
			switch f.Issue {
			case semantic.TrustPublic:
				return policy.Fail("statement %s lets any AWS principal (*) assume the role; name the trusted accounts or roles, or confine the statement with StringEquals aws:PrincipalOrgID or aws:PrincipalArn", f.Statement)
			case semantic.TrustOIDCNoSub:
				return policy.Fail("statement %s trusts OIDC provider %s with no condition pinning %s:sub, so every identity the provider issues tokens for can assume the role; add StringEquals %s:sub naming one subject", f.Statement, f.Provider, f.Provider, f.Provider)
			case semantic.TrustOIDCWildcardSub:
				return policy.Fail("statement %s trusts OIDC provider %s for subjects matching %s, a wildcard; pin %s:sub with StringEquals to one subject (for GitHub repo:<org>/<repo>:ref:refs/heads/<branch> or repo:<org>/<repo>:environment:<name>)", f.Statement, f.Provider, strings.Join(f.Values, ", "), f.Provider)
			case semantic.TrustOIDCNoAud:
				return policy.Fail("statement %s pins %s:sub but does not check %s:aud; add StringEquals %s:aud (sts.amazonaws.com for GitHub Actions and EKS)", f.Statement, f.Provider, f.Provider, f.Provider)
			}
		}
		if own, ok := policy.Strings(r.ProviderGet("allowedAccountIds")); ok == policy.Present {
			if fs := semantic.CrossAccountRoots(doc, own); len(fs) > 0 {
				f := fs[0]
				return policy.Fail("statement %s trusts the root of another account (%s), so every identity that account lets assume roles can assume this one; name the role in that account, or confine the statement with aws:PrincipalArn, aws:PrincipalOrgID or (for a third party) sts:ExternalId", f.Statement, strings.Join(f.Values, ", "))
			}
		}
		if u := iamUnknownAllow(doc); u != "" {
			return policy.Undecided("assumeRolePolicy statement %s holds computed values; it must trust named principals and pinned OIDC subjects only", u)
		}
		return policy.Pass("the trust policy names its principals and pins every OIDC subject and audience")
	},
})
