package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-NET-002",
	Context: func() *policy.Context { return netTierCtx(tier.Gold) },
	Subject: policytest.URN(typeEC2NetworkACL, "gold-nacl"),
	Resources: func() []*policy.Resource {
		acl := policytest.AWS(typeEC2NetworkACL, "gold-nacl", map[string]any{
			"vpcId": "vpc-0123",
			"ingress": []any{
				map[string]any{"ruleNo": 100, "action": "allow", "protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlock": "10.64.0.0/12"},
				map[string]any{"ruleNo": 200, "action": "deny", "protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlock": "0.0.0.0/0"},
			},
		})
		rule := policytest.AWS(typeEC2NetworkACLRule, "gold-nacl-ssh", map[string]any{
			"ruleNumber": 120, "egress": false, "protocol": "tcp", "fromPort": 22, "toPort": 22,
			"ruleAction": "allow", "cidrBlock": "10.64.0.0/14",
		})
		policytest.SetComputed(rule, "networkAclId")
		policytest.Link(rule, "networkAclId", acl)
		return []*policy.Resource{acl, rule}
	},
	BaselineMessage: "3 ingress entries checked; none allows ingress from anywhere",
	Cases: []policytest.Case{
		{
			Name: "allow from 0.0.0.0/0",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows 0.0.0.0/0; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name:    "deny from anywhere turned into allow",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "allow", "ingress", 1, "action") },
			Want:    policy.StatusFail,
			Message: "ingress[1] allows 0.0.0.0/0; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "allow from anywhere in a tier stack even when tagged hub-egress",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
				policytest.Set(rs[0], "hub-egress", "tags", "Role")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows 0.0.0.0/0; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "allow from anywhere on the foundation's hub egress ACL",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
				policytest.Set(rs[0], "hub-egress", "tags", "Role")
			},
			Want:    policy.StatusPass,
			Message: "ingress[0] allows 0.0.0.0/0 on the foundation's hub egress network ACL (Role=hub-egress), which must admit the internet's return traffic to its NAT gateways",
		},
		{
			Name: "allow from anywhere on an untagged foundation ACL",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows 0.0.0.0/0; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "allow from anywhere, Role tag computed, foundation",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *netFoundationCtx()
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
				policytest.SetComputed(rs[0], "tags", "Role")
			},
			Want:    policy.StatusUnknown,
			Message: "ingress[0] allows 0.0.0.0/0 and the Role tag is computed; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "allow from anywhere on a hub-egress ACL, stack role unknown",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("unknown", "")
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
				policytest.Set(rs[0], "hub-egress", "tags", "Role")
			},
			Want:    policy.StatusUnknown,
			Message: "ingress[0] allows 0.0.0.0/0 on a Role=hub-egress network ACL, but the stack's role is not known; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "allow from two halves of the IPv4 space",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{
					map[string]any{"ruleNo": 100, "action": "allow", "protocol": "6", "fromPort": 22, "toPort": 22, "cidrBlock": "0.0.0.0/1"},
					map[string]any{"ruleNo": 110, "action": "allow", "protocol": "tcp", "fromPort": 0, "toPort": 1024, "cidrBlock": "128.0.0.0/1"},
					map[string]any{"ruleNo": 200, "action": "deny", "protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlock": "0.0.0.0/0"},
				}, "ingress")
			},
			Want: policy.StatusFail,
			Message: "ingress[0] allows 0.0.0.0/1, with ingress[1] (together they cover every public IPv4 address); " +
				"ingress[1] allows 128.0.0.0/1, with ingress[0] (together they cover every public IPv4 address); network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "allow from anywhere after a deny numbered before it",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 50, "ingress", 1, "ruleNo")
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
			},
			Want:    policy.StatusPass,
			Message: "3 ingress entries checked; none allows ingress from anywhere",
		},
		{
			Name: "allow from anywhere before a deny numbered after it",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "0.0.0.0/0", "ingress", 0, "cidrBlock")
				policytest.Set(rs[0], "::/0", "ingress", 1, "ipv6CidrBlock")
				policytest.Delete(rs[0], "ingress", 1, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows 0.0.0.0/0; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "allow from ::/0 on protocol all spelt \"all\"",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "all", "ingress", 0, "protocol")
				policytest.Delete(rs[0], "ingress", 0, "cidrBlock")
				policytest.Set(rs[0], "::/0", "ingress", 0, "ipv6CidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "ingress[0] allows ::/0; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "cidr computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "ingress", 0, "cidrBlock")
			},
			Want:    policy.StatusUnknown,
			Message: "ingress[0] cidrBlock is computed; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name:    "ingress list computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "ingress") },
			Want:    policy.StatusUnknown,
			Message: "ingress is computed; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "network ACL rule resource allowing ::/0",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "cidrBlock")
				policytest.Set(rs[1], "::/0", "ipv6CidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "rule gold-nacl-ssh allows ::/0; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name:    "network ACL egress rule resource is not counted",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], true, "egress") },
			Want:    policy.StatusPass,
			Message: "2 ingress entries checked; none allows ingress from anywhere",
		},
		{
			Name:    "network ACL rule resource direction computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "egress") },
			Want:    policy.StatusUnknown,
			Message: "rule gold-nacl-ssh egress is computed; network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
		{
			Name: "network ACL rule resource allowing anywhere after the inline deny",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], 300, "ruleNumber")
				policytest.Set(rs[1], "0.0.0.0/0", "cidrBlock")
			},
			Want:    policy.StatusPass,
			Message: "3 ingress entries checked; none allows ingress from anywhere",
		},
		{
			Name: "network ACL rule resource completing an inline allow's half of the IPv4 space",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "0.0.0.0/1", "ingress", 0, "cidrBlock")
				policytest.Set(rs[0], 22, "ingress", 0, "fromPort")
				policytest.Set(rs[1], "128.0.0.0/1", "cidrBlock")
			},
			Want: policy.StatusFail,
			Message: "ingress[0] allows 0.0.0.0/1, with rule gold-nacl-ssh (together they cover every public IPv4 address); " +
				"rule gold-nacl-ssh allows 128.0.0.0/1, with ingress[0] (together they cover every public IPv4 address); network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)",
		},
	},
})

// TestNetOpenIngressACLAlone covers what the fixture cannot (its subject is the network ACL): a default
// network ACL, and NetworkAclRule resources whose ACL is not in the stack.
func TestNetOpenIngressACLAlone(t *testing.T) {
	t.Parallel()
	var rule policy.StackRule
	for _, r := range StackRules() {
		if r.ID == "PCLZ-AWS-NET-002" {
			rule = r
		}
	}
	require.NotNil(t, rule.Check)
	const req = "network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that together cover every public address; only the foundation's hub egress network ACLs, tagged Role=hub-egress, may)"
	cases := []struct {
		name string
		r    *policy.Resource
		want policy.Result
	}{
		{"default network ACL allowing everything", policytest.AWS(typeEC2DefaultNetworkACL, "default-nacl", map[string]any{
			"defaultNetworkAclId": "acl-default",
			"ingress":             []any{map[string]any{"ruleNo": 100, "action": "allow", "protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlock": "0.0.0.0/0"}},
		}), policy.Fail("ingress[0] allows 0.0.0.0/0; %s", req)},
		{"rule resource of an ACL outside the stack allowing ::/0", policytest.AWS(typeEC2NetworkACLRule, "in6", map[string]any{
			"networkAclId": "acl-1", "ruleNumber": 110, "egress": false, "protocol": "-1", "ruleAction": "allow", "ipv6CidrBlock": "::/0",
		}), policy.Fail("ingress allows ::/0; %s", req)},
		{"egress rule resource of an ACL outside the stack", policytest.AWS(typeEC2NetworkACLRule, "out", map[string]any{
			"networkAclId": "acl-1", "ruleNumber": 110, "egress": true, "protocol": "-1", "ruleAction": "allow", "cidrBlock": "0.0.0.0/0",
		}), policy.NotApplicable("egress rule; this rule checks ingress rules")},
	}
	for _, c := range cases {
		ev := policy.Evaluate(netTierCtx(tier.Gold), []*policy.Resource{c.r}, policy.Options{StackRules: []policy.StackRule{rule}})
		require.Len(t, ev.Findings, 1, c.name)
		assert.Equal(t, c.want.Status, ev.Findings[0].Status, c.name)
		assert.Equal(t, c.want.Message, ev.Findings[0].Message, c.name)
		assert.Equal(t, c.r.URN, ev.Findings[0].URN, c.name)
	}
}
