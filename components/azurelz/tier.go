package azurelz

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/maintenance/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/recoveryservices/v2"
	rsv20240401 "github.com/pulumi/pulumi-azure-native-sdk/recoveryservices/v2/v20240401"
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// FoundationRef is what a tier environment uses of its landing zone's foundation, usually read from the
// foundation stack's outputs (see internal/program).
type FoundationRef struct {
	// NetworkResourceGroupName holds the hub virtual network and the private DNS zones.
	NetworkResourceGroupName pulumi.StringInput
	// HubVNetID and HubVNetName identify the hub the spoke peers with.
	HubVNetID   pulumi.StringInput
	HubVNetName pulumi.StringInput
	// FirewallPrivateIP is the hub firewall's private address, the next hop of the spoke's routes.
	FirewallPrivateIP pulumi.StringInput
	// PSNGateway reports whether the hub has a PSN edge gateway.
	PSNGateway pulumi.BoolInput
	// WorkspaceID is the Log Analytics workspace's resource ID; WorkspaceCustomerID its GUID.
	WorkspaceID         pulumi.StringInput
	WorkspaceCustomerID pulumi.StringInput
	// FlowLogStorageID is the storage account flow logs go to.
	FlowLogStorageID pulumi.StringInput
	// NetworkWatcherName and NetworkWatcherResourceGroupName locate the region's network watcher.
	NetworkWatcherName              pulumi.StringInput
	NetworkWatcherResourceGroupName pulumi.StringInput
	// VaultDNSZoneID/Name and BlobDNSZoneID/Name are the private DNS zones for Key Vault and blob
	// private endpoints.
	VaultDNSZoneID   pulumi.StringInput
	VaultDNSZoneName pulumi.StringInput
	BlobDNSZoneID    pulumi.StringInput
	BlobDNSZoneName  pulumi.StringInput
}

func (f FoundationRef) validate() error {
	var errs []error
	for _, x := range []struct {
		name string
		set  bool
	}{
		{"NetworkResourceGroupName", f.NetworkResourceGroupName != nil}, {"HubVNetID", f.HubVNetID != nil},
		{"HubVNetName", f.HubVNetName != nil}, {"FirewallPrivateIP", f.FirewallPrivateIP != nil},
		{"PSNGateway", f.PSNGateway != nil}, {"WorkspaceID", f.WorkspaceID != nil},
		{"WorkspaceCustomerID", f.WorkspaceCustomerID != nil}, {"FlowLogStorageID", f.FlowLogStorageID != nil},
		{"NetworkWatcherName", f.NetworkWatcherName != nil}, {"NetworkWatcherResourceGroupName", f.NetworkWatcherResourceGroupName != nil},
		{"VaultDNSZoneID", f.VaultDNSZoneID != nil}, {"VaultDNSZoneName", f.VaultDNSZoneName != nil},
		{"BlobDNSZoneID", f.BlobDNSZoneID != nil}, {"BlobDNSZoneName", f.BlobDNSZoneName != nil},
	} {
		if !x.set {
			errs = append(errs, &netplan.FieldError{Path: "Foundation." + x.name, Msg: "is not set", Allowed: "the foundation stack's output"})
		}
	}
	return errors.Join(errs...)
}

// TierEnvironmentArgs configure NewTierEnvironment.
type TierEnvironmentArgs struct {
	// Region is the Azure region (location): uksouth or ukwest.
	Region string
	// Profile is the tier's profile (tier.ProfileFor); Profile.Tier picks the tier's range in Plan.
	Profile tier.Profile
	// Plan is the landing zone's address plan.
	Plan netplan.Plan
	// Externals are the declared external ranges.
	Externals []netplan.External
	// Flows are the declared flows; the tier's become NSG rules (and, for a tier without internet
	// egress, its only routes).
	Flows []netplan.Flow
	// Foundation is the landing zone's foundation.
	Foundation FoundationRef
	// EvidenceRetentionYears is how long the evidence store keeps every blob immutable; 0 means
	// DefaultEvidenceRetentionYears.
	EvidenceRetentionYears int
	// AllowUnlockedImmutability leaves the evidence store's immutability policy unlocked (first
	// deployment only; see EvidenceStoreArgs).
	AllowUnlockedImmutability bool
	// Tags are set on every resource; they must include RequiredTags.
	Tags map[string]string
	// HubProvider is the azure-native provider for the foundation's subscription, when the tier deploys
	// into a subscription of its own: the resources the environment places in the foundation's resource
	// groups (the hub's side of the peering, the links of the hub's private DNS zones to the spoke, and
	// the spoke's flow log under the foundation's network watcher) go through it. nil: they go through
	// the environment's provider, as when foundation and tier share one subscription.
	HubProvider pulumi.ProviderResource
	// SharedSubscription says the tier deploys into the foundation's subscription, whose Defender for
	// Cloud plans (the foundation's, PCLZ-AZR-AUD-005) already assess its workloads: the environment then
	// declares no Defender plan, since a subscription has one pricing per plan and creating it a second
	// time fails. false (a subscription of the tier's own): the environment turns on the plans its
	// workloads need there.
	SharedSubscription bool
}

func (a *TierEnvironmentArgs) validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkRegion("Region", a.Region))
	add(checkProfile("Profile", a.Profile))
	add(checkTags("Tags", a.Tags))
	add(a.Foundation.validate())
	if a.EvidenceRetentionYears < 0 {
		add(&netplan.FieldError{Path: "EvidenceRetentionYears", Value: strconv.Itoa(a.EvidenceRetentionYears), Msg: "is not allowed",
			Allowed: fmt.Sprintf("0 (the default, %d years) or more", DefaultEvidenceRetentionYears)})
	}
	t := a.Profile.Tier
	r, ok := a.Plan.TierRange(t)
	if !ok && t != "" {
		add(&netplan.FieldError{Path: "Plan.Tiers", Msg: fmt.Sprintf("has no range for tier %s", t), Allowed: "a plan from netplan.Allocate"})
	}
	if ok {
		for _, role := range netplan.TierRoles() {
			if !r.Block(role).IsValid() {
				add(&netplan.FieldError{Path: "Plan.Tiers", Msg: fmt.Sprintf("%s range has no %s block", t, role), Allowed: "a plan from netplan.Allocate"})
			}
		}
	}
	// The same network intent checks as awslz: the plan, the externals and every flow against the tier
	// matrix.
	errs = append(errs, netplan.Errs(a.intent().Validate())...)
	return errors.Join(errs...)
}

// intent is the network intent the tier environment's arguments declare.
func (a *TierEnvironmentArgs) intent() netplan.Intent {
	return netplan.Intent{Plan: a.Plan, Externals: a.Externals, Flows: a.Flows}
}

// TierEnvironment is one tier's spoke: network, keys, backup and evidence store.
type TierEnvironment struct {
	pulumi.ResourceState

	// Provider is the azure-native provider every child was created through: the caller's, or the tier
	// environment's own when the caller gave none.
	Provider pulumi.ProviderResource
	// ResourceGroupName holds every resource of the tier.
	ResourceGroupName pulumi.StringOutput `pulumi:"resourceGroupName"`
	// VNetID and VNetName identify the spoke virtual network.
	VNetID   pulumi.StringOutput `pulumi:"vnetId"`
	VNetName pulumi.StringOutput `pulumi:"vnetName"`
	// SubnetIDs maps each subnet role (workload, endpoints, transit) to its subnet's ID.
	SubnetIDs pulumi.StringMapOutput `pulumi:"subnetIds"`
	// RouteTableID is the spoke's route table.
	RouteTableID pulumi.StringOutput `pulumi:"routeTableId"`
	// KeyVaultID and KeyVaultURI identify the tier's Key Vault.
	KeyVaultID  pulumi.StringOutput `pulumi:"keyVaultId"`
	KeyVaultURI pulumi.StringOutput `pulumi:"keyVaultUri"`
	// DataKeyID and DataKeyURI (versioned) are the tier's customer key for workload data at rest: disks
	// (through a disk encryption set) and databases (transparent data encryption).
	DataKeyID  pulumi.StringOutput `pulumi:"dataKeyId"`
	DataKeyURI pulumi.StringOutput `pulumi:"dataKeyUri"`
	// RecoveryVaultID, RecoveryVaultName and BackupPolicyID are the tier's Recovery Services vault and VM
	// backup policy.
	RecoveryVaultID   pulumi.StringOutput `pulumi:"recoveryVaultId"`
	RecoveryVaultName pulumi.StringOutput `pulumi:"recoveryVaultName"`
	BackupPolicyID    pulumi.StringOutput `pulumi:"backupPolicyId"`
	// MaintenanceConfigurationID is the tier's Update Manager maintenance configuration: in-guest
	// patching at the profile's cadence, in its reboot window.
	MaintenanceConfigurationID pulumi.StringOutput `pulumi:"maintenanceConfigurationId"`
	// DataCollectionEndpointID is, for a tier with no internet egress, the data collection endpoint its
	// machines' data collection rules send through, and MonitorPrivateLinkScopeID the Azure Monitor
	// private link scope that holds it and the workspace (reached from the endpoint subnet); both are ""
	// for a tier whose machines reach Azure Monitor through the hub firewall.
	DataCollectionEndpointID  pulumi.StringOutput `pulumi:"dataCollectionEndpointId"`
	MonitorPrivateLinkScopeID pulumi.StringOutput `pulumi:"monitorPrivateLinkScopeId"`
	// EvidenceAccountID, EvidenceAccountName and EvidenceContainer locate the tier's evidence store.
	EvidenceAccountID   pulumi.StringOutput `pulumi:"evidenceAccountId"`
	EvidenceAccountName pulumi.StringOutput `pulumi:"evidenceAccountName"`
	EvidenceContainer   pulumi.StringOutput `pulumi:"evidenceContainer"`
	// Evidence is the tier's evidence store.
	Evidence *EvidenceStore

	// privateMonitoring is set for a tier with no internet egress, whose machines' logs go through
	// DataCollectionEndpointID.
	privateMonitoring bool
}

// NewTierEnvironment builds a tier environment. Invalid arguments register nothing.
//
// Every child, the evidence store included, is created through the caller's azure-native provider when
// the caller gives one (pulumi.Provider or pulumi.Providers on the environment, or one its parent
// holds): typically a provider for the tier's subscription. When the caller gives none, the environment
// builds its own for Region, which acts in the subscription of the ambient credentials.
func NewTierEnvironment(ctx *pulumi.Context, name string, args *TierEnvironmentArgs, opts ...pulumi.ResourceOption) (*TierEnvironment, error) {
	if args == nil {
		return nil, errors.New("azurelz.NewTierEnvironment: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("azurelz.NewTierEnvironment %s: %w", name, err)
	}
	n := networkPlan{args.intent()}
	rules, err := n.tierSecurityRules(args.Profile.Tier)
	if err != nil {
		return nil, fmt.Errorf("azurelz.NewTierEnvironment %s: %w", name, err)
	}
	backup, err := vmBackupPlan(args.Profile)
	if err != nil {
		return nil, fmt.Errorf("azurelz.NewTierEnvironment %s: %w", name, err)
	}
	var vault recoveryVault
	if vault.immutability, err = recoveryVaultImmutability(args.Profile); err != nil {
		return nil, fmt.Errorf("azurelz.NewTierEnvironment %s: %w", name, err)
	}
	if vault.crossRegionRestore, err = recoveryVaultCrossRegionRestore(args.Profile, args.Region); err != nil {
		return nil, fmt.Errorf("azurelz.NewTierEnvironment %s: %w", name, err)
	}
	patching, err := patchSchedulePlan(args.Profile)
	if err != nil {
		return nil, fmt.Errorf("azurelz.NewTierEnvironment %s: %w", name, err)
	}
	c := &TierEnvironment{}
	if err := ctx.RegisterComponentResource(TierEnvironmentType, name, c, opts...); err != nil {
		return nil, err
	}
	prov, err := provider(ctx, name, nil, opts, args.Region, c)
	if err != nil {
		return nil, err
	}
	c.Provider = prov
	b := &builder{ctx: ctx, name: name, parent: c, prov: prov, tags: args.Tags, profile: args.Profile}
	if err := c.build(b, args, n, rules, backupPolicyArgs(backup), vault, patching); err != nil {
		return nil, err
	}
	if err := outputs.Register(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Outputs returns the tier environment's outputs by name: every field with a `pulumi:` tag, the map it
// registered with RegisterResourceOutputs and the stack program exports.
func (c *TierEnvironment) Outputs() (pulumi.Map, error) { return outputs.Map(c) }

func (c *TierEnvironment) build(b *builder, args *TierEnvironmentArgs, n networkPlan, rules []secRule, policy recoveryservices.AzureIaaSVMProtectionPolicyArgs, backupVault recoveryVault, patching patchSchedule) error {
	ctx, name, loc, f := b.ctx, b.name, args.Region, args.Foundation
	t := args.Profile.Tier
	rng, _ := args.Plan.TierRange(t)
	client, err := authorization.GetClientConfig(ctx, pulumi.Provider(b.prov))
	if err != nil {
		return fmt.Errorf("reading the subscription and tenant: %w", err)
	}
	b.subscription = client.SubscriptionId
	rg, err := resources.NewResourceGroup(ctx, name+"-rg", &resources.ResourceGroupArgs{Location: pulumi.String(loc), Tags: b.tagged()}, b.opts()...)
	if err != nil {
		return err
	}
	c.ResourceGroupName = rg.Name

	// Network: spoke, route table, one NSG per subnet, peering with the hub only, flow log.
	vnet, err := network.NewVirtualNetwork(ctx, name+"-vnet", &network.VirtualNetworkArgs{
		ResourceGroupName:    rg.Name,
		Location:             pulumi.String(loc),
		AddressSpace:         network.AddressSpaceArgs{AddressPrefixes: pulumi.StringArray{pulumi.String(rng.CIDR.String())}},
		EnableDdosProtection: pulumi.Bool(false),
		EnableVmProtection:   pulumi.Bool(false),
		Tags:                 b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	c.VNetID, c.VNetName = vnet.ID().ToStringOutput(), vnet.Name
	rt, err := network.NewRouteTable(ctx, name+"-rt", &network.RouteTableArgs{
		ResourceGroupName: rg.Name,
		Location:          pulumi.String(loc),
		// Routes learned by the PSN edge gateway never reach the spoke: PSN traffic passes the firewall.
		DisableBgpRoutePropagation: pulumi.Bool(true),
		Routes:                     routeArgs(n.tierRoutes(t, args.Profile), f.FirewallPrivateIP),
		Tags:                       b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	c.RouteTableID = rt.ID().ToStringOutput()
	subnetIDs := pulumi.StringMap{}
	subnets := map[netplan.Role]*network.Subnet{}
	var prev pulumi.Resource = vnet
	for _, role := range netplan.TierRoles() {
		nsg, err := network.NewNetworkSecurityGroup(ctx, name+"-"+string(role)+"-nsg", &network.NetworkSecurityGroupArgs{
			ResourceGroupName: rg.Name,
			Location:          pulumi.String(loc),
			SecurityRules:     securityRuleArgs(rules),
			FlushConnection:   pulumi.Bool(true),
			Tags:              b.tagged(),
		}, b.opts()...)
		if err != nil {
			return err
		}
		s, err := network.NewSubnet(ctx, name+"-"+string(role), &network.SubnetArgs{
			ResourceGroupName:                 rg.Name,
			VirtualNetworkName:                vnet.Name,
			SubnetName:                        pulumi.String(string(role)),
			AddressPrefix:                     pulumi.String(rng.Block(role).String()),
			NetworkSecurityGroup:              network.NetworkSecurityGroupTypeArgs{Id: nsg.ID()},
			RouteTable:                        network.RouteTableTypeArgs{Id: rt.ID()},
			PrivateEndpointNetworkPolicies:    pulumi.String("Enabled"),
			PrivateLinkServiceNetworkPolicies: pulumi.String("Enabled"),
		}, b.opts(pulumi.DependsOn([]pulumi.Resource{prev}))...)
		if err != nil {
			return err
		}
		prev = s
		subnets[role] = s
		subnetIDs[string(role)] = s.ID()
	}
	c.SubnetIDs = subnetIDs.ToStringMapOutput()

	// Peering with the hub only. A tier with PSN access uses the hub's gateway (so the PSN edge learns the
	// spoke's range); any other tier neither uses nor offers gateways.
	useGateway := pulumi.Bool(false).ToBoolOutput()
	if usesHubGateway(args.Profile) {
		useGateway = f.PSNGateway.ToBoolOutput()
	}
	spokeToHub, err := network.NewVirtualNetworkPeering(ctx, name+"-to-hub", &network.VirtualNetworkPeeringArgs{
		ResourceGroupName:         rg.Name,
		VirtualNetworkName:        vnet.Name,
		VirtualNetworkPeeringName: pulumi.String("to-hub"),
		RemoteVirtualNetwork:      network.SubResourceArgs{Id: f.HubVNetID},
		AllowVirtualNetworkAccess: pulumi.Bool(true),
		AllowForwardedTraffic:     pulumi.Bool(true),
		AllowGatewayTransit:       pulumi.Bool(false),
		UseRemoteGateways:         useGateway,
	}, b.opts(pulumi.DependsOn([]pulumi.Resource{prev}))...)
	if err != nil {
		return err
	}
	if _, err := network.NewVirtualNetworkPeering(ctx, name+"-from-hub", &network.VirtualNetworkPeeringArgs{
		ResourceGroupName:         f.NetworkResourceGroupName,
		VirtualNetworkName:        f.HubVNetName,
		VirtualNetworkPeeringName: pulumi.Sprintf("to-%s", name),
		RemoteVirtualNetwork:      network.SubResourceArgs{Id: vnet.ID()},
		AllowVirtualNetworkAccess: pulumi.Bool(true),
		AllowForwardedTraffic:     pulumi.Bool(true),
		AllowGatewayTransit:       useGateway,
		UseRemoteGateways:         pulumi.Bool(false),
	}, b.hubOpts(args.HubProvider, pulumi.DependsOn([]pulumi.Resource{spokeToHub}))...); err != nil {
		return err
	}
	for _, z := range []struct {
		role string
		zone pulumi.StringInput
	}{{"vault", f.VaultDNSZoneName}, {"blob", f.BlobDNSZoneName}} {
		if _, err := network.NewVirtualNetworkLink(ctx, name+"-"+z.role+"-dns-link", &network.VirtualNetworkLinkArgs{
			ResourceGroupName:   f.NetworkResourceGroupName,
			PrivateZoneName:     z.zone,
			Location:            pulumi.String("global"),
			VirtualNetwork:      network.SubResourceArgs{Id: vnet.ID()},
			RegistrationEnabled: pulumi.Bool(false),
			Tags:                b.tagged(),
		}, b.hubOpts(args.HubProvider)...); err != nil {
			return err
		}
	}
	if _, err := network.NewFlowLog(ctx, name+"-flow-log", &network.FlowLogArgs{
		ResourceGroupName:  f.NetworkWatcherResourceGroupName,
		NetworkWatcherName: f.NetworkWatcherName,
		Location:           pulumi.String(loc),
		TargetResourceId:   vnet.ID(),
		StorageId:          f.FlowLogStorageID,
		Enabled:            pulumi.Bool(true),
		Format:             network.FlowLogFormatParametersArgs{Type: pulumi.String("JSON"), Version: pulumi.Int(2)},
		RetentionPolicy:    network.RetentionPolicyParametersArgs{Enabled: pulumi.Bool(true), Days: pulumi.Int(flowLogRetentionDays(args.Profile))},
		FlowAnalyticsConfiguration: network.TrafficAnalyticsPropertiesArgs{
			NetworkWatcherFlowAnalyticsConfiguration: network.TrafficAnalyticsConfigurationPropertiesArgs{
				Enabled:                  pulumi.Bool(true),
				WorkspaceId:              f.WorkspaceCustomerID,
				WorkspaceRegion:          pulumi.String(loc),
				WorkspaceResourceId:      f.WorkspaceID,
				TrafficAnalyticsInterval: pulumi.Int(10),
			},
		},
		Tags: b.tagged(),
	}, b.hubOpts(args.HubProvider)...); err != nil {
		return err
	}

	// Keys: the tier's own Key Vault and the identity that uses its keys.
	endpoints := subnets[netplan.RoleEndpoints]
	vault, err := b.keyVault("vault", rg.Name, loc, client.TenantId, endpoints.ID(), f.VaultDNSZoneID, f.WorkspaceID)
	if err != nil {
		return err
	}
	c.KeyVaultID, c.KeyVaultURI = vault.ID().ToStringOutput(), vault.Properties.VaultUri()

	// Logs of a tier with no internet egress: over an Azure Monitor private link scope only.
	c.privateMonitoring = privateMonitoring(args.Profile)
	c.DataCollectionEndpointID = pulumi.String("").ToStringOutput()
	c.MonitorPrivateLinkScopeID = pulumi.String("").ToStringOutput()
	if c.privateMonitoring {
		if err := c.monitorPrivateLink(b, rg.Name, loc, f, vnet.ID(), endpoints.ID()); err != nil {
			return err
		}
	}
	identity, err := managedidentity.NewUserAssignedIdentity(ctx, name+"-cmk-identity", &managedidentity.UserAssignedIdentityArgs{
		ResourceGroupName: rg.Name,
		Location:          pulumi.String(loc),
		Tags:              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	backupKey, err := b.key("backup-key", vault.Name, rg.Name, 4096)
	if err != nil {
		return err
	}
	backupUser, err := b.cryptoUser("backup-key", client.SubscriptionId, backupKey.ID(), identity.PrincipalId)
	if err != nil {
		return err
	}
	// The workloads' data key: their disk encryption sets and databases are granted its use one by one.
	dataKey, err := b.key("data-key", vault.Name, rg.Name, 4096)
	if err != nil {
		return err
	}
	c.DataKeyID, c.DataKeyURI = dataKey.ID().ToStringOutput(), dataKey.KeyUriWithVersion

	// Patching and scanning of the tier's workloads.
	mc, err := b.maintenanceConfiguration(rg.Name, loc, t, patching)
	if err != nil {
		return err
	}
	c.MaintenanceConfigurationID = mc.ID().ToStringOutput()
	if args.Profile.Scanning.EveryWorkload && !args.SharedSubscription {
		if err := b.workloadDefenderPlans(client.SubscriptionId); err != nil {
			return err
		}
	}

	// Backup: a Recovery Services vault encrypted with the tier's key, immutable as the profile's vault
	// lock says, with soft delete always on, geo-redundant with cross-region restore to the profile's
	// second-copy region, and the tier's VM backup policy. The redundancy settings can be written only
	// from API version 2023-08-01, so the vault is the 2024-04-01 version's (type token
	// azure-native:recoveryservices/v20240401:Vault); the alias to the default token keeps a vault
	// created under it (its state moves over, nothing is replaced). The SDK's NewVault lists that alias
	// among its generated ones too; it is stated here so that the vault's safety does not rest on the
	// generated list.
	rsv, err := rsv20240401.NewVault(ctx, name+"-backup-vault", &rsv20240401.VaultArgs{
		ResourceGroupName: rg.Name,
		Location:          pulumi.String(loc),
		Sku:               rsv20240401.SkuArgs{Name: pulumi.String("RS0"), Tier: pulumi.String("Standard")},
		Identity: rsv20240401.IdentityDataArgs{
			Type:                   pulumi.String("UserAssigned"),
			UserAssignedIdentities: pulumi.StringArray{identity.ID()},
		},
		Properties: rsv20240401.VaultPropertiesArgs{
			PublicNetworkAccess: pulumi.String("Disabled"),
			Encryption: rsv20240401.VaultPropertiesEncryptionArgs{
				KeyVaultProperties:       rsv20240401.CmkKeyVaultPropertiesArgs{KeyUri: backupKey.KeyUri},
				KekIdentity:              rsv20240401.CmkKekIdentityArgs{UserAssignedIdentity: identity.ID(), UseSystemAssignedIdentity: pulumi.Bool(false)},
				InfrastructureEncryption: pulumi.String("Enabled"),
			},
			RedundancySettings: rsv20240401.VaultPropertiesRedundancySettingsArgs{
				StandardTierStorageRedundancy: pulumi.String("GeoRedundant"),
				CrossRegionRestore:            pulumi.String(backupVault.crossRegionRestore),
			},
			SecuritySettings: rsv20240401.SecuritySettingsArgs{
				ImmutabilitySettings: rsv20240401.ImmutabilitySettingsArgs{State: pulumi.String(backupVault.immutability)},
				SoftDeleteSettings: rsv20240401.SoftDeleteSettingsArgs{
					SoftDeleteState:                 pulumi.String("AlwaysON"),
					SoftDeleteRetentionPeriodInDays: pulumi.Int(14),
				},
			},
		},
		Tags: b.tagged(),
	}, b.stateful(pulumi.DependsOn([]pulumi.Resource{backupUser}),
		pulumi.Aliases([]pulumi.Alias{{Type: pulumi.String(recoveryVaultDefaultType)}}))...)
	if err != nil {
		return err
	}
	c.RecoveryVaultID, c.RecoveryVaultName = rsv.ID().ToStringOutput(), rsv.Name
	if _, err := b.lock("backup-vault", rsv.ID(), rsv); err != nil {
		return err
	}
	pp, err := recoveryservices.NewProtectionPolicy(ctx, name+"-vm-backup-policy", &recoveryservices.ProtectionPolicyArgs{
		ResourceGroupName: rg.Name,
		VaultName:         rsv.Name,
		PolicyName:        pulumi.String("vm-" + string(t)),
		Properties:        policy,
		Tags:              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	c.BackupPolicyID = pp.ID().ToStringOutput()

	ev, err := NewEvidenceStore(ctx, name+"-evidence", &EvidenceStoreArgs{
		ResourceGroupName:         rg.Name,
		Region:                    loc,
		Profile:                   args.Profile,
		Provider:                  b.prov,
		Vault:                     VaultRef{Name: vault.Name, ResourceGroupName: rg.Name, URI: c.KeyVaultURI},
		EndpointSubnetID:          endpoints.ID(),
		PrivateDNSZoneID:          f.BlobDNSZoneID,
		WorkspaceID:               f.WorkspaceID,
		RetentionYears:            args.EvidenceRetentionYears,
		AllowUnlockedImmutability: args.AllowUnlockedImmutability,
		Tags:                      args.Tags,
	}, pulumi.Parent(c))
	if err != nil {
		return err
	}
	c.Evidence = ev
	c.EvidenceAccountID, c.EvidenceAccountName, c.EvidenceContainer = ev.AccountID, ev.AccountName, ev.ContainerName
	return nil
}

// maintenanceConfiguration creates the tier's Update Manager maintenance configuration: in-guest
// patching on the schedule patchSchedulePlan decided, rebooting only when an update needs it.
func (b *builder) maintenanceConfiguration(rg pulumi.StringInput, loc string, t tier.Tier, s patchSchedule) (*maintenance.MaintenanceConfiguration, error) {
	return maintenance.NewMaintenanceConfiguration(b.ctx, b.name+"-patching", &maintenance.MaintenanceConfigurationArgs{
		ResourceGroupName:   rg,
		Location:            pulumi.String(loc),
		ResourceName:        pulumi.String(maintenanceConfigurationName(t)),
		MaintenanceScope:    pulumi.String("InGuestPatch"),
		Visibility:          pulumi.String("Custom"),
		ExtensionProperties: pulumi.StringMap{"InGuestPatchMode": pulumi.String("User")},
		StartDateTime:       pulumi.String(s.StartDateTime),
		Duration:            pulumi.String(s.Duration),
		TimeZone:            pulumi.String("UTC"),
		RecurEvery:          pulumi.String(s.RecurEvery),
		InstallPatches: maintenance.InputPatchConfigurationArgs{
			RebootSetting:     pulumi.String("IfRequired"),
			LinuxParameters:   maintenance.InputLinuxParametersArgs{ClassificationsToInclude: pulumi.ToStringArray(s.LinuxClassifications)},
			WindowsParameters: maintenance.InputWindowsParametersArgs{ClassificationsToInclude: pulumi.ToStringArray(s.WindowsClassifications)},
		},
		Tags: b.tagged(),
	}, b.opts()...)
}

// workloadDefenderPlans turns on, in the tier's own subscription, the Defender for Cloud plans that
// assess its workloads for vulnerabilities: Defender for Servers plan 2 (Defender vulnerability
// management and agentless scanning) and Defender for SQL, the settings the foundation makes in its
// subscription. A tier in the foundation's subscription (SharedSubscription) declares none. They are
// retained on delete, so destroying a tier stack never turns Defender off for its subscription.
func (b *builder) workloadDefenderPlans(subscriptionID string) error {
	for _, p := range []struct{ name, sub string }{{"VirtualMachines", "P2"}, {"SqlServers", ""}} {
		a := defenderPricingArgs{PricingName: pulumi.String(p.name), PricingTier: pulumi.String("Standard"), ScopeID: pulumi.String("/subscriptions/" + subscriptionID)}
		if p.sub != "" {
			a.SubPlan = pulumi.String(p.sub)
		}
		if _, err := newDefenderPricing(b.ctx, b.name+"-defender-"+strings.ToLower(p.name), a, b.opts(pulumi.RetainOnDelete(true))...); err != nil {
			return err
		}
	}
	return nil
}

// Ref returns what a workload in this tier environment uses of it, with workspaceID the landing zone's
// Log Analytics workspace (the foundation's).
func (c *TierEnvironment) Ref(workspaceID pulumi.StringInput) TierEnvironmentRef {
	return TierEnvironmentRef{
		ResourceGroupName:          c.ResourceGroupName,
		WorkloadSubnetID:           c.SubnetIDs.MapIndex(pulumi.String(string(netplan.RoleWorkload))),
		EndpointSubnetID:           c.SubnetIDs.MapIndex(pulumi.String(string(netplan.RoleEndpoints))),
		KeyVaultID:                 c.KeyVaultID,
		DataKeyID:                  c.DataKeyID,
		DataKeyURI:                 c.DataKeyURI,
		WorkspaceID:                workspaceID,
		MaintenanceConfigurationID: c.MaintenanceConfigurationID,
		RecoveryVaultName:          c.RecoveryVaultName,
		BackupPolicyID:             c.BackupPolicyID,
		DataCollectionEndpointID:   c.dataCollectionEndpoint(),
	}
}

// dataCollectionEndpoint is the tier's data collection endpoint for Ref: nil when the tier has none.
func (c *TierEnvironment) dataCollectionEndpoint() pulumi.StringInput {
	if !c.privateMonitoring {
		return nil
	}
	return c.DataCollectionEndpointID
}

// backupPolicyArgs is the Recovery Services VM backup policy vmBackupPlan decides.
func backupPolicyArgs(plan vmBackup) recoveryservices.AzureIaaSVMProtectionPolicyArgs {
	times := pulumi.StringArray{pulumi.String(backupStart)}
	sched := recoveryservices.SimpleSchedulePolicyV2Args{SchedulePolicyType: pulumi.String("SimpleSchedulePolicyV2"), ScheduleRunFrequency: pulumi.String(plan.Frequency)}
	keep := recoveryservices.LongTermRetentionPolicyArgs{RetentionPolicyType: pulumi.String("LongTermRetentionPolicy")}
	duration := recoveryservices.RetentionDurationArgs{Count: pulumi.Int(plan.RetentionCount), DurationType: pulumi.String(plan.RetentionUnit)}
	switch plan.Frequency {
	case "Hourly":
		sched.HourlySchedule = recoveryservices.HourlyScheduleArgs{
			Interval: pulumi.Int(plan.IntervalHours), ScheduleWindowStartTime: pulumi.String(backupStart), ScheduleWindowDuration: pulumi.Int(24),
		}
		keep.DailySchedule = recoveryservices.DailyRetentionScheduleArgs{RetentionTimes: times, RetentionDuration: duration}
	case "Daily":
		sched.DailySchedule = recoveryservices.DailyScheduleArgs{ScheduleRunTimes: times}
		keep.DailySchedule = recoveryservices.DailyRetentionScheduleArgs{RetentionTimes: times, RetentionDuration: duration}
	default:
		var days recoveryservices.DayOfWeekArray
		for _, d := range plan.RunDays {
			days = append(days, recoveryservices.DayOfWeek(d))
		}
		sched.WeeklySchedule = recoveryservices.WeeklyScheduleArgs{ScheduleRunDays: days, ScheduleRunTimes: times}
		keep.WeeklySchedule = recoveryservices.WeeklyRetentionScheduleArgs{DaysOfTheWeek: days, RetentionTimes: times, RetentionDuration: duration}
	}
	return recoveryservices.AzureIaaSVMProtectionPolicyArgs{
		BackupManagementType:          pulumi.String("AzureIaasVM"),
		PolicyType:                    pulumi.String("V2"),
		TimeZone:                      pulumi.String("GMT Standard Time"),
		InstantRpRetentionRangeInDays: pulumi.Int(7),
		SchedulePolicy:                sched,
		RetentionPolicy:               keep,
	}
}
