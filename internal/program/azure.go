package program

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	azurenative "github.com/pulumi/pulumi-azure-native-sdk/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/tier"
)

// PSNSharedKeyConfig is the secret config key holding the PSN edge's IPsec pre-shared key, agreed with
// the PSN provider: `pulumi config set --secret azurelz:psnSharedKey <key> --stack met-foundation`. It is
// required when the foundation's stack config sets landingzone:psnPeerAddress.
const PSNSharedKeyConfig = "azurelz:psnSharedKey"

// FirstDeploymentConfig is the config key that, set to true for a stack's very first `pulumi up` only,
// creates the audit archive and evidence stores with their immutability policies unlocked: Azure refuses to create a storage
// account whose policy is already locked. Remove it and run `pulumi up` again to lock them, which can
// never be undone (docs/azure.md, "First deployment").
const FirstDeploymentConfig = "azurelz:firstDeployment"

// firstDeployment reads FirstDeploymentConfig; anything but "true" means false, the locked default.
func firstDeployment(ctx *pulumi.Context) bool {
	v, _ := ctx.GetConfig(FirstDeploymentConfig)
	return v == "true"
}

// The outputs of an Azure foundation stack (met-foundation) that its tier stacks read by StackReference:
// the `pulumi:` tags of azurelz.Foundation, which declares every output (TestAzureOutputNames checks
// each constant is one). Each is documented in docs/azure.md.
const (
	OutSecurityResourceGroupName       = "securityResourceGroupName"
	OutNetworkResourceGroupName        = "networkResourceGroupName"
	OutWorkspaceID                     = "workspaceId"
	OutWorkspaceCustomerID             = "workspaceCustomerId"
	OutKeyVaultID                      = "keyVaultId"
	OutKeyVaultName                    = "keyVaultName"
	OutKeyVaultURI                     = "keyVaultUri"
	OutAuditArchiveID                  = "auditArchiveId"
	OutFlowLogStorageID                = "flowLogStorageId"
	OutNetworkWatcherName              = "networkWatcherName"
	OutNetworkWatcherResourceGroupName = "networkWatcherResourceGroupName"
	OutHubVNetID                       = "hubVnetId"
	OutHubVNetName                     = "hubVnetName"
	OutFirewallPrivateIP               = "firewallPrivateIp"
	OutPSNGateway                      = "psnGateway"
	OutVaultDNSZoneID                  = "vaultDnsZoneId"
	OutVaultDNSZoneName                = "vaultDnsZoneName"
	OutBlobDNSZoneID                   = "blobDnsZoneId"
	OutBlobDNSZoneName                 = "blobDnsZoneName"
	OutStateBackendURL                 = "stateBackendUrl"
	OutSecretsProvider                 = "secretsProvider"
)

// deployAzure builds an Azure landing zone stack (met-*): the foundation or one tier environment.
func deployAzure(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	switch st.Role {
	case config.RoleFoundation:
		return deployAzureFoundation(ctx, st)
	case config.RoleTier:
		return deployAzureTier(ctx, st)
	case config.RoleOrganization:
		return deployAzureOrganization(ctx, st)
	}
	return nil, fmt.Errorf("role %q has no Azure components: allowed %s, %s, %s", st.Role, config.RoleFoundation, config.RoleTier, config.RoleOrganization)
}

// AzureRootGroupID is the landing zone's root management group ID: "pclz-" and the landing zone's name
// ("pclz-met"); its tier groups are "pclz-met-bronze" and so on.
func AzureRootGroupID(landingZone string) string { return "pclz-" + landingZone }

// AzureManagementGroupsArgs returns the management group arguments a validated Azure organization
// stack configuration describes.
func AzureManagementGroupsArgs(st *config.Stack) (*azurelz.ManagementGroupsArgs, error) {
	if st.AzureOrg == nil {
		return nil, fmt.Errorf("stack %s is not an azure organization stack", st.Name)
	}
	return &azurelz.ManagementGroupsArgs{
		TenantID:         st.AzureOrg.TenantID,
		RootGroupID:      AzureRootGroupID(st.LandingZone),
		DisplayName:      st.Force + " landing zone " + st.LandingZone,
		Region:           st.Region,
		Profiles:         tier.Profiles(),
		Subscriptions:    maps.Clone(st.AzureOrg.Subscriptions),
		AuditWorkspaceID: st.AzureOrg.AuditWorkspaceID,
		Tags:             st.Tags(),
	}, nil
}

// AzureBreakGlassProcedure is the reference the break-glass accounts' role assignments carry: the
// procedure in docs/azure.md.
const AzureBreakGlassProcedure = "docs/azure.md#break-glass-accounts"

// AzurePrivilegedAccessArgs returns the privileged access arguments a validated Azure organization
// stack configuration describes.
func AzurePrivilegedAccessArgs(st *config.Stack) (*azurelz.PrivilegedAccessArgs, error) {
	if st.AzureOrg == nil {
		return nil, fmt.Errorf("stack %s is not an azure organization stack", st.Name)
	}
	return &azurelz.PrivilegedAccessArgs{
		LandingZone:         st.LandingZone,
		TenantID:            st.AzureOrg.TenantID,
		RootGroupID:         AzureRootGroupID(st.LandingZone),
		Region:              st.Region,
		Profiles:            tier.Profiles(),
		BreakGlassObjectIDs: slices.Clone(st.AzureOrg.BreakGlassObjectIDs),
		BreakGlassProcedure: AzureBreakGlassProcedure,
		AuditWorkspaceID:    st.AzureOrg.AuditWorkspaceID,
		AlertEmail:          st.Owner,
		Tags:                st.Tags(),
	}, nil
}

// deployAzureOrganization builds an Azure organization stack (met-org): the management groups with
// their Azure Policy, then privileged access on them.
func deployAzureOrganization(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	args, err := AzureManagementGroupsArgs(st)
	if err != nil {
		return nil, err
	}
	mg, err := azurelz.NewManagementGroups(ctx, st.Name, args)
	if err != nil {
		return nil, err
	}
	access, err := AzurePrivilegedAccessArgs(st)
	if err != nil {
		return nil, err
	}
	pa, err := azurelz.NewPrivilegedAccess(ctx, st.Name+"-access", access, pulumi.DependsOn([]pulumi.Resource{mg}))
	if err != nil {
		return nil, err
	}
	out, err := mg.Outputs()
	if err != nil {
		return nil, err
	}
	more, err := pa.Outputs()
	if err != nil {
		return nil, err
	}
	for k, v := range more {
		out[k] = v
	}
	return out, nil
}

func deployAzureFoundation(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	if _, _, err := azureWorkload(ctx, st); err != nil { // a workload belongs in a tier stack
		return nil, err
	}
	args := &azurelz.FoundationArgs{
		Region:        st.Region,
		Profile:       st.Profile,
		Plan:          st.Plan,
		Externals:     st.ExternalRanges,
		Flows:         st.Flows,
		EgressDomains: st.EgressDomains,
		Tags:          st.Tags(),

		AllowUnlockedImmutability: firstDeployment(ctx),
	}
	if st.PSNEdge != nil {
		key, ok := ctx.GetConfig(PSNSharedKeyConfig)
		if !ok || key == "" {
			return nil, fmt.Errorf("%s is not set: the PSN edge (landingzone:psnPeerAddress %s) needs the IPsec pre-shared key agreed with the PSN provider; set it with `pulumi config set --secret %s <key>`",
				PSNSharedKeyConfig, st.PSNEdge.PeerAddress, PSNSharedKeyConfig)
		}
		args.PSNEdge = &azurelz.PSNEdge{
			PeerAddress: st.PSNEdge.PeerAddress.String(),
			ASN:         st.PSNEdge.ASN,
			SharedKey:   pulumi.ToSecret(pulumi.String(key)).(pulumi.StringOutput),
		}
	}
	opts, err := azureSubscription(ctx, st)
	if err != nil {
		return nil, err
	}
	f, err := azurelz.NewFoundation(ctx, st.Name, args, opts...)
	if err != nil {
		return nil, err
	}
	return f.Outputs()
}

func deployAzureTier(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	// The workload's configuration is checked before anything is registered.
	workloadName, workload, err := azureWorkload(ctx, st)
	if err != nil {
		return nil, err
	}
	ref, err := pulumi.NewStackReference(ctx, st.Name+"-foundation", &pulumi.StackReferenceArgs{Name: pulumi.String(st.FoundationStack)})
	if err != nil {
		return nil, err
	}
	str := func(key string) pulumi.StringOutput { return ref.GetStringOutput(pulumi.String(key)) }
	psn := ref.GetOutput(pulumi.String(OutPSNGateway)).ApplyT(func(v any) bool {
		b, _ := v.(bool)
		return b
	}).(pulumi.BoolOutput)
	// In a subscription of its own (landingzone:subscriptionId), the tier deploys through a provider for
	// it, and places its hub-side resources through one for the foundation's subscription (the hub's).
	opts, err := azureSubscription(ctx, st)
	if err != nil {
		return nil, err
	}
	var hubProvider pulumi.ProviderResource
	if st.SubscriptionID != "" {
		hubSub := str(OutHubVNetID).ApplyT(subscriptionOf).(pulumi.StringOutput)
		if hubProvider, err = azureProvider(ctx, st, st.Name+"-hub", hubSub); err != nil {
			return nil, err
		}
	}
	env, err := azurelz.NewTierEnvironment(ctx, st.Name, &azurelz.TierEnvironmentArgs{
		HubProvider: hubProvider,
		// Without a subscription of its own the tier shares the foundation's, whose Defender plans
		// cover it.
		SharedSubscription: st.SubscriptionID == "",
		Region:             st.Region,
		Profile:            st.Profile,
		Plan:               st.Plan,
		Externals:          st.ExternalRanges,
		Flows:              st.Flows,
		Tags:               st.Tags(),

		AllowUnlockedImmutability: firstDeployment(ctx),
		Foundation: azurelz.FoundationRef{
			NetworkResourceGroupName:        str(OutNetworkResourceGroupName),
			HubVNetID:                       str(OutHubVNetID),
			HubVNetName:                     str(OutHubVNetName),
			FirewallPrivateIP:               str(OutFirewallPrivateIP),
			PSNGateway:                      psn,
			WorkspaceID:                     str(OutWorkspaceID),
			WorkspaceCustomerID:             str(OutWorkspaceCustomerID),
			FlowLogStorageID:                str(OutFlowLogStorageID),
			NetworkWatcherName:              str(OutNetworkWatcherName),
			NetworkWatcherResourceGroupName: str(OutNetworkWatcherResourceGroupName),
			VaultDNSZoneID:                  str(OutVaultDNSZoneID),
			VaultDNSZoneName:                str(OutVaultDNSZoneName),
			BlobDNSZoneID:                   str(OutBlobDNSZoneID),
			BlobDNSZoneName:                 str(OutBlobDNSZoneName),
		},
	}, opts...)
	if err != nil {
		return nil, err
	}
	outs, err := env.Outputs()
	if err != nil || workload == nil {
		return outs, err
	}
	workload.Environment = env.Ref(str(OutWorkspaceID))
	w, err := azurelz.NewWorkload(ctx, workloadName, workload, pulumi.Provider(env.Provider))
	if err != nil {
		return nil, err
	}
	wouts, err := w.Outputs()
	if err != nil {
		return nil, err
	}
	outs[OutWorkload] = wouts
	return outs, nil
}

// azureSubscription returns the resource options that deploy a foundation or tier stack into its own
// subscription: a provider for landingzone:subscriptionId (the organization stack's subscriptions entry
// for the stack), which the components take as the caller's provider. Without the key, none: the
// components build their own provider, acting in the subscription of the caller's credentials.
func azureSubscription(ctx *pulumi.Context, st *config.Stack) ([]pulumi.ResourceOption, error) {
	if st.SubscriptionID == "" {
		return nil, nil
	}
	p, err := azureProvider(ctx, st, st.Name+"-subscription", pulumi.String(st.SubscriptionID))
	if err != nil {
		return nil, err
	}
	return []pulumi.ResourceOption{pulumi.Provider(p)}, nil
}

// azureProvider is an azure-native provider acting in subscription, in the stack's region.
func azureProvider(ctx *pulumi.Context, st *config.Stack, name string, subscription pulumi.StringInput) (pulumi.ProviderResource, error) {
	return azurenative.NewProvider(ctx, name, &azurenative.ProviderArgs{
		Location:       pulumi.String(st.Region),
		SubscriptionId: subscription,
	})
}

// subscriptionOf is the subscription ID of an Azure resource ID ("/subscriptions/<id>/..."), lower
// case; "" when id names none.
func subscriptionOf(id string) string {
	p := strings.Split(id, "/")
	if len(p) > 2 && p[0] == "" && strings.EqualFold(p[1], "subscriptions") {
		return strings.ToLower(p[2])
	}
	return ""
}

// OutWorkload is the tier stack output holding the workload's outputs (azurelz.Workload's `pulumi:`
// tags), when the stack configures one (WorkloadConfig).
const OutWorkload = "workload"
