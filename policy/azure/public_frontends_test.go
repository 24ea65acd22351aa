package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const pipID = sub + "/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/pip-fw"

func nicConfigs(public bool) []any {
	ip := map[string]any{"name": "ipconfig1", "subnet": map[string]any{"id": "snet-id"}}
	if public {
		ip["publicIPAddressConfiguration"] = map[string]any{"name": "pip"}
	}
	return []any{map[string]any{"name": "nic", "ipConfigurations": []any{ip}}}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-NET-021",
	Context: ctxFor(tier.Gold, "tier"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeVM, "vm", in("location", "uksouth", "networkProfile", map[string]any{"networkInterfaceConfigurations": nicConfigs(false)})())}
	},
	BaselineMessage: "virtual machine: no public IP configuration",
	Cases: []policytest.Case{
		variant("vm inline public ip", typeVM, in("networkProfile", map[string]any{"networkInterfaceConfigurations": nicConfigs(true)}), nil, policy.StatusFail,
			"virtual machine has a public address (networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration) in a tier stack; tiers are reached only through the hub"),
		variant("vmss inline public ip", typeVMSS, in("virtualMachineProfile", map[string]any{"networkProfile": map[string]any{"networkInterfaceConfigurations": nicConfigs(true)}}), nil, policy.StatusFail,
			"virtual machine scale set has a public address (virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration) in a tier stack; tiers are reached only through the hub"),
		variant("app gateway public frontend", typeAppGateway, in("frontendIPConfigurations", []any{map[string]any{"name": "public", "publicIPAddress": map[string]any{"id": pipID}}}), nil, policy.StatusFail,
			"application gateway has a public address (frontendIPConfigurations[0].publicIPAddress) in a tier stack; tiers are reached only through the hub"),
		variant("internal load balancer", typeLoadBalancer, in("frontendIPConfigurations", []any{map[string]any{"name": "internal", "subnet": map[string]any{"id": "snet-id"}}}), nil, policy.StatusPass,
			"load balancer: no public frontend"),
		variant("public load balancer", typeLoadBalancer, in("frontendIPConfigurations", []any{map[string]any{"name": "internal"}, map[string]any{"name": "public", "publicIPAddress": map[string]any{"id": pipID}}}), nil, policy.StatusFail,
			"load balancer has a public address (frontendIPConfigurations[1].publicIPAddress) in a tier stack; tiers are reached only through the hub"),
		variant("firewall in a tier stack", typeAzureFirewall, in("ipConfigurations", []any{map[string]any{"name": "fw", "publicIPAddress": map[string]any{"id": pipID}}}), nil, policy.StatusFail,
			"Azure Firewall has a public address (ipConfigurations[0].publicIPAddress) in a tier stack; tiers are reached only through the hub"),
		{
			Name: "firewall on the foundation's hub edge",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Role = "foundation"
				rs[0] = az(typeAzureFirewall, "fw", tier.Gold, in("ipConfigurations", []any{map[string]any{"name": "fw", "publicIPAddress": map[string]any{"id": pipID}}})())
			},
			Want:    policy.StatusPass,
			Message: "Azure Firewall: ipConfigurations[0].publicIPAddress on the foundation's hub edge",
		},
		{
			Name: "role unknown",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Role = ""
				rs[0] = az(typeVNetGateway, "vpn", tier.Gold, in("ipConfigurations", []any{map[string]any{"name": "gw", "publicIPAddress": map[string]any{"id": pipID}}})())
			},
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; virtual network gateway has a public address (ipConfigurations[0].publicIPAddress), allowed only on the foundation's hub edge",
		},
		variant("gateway in a tier stack", typeVNetGateway, in("ipConfigurations", []any{map[string]any{"name": "gw", "publicIPAddress": map[string]any{"id": pipID}}}), nil, policy.StatusFail,
			"virtual network gateway has a public address (ipConfigurations[0].publicIPAddress) in a tier stack; tiers are reached only through the hub"),
		variant("aks node public ip", typeAKS, in("agentPoolProfiles", []any{map[string]any{"name": "system", "enableNodePublicIP": true}}), nil, policy.StatusFail,
			"agentPoolProfiles[0].enableNodePublicIP is true, which puts every node on the internet; it must be false"),
		variant("public container group", typeContainerGroup, in("ipAddress", map[string]any{"type": "Public"}), nil, policy.StatusFail,
			`ipAddress.type is "Public", which puts the containers on the internet; it must be Private`),
		variant("databricks without secure cluster connectivity", typeDatabricksWorkspace, in("location", "uksouth"), nil, policy.StatusFail,
			"parameters.enableNoPublicIp.value is not set (Azure's default is false, which gives cluster nodes public IP addresses); it must be true"),
	},
})
