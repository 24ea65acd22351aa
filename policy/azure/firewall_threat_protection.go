package azure

import "github.com/policecloud/landingzones/policy"

// firewallThreats says, per type, which inputs turn the firewall's threat protection on.
var firewallThreats = map[string]typeSpec{
	typeAzureFirewall: {what: "Azure Firewall", fields: []field{
		{path: []any{"threatIntelMode"}, ok: []string{"Alert", "Deny"}, def: "Alert", why: "lets traffic to and from known malicious addresses and domains pass unrecorded"},
	}},
	typeFirewallPolicy: {what: "firewall policy", fields: []field{
		{path: []any{"threatIntelMode"}, ok: []string{"Alert", "Deny"}, def: "Alert", why: "lets traffic to and from known malicious addresses and domains pass unrecorded"},
		{path: []any{"intrusionDetection", "mode"}, ok: []string{"Alert", "Deny"}, def: "Off", why: "leaves the hub's traffic uninspected for known attack signatures",
			when: func(r *policy.Resource) bool {
				tier, _ := policy.Str(r.Get("sku", "tier"))
				return eqFold(tier, "Premium")
			}},
	}},
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-022",
		Title: "The hub firewall filters known threats",
		Description: "Every flow into and out of the landing zone crosses the hub's Azure Firewall. Its threat " +
			"intelligence (`threatIntelMode`, on the firewall or its policy; Azure's default is Alert) must not be " +
			"Off, and a Premium firewall policy's intrusion detection (`intrusionDetection.mode`, default Off) must " +
			"alert or deny, so that traffic to known malicious addresses, domains and attack signatures is caught.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "13"},
		ResourceTypes: tableTypes(firewallThreats),
		Remediation:   "Set `threatIntelMode: Deny` on the firewall policy and, on Premium, `intrusionDetection: {mode: Deny}`.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Firewall Policy should enable Threat Intelligence (for example Alert and deny)"},
			{Source: "Azure Policy", ID: "Azure Firewall Premium should enable IDPS (6484db87-a62d-4327-9f07-80a2cbdf333a)"},
		},
		Waivable: true,
		Reads:    tableReads(firewallThreats),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, firewallThreats, r)
	},
})
