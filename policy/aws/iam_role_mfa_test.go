package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const iamMFATrust = `{"Version":"2012-10-17","Statement":[
 {"Sid":"Operators","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
 {"Sid":"Federated","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/police-idp"},"Action":"sts:AssumeRoleWithSAML","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":true},"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}
]}`

// iamGitHubTrust is the sound GitHub Actions trust policy: the audience checked and the subject pinned to
// one branch of one repository.
const iamGitHubTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:police/app:ref:refs/heads/main"}}}]}`

func iamTrustRole(doc string) []*policy.Resource {
	return []*policy.Resource{policytest.AWS(typeIAMRole, "operators", map[string]any{
		"name":             "pos-operators",
		"assumeRolePolicy": doc,
	})}
}

func iamSetTrust(doc string) func([]*policy.Resource, *policy.Context) {
	return func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], doc, "assumeRolePolicy") }
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-007",
	Resources:       func() []*policy.Resource { return iamTrustRole(iamMFATrust) },
	BaselineMessage: "every statement that lets people assume the role requires MFA",
	Cases: []policytest.Case{
		{
			Name:    "account root without MFA",
			Mutate:  iamSetTrust(`{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}}`),
			Want:    policy.StatusFail,
			Message: `statement 1 lets AWS principal arn:aws:iam::111122223333:root assume the role without MFA; add Condition Bool aws:MultiFactorAuthPresent "true"`,
		},
		{
			Name:    "SAML federation without MFA",
			Mutate:  iamSetTrust(`{"Statement":[{"Sid":"Saml","Effect":"Allow","Principal":{"Federated":["arn:aws:iam::111122223333:saml-provider/police-idp"]},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`),
			Want:    policy.StatusFail,
			Message: `statement "Saml" lets Federated principal arn:aws:iam::111122223333:saml-provider/police-idp assume the role without MFA; add Condition Bool aws:MultiFactorAuthPresent "true"`,
		},
		{
			Name:    "MFA condition false",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}`),
			Want:    policy.StatusFail,
			Message: `statement 1 lets AWS principal arn:aws:iam::111122223333:user/alice assume the role under Bool aws:MultiFactorAuthPresent false, which a request without MFA satisfies; use Condition Bool aws:MultiFactorAuthPresent "true"`,
		},
		{
			Name:    "anyone without MFA",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`),
			Want:    policy.StatusFail,
			Message: `statement 1 lets AWS principal * assume the role without MFA; add Condition Bool aws:MultiFactorAuthPresent "true"`,
		},
		{
			Name:    "service role",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","backup.amazonaws.com"]},"Action":"sts:AssumeRole"}]}`),
			Want:    policy.StatusNotApplicable,
			Message: "role is assumable only by AWS service principals or OIDC web identity providers",
		},
		{
			Name:    "trust policy computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "assumeRolePolicy") },
			Want:    policy.StatusUnknown,
			Message: "assumeRolePolicy is computed; statements that let people assume the role must require MFA",
		},
		{
			Name: "principal computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": policy.UnknownSentinel},
				}}}, "assumeRolePolicy")
			},
			Want:    policy.StatusUnknown,
			Message: "assumeRolePolicy statement 1 holds computed values; statements that let people assume the role must require MFA",
		},
		{
			Name:    "trust policy not JSON",
			Mutate:  iamSetTrust(`not json`),
			Want:    policy.StatusFail,
			Message: "assumeRolePolicy: policy document is not valid JSON",
		},
		{
			Name:    "BoolIfExists for an AWS principal",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}}]}`),
			Want:    policy.StatusFail,
			Message: `statement 1 lets AWS principal arn:aws:iam::111122223333:root assume the role under BoolIfExists aws:MultiFactorAuthPresent true, which a request without MFA satisfies; use Condition Bool aws:MultiFactorAuthPresent "true"`,
		},
		{
			Name:    "Null MFA age true requires no MFA",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"Null":{"aws:MultiFactorAuthAge":"true"}}}]}`),
			Want:    policy.StatusFail,
			Message: `statement 1 lets AWS principal 111122223333 assume the role under Null aws:MultiFactorAuthAge true, which a request without MFA satisfies; use Condition Bool aws:MultiFactorAuthPresent "true"`,
		},
		{
			Name:    "MFA age IfExists",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"NumericLessThanEqualsIfExists":{"aws:MultiFactorAuthAge":"3600"}}}]}`),
			Want:    policy.StatusFail,
			Message: `statement 1 lets AWS principal 111122223333 assume the role under NumericLessThanEqualsIfExists aws:MultiFactorAuthAge 3600, which a request without MFA satisfies; use Condition Bool aws:MultiFactorAuthPresent "true"`,
		},
		{
			Name:    "MFA age bound",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":3600}}}]}`),
			Want:    policy.StatusPass,
			Message: "every statement that lets people assume the role requires MFA",
		},
		{
			Name:    "GitHub OIDC role is a workload role",
			Mutate:  iamSetTrust(iamGitHubTrust),
			Want:    policy.StatusNotApplicable,
			Message: "role is assumable only by AWS service principals or OIDC web identity providers",
		},
		{
			Name: "MFA condition computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:root"},
					"Condition": map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": policy.UnknownSentinel}},
				}}}, "assumeRolePolicy")
			},
			Want:    policy.StatusUnknown,
			Message: "assumeRolePolicy statement 1 holds computed values; statements that let people assume the role must require MFA",
		},
	},
})
