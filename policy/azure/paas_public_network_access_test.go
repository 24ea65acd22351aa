package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-NET-004",
	Resources:       func() []*policy.Resource { return []*policy.Resource{storageAccount("evidence", tier.Gold)} },
	BaselineMessage: "publicNetworkAccess is Disabled",
	Cases: []policytest.Case{
		{
			Name: "storage enabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Enabled", "publicNetworkAccess")
			},
			Want:    policy.StatusFail,
			Message: `publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`,
		},
		{
			Name:    "storage not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "publicNetworkAccess") },
			Want:    policy.StatusFail,
			Message: "publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled",
		},
		{
			Name:    "storage computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "publicNetworkAccess") },
			Want:    policy.StatusUnknown,
			Message: "publicNetworkAccess is computed; it must be Disabled",
		},
		{
			Name: "key vault enabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = keyVault("lz", tier.Gold)
				policytest.Set(rs[0], "enabled", "properties", "publicNetworkAccess")
			},
			Want:    policy.StatusFail,
			Message: `properties.publicNetworkAccess is "enabled"; it must be Disabled, with access through a private endpoint`,
		},
		{
			Name:    "key vault disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = keyVault("lz", tier.Gold) },
			Want:    policy.StatusPass,
			Message: "properties.publicNetworkAccess is Disabled",
		},
		{
			Name: "SQL server not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeSQLServer, "sql", tier.Gold, map[string]any{"location": "uksouth", "minimalTlsVersion": "1.2"})
			},
			Want:    policy.StatusFail,
			Message: "publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled",
		},
		{
			Name: "recovery vault enabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = recoveryVault("gold", tier.Gold)
				policytest.Set(rs[0], "Enabled", "properties", "publicNetworkAccess")
			},
			Want:    policy.StatusFail,
			Message: `properties.publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`,
		},
		variant("registry not set", typeRegistry, in(), nil, policy.StatusFail,
			"publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("cosmos secured by perimeter", typeCosmosAccount, in("publicNetworkAccess", "SecuredByPerimeter"), nil, policy.StatusPass,
			"publicNetworkAccess is SecuredByPerimeter"),
		variant("cosmos enabled", typeCosmosAccount, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("redis enabled", typeRedis, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("service bus not set", typeServiceBusNamespace, in(), nil, policy.StatusFail,
			"publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("event hubs enabled", typeEventHubNamespace, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("event grid topic not set", typeEventGridTopic, in(), nil, policy.StatusFail,
			"publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("event grid domain enabled", typeEventGridDomain, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("web app not set", typeWebApp, in(), nil, policy.StatusFail,
			"publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("web app slot enabled", typeWebAppSlot, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("static site not set", typeStaticSite, in(), nil, policy.StatusFail,
			"publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("synapse enabled", typeSynapseWorkspace, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("databricks not set", typeDatabricksWorkspace, in(), nil, policy.StatusFail,
			"publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("data factory enabled", typeDataFactory, in("publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("kusto not set", typeKustoCluster, in(), nil, policy.StatusFail,
			"publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("search lower-case enabled", typeSearchService, in("publicNetworkAccess", "enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "enabled"; it must be Disabled, with access through a private endpoint`),
		variant("search lower-case disabled", typeSearchService, in("publicNetworkAccess", "disabled"), nil, policy.StatusPass,
			"publicNetworkAccess is disabled"),
		variant("cognitive services not set", typeCognitiveAccount, in("properties", map[string]any{}), nil, policy.StatusFail,
			"properties.publicNetworkAccess is not set (Azure's default is Enabled); it must be Disabled"),
		variant("managed hsm enabled", typeManagedHSM, in("properties", map[string]any{"publicNetworkAccess": "Enabled"}), nil, policy.StatusFail,
			`properties.publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint`),
		variant("disk exportable from anywhere", typeDisk, in("publicNetworkAccess", "Disabled"), nil, policy.StatusFail,
			"networkAccessPolicy is not set (Azure's default is AllowAll, which lets anyone holding a SAS URL export the disk from the internet); it must be DenyAll or AllowPrivate"),
		variant("disk private export", typeDisk, in("publicNetworkAccess", "Disabled", "networkAccessPolicy", "AllowPrivate"), nil, policy.StatusPass,
			"disk access: networkAccessPolicy AllowPrivate, publicNetworkAccess Disabled"),
		variant("snapshot public export", typeSnapshot, in("networkAccessPolicy", "DenyAll", "publicNetworkAccess", "Enabled"), nil, policy.StatusFail,
			`publicNetworkAccess is "Enabled", which lets the disk be exported over the internet; it must be Disabled`),
		variant("aks public api server", typeAKS, in(), nil, policy.StatusFail,
			"apiServerAccessProfile.enablePrivateCluster is not set (Azure's default is false, which puts the Kubernetes API server on a public endpoint); it must be true"),
		variant("managed instance public endpoint", typeSQLManagedInstance, in("publicDataEndpointEnabled", true), nil, policy.StatusFail,
			"publicDataEndpointEnabled is true, which opens a public data endpoint on port 3342; it must be false"),
		variant("container apps environment external", typeManagedEnvironment, in(), nil, policy.StatusFail,
			"vnetConfiguration.internal is not set (Azure's default is false, which gives the environment a public ingress endpoint); it must be true"),
		variant("postgres flexible in a delegated subnet", typePGFlexible, in("network", map[string]any{"delegatedSubnetResourceId": "snet-id"}), nil, policy.StatusPass,
			"PostgreSQL flexible server: network.publicNetworkAccess Disabled (default for a server in a delegated subnet)"),
		variant("postgres flexible public", typePGFlexible, in(), nil, policy.StatusFail,
			"network.publicNetworkAccess is not set and the server is in no delegated subnet (Azure's default is Enabled); it must be Disabled"),
		variant("mysql flexible enabled", typeMySQLFlexible, in("network", map[string]any{"publicNetworkAccess": "Enabled"}), nil, policy.StatusFail,
			`network.publicNetworkAccess is "Enabled"; it must be Disabled, with access through a private endpoint or a delegated subnet`),
	},
})
