package azurelz

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/operationalinsights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// Built-in Azure Policy definitions the foundation assigns at subscription scope.
const (
	policyAllowedLocations      = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c"
	policyAllowedLocationsForRG = "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988"
	// policyUKOfficialNHS is the built-in initiative "UK OFFICIAL and UK NHS".
	policyUKOfficialNHS = "/providers/Microsoft.Authorization/policySetDefinitions/3937f550-eedd-4639-9c5e-294358be442e"
)

// Private DNS zones of the PaaS services the landing zones reach through private endpoints.
const (
	vaultDNSZone = "privatelink.vaultcore.azure.net"
	blobDNSZone  = "privatelink.blob.core.windows.net"
)

// DefaultGatewayASN is the PSN edge VPN gateway's BGP AS number when FoundationArgs.GatewayASN is 0
// (Azure's own default).
const DefaultGatewayASN = 65515

// StateContainer is the blob container of the Pulumi state backend.
const StateContainer = "pulumi-state"

// PSNEdge is the peer of the PSN edge site-to-site VPN.
type PSNEdge struct {
	// PeerAddress is the public IPv4 address of the PSN provider's VPN endpoint; it is also the BGP peer.
	PeerAddress string
	// ASN is the peer's BGP AS number.
	ASN uint32
	// SharedKey is the IPsec pre-shared key agreed with the PSN provider. Required; it has no default.
	SharedKey pulumi.StringInput
}

// FoundationArgs configure NewFoundation.
type FoundationArgs struct {
	// Region is the Azure region (location): uksouth or ukwest.
	Region string
	// Profile is the tier profile the foundation is held to (tier.MustProfile(tier.Platinum)).
	Profile tier.Profile
	// Plan is the landing zone's address plan; the foundation builds the hub from Plan.Hub.
	Plan netplan.Plan
	// Externals are the declared external ranges (PSN, legacy data centre, other landing zones).
	Externals []netplan.External
	// Flows are the declared flows; they become the hub firewall's rules.
	Flows []netplan.Flow
	// EgressDomains is the hub firewall's FQDN allow-list for tiers with internet egress.
	EgressDomains []string
	// PSNEdge is the PSN edge VPN's peer; nil builds no VPN gateway.
	PSNEdge *PSNEdge
	// GatewayASN is the VPN gateway's BGP AS number; 0 means DefaultGatewayASN.
	GatewayASN uint32
	// AuditRetentionDays is how long the audit archive keeps every blob immutable; 0 means the profile's
	// LogRetentionDays. It may not be shorter than LogRetentionDays.
	AuditRetentionDays int
	// AllowUnlockedImmutability leaves the audit archive's immutability policy unlocked. Azure creates
	// account immutability policies unlocked, so set it for the very first deployment only, then clear
	// it to lock the policy (which can never be undone).
	AllowUnlockedImmutability bool
	// Tags are set on every resource; they must include RequiredTags.
	Tags map[string]string
}

func (a *FoundationArgs) validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkRegion("Region", a.Region))
	add(checkProfile("Profile", a.Profile))
	add(checkTags("Tags", a.Tags))
	if !a.Plan.Hub.CIDR.IsValid() {
		add(&netplan.FieldError{Path: "Plan.Hub.CIDR", Msg: "is not set", Allowed: "a plan from netplan.Allocate"})
	} else {
		for _, role := range []netplan.Role{netplan.RoleFirewall, netplan.RoleGateway, netplan.RoleManagement, netplan.RoleTransit} {
			if !a.Plan.Hub.Block(role).IsValid() {
				add(&netplan.FieldError{Path: "Plan.Hub.Blocks", Msg: fmt.Sprintf("has no %s block", role), Allowed: "a plan from netplan.Allocate"})
			}
		}
	}
	if a.Profile.LogRetentionDays > 0 && a.AuditRetentionDays != 0 && a.AuditRetentionDays < a.Profile.LogRetentionDays {
		add(&netplan.FieldError{Path: "AuditRetentionDays", Value: strconv.Itoa(a.AuditRetentionDays),
			Msg:     fmt.Sprintf("is shorter than the profile's LogRetentionDays %d", a.Profile.LogRetentionDays),
			Allowed: fmt.Sprintf("0 (the profile's) or at least %d", a.Profile.LogRetentionDays)})
	}
	for i, d := range a.EgressDomains {
		if strings.TrimSpace(d) == "" || strings.ContainsAny(d, " /:") || d == "*" {
			add(&netplan.FieldError{Path: fmt.Sprintf("EgressDomains[%d]", i), Value: d, Msg: "is not allowed", Allowed: "a domain name such as packages.microsoft.com or *.ubuntu.com"})
		}
	}
	if e := a.PSNEdge; e != nil {
		if e.PeerAddress == "" {
			add(&netplan.FieldError{Path: "PSNEdge.PeerAddress", Msg: "is empty", Allowed: "the PSN provider's VPN endpoint address (it is required)"})
		}
		if e.ASN == 0 {
			add(&netplan.FieldError{Path: "PSNEdge.ASN", Value: "0", Msg: "is not set", Allowed: "the PSN provider's BGP AS number (it is required)"})
		}
		if e.SharedKey == nil {
			add(&netplan.FieldError{Path: "PSNEdge.SharedKey", Msg: "is not set", Allowed: "the IPsec pre-shared key (there is no default)"})
		}
		if len(a.intent().ExternalsOf(netplan.ExternalPSN)) == 0 {
			add(&netplan.FieldError{Path: "Externals", Msg: "has no range of kind psn while PSNEdge is set", Allowed: "the PSN ranges the gateway routes"})
		}
	}
	// The same network intent checks as awslz; the firewall's rules are derived only from a valid intent.
	intentErrs := netplan.Errs(a.intent().Validate())
	errs = append(errs, intentErrs...)
	if len(intentErrs) == 0 {
		if _, _, err := (networkPlan{a.intent()}).firewallRules(); err != nil {
			add(err)
		}
	}
	return errors.Join(errs...)
}

// intent is the network intent the foundation's arguments declare.
func (a *FoundationArgs) intent() netplan.Intent {
	return netplan.Intent{Plan: a.Plan, Externals: a.Externals, Flows: a.Flows}
}

// Foundation is the landing zone's shared services: logs, keys, policy, Defender, the hub network with
// its firewall and PSN edge, and the Pulumi state backend.
type Foundation struct {
	pulumi.ResourceState

	// Provider is the azure-native provider every child was created through: the caller's, or the
	// foundation's own when the caller gave none.
	Provider pulumi.ProviderResource
	// SecurityResourceGroupName holds the workspace, Key Vault and storage accounts.
	SecurityResourceGroupName pulumi.StringOutput `pulumi:"securityResourceGroupName"`
	// NetworkResourceGroupName holds the hub network, firewall, gateway and private DNS zones.
	NetworkResourceGroupName pulumi.StringOutput `pulumi:"networkResourceGroupName"`
	// WorkspaceID is the Log Analytics workspace's resource ID.
	WorkspaceID pulumi.StringOutput `pulumi:"workspaceId"`
	// WorkspaceCustomerID is the workspace's GUID (traffic analytics needs it).
	WorkspaceCustomerID pulumi.StringOutput `pulumi:"workspaceCustomerId"`
	// KeyVaultID, KeyVaultName and KeyVaultURI identify the foundation's Key Vault.
	KeyVaultID   pulumi.StringOutput `pulumi:"keyVaultId"`
	KeyVaultName pulumi.StringOutput `pulumi:"keyVaultName"`
	KeyVaultURI  pulumi.StringOutput `pulumi:"keyVaultUri"`
	// AuditArchiveID is the immutable audit archive storage account's ID.
	AuditArchiveID pulumi.StringOutput `pulumi:"auditArchiveId"`
	// FlowLogStorageID is the storage account flow logs are written to.
	FlowLogStorageID pulumi.StringOutput `pulumi:"flowLogStorageId"`
	// NetworkWatcherName and NetworkWatcherResourceGroupName locate the region's network watcher, under
	// which tier stacks create their flow logs.
	NetworkWatcherName              pulumi.StringOutput `pulumi:"networkWatcherName"`
	NetworkWatcherResourceGroupName pulumi.StringOutput `pulumi:"networkWatcherResourceGroupName"`
	// HubVNetID and HubVNetName identify the hub virtual network the tier spokes peer with.
	HubVNetID   pulumi.StringOutput `pulumi:"hubVnetId"`
	HubVNetName pulumi.StringOutput `pulumi:"hubVnetName"`
	// FirewallPrivateIP is the hub firewall's private address: the next hop of the tiers' routes.
	FirewallPrivateIP pulumi.StringOutput `pulumi:"firewallPrivateIp"`
	// PSNGateway reports whether the hub has a PSN edge VPN gateway (tiers with PSN access use it).
	PSNGateway pulumi.BoolOutput `pulumi:"psnGateway"`
	// VaultDNSZoneName and BlobDNSZoneName are the private DNS zones (in NetworkResourceGroupName);
	// VaultDNSZoneID and BlobDNSZoneID their IDs.
	VaultDNSZoneID   pulumi.StringOutput `pulumi:"vaultDnsZoneId"`
	VaultDNSZoneName pulumi.StringOutput `pulumi:"vaultDnsZoneName"`
	BlobDNSZoneID    pulumi.StringOutput `pulumi:"blobDnsZoneId"`
	BlobDNSZoneName  pulumi.StringOutput `pulumi:"blobDnsZoneName"`
	// StateBackendURL is the `pulumi login` URL of the state backend (azblob://...?storage_account=...).
	StateBackendURL pulumi.StringOutput `pulumi:"stateBackendUrl"`
	// SecretsProvider is the `--secrets-provider` URL of the state secrets key (azurekeyvault://...).
	SecretsProvider pulumi.StringOutput `pulumi:"secretsProvider"`
}

// NewFoundation builds the foundation. Invalid arguments register nothing.
//
// Every child is created through the caller's azure-native provider when the caller gives one
// (pulumi.Provider or pulumi.Providers on the foundation, or one its parent holds): typically a provider
// for the landing zone's subscription. When the caller gives none, the foundation builds its own for
// Region, which acts in the subscription of the ambient credentials.
func NewFoundation(ctx *pulumi.Context, name string, args *FoundationArgs, opts ...pulumi.ResourceOption) (*Foundation, error) {
	if args == nil {
		return nil, errors.New("azurelz.NewFoundation: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("azurelz.NewFoundation %s: %w", name, err)
	}
	c := &Foundation{}
	if err := ctx.RegisterComponentResource(FoundationType, name, c, opts...); err != nil {
		return nil, err
	}
	prov, err := provider(ctx, name, nil, opts, args.Region, c)
	if err != nil {
		return nil, err
	}
	c.Provider = prov
	b := &builder{ctx: ctx, name: name, parent: c, prov: prov, tags: args.Tags, profile: args.Profile}
	if err := c.build(b, args); err != nil {
		return nil, err
	}
	if err := outputs.Register(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Outputs returns the foundation's outputs by name: every field with a `pulumi:` tag, the map the
// foundation registered with RegisterResourceOutputs and the stack program exports.
func (c *Foundation) Outputs() (pulumi.Map, error) { return outputs.Map(c) }

func (c *Foundation) build(b *builder, args *FoundationArgs) error {
	ctx, name, loc := b.ctx, b.name, args.Region
	client, err := authorization.GetClientConfig(ctx, pulumi.Provider(b.prov))
	if err != nil {
		return fmt.Errorf("reading the subscription and tenant: %w", err)
	}
	subscription := "/subscriptions/" + client.SubscriptionId
	b.subscription = client.SubscriptionId

	rg := func(role string) (*resources.ResourceGroup, error) {
		return resources.NewResourceGroup(ctx, name+"-"+role, &resources.ResourceGroupArgs{
			Location: pulumi.String(loc),
			Tags:     b.tagged(),
		}, b.opts()...)
	}
	secRG, err := rg("security")
	if err != nil {
		return err
	}
	netRG, err := rg("network")
	if err != nil {
		return err
	}
	c.SecurityResourceGroupName, c.NetworkResourceGroupName = secRG.Name, netRG.Name

	// Logs: the workspace, and the subscription's activity log into it.
	ws, err := operationalinsights.NewWorkspace(ctx, name+"-workspace", &operationalinsights.WorkspaceArgs{
		ResourceGroupName:               secRG.Name,
		Location:                        pulumi.String(loc),
		Sku:                             operationalinsights.WorkspaceSkuArgs{Name: pulumi.String("PerGB2018")},
		RetentionInDays:                 pulumi.Int(args.Profile.LogRetentionDays),
		PublicNetworkAccessForIngestion: pulumi.String("Enabled"),
		PublicNetworkAccessForQuery:     pulumi.String("Disabled"),
		Features: operationalinsights.WorkspaceFeaturesArgs{
			DisableLocalAuth: pulumi.Bool(true),
			EnableLogAccessUsingOnlyResourcePermissions: pulumi.Bool(true),
			ImmediatePurgeDataOn30Days:                  pulumi.Bool(false),
		},
		Tags: b.tagged(),
	}, b.stateful()...)
	if err != nil {
		return err
	}
	c.WorkspaceID, c.WorkspaceCustomerID = ws.ID().ToStringOutput(), ws.CustomerId
	if _, err := b.lock("workspace", ws.ID(), ws); err != nil {
		return err
	}

	// Hub network first: the Key Vault and storage accounts have private endpoints in it.
	hub, err := c.hubNetwork(b, args, netRG)
	if err != nil {
		return err
	}

	// Keys: the Key Vault, the customer keys and the identity that uses them.
	vault, err := b.keyVault("vault", secRG.Name, loc, client.TenantId, hub.managementSubnet.ID(), hub.vaultZone.ID(), ws.ID())
	if err != nil {
		return err
	}
	c.KeyVaultID, c.KeyVaultName, c.KeyVaultURI = vault.ID().ToStringOutput(), vault.Name, vault.Properties.VaultUri()
	identity, err := managedidentity.NewUserAssignedIdentity(ctx, name+"-cmk-identity", &managedidentity.UserAssignedIdentityArgs{
		ResourceGroupName: secRG.Name,
		Location:          pulumi.String(loc),
		Tags:              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	type keyed struct {
		role string
		key  *keyvault.Key
		user *authorization.RoleAssignment
	}
	keys := map[string]keyed{}
	for _, role := range []string{"audit-key", "flowlogs-key", "state-key"} {
		k, err := b.key(role, vault.Name, secRG.Name, 4096)
		if err != nil {
			return err
		}
		user, err := b.cryptoUser(role, client.SubscriptionId, k.ID(), identity.PrincipalId)
		if err != nil {
			return err
		}
		keys[role] = keyed{role, k, user}
	}
	secretsKey, err := b.key("pulumi-secrets", vault.Name, secRG.Name, 4096)
	if err != nil {
		return err
	}

	retention := auditRetentionDays(args.AuditRetentionDays, args.Profile)
	account := func(role, keyRole string, immutable int, appendWrites bool, containers ...string) (*storageAccount, error) {
		return b.storageAccount(storageSpec{
			role: role, resourceGroup: secRG.Name, location: loc,
			vaultURI: c.KeyVaultURI, key: keys[keyRole].key, identityID: identity.ID(),
			immutabilityDays: immutable, unlocked: args.AllowUnlockedImmutability, appendWrites: appendWrites,
			zoneRedundant: args.Profile.ZoneRedundantStorage, containers: containers,
			subnetID: hub.managementSubnet.ID(), dnsZoneID: hub.blobZone.ID(), workspaceID: ws.ID(),
			deps: []pulumi.Resource{keys[keyRole].user},
		})
	}
	audit, err := account("audit", "audit-key", retention, true, "activity-log")
	if err != nil {
		return err
	}
	c.AuditArchiveID = audit.account.ID().ToStringOutput()
	flowLogs, err := account("flowlogs", "flowlogs-key", 0, false)
	if err != nil {
		return err
	}
	c.FlowLogStorageID = flowLogs.account.ID().ToStringOutput()
	state, err := account("state", "state-key", 0, false, StateContainer)
	if err != nil {
		return err
	}
	c.StateBackendURL = pulumi.Sprintf("azblob://%s?storage_account=%s", StateContainer, state.account.Name)
	c.SecretsProvider = pulumi.Sprintf("azurekeyvault://%s.vault.azure.net/keys/%s", vault.Name, secretsKey.Name)

	if _, err := insights.NewSubscriptionDiagnosticSetting(ctx, name+"-activity-log", &insights.SubscriptionDiagnosticSettingArgs{
		Name:             pulumi.String("activity-log-to-log-analytics"),
		WorkspaceId:      ws.ID(),
		StorageAccountId: audit.account.ID(),
		Logs: func() insights.SubscriptionLogSettingsArray {
			var out insights.SubscriptionLogSettingsArray
			for _, cat := range []string{"Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"} {
				out = append(out, insights.SubscriptionLogSettingsArgs{Category: pulumi.String(cat), Enabled: pulumi.Bool(true)})
			}
			return out
		}(),
	}, b.opts()...); err != nil {
		return err
	}

	if err := c.policies(b, subscription, loc); err != nil {
		return err
	}
	for _, p := range []struct{ name, sub string }{{"VirtualMachines", "P2"}, {"StorageAccounts", "DefenderForStorageV2"}, {"KeyVaults", ""}, {"Arm", ""}} {
		a := defenderPricingArgs{PricingName: pulumi.String(p.name), PricingTier: pulumi.String("Standard"), ScopeID: pulumi.String(subscription)}
		if p.sub != "" {
			a.SubPlan = pulumi.String(p.sub)
		}
		if _, err := newDefenderPricing(ctx, name+"-defender-"+strings.ToLower(p.name), a, b.opts()...); err != nil {
			return err
		}
	}
	return nil
}

// keyVault builds an RBAC Key Vault with purge protection, 90-day soft delete and no public access,
// reached through a private endpoint, auditing to the workspace and locked against deletion.
func (b *builder) keyVault(role string, rg pulumi.StringInput, loc, tenantID string, subnetID, dnsZoneID, workspaceID pulumi.StringInput) (*keyvault.Vault, error) {
	v, err := keyvault.NewVault(b.ctx, b.name+"-"+role, &keyvault.VaultArgs{
		ResourceGroupName: rg,
		Location:          pulumi.String(loc),
		VaultName:         pulumi.String(b.globalName(role, keyVaultNameMax)),
		Properties: keyvault.VaultPropertiesArgs{
			TenantId:                     pulumi.String(tenantID),
			Sku:                          keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNamePremium},
			EnableRbacAuthorization:      pulumi.Bool(true),
			EnablePurgeProtection:        pulumi.Bool(true),
			EnableSoftDelete:             pulumi.Bool(true),
			SoftDeleteRetentionInDays:    pulumi.Int(90),
			EnabledForDeployment:         pulumi.Bool(false),
			EnabledForDiskEncryption:     pulumi.Bool(false),
			EnabledForTemplateDeployment: pulumi.Bool(false),
			PublicNetworkAccess:          pulumi.String("Disabled"),
			NetworkAcls: keyvault.NetworkRuleSetArgs{
				DefaultAction: pulumi.String("Deny"),
				Bypass:        pulumi.String("AzureServices"),
			},
		},
		Tags: b.tagged(),
	}, b.stateful()...)
	if err != nil {
		return nil, err
	}
	if err := b.privateEndpoint(role, rg, loc, subnetID, v.ID(), "vault", dnsZoneRef{"vault", dnsZoneID}); err != nil {
		return nil, err
	}
	if _, err := b.auditLogs(role, v.ID(), workspaceID); err != nil {
		return nil, err
	}
	if _, err := b.lock(role, v.ID(), v); err != nil {
		return nil, err
	}
	return v, nil
}

// policies assigns the subscription's Azure Policy: allowed locations for resources and resource groups,
// the UK OFFICIAL and UK NHS initiative, and a deny of public IP addresses in Bronze.
func (c *Foundation) policies(b *builder, subscription, loc string) error {
	ctx, name := b.ctx, b.name
	locations := authorization.ParameterValuesValueMap{
		"listOfAllowedLocations": authorization.ParameterValuesValueArgs{Value: pulumi.ToStringArray(AllowedLocations)},
	}
	assign := func(role, display, definition string, params authorization.ParameterValuesValueMapInput, identity bool) error {
		a := &authorization.PolicyAssignmentArgs{
			Scope:                pulumi.String(subscription),
			PolicyAssignmentName: pulumi.String(scopedName(name+"-"+role, 24)),
			DisplayName:          pulumi.String(display),
			PolicyDefinitionId:   pulumi.String(definition),
			EnforcementMode:      pulumi.String("Default"),
			Parameters:           params,
		}
		if identity {
			// The initiative's deployIfNotExists policies remediate with this identity.
			a.Identity = authorization.IdentityArgs{Type: authorization.ResourceIdentityTypeSystemAssigned}
			a.Location = pulumi.String(loc)
		}
		_, err := authorization.NewPolicyAssignment(ctx, name+"-policy-"+role, a, b.opts()...)
		return err
	}
	if err := assign("allowed-locations", "Allowed locations: UK South and UK West", policyAllowedLocations, locations, false); err != nil {
		return err
	}
	if err := assign("allowed-rg-locations", "Allowed locations for resource groups: UK South and UK West", policyAllowedLocationsForRG, locations, false); err != nil {
		return err
	}
	if err := assign("uk-official", "UK OFFICIAL and UK NHS", policyUKOfficialNHS, nil, true); err != nil {
		return err
	}
	def, err := authorization.NewPolicyDefinition(ctx, name+"-deny-bronze-public-ip", &authorization.PolicyDefinitionArgs{
		PolicyDefinitionName: pulumi.String(scopedName(name+"-deny-bronze-public-ip", 24)),
		DisplayName:          pulumi.String("Bronze tier: deny public IP addresses"),
		Description:          pulumi.String("Bronze holds legacy systems with no internet access: no public IP address may be created in a Bronze resource group or tagged Tier=Bronze."),
		PolicyType:           pulumi.String("Custom"),
		Mode:                 pulumi.String("Indexed"),
		PolicyRule: pulumi.Map{
			"if": pulumi.Map{"allOf": pulumi.Array{
				pulumi.Map{"field": pulumi.String("type"), "equals": pulumi.String("Microsoft.Network/publicIPAddresses")},
				pulumi.Map{"anyOf": pulumi.Array{
					pulumi.Map{"field": pulumi.String("tags['Tier']"), "equals": pulumi.String("Bronze")},
					pulumi.Map{"value": pulumi.String("[resourceGroup().tags['Tier']]"), "equals": pulumi.String("Bronze")},
				}},
			}},
			"then": pulumi.Map{"effect": pulumi.String("deny")},
		},
	}, b.opts()...)
	if err != nil {
		return err
	}
	_, err = authorization.NewPolicyAssignment(ctx, name+"-policy-deny-bronze-public-ip", &authorization.PolicyAssignmentArgs{
		Scope:                pulumi.String(subscription),
		PolicyAssignmentName: pulumi.String(scopedName(name+"-deny-bronze-pip", 24)),
		DisplayName:          pulumi.String("Bronze tier: deny public IP addresses"),
		PolicyDefinitionId:   def.ID(),
		EnforcementMode:      pulumi.String("Default"),
	}, b.opts()...)
	return err
}
