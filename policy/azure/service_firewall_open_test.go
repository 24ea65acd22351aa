package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-NET-020",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeSQLFirewallRule, "fw", in("serverName", "sql-gold", "startIpAddress", "203.0.113.0", "endIpAddress", "203.0.113.255")())}
	},
	BaselineMessage: "SQL firewall rule: firewall range 203.0.113.0-203.0.113.255",
	Cases: []policytest.Case{
		variant("sql allow azure services", typeSQLFirewallRule, in("startIpAddress", "0.0.0.0", "endIpAddress", "0.0.0.0"), nil, policy.StatusFail,
			"firewall range 0.0.0.0-0.0.0.0 allows every Azure service, including other customers' resources; reach the server through a private endpoint instead"),
		variant("postgres whole internet", typePGFirewallRule, in("startIpAddress", "0.0.0.0", "endIpAddress", "255.255.255.255"), nil, policy.StatusFail,
			"firewall range 0.0.0.0-255.255.255.255 spans 4294967296 addresses, wider than a /8: it opens the server to the internet"),
		variant("mysql half the internet", typeMySQLFirewallRule, in("startIpAddress", "1.0.0.0", "endIpAddress", "126.255.255.255"), nil, policy.StatusFail,
			"firewall range 1.0.0.0-126.255.255.255 spans 2113929216 addresses, wider than a /8: it opens the server to the internet"),
		variant("synapse reversed range", typeSynapseFirewallRule, in("startIpAddress", "10.0.0.9", "endIpAddress", "10.0.0.1"), nil, policy.StatusFail,
			"firewall range 10.0.0.9-10.0.0.1 is not a valid IPv4 range"),
		variant("synapse computed", typeSynapseFirewallRule, in("startIpAddress", "10.0.0.1"), computed("endIpAddress"), policy.StatusUnknown,
			"startIpAddress or endIpAddress is computed; the range must not open the server to the internet or to all of Azure"),
		variant("storage default allow", typeStorageAccount, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			"networkRuleSet.defaultAction is not set (Azure's default is Allow, which admits every network); it must be Deny"),
		variant("storage ip rule 0.0.0.0/0", typeStorageAccount, in("networkRuleSet", map[string]any{"defaultAction": "Deny",
			"ipRules": []any{map[string]any{"iPAddressOrRange": "0.0.0.0/0", "action": "Allow"}}}), nil, policy.StatusFail,
			"networkRuleSet.ipRules[0].iPAddressOrRange 0.0.0.0/0 admits the internet; list only the force's own addresses"),
		variant("storage private only", typeStorageAccount, in("publicNetworkAccess", "Disabled"), nil, policy.StatusPass,
			"storage account: publicNetworkAccess Disabled, so the firewall is not consulted"),
		variant("key vault allow", typeKeyVault, in("properties", map[string]any{"networkAcls": map[string]any{"defaultAction": "Allow"}}), nil, policy.StatusFail,
			`properties.networkAcls.defaultAction is "Allow", which admits every network; it must be Deny`),
		variant("managed hsm allow", typeManagedHSM, in("properties", map[string]any{"publicNetworkAccess": "Enabled", "networkAcls": map[string]any{"defaultAction": "Allow"}}), nil, policy.StatusFail,
			`properties.networkAcls.defaultAction is "Allow", which admits every network; it must be Deny`),
		variant("registry allow", typeRegistry, in("networkRuleSet", map[string]any{"defaultAction": "Allow"}), nil, policy.StatusFail,
			`networkRuleSet.defaultAction is "Allow", which admits every network; it must be Deny`),
		variant("cognitive default", typeCognitiveAccount, in("properties", map[string]any{}), nil, policy.StatusFail,
			"properties.networkAcls.defaultAction is not set (Azure's default is Allow, which admits every network); it must be Deny"),
		variant("cosmos azure datacentres", typeCosmosAccount, in("ipRules", []any{map[string]any{"ipAddressOrRange": "0.0.0.0"}}), nil, policy.StatusFail,
			"ipRules[0].ipAddressOrRange 0.0.0.0 admits every Azure datacentre, other customers' resources included; reach the account through a private endpoint"),
		variant("cosmos office range", typeCosmosAccount, in("ipRules", []any{map[string]any{"ipAddressOrRange": "203.0.113.0/24"}}), nil, policy.StatusPass,
			"Cosmos DB account: ipRules admit neither all of Azure nor the internet"),
		variant("data lake firewall off", typeDataLakeStore, in("location", "uksouth"), nil, policy.StatusFail,
			"firewallState is not set (Azure's default is Disabled, which admits every network); it must be Enabled"),
	},
})
