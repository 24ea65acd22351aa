package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const iamGH = `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-009",
	Resources:       func() []*policy.Resource { return iamTrustRole(iamGitHubTrust) },
	BaselineMessage: "the trust policy names its principals and pins every OIDC subject and audience",
	Cases: []policytest.Case{
		{
			Name:    "GitHub OIDC with no subject condition",
			Mutate:  iamSetTrust(`{"Statement":[{"Sid":"GitHub","Effect":"Allow","Principal":{"Federated":"` + iamGH + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}`),
			Want:    policy.StatusFail,
			Message: `statement "GitHub" trusts OIDC provider token.actions.githubusercontent.com with no condition pinning token.actions.githubusercontent.com:sub, so every identity the provider issues tokens for can assume the role; add StringEquals token.actions.githubusercontent.com:sub naming one subject`,
		},
		{
			Name:    "GitHub OIDC with a wildcard subject",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Federated":"` + iamGH + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:police/*"}}}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 trusts OIDC provider token.actions.githubusercontent.com for subjects matching repo:police/*, a wildcard; pin token.actions.githubusercontent.com:sub with StringEquals to one subject (for GitHub repo:<org>/<repo>:ref:refs/heads/<branch> or repo:<org>/<repo>:environment:<name>)",
		},
		{
			Name:    "GitHub OIDC with the subject only IfExists",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Federated":"` + iamGH + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringEqualsIfExists":{"token.actions.githubusercontent.com:sub":"repo:police/app:ref:refs/heads/main"}}}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 trusts OIDC provider token.actions.githubusercontent.com with no condition pinning token.actions.githubusercontent.com:sub, so every identity the provider issues tokens for can assume the role; add StringEquals token.actions.githubusercontent.com:sub naming one subject",
		},
		{
			Name:    "GitHub OIDC without the audience",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Federated":"` + iamGH + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:police/app:environment:prod"}}}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 pins token.actions.githubusercontent.com:sub but does not check token.actions.githubusercontent.com:aud; add StringEquals token.actions.githubusercontent.com:aud (sts.amazonaws.com for GitHub Actions and EKS)",
		},
		{
			Name:    "EKS OIDC with no condition",
			Mutate:  iamSetTrust(`{"Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-2.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 trusts OIDC provider oidc.eks.eu-west-2.amazonaws.com/id/ABC with no condition pinning oidc.eks.eu-west-2.amazonaws.com/id/ABC:sub, so every identity the provider issues tokens for can assume the role; add StringEquals oidc.eks.eu-west-2.amazonaws.com/id/ABC:sub naming one subject",
		},
		{
			Name:    "wildcard principal",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"shared"}}}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 lets any AWS principal (*) assume the role; name the trusted accounts or roles, or confine the statement with StringEquals aws:PrincipalOrgID or aws:PrincipalArn",
		},
		{
			Name:    "wildcard principal confined to the organisation",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}`),
			Want:    policy.StatusPass,
			Message: "the trust policy names its principals and pins every OIDC subject and audience",
		},
		{
			Name:    "service role for EC2",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
			Want:    policy.StatusPass,
			Message: "the trust policy names its principals and pins every OIDC subject and audience",
		},
		{
			Name:    "SAML federation is IAM-007's",
			Mutate:  iamSetTrust(iamMFATrust),
			Want:    policy.StatusPass,
			Message: "the trust policy names its principals and pins every OIDC subject and audience",
		},
		{
			Name:    "trust policy computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "assumeRolePolicy") },
			Want:    policy.StatusUnknown,
			Message: "assumeRolePolicy is computed; it must trust named principals and pinned OIDC subjects only",
		},
		{
			Name: "federated principal computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": map[string]any{"Federated": policy.UnknownSentinel},
				}}}, "assumeRolePolicy")
			},
			Want:    policy.StatusUnknown,
			Message: "assumeRolePolicy statement 1 holds computed values; it must trust named principals and pinned OIDC subjects only",
		},
		{
			Name:    "no trust policy",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "assumeRolePolicy") },
			Want:    policy.StatusNotApplicable,
			Message: "role has no assumeRolePolicy to check",
		},
		{
			Name:    "trust policy not JSON",
			Mutate:  iamSetTrust(`{`),
			Want:    policy.StatusFail,
			Message: "assumeRolePolicy: policy document is not valid JSON",
		},
		{
			Name: "root of another account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider.Inputs = policy.SetAt(rs[0].Provider.Inputs, policy.FromGo([]any{"111122223333"}), "allowedAccountIds")
				policytest.Set(rs[0], `{"Statement":[{"Sid":"Audit","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"]},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`, "assumeRolePolicy")
			},
			Want:    policy.StatusFail,
			Message: `statement "Audit" trusts the root of another account (444455556666), so every identity that account lets assume roles can assume this one; name the role in that account, or confine the statement with aws:PrincipalArn, aws:PrincipalOrgID or (for a third party) sts:ExternalId`,
		},
		{
			Name: "root of the stack's own account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider.Inputs = policy.SetAt(rs[0].Provider.Inputs, policy.FromGo([]any{"111122223333"}), "allowedAccountIds")
				policytest.Set(rs[0], iamMFATrust, "assumeRolePolicy")
			},
			Want:    policy.StatusPass,
			Message: "the trust policy names its principals and pins every OIDC subject and audience",
		},
		{
			Name: "a third party's root with an external ID",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Provider.Inputs = policy.SetAt(rs[0].Provider.Inputs, policy.FromGo([]any{"111122223333"}), "allowedAccountIds")
				policytest.Set(rs[0], `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"pos-7f3a"}}}]}`, "assumeRolePolicy")
			},
			Want:    policy.StatusPass,
			Message: "the trust policy names its principals and pins every OIDC subject and audience",
		},
	},
})
