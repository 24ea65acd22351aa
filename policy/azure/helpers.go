package azure

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// Type tokens the rules read (azure-native v2.90.0). The sql and security modules are not downloadable
// here; their tokens are the documented ones, which the components register by type token.
const (
	typePolicyDefinition    = "azure-native:authorization:PolicyDefinition"
	typePrivateDNSZoneGroup = "azure-native:network:PrivateDnsZoneGroup"
	typeProvider            = "pulumi:providers:azure-native"
	typeResourceGroup       = "azure-native:resources:ResourceGroup"
	typeStorageAccount      = "azure-native:storage:StorageAccount"
	typeKeyVault            = "azure-native:keyvault:Vault"
	typeKey                 = "azure-native:keyvault:Key"
	typeAccessPolicy        = "azure-native:keyvault:AccessPolicy"
	typeRecoveryVault       = "azure-native:recoveryservices:Vault"
	typeProtectionPolicy    = "azure-native:recoveryservices:ProtectionPolicy"
	typeWorkspace           = "azure-native:operationalinsights:Workspace"
	typeDiagnosticSetting   = "azure-native:insights:DiagnosticSetting"
	typeSubDiagSetting      = "azure-native:insights:SubscriptionDiagnosticSetting"
	typeNSG                 = "azure-native:network:NetworkSecurityGroup"
	typeSecurityRule        = "azure-native:network:SecurityRule"
	typeVNet                = "azure-native:network:VirtualNetwork"
	typeSubnet              = "azure-native:network:Subnet"
	typePeering             = "azure-native:network:VirtualNetworkPeering"
	typeRouteTable          = "azure-native:network:RouteTable"
	typeRoute               = "azure-native:network:Route"
	typePublicIP            = "azure-native:network:PublicIPAddress"
	typeNIC                 = "azure-native:network:NetworkInterface"
	typeFlowLog             = "azure-native:network:FlowLog"
	typeDisk                = "azure-native:compute:Disk"
	typeRoleAssignment      = "azure-native:authorization:RoleAssignment"
	typeRoleDefinition      = "azure-native:authorization:RoleDefinition"
	typeLockByScope         = "azure-native:authorization:ManagementLockByScope"
	typeLockResource        = "azure-native:authorization:ManagementLockAtResourceLevel"
	typeLockGroup           = "azure-native:authorization:ManagementLockAtResourceGroupLevel"
	typeLockSubscription    = "azure-native:authorization:ManagementLockAtSubscriptionLevel"
	typeSQLServer           = "azure-native:sql:Server"
	typeSQLFailoverGroup    = "azure-native:sql:FailoverGroup"
	typeSQLTDE              = "azure-native:sql:TransparentDataEncryption"
	typeSQLServerTDE        = "azure-native:sql:ServerTransparentDataEncryption"
	typeDefenderPricing     = "azure-native:security:Pricing"
	// Azure Update Manager (maintenance module, v2.90.0): schedules and their assignments
	// (PCLZ-AZR-AUD-008).
	typeMaintenanceConfiguration = "azure-native:maintenance:MaintenanceConfiguration"
	typeMaintenanceAssignment    = "azure-native:maintenance:ConfigurationAssignment"
	typeMaintenanceAssignmentSub = "azure-native:maintenance:ConfigurationAssignmentsForSubscription"
	typeMaintenanceAssignmentRG  = "azure-native:maintenance:ConfigurationAssignmentsForResourceGroup"
	// Types the coverage catalogue assesses (azure-native v2.90.0 default API versions). Modules not
	// downloadable here are spelled as documented in the azure-native registry.
	typeVM                    = "azure-native:compute:VirtualMachine"
	typeVMSS                  = "azure-native:compute:VirtualMachineScaleSet"
	typeSnapshot              = "azure-native:compute:Snapshot"
	typeDiskEncryptionSet     = "azure-native:compute:DiskEncryptionSet"
	typeGalleryImageVersion   = "azure-native:compute:GalleryImageVersion"
	typeAKS                   = "azure-native:containerservice:ManagedCluster"
	typeRegistry              = "azure-native:containerregistry:Registry"
	typeRegistryReplication   = "azure-native:containerregistry:Replication"
	typeContainerApp          = "azure-native:app:ContainerApp"
	typeManagedEnvironment    = "azure-native:app:ManagedEnvironment"
	typeContainerGroup        = "azure-native:containerinstance:ContainerGroup"
	typeWebApp                = "azure-native:web:WebApp"
	typeWebAppSlot            = "azure-native:web:WebAppSlot"
	typeAppServicePlan        = "azure-native:web:AppServicePlan"
	typeStaticSite            = "azure-native:web:StaticSite"
	typeSQLDatabase           = "azure-native:sql:Database"
	typeSQLAlertPolicy        = "azure-native:sql:ServerSecurityAlertPolicy"
	typeSQLVulnAssessment     = "azure-native:sql:ServerVulnerabilityAssessment"
	typeSQLFirewallRule       = "azure-native:sql:FirewallRule"
	typeSQLManagedInstance    = "azure-native:sql:ManagedInstance"
	typeSQLInstanceFailover   = "azure-native:sql:InstanceFailoverGroup"
	typePGFlexible            = "azure-native:dbforpostgresql:Server"
	typePGConfiguration       = "azure-native:dbforpostgresql:Configuration"
	typePGFirewallRule        = "azure-native:dbforpostgresql:FirewallRule"
	typeMySQLFlexible         = "azure-native:dbformysql:Server"
	typeMySQLConfiguration    = "azure-native:dbformysql:Configuration"
	typeMySQLFirewallRule     = "azure-native:dbformysql:FirewallRule"
	typeCosmosAccount         = "azure-native:documentdb:DatabaseAccount"
	typeRedis                 = "azure-native:cache:Redis"
	typeRedisLinkedServer     = "azure-native:cache:LinkedServer"
	typeRedisEnterprise       = "azure-native:cache:RedisEnterprise"
	typeRedisEnterpriseDB     = "azure-native:cache:Database"
	typeServiceBusNamespace   = "azure-native:servicebus:Namespace"
	typeServiceBusDR          = "azure-native:servicebus:DisasterRecoveryConfig"
	typeEventHubNamespace     = "azure-native:eventhub:Namespace"
	typeEventHubDR            = "azure-native:eventhub:DisasterRecoveryConfig"
	typeEventGridTopic        = "azure-native:eventgrid:Topic"
	typeEventGridDomain       = "azure-native:eventgrid:Domain"
	typeSecret                = "azure-native:keyvault:Secret"
	typeManagedHSM            = "azure-native:keyvault:ManagedHsm"
	typeBlobContainer         = "azure-native:storage:BlobContainer"
	typeFileShare             = "azure-native:storage:FileShare"
	typeObjectReplication     = "azure-native:storage:ObjectReplicationPolicy"
	typeNetAppAccount         = "azure-native:netapp:Account"
	typeNetAppVolume          = "azure-native:netapp:Volume"
	typeDataLakeStore         = "azure-native:datalakestore:Account"
	typeSynapseWorkspace      = "azure-native:synapse:Workspace"
	typeSynapseFirewallRule   = "azure-native:synapse:IpFirewallRule"
	typeDatabricksWorkspace   = "azure-native:databricks:Workspace"
	typeDataFactory           = "azure-native:datafactory:Factory"
	typeKustoCluster          = "azure-native:kusto:Cluster"
	typeSearchService         = "azure-native:search:Service"
	typeCognitiveAccount      = "azure-native:cognitiveservices:Account"
	typeAppGateway            = "azure-native:network:ApplicationGateway"
	typeLoadBalancer          = "azure-native:network:LoadBalancer"
	typeAzureFirewall         = "azure-native:network:AzureFirewall"
	typeFirewallPolicy        = "azure-native:network:FirewallPolicy"
	typePrivateEndpoint       = "azure-native:network:PrivateEndpoint"
	typeVNetGateway           = "azure-native:network:VirtualNetworkGateway"
	typeFrontDoor             = "azure-native:network:FrontDoor"
	typeCDNProfile            = "azure-native:cdn:Profile"
	typeAFDCustomDomain       = "azure-native:cdn:AFDCustomDomain"
	typeAFDRoute              = "azure-native:cdn:Route"
	typeUserAssignedIdentity  = "azure-native:managedidentity:UserAssignedIdentity"
	typeBackupVault           = "azure-native:dataprotection:BackupVault"
	typeVNetGatewayConnection = "azure-native:network:VirtualNetworkGatewayConnection"
	typeLocalNetworkGateway   = "azure-native:network:LocalNetworkGateway"
	typeNetworkWatcher        = "azure-native:network:NetworkWatcher"
	typePrivateZone           = "azure-native:network:PrivateZone"
	typeVNetLink              = "azure-native:network:VirtualNetworkLink"
	typePolicyAssignment      = "azure-native:authorization:PolicyAssignment"
)

// ukPair is Azure's UK region pair: each is the other's paired region, so geo-replication from either
// stays in the UK.
var ukPair = map[string]string{"uksouth": "ukwest", "ukwest": "uksouth"}

// ok is the zero Result: a check inside a rule that found nothing wrong. decide skips it.
var ok = policy.Result{}

// decide returns the first failure among checks, else the first unknown, else pass. A rule lists its
// checks in the order a reader would fix them.
func decide(pass policy.Result, checks ...policy.Result) policy.Result {
	for _, c := range checks {
		if c.Status == policy.StatusFail || c.Status == policy.StatusError {
			return c
		}
	}
	for _, c := range checks {
		if c.Status == policy.StatusUnknown {
			return c
		}
	}
	return pass
}

// at walks v along path (see policy.At).
func at(v policy.Value, path ...any) policy.Value {
	return policy.At(property.NewMap(map[string]property.Value{"v": v}), append([]any{"v"}, path...)...)
}

// str reads a string at path under v.
func str(v policy.Value, path ...any) (string, policy.Known) { return policy.Str(at(v, path...)) }

// inputs returns r's inputs as a value, for at.
func inputs(r *policy.Resource) policy.Value { return property.New(r.Inputs) }

// present reports whether v is set (neither null nor computed).
func present(v policy.Value) bool { return !v.IsNull() && !v.IsComputed() }

// normLocation folds an Azure location the way ARM does: "UK South" and "uksouth" are the same.
func normLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// allowedLocations is the context's allow-list, or the default.
func allowedLocations(ctx *policy.Context) []string {
	if ctx == nil || len(ctx.AzureLocations) == 0 {
		return policy.DefaultAzureLocations
	}
	out := make([]string, 0, len(ctx.AzureLocations))
	for _, l := range ctx.AzureLocations {
		out = append(out, normLocation(l))
	}
	return out
}

// location reads r's location input, falling back to its provider's location when the input is absent.
// what says where the value came from ("location" or "provider location").
func location(r *policy.Resource) (loc string, k policy.Known, what string) {
	v := r.Get("location")
	if v.IsNull() {
		l, pk := policy.Str(r.ProviderGet("location"))
		return l, pk, "provider location"
	}
	l, lk := policy.Str(v)
	return l, lk, "location"
}

// locationInPair decides whether r's location (or its provider's) is one of the UK pair; what names
// the replication being checked. It returns the normalised location on success.
func locationInPair(r *policy.Resource, what string) (string, policy.Result) {
	loc, k, src := location(r)
	switch {
	case k == policy.Unknown:
		return "", policy.Undecided("%s is computed; %s needs it to be uksouth or ukwest", src, what)
	case k == policy.Absent || loc == "":
		return "", policy.Fail("%s is not set; %s needs it to be uksouth or ukwest", src, what)
	}
	n := normLocation(loc)
	if _, in := ukPair[n]; !in {
		return n, policy.Fail("%s replicates from %q to its paired region outside the UK; %s must have its primary in uksouth or ukwest", what, loc, what)
	}
	return n, ok
}

// tierOf is the stack's tier, or the resource's Tier tag when the stack's tier is not known.
func tierOf(ctx *policy.Context, r *policy.Resource) (tier.Tier, bool) {
	if ctx.HasTier() {
		return ctx.Tier, true
	}
	if r == nil {
		return "", false
	}
	tags, _, _ := r.Tags()
	t, err := tier.Parse(tags["Tier"])
	return t, err == nil
}

// bronzeUnknown returns an unknown result when r's tier cannot be told (the engine already skips
// resources of other known tiers for Bronze-only rules).
func bronzeUnknown(ctx *policy.Context, r *policy.Resource) (policy.Result, bool) {
	t, known := tierOf(ctx, r)
	if !known {
		return policy.Undecided("the stack's tier is not known (and the resource has no Tier tag); the rule holds for Bronze"), true
	}
	if !tier.IsIsolated(t) {
		return policy.NotApplicable("tier %s is not Bronze", t), true
	}
	return policy.Result{}, false
}

// ofType returns the resources of rs with one of the types, in order.
func ofType(rs []*policy.Resource, types ...string) []*policy.Resource {
	if len(types) == 1 {
		return slices.Clone(policy.OfType(rs, types[0]))
	}
	var out []*policy.Resource
	for _, r := range rs {
		if r != nil && slices.Contains(types, r.Type) {
			out = append(out, r)
		}
	}
	return out
}

// withURN sets a stack rule result's subject.
func withURN(res policy.Result, r *policy.Resource) policy.Result {
	res.URN = r.URN
	return res
}

// dependsOn reports whether r's top-level input prop came from target (engine property dependencies).
func dependsOn(r *policy.Resource, prop string, target *policy.Resource) bool {
	return r != nil && target != nil && slices.Contains(r.PropertyDependencies[prop], target.URN)
}

// idEqual compares Azure resource IDs, which ARM treats case-insensitively.
func idEqual(a, b string) bool { return a != "" && b != "" && strings.EqualFold(a, b) }

// idWithin reports whether id is target's ID or the ID of one of target's child resources
// ("<account ID>/blobServices/default").
func idWithin(id, target string) bool {
	if id == "" || target == "" {
		return false
	}
	return idEqual(id, target) || (len(id) > len(target) && strings.EqualFold(id[:len(target)+1], target+"/"))
}

// refersAt reports whether r's input at path (an ID, possibly nested: "remoteVirtualNetwork", "id")
// points at target: by a property dependency on the top-level input (preview) or by ID (exported state).
// With within, the ID of a child of target counts too.
func refersAt(r, target *policy.Resource, within bool, path ...any) bool {
	if len(path) == 0 {
		return false
	}
	if top, isStr := path[0].(string); isStr && dependsOn(r, top, target) {
		return true
	}
	id, k := policy.Str(r.Get(path...))
	if k != policy.Present {
		return false
	}
	if within {
		return idWithin(id, target.ID)
	}
	return idEqual(id, target.ID)
}

// refersByName reports whether r's input prop (an Azure name, such as a route's routeTableName) names
// target: by property dependency, or by equal known names (target's name input nameProp).
func refersByName(r *policy.Resource, prop string, target *policy.Resource, nameProp string) bool {
	if dependsOn(r, prop, target) {
		return true
	}
	a, ak := policy.Str(r.Get(prop))
	b, bk := policy.Str(target.Get(nameProp))
	return ak == policy.Present && bk == policy.Present && a != "" && strings.EqualFold(a, b)
}

// link is how a reference to another resource (a subnet's route table, a NIC's subnet) resolved.
type link struct {
	// Targets are the stack's resources the reference may point at: exactly one when the ID is known or
	// a single property dependency names one; several when an inline value's dependencies are shared
	// (the subnets of one virtual network) and the ID is still computed.
	Targets []*policy.Resource
	// Absent: the reference is not set.
	Absent bool
	// Computed: the reference is computed and no dependency names a resource of the stack.
	Computed bool
	// External is the known ID of a resource outside the stack.
	External string
}

// resolve follows the ID at path on r (for example "subnets", 0, "routeTable", "id") to resources of
// type typ among rs. At preview a referenced resource's ID is not known: the property dependencies of
// the top-level input name it instead.
func resolve(r *policy.Resource, rs []*policy.Resource, typ string, path ...any) link {
	v := r.Get(path...)
	top, _ := path[0].(string)
	deps := depsOfType(r, top, rs, typ)
	if id, k := policy.Str(v); k == policy.Present {
		for _, t := range ofType(rs, typ) {
			if idEqual(id, t.ID) {
				return link{Targets: []*policy.Resource{t}}
			}
		}
		// An update's preview knows the referenced ID but not the referenced resource's: fall back to
		// dependencies on resources whose ID is not known.
		var unknownID []*policy.Resource
		for _, d := range deps {
			if d.ID == "" {
				unknownID = append(unknownID, d)
			}
		}
		if len(unknownID) > 0 {
			return link{Targets: unknownID}
		}
		return link{External: id}
	}
	if !v.IsComputed() {
		return link{Absent: true}
	}
	if len(deps) > 0 {
		return link{Targets: deps}
	}
	return link{Computed: true}
}

// depsOfType returns the resources of type typ that r's top-level input prop depends on.
func depsOfType(r *policy.Resource, prop string, rs []*policy.Resource, typ string) []*policy.Resource {
	var out []*policy.Resource
	for _, t := range ofType(rs, typ) {
		if dependsOn(r, prop, t) {
			out = append(out, t)
		}
	}
	return out
}

// displayName is the Azure name a resource will have: its name input nameProp, else its logical name.
func displayName(r *policy.Resource, nameProp string) string {
	if nameProp != "" {
		if n, k := policy.Str(r.Get(nameProp)); k == policy.Present && n != "" {
			return n
		}
	}
	return r.Name
}

// nameProps is the input holding the Azure name of each resource type the rules link by name.
var nameProps = map[string]string{
	typeStorageAccount: "accountName",
	typeKeyVault:       "vaultName",
	typeRecoveryVault:  "vaultName",
	typeWorkspace:      "workspaceName",
	typeNSG:            "networkSecurityGroupName",
	typeVNet:           "virtualNetworkName",
	typeSubnet:         "subnetName",
	typeRouteTable:     "routeTableName",
	typeRoute:          "routeName",
	typeSecurityRule:   "securityRuleName",
	typePeering:        "virtualNetworkPeeringName",
	typeResourceGroup:  "resourceGroupName",
	typeSQLServer:      "serverName",
	typeFlowLog:        "flowLogName",
}

// nameOf is r's Azure name (see displayName).
func nameOf(r *policy.Resource) string { return displayName(r, nameProps[r.Type]) }

// parsePrefix reads an address prefix: a CIDR or a single address (see semantic.ParsePrefix).
func parsePrefix(s string) (netip.Prefix, bool) { return semantic.ParsePrefix(s) }

// rangeLabel names a prefix for messages: "10.64.0.0/18 (Gold)".
func rangeLabel(name string, p netip.Prefix) string {
	return fmt.Sprintf("%s %s", titleName(name), p)
}

// titleName writes a tier or range name as reports do ("Gold", "hub").
func titleName(name string) string {
	if t, err := tier.Parse(name); err == nil {
		return t.Title()
	}
	return name
}

// overlapsNamed lists the plan's ranges and external ranges p overlaps ("Gold, PSN psn-core").
func overlapsNamed(n *policy.Network, p netip.Prefix) []string {
	var out []string
	ranges, externals := n.Overlapping(p)
	for _, r := range ranges {
		out = append(out, titleName(r.Name))
	}
	for _, e := range externals {
		out = append(out, fmt.Sprintf("%s %s", strings.ToUpper(string(e.Kind)), e.Name))
	}
	return out
}

// list reads an array input, treating absent as empty.
func list(v policy.Value) ([]policy.Value, policy.Known) {
	items, k := policy.List(v)
	if k == policy.Absent && v.IsNull() {
		return nil, policy.Present
	}
	return items, k
}

// eqFold compares enum strings as ARM does (case-insensitively).
func eqFold(a, b string) bool { return strings.EqualFold(a, b) }

// plural returns "1 thing" or "2 things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
