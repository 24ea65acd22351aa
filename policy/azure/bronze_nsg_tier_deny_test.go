package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-NET-011",
	Context: bronzeCtx,
	Subject: policytest.URN(typeNSG, "nsg-bronze"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{bronzeNSG(), az(typeSecurityRule, "allow-gold-sql-2", tier.Bronze, map[string]any{
			"resourceGroupName": "rg-bronze-net", "networkSecurityGroupName": "nsg-bronze", "securityRuleName": "allow-gold-sql-2",
			"priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
			"sourceAddressPrefix": "10.0.130.0/24", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "1433",
		})}
	},
	BaselineMessage: `NSG "nsg-bronze" denies Platinum 10.0.64.0/18 and Gold 10.0.128.0/18 inbound and outbound; every allow before those denies is a declared flow`,
	Cases: []policytest.Case{
		{
			Name: "standalone outbound allow to the Internet tag",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = az(typeSecurityRule, "allow-updates", tier.Bronze, map[string]any{
					"resourceGroupName": "rg-bronze-net", "networkSecurityGroupName": "nsg-bronze", "securityRuleName": "allow-updates",
					"priority": 120, "direction": "Outbound", "access": "Allow", "protocol": "Tcp",
					"sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRange": "443",
				})
			},
			Want:    policy.StatusFail,
			Message: `NSG "nsg-bronze" rule "allow-updates" (priority 120) allows outbound traffic to Internet, the internet; Bronze has no internet access`,
		},
		{
			Name: "outbound allow to the internet with no network plan",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Network = nil
				rs[1] = az(typeSecurityRule, "allow-all-out", tier.Bronze, map[string]any{
					"resourceGroupName": "rg-bronze-net", "networkSecurityGroupName": "nsg-bronze", "securityRuleName": "allow-all-out",
					"priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "*",
					"sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefixes": []any{"0.0.0.0/1", "128.0.0.0/1"}, "destinationPortRange": "*",
				})
			},
			Want:    policy.StatusFail,
			Message: `NSG "nsg-bronze" rule "allow-all-out" (priority 100) allows outbound traffic to 0.0.0.0/1, 128.0.0.0/1, the internet; Bronze has no internet access`,
		},
		{
			Name: "no inbound deny",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Allow", "securityRules", 1, "access")
			},
			Want:    policy.StatusFail,
			Message: `NSG "nsg-bronze" has no Inbound Deny rule whose source covers the Platinum range 10.0.64.0/18 for all protocols and ports; Bronze NSGs must deny Platinum and Gold except declared flows`,
		},
		{
			Name: "inbound deny for TCP only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Tcp", "securityRules", 1, "protocol")
			},
			Want:    policy.StatusFail,
			Message: `NSG "nsg-bronze" has no Inbound Deny rule whose source covers the Platinum range 10.0.64.0/18 for all protocols and ports; Bronze NSGs must deny Platinum and Gold except declared flows`,
		},
		{
			Name: "inbound deny spelt protocol Any with ports split over a list still denies",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Any", "securityRules", 1, "protocol")
				policytest.Delete(rs[0], "securityRules", 1, "destinationPortRange")
				policytest.Set(rs[0], []any{"0-1023", "1024-65535"}, "securityRules", 1, "destinationPortRanges")
			},
			Want:    policy.StatusPass,
			Message: `NSG "nsg-bronze" denies Platinum 10.0.64.0/18 and Gold 10.0.128.0/18 inbound and outbound; every allow before those denies is a declared flow`,
		},
		{
			Name: "inbound deny whose port list leaves a gap",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "securityRules", 1, "destinationPortRange")
				policytest.Set(rs[0], []any{"0-1023", "1025-65535"}, "securityRules", 1, "destinationPortRanges")
			},
			Want:    policy.StatusFail,
			Message: `NSG "nsg-bronze" has no Inbound Deny rule whose source covers the Platinum range 10.0.64.0/18 for all protocols and ports; Bronze NSGs must deny Platinum and Gold except declared flows`,
		},
		{
			Name: "outbound deny misses Gold",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{"10.0.64.0/18"}, "securityRules", 3, "destinationAddressPrefixes")
			},
			Want:    policy.StatusFail,
			Message: `NSG "nsg-bronze" has no Outbound Deny rule whose destination covers the Gold range 10.0.128.0/18 for all protocols and ports; Bronze NSGs must deny Platinum and Gold except declared flows`,
		},
		{
			Name: "allow from VirtualNetwork before the deny",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "VirtualNetwork", "securityRules", 0, "sourceAddressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `Inbound Allow rule "allow-gold-sql" (priority 100) admits VirtualNetwork (Platinum range 10.0.64.0/18) before the Deny at priority 4000, and no declared flow covers it; narrow it to a declared flow or give the Deny a lower priority number`,
		},
		{
			Name: "allow wider ports than the flow",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "1433-1434", "securityRules", 0, "destinationPortRange")
			},
			Want:    policy.StatusFail,
			Message: `Inbound Allow rule "allow-gold-sql" (priority 100) admits 10.0.128.0/18 (Gold range 10.0.128.0/18) before the Deny at priority 4000, and no declared flow covers it; narrow it to a declared flow or give the Deny a lower priority number`,
		},
		{
			Name: "allow of a flow after the deny is harmless",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 4050, "securityRules", 0, "priority")
			},
			Want:    policy.StatusPass,
			Message: `NSG "nsg-bronze" denies Platinum 10.0.64.0/18 and Gold 10.0.128.0/18 inbound and outbound; every allow before those denies is a declared flow`,
		},
		{
			Name:    "SecurityRule resource widens to UDP",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "Udp", "protocol") },
			Want:    policy.StatusFail,
			Message: `Inbound Allow rule "allow-gold-sql-2" (priority 110) admits 10.0.130.0/24 (Gold range 10.0.128.0/18) before the Deny at priority 4000, and no declared flow covers it; narrow it to a declared flow or give the Deny a lower priority number`,
		},
		{
			Name: "outbound allow to Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "10.0.64.0/20", "securityRules", 2, "destinationAddressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `Outbound Allow rule "allow-legacy-out" (priority 200) admits 10.0.64.0/20 (Platinum range 10.0.64.0/18) before the Deny at priority 4000, and no declared flow covers it; narrow it to a declared flow or give the Deny a lower priority number`,
		},
		{
			Name: "rule without priority",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "securityRules", 0, "priority")
			},
			Want:    policy.StatusFail,
			Message: `security rule "allow-gold-sql" has no priority; every rule needs one to be ordered against the Platinum and Gold denies`,
		},
		{
			Name: "rule source computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "securityRules", 0, "sourceAddressPrefix")
			},
			Want:    policy.StatusUnknown,
			Message: `security rule "allow-gold-sql" has computed fields; Bronze NSGs must deny Platinum and Gold`,
		},
		{
			Name:    "network plan unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Network = nil },
			Want:    policy.StatusUnknown,
			Message: `the network plan is not known, so NSG "nsg-bronze" cannot be checked against the Platinum and Gold ranges`,
		},
	},
})
