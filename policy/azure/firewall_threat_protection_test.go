package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const threatWhy = "lets traffic to and from known malicious addresses and domains pass unrecorded"

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-NET-022",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeFirewallPolicy, "fwpol", in("location", "uksouth", "sku", map[string]any{"tier": "Premium"},
			"threatIntelMode", "Deny", "intrusionDetection", map[string]any{"mode": "Deny"})())}
	},
	BaselineMessage: "firewall policy: threatIntelMode Deny, intrusionDetection.mode Deny",
	Cases: []policytest.Case{
		variant("policy threat intelligence off", typeFirewallPolicy, in("threatIntelMode", "Off"), nil, policy.StatusFail,
			`threatIntelMode is "Off", which `+threatWhy+`; it must be Alert or Deny`),
		variant("premium policy without IDPS", typeFirewallPolicy, in("sku", map[string]any{"tier": "Premium"}, "threatIntelMode", "Deny"), nil, policy.StatusFail,
			"intrusionDetection.mode is not set (Azure's default is Off, which leaves the hub's traffic uninspected for known attack signatures); it must be Alert or Deny"),
		variant("standard policy with defaults", typeFirewallPolicy, in("sku", map[string]any{"tier": "Standard"}), nil, policy.StatusPass,
			"firewall policy: threatIntelMode Alert (default)"),
		variant("firewall threat intelligence off", typeAzureFirewall, in("threatIntelMode", "Off"), nil, policy.StatusFail,
			`threatIntelMode is "Off", which `+threatWhy+`; it must be Alert or Deny`),
		variant("firewall threat intelligence computed", typeAzureFirewall, in(), computed("threatIntelMode"), policy.StatusUnknown,
			"threatIntelMode is computed; it must be Alert or Deny"),
	},
})
