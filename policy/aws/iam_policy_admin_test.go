package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const (
	iamReadOnlyDoc  = `{"Version":"2012-10-17","Statement":[{"Sid":"ReadLogs","Effect":"Allow","Action":["logs:GetLogEvents","logs:FilterLogEvents"],"Resource":"arn:aws:logs:eu-west-2:111122223333:log-group:/pos/*"}]}`
	iamPowerUserDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"PowerUser","Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}]}`
	iamAdminDoc     = `{"Version":"2012-10-17","Statement":{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}}`
)

// iamAdminFixture: rs[0] a role policy attached to rs[1], an operator role; rs[2] the break-glass role.
func iamAdminFixture() []*policy.Resource {
	ops := policytest.AWS(typeIAMRole, "ops", map[string]any{
		"name":             "pos-ops",
		"assumeRolePolicy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
	})
	bg := policytest.AWS(typeIAMRole, "break-glass", map[string]any{
		"name":             "pos-break-glass",
		"assumeRolePolicy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`,
		"tags":             map[string]any{"BreakGlass": "true"},
	})
	rp := policytest.AWS(typeIAMRolePolicy, "ops-logs", map[string]any{
		"role":   policy.UnknownSentinel,
		"policy": iamReadOnlyDoc,
	})
	policytest.Link(rp, "role", ops)
	return []*policy.Resource{rp, ops, bg}
}

// iamAttachTo points the role policy at another role.
func iamAttachTo(rp, role *policy.Resource) {
	rp.PropertyDependencies = nil
	policytest.Link(rp, "role", role)
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-001",
	Resources:       iamAdminFixture,
	Subject:         policytest.URN(typeIAMRolePolicy, "ops-logs"),
	BaselineMessage: "no statement allows action * on resource *",
	Cases: []policytest.Case{
		{
			Name:    "administrator access",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], iamAdminDoc, "policy") },
			Want:    policy.StatusFail,
			Message: `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`,
		},
		{
			Name: "lists holding * in an unnamed statement",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Effect":"Allow","Action":["s3:GetObject","*:*"],"Resource":["arn:aws:s3:::a","*"]}]}`, "policy")
			},
			Want:    policy.StatusFail,
			Message: "statement 2 allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access",
		},
		{
			Name:    "NotAction on every resource",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], iamPowerUserDoc, "policy") },
			Want:    policy.StatusFail,
			Message: `statement "PowerUser" allows every action except iam:*, organizations:*, account:* (NotAction) on resource *, which is administrator access; only the break-glass role (tag BreakGlass=true) may hold full administrator access`,
		},
		{
			Name: "every IAM action, any case",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], `{"Statement":[{"Effect":"Allow","Action":["IAM:*"],"Resource":"arn:aws:iam::111122223333:*"}]}`, "policy")
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows every IAM action on resource *, with which its holder grants itself any permission; only the break-glass role (tag BreakGlass=true) may hold full administrator access",
		},
		{
			Name: "star minus an exact deny of IAM",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`, "policy")
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows every action of every service on resource * but those an explicit Deny removes, which is administrator access; only the break-glass role (tag BreakGlass=true) may hold full administrator access",
		},
		{
			Name: "an exact deny of everything cancels the allow",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}`, "policy")
			},
			Want:    policy.StatusPass,
			Message: "no statement allows action * on resource *",
		},
		{
			Name: "document as an object, Statement as one object",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Version": "2012-10-17", "Statement": map[string]any{"Sid": "Admin", "Effect": "Allow", "Action": []any{"*:*"}, "NotResource": "arn:aws:s3:::x"}}, "policy")
			},
			Want:    policy.StatusFail,
			Message: `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`,
		},
		{
			Name: "administrator access under a computed condition",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": map[string]any{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*",
					"Condition": map[string]any{"IpAddress": map[string]any{"aws:SourceIp": policy.UnknownSentinel}}}}, "policy")
			},
			Want:    policy.StatusFail,
			Message: `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`,
		},
		{
			Name: "deny * on * is fine",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, "policy")
			},
			Want:    policy.StatusPass,
			Message: "no statement allows action * on resource *",
		},
		{
			Name: "every action on one resource is not administrator access",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::evidence/*"}]}`, "policy")
			},
			Want:    policy.StatusPass,
			Message: "no statement allows action * on resource *",
		},
		{
			Name: "attached to the break-glass role",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				iamAttachTo(rs[0], rs[2])
				policytest.Set(rs[0], iamAdminDoc, "policy")
			},
			Want:    policy.StatusNotApplicable,
			Message: "policy of the break-glass role break-glass (tag BreakGlass=true) is exempt",
		},
		{
			Name: "break-glass role found by name",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies = nil
				policytest.Set(rs[0], "pos-break-glass", "role")
				policytest.Set(rs[0], iamAdminDoc, "policy")
			},
			Want:    policy.StatusNotApplicable,
			Message: "policy of the break-glass role break-glass (tag BreakGlass=true) is exempt",
		},
		{
			Name: "BreakGlass tag on the role is not true",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				iamAttachTo(rs[0], rs[2])
				policytest.Set(rs[2], "false", "tags", "BreakGlass")
				policytest.Set(rs[0], iamAdminDoc, "policy")
			},
			Want:    policy.StatusFail,
			Message: `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`,
		},
		{
			Name: "role's BreakGlass tag computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "tags", "BreakGlass")
				policytest.Set(rs[0], iamAdminDoc, "policy")
			},
			Want:    policy.StatusUnknown,
			Message: `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access, and whether role ops is the break-glass role is not known (its tags are computed)`,
		},
		{
			Name: "role computed and unlinked",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies = nil
				policytest.Set(rs[0], iamAdminDoc, "policy")
			},
			Want:    policy.StatusUnknown,
			Message: `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access, and the role it is attached to is computed, so whether it is the break-glass role is not known`,
		},
		{
			Name:    "document computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "policy") },
			Want:    policy.StatusUnknown,
			Message: "policy document is computed; it must not allow action * on resource *",
		},
		{
			Name:    "document not JSON",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "{Statement:", "policy") },
			Want:    policy.StatusFail,
			Message: "policy document is not valid JSON",
		},
		{
			Name: "document given as an object with a computed resource",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "*", "Resource": policy.UnknownSentinel}}}, "policy")
			},
			Want:    policy.StatusUnknown,
			Message: "statement 1 holds computed values; it must not allow action * on resource *",
		},
		{
			Name:    "document missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "policy") },
			Want:    policy.StatusNotApplicable,
			Message: "no policy document to check",
		},
	},
})

// iamEvalStack runs one stack rule and returns its findings by URN.
func iamEvalStack(t *testing.T, id string, ctx *policy.Context, rs []*policy.Resource) map[string]policy.Finding {
	t.Helper()
	for _, r := range StackRules() {
		if r.ID == id {
			ev := policy.Evaluate(ctx, rs, policy.Options{StackRules: []policy.StackRule{r}})
			out := map[string]policy.Finding{}
			for _, f := range ev.Findings {
				out[f.URN] = f
			}
			return out
		}
	}
	require.Failf(t, "no such stack rule", "%s", id)
	return nil
}

// TestIAMAdminOtherTypes covers the document-holding types the fixture's subject is not.
func TestIAMAdminOtherTypes(t *testing.T) {
	t.Parallel()
	roleWith := func(name string, inline ...any) *policy.Resource {
		return policytest.AWS(typeIAMRole, name, map[string]any{"inlinePolicies": inline})
	}
	inline := func(name, doc string) map[string]any { return map[string]any{"name": name, "policy": doc} }
	bg := roleWith("bg", inline("admin", iamAdminDoc))
	policytest.Set(bg, "true", "tags", "BreakGlass")
	computedInline := policytest.AWS(typeIAMRole, "computed", map[string]any{})
	policytest.SetComputed(computedInline, "inlinePolicies")
	customer := policytest.AWS(typeIAMPolicy, "customer", map[string]any{"policy": iamReadOnlyDoc})
	attachCustomer := policytest.AWS(typeIAMRolePolicyAttachment, "attach-customer", map[string]any{"role": "pos-ops"})
	policytest.SetComputed(attachCustomer, "policyArn")
	policytest.Link(attachCustomer, "policyArn", customer)
	attachComputed := policytest.AWS(typeIAMUserPolicyAttachment, "attach-computed", map[string]any{"user": "bob"})
	policytest.SetComputed(attachComputed, "policyArn")
	bgNamed := policytest.AWS(typeIAMRole, "bg-named", map[string]any{"name": "pos-break-glass", "tags": map[string]any{"BreakGlass": "true"}})
	rs := []*policy.Resource{
		customer, attachCustomer, attachComputed, bgNamed,
		policytest.AWS(typeIAMPolicy, "doc-object", map[string]any{"policy": map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": []any{"*"}}}}}),
		policytest.AWS(typeIAMRolePolicyAttachment, "attach-admin", map[string]any{"role": "pos-ops", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
		policytest.AWS(typeIAMRolePolicyAttachment, "attach-read", map[string]any{"role": "pos-ops", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
		policytest.AWS(typeIAMRolePolicyAttachment, "attach-bg", map[string]any{"role": "pos-break-glass", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
		policytest.AWS(typeIAMUserPolicyAttachment, "attach-user-gov", map[string]any{"user": "bob", "policyArn": "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"}),
		policytest.AWS(typeIAMGroupPolicyAttachment, "attach-group-power", map[string]any{"group": "ops", "policyArn": "arn:aws:iam::aws:policy/PowerUserAccess"}),
		policytest.AWS(typeIAMPolicyAttachment, "attach-many", map[string]any{"users": []any{"bob"}, "policyArn": "arn:aws:iam::aws:policy/IAMFullAccess"}),
		policytest.AWS(typeIAMPolicyAttachment, "attach-many-bg", map[string]any{"roles": []any{"pos-break-glass"}, "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
		policytest.AWS(typeIAMRole, "managed-arns-admin", map[string]any{"managedPolicyArns": []any{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"}}),
		policytest.AWS(typeIAMRole, "managed-arns-read", map[string]any{"managedPolicyArns": []any{"arn:aws:iam::aws:policy/ReadOnlyAccess"}}),
		policytest.AWS(typeSSOManagedPolicyAttachment, "sso-admin", map[string]any{"managedPolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess", "permissionSetArn": "arn:aws:sso:::permissionSet/ssoins-1/ps-1"}),
		policytest.AWS(typeSSOPermissionSetInlinePolicy, "sso-inline", map[string]any{"inlinePolicy": iamPowerUserDoc}),
		policytest.AWS(typeIAMPolicy, "managed-admin", map[string]any{"policy": iamAdminDoc}),
		policytest.AWS(typeIAMPolicy, "managed-read", map[string]any{"policy": iamReadOnlyDoc}),
		policytest.AWS(typeIAMUserPolicy, "user-admin", map[string]any{"user": "bob", "policy": iamAdminDoc}),
		policytest.AWS(typeIAMGroupPolicy, "group-admin", map[string]any{"group": "ops", "policy": iamAdminDoc}),
		roleWith("inline-admin", inline("read", iamReadOnlyDoc), inline("admin", iamAdminDoc)),
		roleWith("inline-read", inline("read", iamReadOnlyDoc)),
		roleWith("no-inline"),
		bg,
		computedInline,
	}
	got := iamEvalStack(t, "PCLZ-AWS-IAM-001", policy.NewContext("t", tier.Gold), rs)
	const only = "; only the break-glass role (tag BreakGlass=true) may hold full administrator access"
	want := map[string]struct {
		status policy.Status
		msg    string
	}{
		"customer":           {policy.StatusPass, "no statement allows action * on resource *"},
		"attach-customer":    {policy.StatusNotApplicable, "attaches the customer managed policy customer, whose document this rule checks on that policy"},
		"attach-computed":    {policy.StatusUnknown, "policyArn is computed; it must not attach an AWS managed administrator policy"},
		"bg-named":           {policy.StatusNotApplicable, "break-glass role (tag BreakGlass=true) is exempt"},
		"doc-object":         {policy.StatusFail, "statement 1 allows every action except s3:DeleteBucket (NotAction) on resource *, which is administrator access" + only},
		"attach-admin":       {policy.StatusFail, "attaches the AWS managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess), which is administrator access" + only},
		"attach-read":        {policy.StatusPass, "attaches arn:aws:iam::aws:policy/ReadOnlyAccess, which is not an AWS managed administrator policy (customer managed policies are checked where they are defined)"},
		"attach-bg":          {policy.StatusNotApplicable, "attachment to the break-glass role bg-named (tag BreakGlass=true) is exempt"},
		"attach-user-gov":    {policy.StatusFail, "attaches the AWS managed policy AdministratorAccess (arn:aws-us-gov:iam::aws:policy/AdministratorAccess), which is administrator access" + only},
		"attach-group-power": {policy.StatusFail, "attaches the AWS managed policy PowerUserAccess (arn:aws:iam::aws:policy/PowerUserAccess), which is administrator access" + only},
		"attach-many":        {policy.StatusFail, "attaches the AWS managed policy IAMFullAccess (arn:aws:iam::aws:policy/IAMFullAccess), which is administrator access" + only},
		"attach-many-bg":     {policy.StatusNotApplicable, "attachment to the break-glass role only (tag BreakGlass=true) is exempt"},
		"managed-arns-admin": {policy.StatusFail, "managedPolicyArns attaches the AWS managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess), which is administrator access" + only},
		"managed-arns-read":  {policy.StatusPass, "no inline policy allows action * on resource *, and no managed administrator policy is attached"},
		"sso-admin":          {policy.StatusFail, "attaches the AWS managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess), which is administrator access" + only},
		"sso-inline":         {policy.StatusFail, `statement "PowerUser" allows every action except iam:*, organizations:*, account:* (NotAction) on resource *, which is administrator access` + only},
		"managed-admin":      {policy.StatusFail, `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"managed-read":       {policy.StatusPass, "no statement allows action * on resource *"},
		"user-admin":         {policy.StatusFail, `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"group-admin":        {policy.StatusFail, `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"inline-admin":       {policy.StatusFail, `inline policy "admin": statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"inline-read":        {policy.StatusPass, "no inline policy allows action * on resource *"},
		"no-inline":          {policy.StatusPass, "role has no inline policies"},
		"bg":                 {policy.StatusNotApplicable, "break-glass role (tag BreakGlass=true) is exempt"},
		"computed":           {policy.StatusUnknown, "inlinePolicies is computed; no inline policy may allow action * on resource *"},
	}
	require.Len(t, got, len(want))
	for _, r := range rs {
		f, ok := got[r.URN]
		require.True(t, ok, r.Name)
		assert.Equal(t, want[r.Name].status, f.Status, r.Name)
		assert.Equal(t, want[r.Name].msg, f.Message, r.Name)
	}
}
