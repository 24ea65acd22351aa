package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const localWhy = "lets shared keys or local accounts in without an Entra ID identity"

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-IAM-010",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeServiceBusNamespace, "sb", in("location", "uksouth", "disableLocalAuth", true)())}
	},
	BaselineMessage: "Service Bus namespace: disableLocalAuth true",
	Cases: []policytest.Case{
		variant("service bus keys", typeServiceBusNamespace, in(), nil, policy.StatusFail,
			"disableLocalAuth is not set (Azure's default is false, which "+localWhy+"); it must be true"),
		variant("service bus computed", typeServiceBusNamespace, in(), computed("disableLocalAuth"), policy.StatusUnknown,
			"disableLocalAuth is computed; it must be true"),
		variant("registry admin user", typeRegistry, in("adminUserEnabled", true), nil, policy.StatusFail,
			"adminUserEnabled is true, which enables the shared admin account; it must be false"),
		variant("event hubs keys", typeEventHubNamespace, in("disableLocalAuth", false), nil, policy.StatusFail,
			"disableLocalAuth is false, which "+localWhy+"; it must be true"),
		variant("event grid topic keys", typeEventGridTopic, in(), nil, policy.StatusFail,
			"disableLocalAuth is not set (Azure's default is false, which "+localWhy+"); it must be true"),
		variant("event grid domain keys", typeEventGridDomain, in("disableLocalAuth", false), nil, policy.StatusFail,
			"disableLocalAuth is false, which "+localWhy+"; it must be true"),
		variant("cosmos keys", typeCosmosAccount, in(), nil, policy.StatusFail,
			"disableLocalAuth is not set (Azure's default is false, which "+localWhy+"); it must be true"),
		variant("search api keys", typeSearchService, in("disableLocalAuth", false), nil, policy.StatusFail,
			"disableLocalAuth is false, which "+localWhy+"; it must be true"),
		variant("cognitive keys", typeCognitiveAccount, in("properties", map[string]any{}), nil, policy.StatusFail,
			"properties.disableLocalAuth is not set (Azure's default is false, which "+localWhy+"); it must be true"),
		variant("workspace shared keys", typeWorkspace, in("features", map[string]any{"disableLocalAuth": false}), nil, policy.StatusFail,
			"features.disableLocalAuth is false, which "+localWhy+"; it must be true"),
		variant("aks local accounts", typeAKS, in(), nil, policy.StatusFail,
			"disableLocalAccounts is not set (Azure's default is false, which "+localWhy+"); it must be true"),
		variant("sql server passwords", typeSQLServer, in("administrators", map[string]any{"azureADOnlyAuthentication": false}), nil, policy.StatusFail,
			"administrators.azureADOnlyAuthentication is false, which lets SQL logins with passwords in; it must be true"),
		variant("sql managed instance passwords", typeSQLManagedInstance, in(), nil, policy.StatusFail,
			"administrators.azureADOnlyAuthentication is not set (Azure's default is false, which lets SQL logins with passwords in); it must be true"),
		variant("synapse passwords", typeSynapseWorkspace, in(), nil, policy.StatusFail,
			"azureADOnlyAuthentication is not set (Azure's default is false, which lets SQL logins with passwords in); it must be true"),
		variant("postgres flexible passwords", typePGFlexible, in("authConfig", map[string]any{"activeDirectoryAuth": "Enabled"}), nil, policy.StatusFail,
			"authConfig.passwordAuth is not set (Azure's default is Enabled, which lets database users with passwords in); it must be Disabled"),
		variant("linux vm with password sign-in", typeVM, in("osProfile", map[string]any{"adminUsername": "ops", "adminPassword": "x",
			"linuxConfiguration": map[string]any{"disablePasswordAuthentication": false}}), nil, policy.StatusFail,
			"osProfile.linuxConfiguration.disablePasswordAuthentication is false, which lets users sign in over SSH with a password; it must be true"),
		variant("linux vm with ssh keys only", typeVM, in("osProfile", map[string]any{"adminUsername": "ops",
			"linuxConfiguration": map[string]any{"disablePasswordAuthentication": true}}), nil, policy.StatusPass,
			"virtual machine: osProfile.linuxConfiguration.disablePasswordAuthentication true"),
		variant("linux scale set with password sign-in unset", typeVMSS, in("virtualMachineProfile", map[string]any{"osProfile": map[string]any{
			"adminUsername": "ops", "linuxConfiguration": map[string]any{}}}), nil, policy.StatusFail,
			"virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication is not set (Azure's default is false, which lets users sign in over SSH with a password); it must be true"),
		variant("registry with anonymous pull", typeRegistry, in("anonymousPullEnabled", true), nil, policy.StatusFail,
			"anonymousPullEnabled is true, which lets anyone pull images without signing in; it must be false"),
		variant("storage local users with SFTP on", typeStorageAccount, in("isSftpEnabled", true), nil, policy.StatusFail,
			"isLocalUserEnabled is not set (Azure's default is true, which lets SFTP local users in with passwords or SSH keys); it must be false"),
		variant("storage local users with SFTP off", typeStorageAccount, in(), nil, policy.StatusPass,
			"storage account: no setting applies"),
		variant("p2s vpn with certificates", typeVNetGateway, in("vpnClientConfiguration", map[string]any{"vpnAuthenticationTypes": []any{"AAD", "Certificate"}}), nil, policy.StatusFail,
			"vpnClientConfiguration.vpnAuthenticationTypes includes Certificate, which admits VPN clients without an Entra ID identity; use AAD only"),
		variant("gateway without p2s", typeVNetGateway, in("location", "uksouth"), nil, policy.StatusPass,
			"virtual network gateway: no point-to-site VPN"),
	},
})
