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
	iamReadOnlyDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"ReadLogs","Effect":"Allow","Action":["logs:GetLogEvents","logs:FilterLogEvents"],"Resource":"arn:aws:logs:eu-west-2:111122223333:log-group:/pos/*"}]}`
	iamAdminDoc    = `{"Version":"2012-10-17","Statement":{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}}`
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
	rs := []*policy.Resource{
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
	want := map[string]struct {
		status policy.Status
		msg    string
	}{
		"managed-admin": {policy.StatusFail, `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"managed-read":  {policy.StatusPass, "no statement allows action * on resource *"},
		"user-admin":    {policy.StatusFail, `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"group-admin":   {policy.StatusFail, `statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"inline-admin":  {policy.StatusFail, `inline policy "admin": statement "Admin" allows action * on resource *; only the break-glass role (tag BreakGlass=true) may hold full administrator access`},
		"inline-read":   {policy.StatusPass, "no inline policy allows action * on resource *"},
		"no-inline":     {policy.StatusPass, "role has no inline policies"},
		"bg":            {policy.StatusNotApplicable, "break-glass role (tag BreakGlass=true) is exempt"},
		"computed":      {policy.StatusUnknown, "inlinePolicies is computed; no inline policy may allow action * on resource *"},
	}
	require.Len(t, got, len(want))
	for _, r := range rs {
		f, ok := got[r.URN]
		require.True(t, ok, r.Name)
		assert.Equal(t, want[r.Name].status, f.Status, r.Name)
		assert.Equal(t, want[r.Name].msg, f.Message, r.Name)
	}
}
