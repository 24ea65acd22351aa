package azure

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// globalTypes are the azure-native resource types whose only valid location is "global": public and
// private DNS, Traffic Manager, Front Door (classic and Standard/Premium, with its WAF policy), Azure
// Monitor alerting and Azure Monitor private link scopes. No other type may use "global". azure-native v2.90.0 registers public DNS
// zones as azure-native:network:Zone; privatedns is listed for components that register it by token.
var globalTypes = []string{
	"azure-native:network:PrivateZone",
	"azure-native:network:VirtualNetworkLink",
	"azure-native:network:Zone",
	"azure-native:network:Profile",
	"azure-native:network:FrontDoor",
	"azure-native:network:Policy",
	"azure-native:cdn:Profile",
	"azure-native:cdn:AFDEndpoint",
	"azure-native:privatedns:PrivateZone",
	"azure-native:privatedns:VirtualNetworkLink",
	"azure-native:insights:ActionGroup",
	"azure-native:insights:ActivityLogAlert",
	"azure-native:insights:MetricAlert",
	"azure-native:insights:PrivateLinkScope",
}

// locatedTypes are the catalogued types whose own location input the rule reads (the others take their
// provider's location, or have none of their own: child resources live where their parent does).
var locatedTypes = []string{
	typeVM, typeVMSS, typeDisk, typeSnapshot, typeDiskEncryptionSet, typeGalleryImageVersion,
	typeAKS, typeRegistry, typeRegistryReplication, typeContainerApp, typeManagedEnvironment, typeContainerGroup,
	typeWebApp, typeWebAppSlot, typeAppServicePlan, typeStaticSite,
	typeSQLServer, typeSQLDatabase, typeSQLManagedInstance, typePGFlexible, typeMySQLFlexible,
	typeCosmosAccount, typeRedis, typeRedisEnterprise,
	typeServiceBusNamespace, typeEventHubNamespace, typeEventGridTopic, typeEventGridDomain,
	typeKeyVault, typeManagedHSM,
	typeStorageAccount, typeNetAppAccount, typeNetAppVolume, typeDataLakeStore,
	typeSynapseWorkspace, typeDatabricksWorkspace, typeDataFactory, typeKustoCluster, typeSearchService, typeCognitiveAccount,
	typeVNet, typeNSG, typePublicIP, typeNIC, typeAppGateway, typeLoadBalancer, typeAzureFirewall, typeFirewallPolicy,
	typePrivateEndpoint, typeVNetGateway, typeFrontDoor, typeCDNProfile,
	typeUserAssignedIdentity, typeWorkspace, typeRecoveryVault, typeBackupVault,
	typeResourceGroup, typeRouteTable, typeNetworkWatcher, typeFlowLog, typeLocalNetworkGateway, typeVNetGatewayConnection,
	typePrivateZone, typeVNetLink, typePolicyAssignment, typeScheduledQueryRule,
	typeDataCollectionEndpoint, typeMonitorPrivateLink,
}

// locationReads is the location input of every located type.
func locationReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, t := range locatedTypes {
		out = append(out, policy.Reads(t, "location")...)
	}
	return sortedReads(out)
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-REG-001",
		Title: "Azure resources are located in an allowed UK region",
		Description: "Every azure-native resource's location input (or, for types without one, its " +
			"provider's location) must be on the allow-list (uksouth, ukwest by default), so that police " +
			"data and services stay under UK jurisdiction. \"global\" is accepted only for the documented " +
			"global types: public and private DNS and Traffic Manager (name resolution only, no police data), " +
			"Azure Monitor action groups and alerts (alert metadata), and Front Door and Azure CDN profiles and " +
			"endpoints with their WAF policies, whose only valid location is global: their edge terminates TLS " +
			"worldwide, so the encryption rules require HTTPS end to end on their routes and the data they serve " +
			"stays in its UK origin. Every other type, \"global\" included, must name a UK location.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{"azure-native:*"},
		Remediation: "Set `location` to uksouth or ukwest (or leave it unset on a resource whose explicit " +
			"azure-native provider has `location: uksouth`). Use `global` only on " + strings.Join(globalTypes, ", ") + ".",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Allowed locations (e56962a6-4747-49cd-b67b-bf8b01975c4c)"},
			{Source: "Azure Policy", ID: "Allowed locations for resource groups (e765b5de-1225-4ba3-bd56-1ac6695af988)"},
		},
		Waivable: false,
		Reads:    locationReads(),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		loc, k, what := location(r)
		if k == policy.Present && normLocation(loc) == "global" {
			if slices.Contains(globalTypes, r.Type) {
				return policy.Pass("%s global is allowed for %s", what, r.Type)
			}
			return policy.Fail("%s \"global\" is allowed only for global resource types; %s must be in one of %s",
				what, r.Type, strings.Join(allowedLocations(ctx), ", "))
		}
		return checkLocation(ctx, loc, k, what)
	},
})

// checkLocation decides whether a location (state k) is on the context's allow-list.
func checkLocation(ctx *policy.Context, loc string, k policy.Known, what string) policy.Result {
	allowed := allowedLocations(ctx)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; it must be one of %s", what, strings.Join(allowed, ", "))
	case k == policy.Absent || loc == "":
		return policy.Fail("%s is not set; it must be one of %s", what, strings.Join(allowed, ", "))
	case !slices.Contains(allowed, normLocation(loc)):
		return policy.Fail("%s %q is outside the UK allow-list (%s)", what, loc, strings.Join(allowed, ", "))
	default:
		return policy.Pass("%s %s is allowed", what, loc)
	}
}
