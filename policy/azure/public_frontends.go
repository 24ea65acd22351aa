package azure

import (
	"fmt"

	"github.com/policecloud/landingzones/policy"
)

// publicFrontend is a check that no element of the array at path carries key (a public IP reference or
// configuration); what names it in messages.
func publicFrontend(path []any, key, what string) func(*policy.Context, *policy.Resource) (string, policy.Result) {
	return func(ctx *policy.Context, r *policy.Resource) (string, policy.Result) {
		items, k := list(r.Get(path...))
		if k == policy.Unknown {
			return "", policy.Undecided("%s is computed; the rule cannot tell whether it gives %s a public address", pathName(path), what)
		}
		var public []string
		for i, it := range items {
			v := at(it, key)
			if v.IsComputed() {
				return "", policy.Undecided("%s[%d].%s is computed; the rule cannot tell whether it is public", pathName(path), i, key)
			}
			if present(v) {
				public = append(public, fmt.Sprintf("%s[%d].%s", pathName(path), i, key))
			}
		}
		if len(public) == 0 {
			return "no public frontend", ok
		}
		return publicInRole(ctx, what, public[0])
	}
}

// publicInRole decides a public address found at where by the stack's role: only the foundation's hub
// edge may have one (PCLZ-AZR-NET-002 then checks the address itself).
func publicInRole(ctx *policy.Context, what, where string) (string, policy.Result) {
	switch ctx.Role {
	case "tier":
		return "", policy.Fail("%s has a public address (%s) in a tier stack; tiers are reached only through the hub", what, where)
	case "foundation":
		return where + " on the foundation's hub edge", ok
	}
	return "", policy.Undecided("the stack's role is not known; %s has a public address (%s), allowed only on the foundation's hub edge", what, where)
}

// publicFrontends says, per type, where a public address can be attached inline.
var publicFrontends = map[string]typeSpec{
	typeVM: {what: "virtual machine", reads: []string{"networkProfile.networkInterfaceConfigurations.ipConfigurations.publicIPAddressConfiguration"},
		custom: nestedPublic([]any{"networkProfile", "networkInterfaceConfigurations"}, "virtual machine")},
	typeVMSS: {what: "virtual machine scale set", reads: []string{"virtualMachineProfile.networkProfile.networkInterfaceConfigurations.ipConfigurations.publicIPAddressConfiguration"},
		custom: nestedPublic([]any{"virtualMachineProfile", "networkProfile", "networkInterfaceConfigurations"}, "virtual machine scale set")},
	typeAppGateway:    {what: "application gateway", reads: []string{"frontendIPConfigurations.publicIPAddress"}, custom: publicFrontend([]any{"frontendIPConfigurations"}, "publicIPAddress", "application gateway")},
	typeLoadBalancer:  {what: "load balancer", reads: []string{"frontendIPConfigurations.publicIPAddress"}, custom: publicFrontend([]any{"frontendIPConfigurations"}, "publicIPAddress", "load balancer")},
	typeAzureFirewall: {what: "Azure Firewall", reads: []string{"ipConfigurations.publicIPAddress"}, custom: publicFrontend([]any{"ipConfigurations"}, "publicIPAddress", "Azure Firewall")},
	typeVNetGateway:   {what: "virtual network gateway", reads: []string{"ipConfigurations.publicIPAddress"}, custom: publicFrontend([]any{"ipConfigurations"}, "publicIPAddress", "virtual network gateway")},
	typeAKS: {what: "AKS cluster", reads: []string{"agentPoolProfiles.enableNodePublicIP"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			pools, k := list(r.Get("agentPoolProfiles"))
			if k == policy.Unknown {
				return "", policy.Undecided("agentPoolProfiles is computed; no node pool may give nodes public IP addresses")
			}
			for i, p := range pools {
				b, bk := policy.Bool(at(p, "enableNodePublicIP"))
				if bk == policy.Unknown {
					return "", policy.Undecided("agentPoolProfiles[%d].enableNodePublicIP is computed; it must be false", i)
				}
				if b {
					return "", policy.Fail("agentPoolProfiles[%d].enableNodePublicIP is true, which puts every node on the internet; it must be false", i)
				}
			}
			return "no node public IP addresses", ok
		}},
	typeContainerGroup: {what: "container group", fields: []field{{path: []any{"ipAddress", "type"}, ok: []string{"Private"}, def: "Private",
		why: "puts the containers on the internet"}}},
	typeDatabricksWorkspace: {what: "Databricks workspace", fields: []field{{path: []any{"parameters", "enableNoPublicIp", "value"}, ok: []string{"true"}, def: "false",
		why: "gives cluster nodes public IP addresses"}}},
}

// nestedPublic checks every NIC configuration's IP configurations for an inline public IP configuration.
func nestedPublic(path []any, what string) func(*policy.Context, *policy.Resource) (string, policy.Result) {
	return func(ctx *policy.Context, r *policy.Resource) (string, policy.Result) {
		nics, k := list(r.Get(path...))
		if k == policy.Unknown {
			return "", policy.Undecided("%s is computed; the rule cannot tell whether it gives the %s a public address", pathName(path), what)
		}
		for i, n := range nics {
			ips, ik := list(at(n, "ipConfigurations"))
			if ik == policy.Unknown {
				return "", policy.Undecided("%s[%d].ipConfigurations is computed; it must carry no public IP configuration", pathName(path), i)
			}
			for j, ip := range ips {
				v := at(ip, "publicIPAddressConfiguration")
				if v.IsComputed() {
					return "", policy.Undecided("%s[%d].ipConfigurations[%d].publicIPAddressConfiguration is computed; it must not be set", pathName(path), i, j)
				}
				if present(v) {
					return publicInRole(ctx, what, fmt.Sprintf("%s[%d].ipConfigurations[%d].publicIPAddressConfiguration", pathName(path), i, j))
				}
			}
		}
		return "no public IP configuration", ok
	}
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-021",
		Title: "Public frontends exist only on the foundation's hub edge",
		Description: "A public address is a door to the internet, whether it is a PublicIPAddress resource " +
			"(PCLZ-AZR-NET-002) or attached inline: a virtual machine's or scale set's public IP configuration, " +
			"an application gateway's, load balancer's, firewall's or gateway's public frontend, AKS node public " +
			"IPs, a public container group, Databricks clusters without secure cluster connectivity. Tier stacks " +
			"have none; in the foundation only the hub edge (firewall, gateways) may.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: tableTypes(publicFrontends),
		Remediation: "Remove inline public IP configurations and public frontends from tier stacks; publish " +
			"services through the hub; set `enableNodePublicIP: false`, `ipAddress.type: Private`, " +
			"`parameters.enableNoPublicIp.value: true`.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Network interfaces should not have public IPs (83a86a26-fd1f-447c-b59d-e51f44264114)"},
			{Source: "Checkov", ID: "CKV_AZURE_119"},
		},
		Waivable: true,
		Reads:    tableReads(publicFrontends),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, publicFrontends, r)
	},
})
