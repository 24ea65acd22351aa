package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func netBronzeACLFixture() []*policy.Resource {
	vpc := policytest.AWS(typeEC2Vpc, "bronze-vpc", map[string]any{"cidrBlock": netTestBronze})
	entry := func(no int, action, proto string, from, to int, cidr string) map[string]any {
		return map[string]any{"ruleNo": no, "action": action, "protocol": proto, "fromPort": from, "toPort": to, "cidrBlock": cidr}
	}
	acl := policytest.AWS(typeEC2NetworkACL, "bronze-nacl", map[string]any{
		"subnetIds": []any{"subnet-a", "subnet-b"},
		"ingress": []any{
			entry(100, "allow", "tcp", 1433, 1433, netTestGold),
			entry(110, "allow", "tcp", 1024, 65535, netTestLegacyDC),
			entry(200, "deny", "-1", 0, 0, netTestPlatinum),
			entry(210, "deny", "-1", 0, 0, netTestGold),
		},
		"egress": []any{
			entry(100, "allow", "tcp", 445, 445, netTestLegacyDC),
			entry(110, "allow", "tcp", 1024, 65535, netTestGold),
			entry(200, "deny", "-1", 0, 0, netTestPlatinum),
			entry(210, "deny", "-1", 0, 0, netTestGold),
		},
	})
	policytest.SetComputed(acl, "vpcId")
	policytest.Link(acl, "vpcId", vpc)
	rule := policytest.AWS(typeEC2NetworkACLRule, "bronze-nacl-intra", map[string]any{
		"ruleNumber": 120, "egress": false, "protocol": "-1", "ruleAction": "allow", "cidrBlock": netTestBronze,
	})
	policytest.SetComputed(rule, "networkAclId")
	policytest.Link(rule, "networkAclId", acl)
	return []*policy.Resource{vpc, acl, rule}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-NET-010",
	Context:         netBronzeCtx,
	Subject:         policytest.URN(typeEC2NetworkACL, "bronze-nacl"),
	Resources:       netBronzeACLFixture,
	BaselineMessage: "network ACL bronze-nacl: 5 allow entries stay inside bronze and its declared flows, and deny-all entries cover Platinum 10.68.0.0/14 and Gold 10.72.0.0/14 in both directions",
	Cases: []policytest.Case{
		{
			Name: "egress allow to anywhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "0.0.0.0/0", "egress", 0, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: egress[0] allows 0.0.0.0/0 (anywhere); " + netBronzeNACLRequired,
		},
		{
			Name:    "separate rule allows PSN",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], netTestPSN, "cidrBlock") },
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: ingress rule bronze-nacl-intra allows 172.20.0.0/16 (PSN); " + netBronzeNACLRequired,
		},
		{
			Name: "ingress allow from Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "10.68.4.0/24", "ingress", 1, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: ingress[1] allows 10.68.4.0/24 (Platinum); " + netBronzeNACLRequired,
		},
		{
			Name: "no egress deny for Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "10.99.0.0/16", "egress", 2, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: no egress deny-all entry covers Platinum 10.68.0.0/14; " + netBronzeNACLRequired,
		},
		{
			Name:    "Gold ingress deny only for tcp",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "tcp", "ingress", 3, "protocol") },
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: no ingress deny-all entry covers Gold 10.72.0.0/14; " + netBronzeNACLRequired,
		},
		{
			Name: "Gold ingress deny narrower than the Gold range",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "10.72.0.0/16", "ingress", 3, "cidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: no ingress deny-all entry covers Gold 10.72.0.0/14; " + netBronzeNACLRequired,
		},
		{
			Name:    "not associated with any subnet",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "subnetIds") },
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: it is associated with no subnet; " + netBronzeNACLRequired,
		},
		{
			Name: "associated through a NetworkAclAssociation",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[1], "subnetIds")
				assoc := policytest.AWS(typeEC2NetworkACLAssociation, "bronze-nacl-a", map[string]any{"subnetId": "subnet-a"})
				policytest.SetComputed(assoc, "networkAclId")
				policytest.Link(assoc, "networkAclId", rs[1])
				rs[0] = assoc // the VPC is not needed for this case
			},
			Want:    policy.StatusPass,
			Message: "network ACL bronze-nacl: 5 allow entries stay inside bronze and its declared flows, and deny-all entries cover Platinum 10.68.0.0/14 and Gold 10.72.0.0/14 in both directions",
		},
		{
			Name:    "subnetIds computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "subnetIds") },
			Want:    policy.StatusUnknown,
			Message: "network ACL bronze-nacl: its subnetIds are computed; " + netBronzeNACLRequired,
		},
		{
			Name: "Platinum ingress deny range computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "ingress", 2, "cidrBlock")
			},
			Want:    policy.StatusUnknown,
			Message: "network ACL bronze-nacl: whether an ingress deny-all entry covers Platinum 10.68.0.0/14 is not yet known; " + netBronzeNACLRequired,
		},
		{
			Name: "allow range computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "egress", 0, "cidrBlock")
			},
			Want:    policy.StatusUnknown,
			Message: "network ACL bronze-nacl: egress[0] cidrBlock is computed; " + netBronzeNACLRequired,
		},
		{
			Name:    "ingress computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "ingress") },
			Want:    policy.StatusUnknown,
			Message: "ingress is computed; " + netBronzeNACLRequired,
		},
		{
			Name: "address plan not known, egress allow to ::/0",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Delete(rs[1], "egress", 0, "cidrBlock")
				policytest.Set(rs[1], "::/0", "egress", 0, "ipv6CidrBlock")
			},
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: egress[0] allows ::/0 (anywhere); " + netBronzeNACLRequired,
		},
		{
			Name: "address plan not known, not associated with any subnet",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				policytest.Delete(rs[1], "subnetIds")
			},
			Want:    policy.StatusFail,
			Message: "network ACL bronze-nacl: it is associated with no subnet; " + netBronzeNACLRequired,
		},
		{
			Name:    "address plan not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: "the landing zone's address plan and declared flows are not known; " + netBronzeNACLRequired,
		},
		{
			Name:    "foundation stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *netFoundationCtx() },
			Want:    policy.StatusNotApplicable,
			Message: "foundation stack; bronze's network ACLs live in the bronze tier stack",
		},
		{
			Name: "stack tier not known",
			Mutate: func(_ []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("unknown", "")
				ctx.Network = netTestNetwork()
			},
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known; " + netBronzeNACLRequired,
		},
	},
})

// TestNetBronzeACLStackLevel covers the findings that are not about the fixture's ACL: a VPC without an
// ACL and a rule whose ACL is in another stack.
func TestNetBronzeACLStackLevel(t *testing.T) {
	t.Parallel()
	rule := netStackRule(t, "PCLZ-AWS-NET-010")
	find := func(rs []*policy.Resource, urn string) policy.Finding {
		ev := policy.Evaluate(netBronzeCtx(), rs, policy.Options{StackRules: []policy.StackRule{rule}})
		for _, f := range ev.Findings {
			if f.URN == urn {
				return f
			}
		}
		require.Failf(t, "no finding", "%s: %+v", urn, ev.Findings)
		return policy.Finding{}
	}
	rs := netBronzeACLFixture()
	vpcURN := rs[0].URN
	rs[1].PropertyDependencies = nil
	policytest.Set(rs[1], "vpc-other", "vpcId")
	f := find(rs, vpcURN)
	assert.Equal(t, policy.StatusFail, f.Status)
	assert.Equal(t, "bronze VPC has no network ACL of its own, so its subnets use the default ACL that allows everything; "+
		netBronzeNACLRequired, f.Message)

	rs = netBronzeACLFixture()
	policytest.SetComputed(rs[1], "vpcId")
	rs[1].PropertyDependencies = nil
	f = find(rs, vpcURN)
	assert.Equal(t, policy.StatusUnknown, f.Status)
	assert.Equal(t, "no network ACL is linked to this VPC and the vpcId of bronze-nacl is computed; "+netBronzeNACLRequired, f.Message)

	rs = netBronzeACLFixture()
	orphan := rs[2]
	orphan.PropertyDependencies = nil
	policytest.Set(orphan, "acl-elsewhere", "networkAclId")
	f = find(rs, orphan.URN)
	assert.Equal(t, policy.StatusPass, f.Status)
	assert.Equal(t, "rule stays inside bronze and its declared flows (its network ACL is not in this stack)", f.Message)
	policytest.Set(orphan, "0.0.0.0/0", "cidrBlock")
	f = find(rs, orphan.URN)
	assert.Equal(t, policy.StatusFail, f.Status)
	assert.Equal(t, "rule allows 0.0.0.0/0 (anywhere); "+netBronzeNACLRequired, f.Message)
}
