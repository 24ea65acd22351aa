package semantic_test

import (
	"fmt"

	"github.com/policecloud/landingzones/policy/semantic"
)

// The spellings of administrator access all read the same way.
func ExampleIAMPolicy_AdminAccess() {
	for _, doc := range []string{
		`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`,
		`{"Statement":[{"Effect":"Allow","NotAction":["iam:*"],"Resource":"*"}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"IAM:*","Resource":"arn:aws:iam::111122223333:*"}]}`,
		`{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
	} {
		p, _, _ := semantic.ParseIAMJSON(doc)
		fmt.Println(p.AdminAccess().Kind)
	}
	// Output:
	// every action
	// every action but some
	// every IAM action
	// not administrator
}

// A GitHub Actions role must pin the subject; a wildcard subject is reported.
func ExampleTrustFindings() {
	p, _, _ := semantic.ParseIAMJSON(`{"Statement":{"Effect":"Allow",
		"Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
		"Action":"sts:AssumeRoleWithWebIdentity",
		"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:police/*"}}}}`)
	for _, f := range semantic.TrustFindings(p) {
		fmt.Println(f.Issue == semantic.TrustOIDCWildcardSub, f.Provider, f.Values)
	}
	// Output: true token.actions.githubusercontent.com [repo:police/*]
}
