package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-NET-001",
	Subject: policytest.URN(typeNSG, "nsg-workload"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeNSG, "nsg-workload", tier.Gold, map[string]any{
			"location": "uksouth", "resourceGroupName": "rg-net", "networkSecurityGroupName": "nsg-workload",
			"securityRules": []any{
				map[string]any{"name": "allow-hub-https", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
					"sourceAddressPrefix": "10.0.0.0/18", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443"},
				map[string]any{"name": "deny-all-in", "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*",
					"sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"},
				map[string]any{"name": "allow-out", "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "*",
					"sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"},
			},
		}), az(typeSecurityRule, "allow-hub-ssh", tier.Gold, map[string]any{
			"resourceGroupName": "rg-net", "networkSecurityGroupName": "nsg-workload", "securityRuleName": "allow-hub-ssh",
			"priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
			"sourceAddressPrefix": "10.0.0.0/18", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22",
		})}
	},
	BaselineMessage: "no inbound allow rule admits the internet (4 rules checked)",
	Cases: []policytest.Case{
		{
			Name: "source Internet",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Internet", "securityRules", 0, "sourceAddressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-https" allows traffic from "Internet"; inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "0.0.0.0/0 among source prefixes",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "securityRules", 0, "sourceAddressPrefix")
				policytest.Set(rs[0], []any{"10.0.0.0/18", "0.0.0.0/0"}, "securityRules", 0, "sourceAddressPrefixes")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-https" allows traffic from "0.0.0.0/0"; inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "source prefixes together cover the IPv4 internet",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "securityRules", 0, "sourceAddressPrefix")
				policytest.Set(rs[0], []any{"0.0.0.0/1", "128.0.0.0/1"}, "securityRules", 0, "sourceAddressPrefixes")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-https" allows traffic from "0.0.0.0/1, 128.0.0.0/1" (together they cover every public IPv4 address); inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "source service tag AzureCloud admits every Azure customer",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "AzureCloud.UKSouth", "securityRules", 0, "sourceAddressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-https" allows traffic from "AzureCloud.UKSouth"; inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "source service tag VirtualNetwork is fine",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "VirtualNetwork", "securityRules", 0, "sourceAddressPrefix")
			},
			Want:    policy.StatusPass,
			Message: "no inbound allow rule admits the internet (4 rules checked)",
		},
		{
			Name: "source an unknown service tag",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "SomeFutureTag", "securityRules", 0, "sourceAddressPrefix")
			},
			Want:    policy.StatusUnknown,
			Message: `inbound rule "allow-hub-https" cannot be decided ("SomeFutureTag" is neither an address range nor a service tag known to be bounded); it must not admit the internet`,
		},
		{
			Name: "source ::/0 on a port list holding RDP, protocol lower case",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "::/0", "securityRules", 0, "sourceAddressPrefix")
				policytest.Set(rs[0], "tcp", "securityRules", 0, "protocol")
				policytest.Delete(rs[0], "securityRules", 0, "destinationPortRange")
				policytest.Set(rs[0], []any{"443", "3380-3390"}, "securityRules", 0, "destinationPortRanges")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-https" allows traffic from "::/0" to RDP (3389); inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "internet allowed after a higher-priority deny of the internet",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Internet", "securityRules", 0, "sourceAddressPrefix")
				policytest.Set(rs[0], 50, "securityRules", 1, "priority")
				policytest.Set(rs[0], "Internet", "securityRules", 1, "sourceAddressPrefix")
			},
			Want:    policy.StatusPass,
			Message: "no inbound allow rule admits the internet (4 rules checked)",
		},
		{
			Name: "internet allowed after a higher-priority deny of another port",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "*", "securityRules", 0, "sourceAddressPrefix")
				policytest.Set(rs[0], 50, "securityRules", 1, "priority")
				policytest.Set(rs[0], "22", "securityRules", 1, "destinationPortRange")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-https" allows traffic from "*"; inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "two rules whose sources together are the internet on the same port",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "0.0.0.0/1", "securityRules", 0, "sourceAddressPrefix")
				policytest.Set(rs[0], []any{
					rs[0].Get("securityRules", 0),
					map[string]any{"name": "allow-upper-half", "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "*",
						"sourceAddressPrefix": "128.0.0.0/1", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"},
					rs[0].Get("securityRules", 1),
				}, "securityRules")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-https" allows traffic from "0.0.0.0/1", with rule "allow-upper-half" (together they cover every public IPv4 address); inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "source computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "securityRules", 0, "sourceAddressPrefix")
			},
			Want:    policy.StatusUnknown,
			Message: `inbound rule "allow-hub-https" has a computed source; it must not be the internet`,
		},
		{
			Name:    "rules computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "securityRules") },
			Want:    policy.StatusUnknown,
			Message: "securityRules is computed; no rule may admit the internet",
		},
		{
			Name: "SecurityRule resource from Any",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "Any", "sourceAddressPrefix")
			},
			Want:    policy.StatusFail,
			Message: `inbound rule "allow-hub-ssh" allows traffic from "Any" to SSH (22); inbound allow rules must name private sources (a tier range, the hub or a declared flow)`,
		},
		{
			Name: "SecurityRule resource from the internet after a higher-priority inline deny of the internet",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "Internet", "sourceAddressPrefix")
				policytest.Set(rs[0], 150, "securityRules", 1, "priority")
				policytest.Set(rs[0], "Internet", "securityRules", 1, "sourceAddressPrefix")
			},
			Want:    policy.StatusPass,
			Message: "no inbound allow rule admits the internet (4 rules checked)",
		},
		{
			Name: "SecurityRule resource naming an NSG outside the stack is judged apart from this NSG",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "Internet", "sourceAddressPrefix")
				policytest.Set(rs[1], "nsg-elsewhere", "networkSecurityGroupName")
			},
			Want:    policy.StatusPass,
			Message: "no inbound allow rule admits the internet (3 rules checked)",
		},
		{
			Name: "internet denied is fine",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Internet", "securityRules", 1, "sourceAddressPrefix")
			},
			Want:    policy.StatusPass,
			Message: "no inbound allow rule admits the internet (4 rules checked)",
		},
	},
})
