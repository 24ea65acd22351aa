package semantic

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

func iamMust(t *testing.T, doc string) IAMPolicy {
	t.Helper()
	p, k, err := ParseIAMJSON(doc)
	require.NoError(t, err, doc)
	require.Equal(t, policy.Present, k, doc)
	return p
}

func TestGlobMatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pat, s string
		fold   bool
		want   bool
	}{
		{"*", "", false, true},
		{"*", "anything:at/all", false, true},
		{"s3:Get*", "s3:GetObject", false, true},
		{"s3:get*", "S3:GetObject", true, true},
		{"s3:get*", "S3:GetObject", false, false},
		{"iam:?assRole", "iam:PassRole", false, true},
		{"iam:?assRole", "iam:assRole", false, false},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y", false, true},
		{"a*b*c", "axxbyyc", false, true},
		{"a*b*c", "axxbyy", false, false},
		{"", "", false, true},
		{"", "x", false, false},
	} {
		assert.Equal(t, tc.want, GlobMatch(tc.pat, tc.s, tc.fold), "%q ~ %q", tc.pat, tc.s)
	}
}

func TestParseIAMShapes(t *testing.T) {
	t.Parallel()
	obj := policy.FromGo(map[string]any{"Version": "2012-10-17", "Statement": map[string]any{
		"Effect": "Allow", "Action": "*", "Resource": "*",
	}})
	p, k, err := ParseIAM(obj)
	require.NoError(t, err)
	assert.Equal(t, policy.Present, k)
	assert.Equal(t, AdminAll, p.AdminAccess().Kind)

	_, k, _ = ParseIAM(policy.FromGo(nil))
	assert.Equal(t, policy.Absent, k)
	_, k, _ = ParseIAM(policy.FromGo(""))
	assert.Equal(t, policy.Absent, k)
	_, k, _ = ParseIAM(policy.FromGo(policy.UnknownSentinel))
	assert.Equal(t, policy.Unknown, k)

	for doc, msg := range map[string]string{
		`[]`:                   "policy document is not a JSON object",
		`{`:                    "policy document is not valid JSON",
		`{"Statement":"x"}`:    "policy document Statement is not an object or a list",
		`{"Statement":[1]}`:    "policy document statement 1 is not an object",
		`{"Statement":true}`:   "policy document Statement is not an object or a list",
		`{"Statement":[null]}`: "policy document statement 1 is not an object",
	} {
		_, _, err := ParseIAMJSON(doc)
		assert.EqualError(t, err, msg, doc)
	}

	p = iamMust(t, `{"Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","111122223333"],"Service":"ec2.amazonaws.com","Federated":"arn:aws:iam::1:oidc-provider/x"},"NotAction":"iam:*","NotResource":["arn:aws:s3:::x"],"Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}}]}`)
	s := p.Statements[0]
	assert.Equal(t, `"A"`, s.Label)
	assert.Equal(t, []string{"arn:aws:iam::111122223333:root", "111122223333"}, s.Principal.AWS)
	assert.Equal(t, []string{"ec2.amazonaws.com"}, s.Principal.Service)
	assert.True(t, s.HasNotAction)
	assert.True(t, s.HasNotResource)
	require.Len(t, s.Conditions, 2)
	assert.Equal(t, IAMCondition{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}}, s.Conditions[0])
	assert.Equal(t, []string{"3600"}, s.Conditions[1].Values)
}

func TestConditionOperator(t *testing.T) {
	t.Parallel()
	c := IAMCondition{Operator: "ForAnyValue:StringEqualsIfExists"}
	assert.Equal(t, "StringEquals", c.Base())
	assert.True(t, c.IfExists())
	assert.Equal(t, "ForAnyValue", c.Qualifier())
	c = IAMCondition{Operator: "ArnLike"}
	assert.Equal(t, "ArnLike", c.Base())
	assert.False(t, c.IfExists())
	assert.Equal(t, "", c.Qualifier())
}

func TestAdminAccess(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		doc  string
		kind AdminKind
		tri  Certainty
		stmt string
	}{
		{"star on star", `{"Statement":{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}}`, AdminAll, Certainly, `"Admin"`},
		{"star colon star in lists", `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","*:*"],"Resource":["arn:aws:s3:::a","*"]}]}`, AdminAll, Certainly, "1"},
		{"action case", `{"Statement":[{"Effect":"Allow","Action":"IAM:*","Resource":"*"}]}`, AdminIAM, Certainly, "1"},
		{"iam wildcard with ?", `{"Statement":[{"Effect":"Allow","Action":"i?m:*","Resource":"*"}]}`, AdminIAM, Certainly, "1"},
		{"iam star on own account", `{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::111122223333:*"}]}`, AdminIAM, Certainly, "1"},
		{"iam star on one role", `{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::111122223333:role/app"}]}`, NotAdmin, Certainly, ""},
		{"NotAction allow", `{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}`, AdminAllExcept, Certainly, "1"},
		{"NotAction star allows nothing", `{"Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}`, NotAdmin, Certainly, ""},
		{"NotResource allow", `{"Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret/*"}]}`, AdminAll, Certainly, "1"},
		{"exact deny cancels", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}`, NotAdmin, Certainly, ""},
		{"conditional deny does not cancel", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Effect":"Allow","Action":"*","Resource":"*"}]}`, AdminAll, Certainly, "2"},
		{"deny iam leaves all but iam", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`, AdminAllExcept, Certainly, "1"},
		{"deny NotAction leaves one action", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"s3:GetObject","Resource":"*"}]}`, NotAdmin, Certainly, ""},
		{"deny on one bucket does not cancel", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::x"}]}`, AdminAll, Certainly, "1"},
		{"read only", `{"Statement":[{"Effect":"Allow","Action":["*:Get*","*:List*","*:Describe*"],"Resource":"*"}]}`, NotAdmin, Certainly, ""},
		{"effect in lower case still read as allow", `{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}`, AdminAll, Certainly, "1"},
		{"deny in lower case does not cancel", `{"Statement":[{"Effect":"deny","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}`, AdminAll, Certainly, "2"},
		{"computed resource", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"` + policy.UnknownSentinel + `"}]}`, AdminAll, Possibly, "1"},
		{"computed condition does not make admin unknown", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"` + policy.UnknownSentinel + `"}}}]}`, AdminAll, Certainly, "1"},
		{"computed deny", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"` + policy.UnknownSentinel + `","Resource":"*"}]}`, AdminAll, Possibly, "1"},
	} {
		p := iamMust(t, tc.doc)
		a := p.AdminAccess()
		assert.Equal(t, tc.kind, a.Kind, tc.name)
		assert.Equal(t, tc.tri, a.Known, tc.name)
		assert.Equal(t, tc.stmt, a.Statement, tc.name)
	}
	p := iamMust(t, `{"Statement":[{"Effect":"Allow","NotAction":["iam:*"],"Resource":"*"}]}`)
	assert.Equal(t, []string{"iam:*"}, p.AdminAccess().Except)
	assert.Equal(t, Never, AllowsAll(p))
	assert.Equal(t, Certainly, AllowsAll(iamMust(t, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)))
}

func TestAllowsAction(t *testing.T) {
	t.Parallel()
	p := iamMust(t, `{"Statement":[{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b"}]}`)
	got, label := p.AllowsAction("iam:passrole")
	assert.Equal(t, Certainly, got)
	assert.Equal(t, `"Pass"`, label)
	got, _ = p.AllowedAction("iam:PassRole")
	assert.Equal(t, Never, got, "pinned to app-* roles, not every role")
	got, _ = p.AllowsAction("s3:GetObject")
	assert.Equal(t, Never, got, "an exact deny on * cancels")
}

func TestEscalationPaths(t *testing.T) {
	t.Parallel()
	acts := func(es []Escalation) [][]string {
		var out [][]string
		for _, e := range es {
			out = append(out, e.Actions)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		doc  string
		want [][]string
	}{
		{"pass role and run instances", `{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}]}`, [][]string{{"iam:PassRole", "ec2:RunInstances"}}},
		{"pass role pinned", `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app"},{"Effect":"Allow","Action":"lambda:CreateFunction","Resource":"*"}]}`, nil},
		{"pass role on own account roles", `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/*"},{"Effect":"Allow","Action":"lambda:CreateFunction","Resource":"arn:aws:lambda:eu-west-2:111122223333:function:x"}]}`, [][]string{{"iam:PassRole", "lambda:CreateFunction"}}},
		{"create policy version", `{"Statement":{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"}}`, [][]string{{"iam:CreatePolicyVersion"}}},
		{"attach with boundary", `{"Statement":{"Effect":"Allow","Action":"iam:AttachRolePolicy","Resource":"*","Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::111122223333:policy/boundary"}}}}`, nil},
		{"attach with boundary IfExists", `{"Statement":{"Effect":"Allow","Action":"iam:AttachRolePolicy","Resource":"*","Condition":{"StringEqualsIfExists":{"iam:PermissionsBoundary":"arn:aws:iam::111122223333:policy/boundary"}}}}`, [][]string{{"iam:AttachRolePolicy"}}},
		{"put user policy on own account users", `{"Statement":{"Effect":"Allow","Action":"iam:Put*","Resource":"arn:aws:iam::111122223333:user/*"}}`, [][]string{{"iam:PutUserPolicy"}}},
		{"create access key on self only", `{"Statement":{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/${aws:username}"}}`, nil},
		{"update assume role policy", `{"Statement":{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"*"}}`, [][]string{{"iam:UpdateAssumeRolePolicy"}}},
		{"read only", `{"Statement":{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}}`, nil},
	} {
		assert.Equal(t, tc.want, acts(EscalationPaths(iamMust(t, tc.doc))), tc.name)
	}
}

func TestPublicAllows(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		doc    string
		public bool
	}{
		{"star", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}`, true},
		{"AWS star in list", `{"Statement":{"Effect":"Allow","Principal":{"AWS":["111122223333","*"]},"Action":"s3:GetObject","Resource":"*"}}`, true},
		{"NotPrincipal allow", `{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"}}`, true},
		{"deny star", `{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`, false},
		{"own account root", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}}`, false},
		{"org id", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}}`, false},
		{"source vpce", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"AWS:SourceVpce":"vpce-1"}}}}`, false},
		{"source arn", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Publish","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::b"}}}}`, false},
		{"secure transport only", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`, true},
		{"IfExists org id", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}}}`, true},
		{"negated org id", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}}}`, true},
		{"wildcard source account", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"*"}}}}`, true},
		{"source ip internet", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","0.0.0.0/0"]}}}}`, true},
		{"source ip range", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.1"]}}}}`, false},
		{"ForAllValues org paths", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringLike":{"aws:PrincipalOrgPaths":"o-a/r-b/*"}}}}`, true},
		{"source arn any bucket", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::*"}}}}`, true},
		{"source arn bucket prefix another customer can claim", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::pos-evidence*"}}}}`, true},
		{"source arn one bucket", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::pos-evidence"}}}}`, false},
		{"source arn one bucket's objects", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::pos-evidence/*"}}}}`, false},
		{"source arn any account", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-2:*:alerts"}}}}`, true},
		{"source arn own account", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-2:111122223333:*"}}}}`, false},
		{"org id like", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}}}`, true},
		{"ForAnyValue org paths", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a/r-b/*"}}}}`, false},
	} {
		got := PublicAllows(iamMust(t, tc.doc))
		assert.Equal(t, tc.public, len(got) > 0, tc.name)
	}
	p := iamMust(t, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":"`+policy.UnknownSentinel+`"}}`)
	assert.Empty(t, PublicAllows(p), "a computed condition is not known to be missing")
	assert.True(t, p.Statements[0].ConditionUnknown)
	assert.False(t, p.Statements[0].Unknown)
	got := PublicAllows(iamMust(t, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`))
	require.Len(t, got, 1)
	assert.Equal(t, []string{"Bool aws:SecureTransport"}, got[0].Ignored)
}

func TestMFACondition(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cond string
		want MFA
	}{
		{`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, MFAStrong},
		{`{"Bool":{"aws:multifactorauthpresent":true}}`, MFAStrong},
		{`{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`, MFAWeak},
		{`{"Bool":{"aws:MultiFactorAuthPresent":"false"}}`, MFAWeak},
		{`{"Null":{"aws:MultiFactorAuthAge":"false"}}`, MFAStrong},
		{`{"Null":{"aws:MultiFactorAuthAge":"true"}}`, MFAWeak},
		{`{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"}}`, MFAStrong},
		{`{"NumericLessThanEqualsIfExists":{"aws:MultiFactorAuthAge":"3600"}}`, MFAWeak},
		{`{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}`, MFAWeak},
		{`{"StringEquals":{"aws:PrincipalOrgID":"o-a"}}`, MFANone},
	} {
		p := iamMust(t, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":`+tc.cond+`}}`)
		got, _ := MFACondition(p.Statements[0])
		assert.Equal(t, tc.want, got, tc.cond)
	}
}

func TestTrustFindings(t *testing.T) {
	t.Parallel()
	const gh = `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`
	for _, tc := range []struct {
		name string
		doc  string
		want []TrustIssue
	}{
		{"github pinned", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"` + gh + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:police/app:ref:refs/heads/main"}}}}`, []TrustIssue{TrustOK}},
		{"github no sub", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"` + gh + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}}`, []TrustIssue{TrustOIDCNoSub}},
		{"github org wildcard", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"` + gh + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:police/*"}}}}`, []TrustIssue{TrustOIDCWildcardSub}},
		{"github like without wildcard", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"` + gh + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:police/app:environment:prod"}}}}`, []TrustIssue{TrustOK}},
		{"github no aud", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"` + gh + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:police/app:ref:refs/heads/main"}}}}`, []TrustIssue{TrustOIDCNoAud}},
		{"sub IfExists", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"` + gh + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEqualsIfExists":{"token.actions.githubusercontent.com:sub":"repo:police/app:ref:refs/heads/main"}}}}`, []TrustIssue{TrustOIDCNoSub}},
		{"eks no sub", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-2.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity"}}`, []TrustIssue{TrustOIDCNoSub}},
		{"saml is not oidc", `{"Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/idp"},"Action":"sts:AssumeRoleWithSAML"}}`, nil},
		{"wildcard principal", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}`, []TrustIssue{TrustPublic}},
		{"wildcard principal with external id", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}}`, []TrustIssue{TrustPublic}},
		{"wildcard principal in org", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a"}}}}`, nil},
		{"service", `{"Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`, nil},
	} {
		var got []TrustIssue
		for _, f := range TrustFindings(iamMust(t, tc.doc)) {
			got = append(got, f.Issue)
		}
		assert.Equal(t, tc.want, got, tc.name)
	}
}

func TestCrossAccountRoots(t *testing.T) {
	t.Parallel()
	own := []string{"111122223333"}
	for _, tc := range []struct {
		name string
		doc  string
		own  []string
		want int
	}{
		{"own root", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}}`, own, 0},
		{"foreign root", `{"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:root"]},"Action":"sts:AssumeRole"}}`, own, 1},
		{"foreign bare account", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}}`, own, 1},
		{"foreign root with MFA only", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}`, own, 1},
		{"foreign root with external id", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}}`, own, 0},
		{"foreign root pinned to a role", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::444455556666:role/audit"}}}}`, own, 0},
		{"foreign named role", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/audit"},"Action":"sts:AssumeRole"}}`, own, 0},
		{"own account not known", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}}`, nil, 0},
	} {
		assert.Len(t, CrossAccountRoots(iamMust(t, tc.doc), tc.own), tc.want, tc.name)
	}
	acct, root, ok := PrincipalAccount("arn:aws-us-gov:sts::444455556666:assumed-role/r/s")
	assert.Equal(t, "444455556666", acct)
	assert.False(t, root)
	assert.True(t, ok)
	_, _, ok = PrincipalAccount("*")
	assert.False(t, ok)
}

func TestManagedAdminPolicy(t *testing.T) {
	t.Parallel()
	for arn, want := range map[string]string{
		"arn:aws:iam::aws:policy/AdministratorAccess":          "AdministratorAccess",
		"arn:aws-us-gov:iam::aws:policy/AdministratorAccess":   "AdministratorAccess",
		"arn:aws-cn:iam::aws:policy/administratoraccess":       "AdministratorAccess",
		"arn:aws:iam::aws:policy/PowerUserAccess":              "PowerUserAccess",
		"arn:aws:iam::aws:policy/IAMFullAccess":                "IAMFullAccess",
		"arn:aws:iam::aws:policy/ReadOnlyAccess":               "",
		"arn:aws:iam::111122223333:policy/AdministratorAccess": "",
		"AdministratorAccess":                                  "",
	} {
		got, ok := ManagedAdminPolicy(arn)
		assert.Equal(t, want, got, arn)
		assert.Equal(t, want != "", ok, arn)
	}
}

func FuzzParseIAM(f *testing.F) {
	for _, s := range []string{
		`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`,
		`{"Statement":[{"Effect":"Allow","NotAction":["iam:*"],"NotResource":"x","Principal":{"AWS":["*",1]},"Condition":{"StringLike":{"a:sub":["x*",true]}}}]}`,
		`{"Statement":[null,{"Principal":"*","Condition":{"Bool":"x"}}]}`,
		`{"Statement":[{"Effect":"Deny","Action":"` + policy.UnknownSentinel + `"}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		p, _, err := ParseIAMJSON(doc)
		if err != nil {
			return
		}
		_ = p.AdminAccess()
		_ = EscalationPaths(p)
		_ = PublicAllows(p)
		_ = TrustFindings(p)
		for _, s := range p.Statements {
			_, _ = MFACondition(s)
		}
	})
}

func FuzzGlobMatch(f *testing.F) {
	f.Add("a*b?c", "axxbyc")
	f.Add("***", "")
	f.Fuzz(func(t *testing.T, pat, s string) {
		if GlobMatch(pat, s, false) && pat == s+"x" {
			t.Fatalf("%q matched %q", pat, s)
		}
		if !GlobMatch(s, s, false) && !iamContainsWild(s) {
			t.Fatalf("%q does not match itself", s)
		}
	})
}

func iamContainsWild(s string) bool {
	for _, c := range s {
		if c == '*' || c == '?' {
			return true
		}
	}
	return false
}
