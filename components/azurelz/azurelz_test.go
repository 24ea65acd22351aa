package azurelz_test

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	azurenative "github.com/pulumi/pulumi-azure-native-sdk/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

// metStack loads a met-* stack file: the landing zone's real address plan, externals and flows.
func metStack(t *testing.T, stack string) *config.Stack {
	t.Helper()
	st, err := config.LoadFile(filepath.Join("..", "..", "stacks", "Pulumi."+stack+".yaml"))
	require.NoError(t, err)
	return st
}

// tierStack is the met stack of tier t.
func tierStack(t *testing.T, tr tier.Tier) *config.Stack { return metStack(t, "met-"+string(tr)) }

func foundationArgs(st *config.Stack) *azurelz.FoundationArgs {
	return &azurelz.FoundationArgs{
		Region:        st.Region,
		Profile:       st.Profile,
		Plan:          st.Plan,
		Externals:     st.ExternalRanges,
		Flows:         st.Flows,
		EgressDomains: st.EgressDomains,
		PSNEdge: &azurelz.PSNEdge{
			PeerAddress: st.PSNEdge.PeerAddress.String(),
			ASN:         st.PSNEdge.ASN,
			SharedKey:   pulumi.String("test-only-pre-shared-key"),
		},
		Tags: st.Tags(),
	}
}

// hubRef is a foundation reference with the IDs a real foundation exports.
func hubRef() azurelz.FoundationRef {
	sub := "/subscriptions/" + mockcloud.DefaultAzureSubscription + "/resourceGroups/met-network"
	return azurelz.FoundationRef{
		NetworkResourceGroupName:        pulumi.String("met-network"),
		HubVNetID:                       pulumi.String(sub + "/providers/Microsoft.Network/virtualNetworks/met-hub"),
		HubVNetName:                     pulumi.String("met-hub"),
		FirewallPrivateIP:               pulumi.String("10.60.0.4"),
		PSNGateway:                      pulumi.Bool(true),
		WorkspaceID:                     pulumi.String(hubRefWorkspaceID),
		WorkspaceCustomerID:             pulumi.String("00000000-0000-4000-8000-0000000000aa"),
		FlowLogStorageID:                pulumi.String("/subscriptions/" + mockcloud.DefaultAzureSubscription + "/resourceGroups/met-security/providers/Microsoft.Storage/storageAccounts/metflowlogs"),
		NetworkWatcherName:              pulumi.String("met-watcher"),
		NetworkWatcherResourceGroupName: pulumi.String("met-network"),
		VaultDNSZoneID:                  pulumi.String(sub + "/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"),
		VaultDNSZoneName:                pulumi.String("privatelink.vaultcore.azure.net"),
		BlobDNSZoneID:                   pulumi.String(sub + "/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"),
		BlobDNSZoneName:                 pulumi.String("privatelink.blob.core.windows.net"),
	}
}

func tierArgs(st *config.Stack) *azurelz.TierEnvironmentArgs {
	return &azurelz.TierEnvironmentArgs{
		Region:     st.Region,
		Profile:    st.Profile,
		Plan:       st.Plan,
		Externals:  st.ExternalRanges,
		Flows:      st.Flows,
		Foundation: hubRef(),
		Tags:       st.Tags(),
	}
}

// statuses counts a rule's findings by status.
func statuses(ev policy.Evaluation, ruleID string) map[policy.Status]int {
	out := map[policy.Status]int{}
	for _, f := range ev.Findings {
		if f.RuleID == ruleID {
			out[f.Status]++
		}
	}
	return out
}

// messages returns a rule's failure messages.
func failures(ev policy.Evaluation, ruleID string) []string {
	var out []string
	for _, f := range ev.Findings {
		if f.RuleID == ruleID && f.Status == policy.StatusFail {
			out = append(out, f.Message)
		}
	}
	return out
}

func TestFoundation(t *testing.T) {
	t.Parallel()
	st := metStack(t, "met-foundation")
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	var f *azurelz.Foundation
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		var err error
		f, err = azurelz.NewFoundation(ctx, st.Name, foundationArgs(st))
		return err
	}))
	require.NotNil(t, f)

	types := c.Types()
	for typ, n := range map[string]int{
		azurelz.FoundationType:                                   1,
		"pulumi:providers:azure-native":                          1,
		"azure-native:resources:ResourceGroup":                   2,
		"azure-native:operationalinsights:Workspace":             1,
		"azure-native:insights:SubscriptionDiagnosticSetting":    1,
		"azure-native:keyvault:Vault":                            1,
		"azure-native:keyvault:Key":                              4,
		"azure-native:storage:StorageAccount":                    3,
		"azure-native:insights:DiagnosticSetting":                4,
		"azure-native:authorization:ManagementLockByScope":       5,
		"azure-native:authorization:PolicyAssignment":            4,
		"azure-native:authorization:PolicyDefinition":            1,
		"azure-native:security:Pricing":                          4,
		"azure-native:network:VirtualNetwork":                    1,
		"azure-native:network:Subnet":                            4,
		"azure-native:network:NetworkSecurityGroup":              2,
		"azure-native:network:AzureFirewall":                     1,
		"azure-native:network:FirewallPolicy":                    1,
		"azure-native:network:FirewallPolicyRuleCollectionGroup": 1,
		"azure-native:network:PublicIPAddress":                   2,
		"azure-native:network:VirtualNetworkGateway":             1,
		"azure-native:network:LocalNetworkGateway":               1,
		"azure-native:network:VirtualNetworkGatewayConnection":   1,
		"azure-native:network:RouteTable":                        1,
		"azure-native:network:PrivateEndpoint":                   4,
		"azure-native:network:PrivateZone":                       2,
		"azure-native:network:NetworkWatcher":                    1,
	} {
		assert.Equal(t, n, types[typ], "count of %s", typ)
	}
	for _, r := range c.Resources() {
		if r.Type != azurelz.FoundationType {
			assert.Contains(t, r.URN, azurelz.FoundationType+"$", "%s %s is a child of the foundation", r.Type, r.Name)
		}
	}

	pctx := stackctx.FromStack(st)
	blocking := c.Blocking(pctx)
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
	ev := c.Evaluate(pctx)
	// The rules saw the foundation's resources and passed them (not merely found nothing to check).
	assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-AUD-005")[policy.StatusPass], "Defender plans")
	assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-AUD-001")[policy.StatusPass], "activity log")
	assert.Equal(t, 2, statuses(ev, "PCLZ-AZR-NET-002")[policy.StatusPass], "hub public IPs tagged Role=hub")
	assert.Equal(t, 5, statuses(ev, "PCLZ-AZR-RES-004")[policy.StatusPass], "delete locks")

	// The hub firewall allows the declared flows and the egress allow-list; the gateway never reaches Bronze.
	rt := c.Find("azure-native:network:RouteTable")[0]
	routes, _ := policy.List(rt.Get("routes"))
	require.Len(t, routes, 3)
	assert.Equal(t, "10.60.192.0/18", str(rt.Get("routes", 2, "addressPrefix")), "the Bronze range")
	assert.Equal(t, "None", str(rt.Get("routes", 2, "nextHopType")))
	conn := c.Find("azure-native:network:VirtualNetworkGatewayConnection")[0]
	assert.Equal(t, "IKEv2", conn.Get("connectionProtocol").AsString())
	local := c.Find("azure-native:network:LocalNetworkGateway")[0]
	assert.Equal(t, "203.0.113.10", local.Get("gatewayIpAddress").AsString())
}

func TestFoundationWithoutPSNEdge(t *testing.T) {
	t.Parallel()
	st := metStack(t, "met-foundation")
	args := foundationArgs(st)
	args.PSNEdge = nil
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		_, err := azurelz.NewFoundation(ctx, st.Name, args)
		return err
	}))
	types := c.Types()
	assert.Zero(t, types["azure-native:network:VirtualNetworkGateway"])
	assert.Zero(t, types["azure-native:network:VirtualNetworkGatewayConnection"])
	assert.Equal(t, 1, types["azure-native:network:PublicIPAddress"], "only the firewall's")
	blocking := c.Blocking(stackctx.FromStack(st))
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
}

func TestTierEnvironment(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tier       tier.Tier
		defaultHop string
		routes     int
		flowRules  int // declared-flow allow rules per NSG
		useGateway bool
		storageSku string
		backupFreq string
		immutable  string
		protected  bool
	}{
		{tier.Platinum, "VirtualAppliance", 1, 2, true, "Standard_ZRS", "Hourly", "Locked", true},
		{tier.Gold, "VirtualAppliance", 1, 4, true, "Standard_LRS", "Daily", "Unlocked", true},
		{tier.Bronze, "None", 3, 3, false, "Standard_LRS", "Weekly", "Unlocked", false},
	} {
		t.Run(string(tc.tier), func(t *testing.T) {
			t.Parallel()
			st := tierStack(t, tc.tier)
			c := mockcloud.New(mockcloud.Options{Stack: st.Name})
			require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
				_, err := azurelz.NewTierEnvironment(ctx, st.Name, tierArgs(st))
				return err
			}))
			types := c.Types()
			// A tier with no internet egress (Bronze) gets the Azure Monitor private link: a data
			// collection endpoint, a private link scope with two scoped resources, four DNS zones linked
			// to the spoke, and the scope's private endpoint.
			private := 0
			if tc.tier == tier.Bronze {
				private = 1
			}
			for typ, n := range map[string]int{
				"azure-native:insights:DataCollectionEndpoint":      private,
				"azure-native:insights:PrivateLinkScope":            private,
				"azure-native:insights:PrivateLinkScopedResource":   2 * private,
				"azure-native:network:PrivateZone":                  4 * private,
				azurelz.TierEnvironmentType:                         1,
				azurelz.EvidenceStoreType:                           1,
				"pulumi:providers:azure-native":                     1,
				"azure-native:network:VirtualNetwork":               1,
				"azure-native:network:Subnet":                       3,
				"azure-native:network:NetworkSecurityGroup":         3,
				"azure-native:network:RouteTable":                   1,
				"azure-native:network:VirtualNetworkPeering":        2,
				"azure-native:network:VirtualNetworkLink":           2 + 4*private,
				"azure-native:network:FlowLog":                      1,
				"azure-native:network:PrivateEndpoint":              2 + private,
				"azure-native:network:PublicIPAddress":              0,
				"azure-native:keyvault:Vault":                       1,
				"azure-native:keyvault:Key":                         3,
				"azure-native:recoveryservices:Vault":               1,
				"azure-native:security:Pricing":                     2,
				"azure-native:maintenance:MaintenanceConfiguration": 1,
				"azure-native:recoveryservices:ProtectionPolicy":    1,
				"azure-native:storage:StorageAccount":               1,
				"azure-native:authorization:ManagementLockByScope":  3,
			} {
				assert.Equal(t, n, types[typ], "count of %s", typ)
			}

			pctx := stackctx.FromStack(st)
			blocking := c.Blocking(pctx)
			assert.Empty(t, blocking, mockcloud.Describe(blocking))
			ev := c.Evaluate(pctx)
			assert.Equal(t, 4, statuses(ev, "PCLZ-AZR-AUD-004")[policy.StatusPass], "flow logs cover the VNet and its 3 NSGs")
			assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-RES-005")[policy.StatusPass], "backup policy")
			if tc.tier == tier.Bronze {
				assert.Equal(t, 3, statuses(ev, "PCLZ-AZR-NET-012")[policy.StatusPass], "every Bronze subnet proven isolated")
				assert.Equal(t, 3, statuses(ev, "PCLZ-AZR-NET-011")[policy.StatusPass], "every Bronze NSG denies Platinum and Gold")
				assertMonitorPrivateLink(t, c)
			}

			rt := c.Find("azure-native:network:RouteTable")[0]
			routes, _ := policy.List(rt.Get("routes"))
			assert.Len(t, routes, tc.routes)
			assert.Equal(t, tc.defaultHop, str(rt.Get("routes", 0, "nextHopType")))
			assert.True(t, rt.Get("disableBgpRoutePropagation").AsBool())
			nsg := c.Find("azure-native:network:NetworkSecurityGroup")[0]
			flowRules := 0
			rules, _ := policy.List(nsg.Get("securityRules"))
			for i := range rules {
				if n := str(nsg.Get("securityRules", i, "name")); strings.HasPrefix(n, "allow-flow") {
					flowRules++
				}
			}
			assert.Equal(t, tc.flowRules, flowRules)
			for _, p := range c.Find("azure-native:network:VirtualNetworkPeering") {
				use := p.Get("useRemoteGateways").AsBool() || p.Get("allowGatewayTransit").AsBool()
				assert.Equal(t, tc.useGateway, use, "peering %s gateway use", p.Name)
			}
			acct := c.Find("azure-native:storage:StorageAccount")[0]
			assert.Equal(t, tc.storageSku, acct.Get("sku", "name").AsString())
			assert.Equal(t, "Locked", acct.Get("immutableStorageWithVersioning", "immutabilityPolicy", "state").AsString())
			assert.Equal(t, tc.protected, acct.Protect)
			assert.True(t, acct.RetainOnDelete)
			rsv := c.Find("azure-native:recoveryservices:Vault")[0]
			assert.Equal(t, tc.immutable, rsv.Get("properties", "securitySettings", "immutabilitySettings", "state").AsString())
			// Cross-region restore needs API version 2023-08-01 or later: the vault is written with the
			// 2024-04-01 token, which rules read as the vault it is.
			assert.Equal(t, "azure-native:recoveryservices/v20240401:Vault", rsv.WrittenType)
			assert.Equal(t, "GeoRedundant", str(rsv.Get("properties", "redundancySettings", "standardTierStorageRedundancy")))
			assert.Equal(t, "Enabled", str(rsv.Get("properties", "redundancySettings", "crossRegionRestore")))
			assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-RES-006")[policy.StatusPass], "cross-region restore to ukwest")
			pp := c.Find("azure-native:recoveryservices:ProtectionPolicy")[0]
			assert.Equal(t, tc.backupFreq, pp.Get("properties", "schedulePolicy", "scheduleRunFrequency").AsString())
			// The Defender plans the tier's workloads need: Standard, servers on plan 2, never removed by
			// destroying the tier stack.
			plans := map[string]string{}
			for _, p := range c.Find("azure-native:security:Pricing") {
				assert.True(t, p.RetainOnDelete, "pricing %s is retained on delete", p.Name)
				assert.Equal(t, "Standard", str(p.Get("pricingTier")))
				assert.Equal(t, "/subscriptions/"+mockcloud.DefaultAzureSubscription, str(p.Get("scopeId")))
				plans[str(p.Get("pricingName"))] = str(p.Get("subPlan"))
			}
			assert.Equal(t, map[string]string{"VirtualMachines": "P2", "SqlServers": ""}, plans)
		})
	}
}

// hubRefWorkspaceID is the foundation's workspace in hubRef.
const hubRefWorkspaceID = "/subscriptions/" + mockcloud.DefaultAzureSubscription + "/resourceGroups/met-security/providers/Microsoft.OperationalInsights/workspaces/met"

// assertMonitorPrivateLink checks a tier environment's Azure Monitor private link: the data collection
// endpoint closed to the internet, the scope PrivateOnly for ingestion and query and holding the endpoint
// and the workspace, and its private endpoint in the endpoint subnet registering in the five Azure
// Monitor zones (four of the tier's, linked to its spoke, and the foundation's blob zone).
func assertMonitorPrivateLink(t *testing.T, c *mockcloud.Cloud) {
	t.Helper()
	dce := c.Find("azure-native:insights:DataCollectionEndpoint")[0]
	assert.Equal(t, "Disabled", str(dce.Get("networkAcls", "publicNetworkAccess")))
	scope := c.Find("azure-native:insights:PrivateLinkScope")[0]
	assert.Equal(t, "PrivateOnly", str(scope.Get("accessModeSettings", "ingestionAccessMode")))
	assert.Equal(t, "PrivateOnly", str(scope.Get("accessModeSettings", "queryAccessMode")))
	var linked []string
	for _, r := range c.Find("azure-native:insights:PrivateLinkScopedResource") {
		assert.Equal(t, scope.ID[strings.LastIndex(scope.ID, "/")+1:], str(r.Get("scopeName")), "scoped resource %s", r.Name)
		linked = append(linked, str(r.Get("linkedResourceId")))
	}
	assert.ElementsMatch(t, []string{hubRefWorkspaceID, dce.ID}, linked)
	var zones []string
	for _, z := range c.Find("azure-native:network:PrivateZone") {
		zones = append(zones, str(z.Get("privateZoneName")))
	}
	assert.ElementsMatch(t, []string{"privatelink.monitor.azure.com", "privatelink.oms.opinsights.azure.com",
		"privatelink.ods.opinsights.azure.com", "privatelink.agentsvc.azure-automation.net"}, zones)
	vnet := c.Find("azure-native:network:VirtualNetwork")[0]
	links := 0
	for _, l := range c.Find("azure-native:network:VirtualNetworkLink") {
		if slices.Contains(zones, str(l.Get("privateZoneName"))) && str(l.Get("virtualNetwork", "id")) == vnet.ID {
			links++
		}
	}
	assert.Equal(t, 4, links, "the four Azure Monitor zones are linked to the spoke")
	var pe *policy.Resource
	for _, p := range c.Find("azure-native:network:PrivateEndpoint") {
		if str(p.Get("privateLinkServiceConnections", 0, "groupIds", 0)) == "azuremonitor" {
			pe = p
		}
	}
	require.NotNil(t, pe, "the scope's private endpoint")
	assert.Equal(t, scope.ID, str(pe.Get("privateLinkServiceConnections", 0, "privateLinkServiceId")))
	assert.True(t, strings.HasSuffix(str(pe.Get("subnet", "id")), "/subnets/endpoints"), str(pe.Get("subnet", "id")))
	var group *policy.Resource
	for _, g := range c.Find("azure-native:network:PrivateDnsZoneGroup") {
		if cfgs, _ := policy.List(g.Get("privateDnsZoneConfigs")); len(cfgs) == 5 {
			group = g
		}
	}
	require.NotNil(t, group, "the scope's private endpoint registers in five zones")
	var names []string
	for i := 0; i < 5; i++ {
		names = append(names, str(group.Get("privateDnsZoneConfigs", i, "name")))
	}
	assert.ElementsMatch(t, []string{"privatelink-monitor-azure-com", "privatelink-oms-opinsights-azure-com", "privatelink-ods-opinsights-azure-com",
		"privatelink-agentsvc-azure-automation-net", "privatelink-blob-core-windows-net"}, names)
}

func TestBronzeBackupKeepsAYear(t *testing.T) {
	t.Parallel()
	st := tierStack(t, tier.Bronze)
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		_, err := azurelz.NewTierEnvironment(ctx, st.Name, tierArgs(st))
		return err
	}))
	pp := c.Find("azure-native:recoveryservices:ProtectionPolicy")[0]
	weeks, _ := policy.Int(pp.Get("properties", "retentionPolicy", "weeklySchedule", "retentionDuration", "count"))
	assert.Equal(t, 53, weeks, "53 weeks: 52 would keep 364 days, short of 365")
	assert.Equal(t, "Weeks", str(pp.Get("properties", "retentionPolicy", "weeklySchedule", "retentionDuration", "durationType")))
}

func TestEvidenceStoreOnItsOwn(t *testing.T) {
	t.Parallel()
	st := tierStack(t, tier.Gold)
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		prov, err := newProvider(ctx)
		if err != nil {
			return err
		}
		store, err := azurelz.NewEvidenceStore(ctx, "bwv", &azurelz.EvidenceStoreArgs{
			ResourceGroupName: pulumi.String("met-gold-rg"),
			Region:            "uksouth",
			Profile:           st.Profile,
			Provider:          prov,
			Vault:             azurelz.VaultRef{Name: pulumi.String("metgoldvault"), ResourceGroupName: pulumi.String("met-gold-rg"), URI: pulumi.String("https://metgoldvault.vault.azure.net/")},
			EndpointSubnetID:  pulumi.String("/subscriptions/" + mockcloud.DefaultAzureSubscription + "/resourceGroups/met-gold-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/endpoints"),
			WorkspaceID:       hubRef().WorkspaceID,
			RetentionYears:    10,
			Tags:              st.Tags(),
		})
		if err != nil {
			return err
		}
		outs, err := store.Outputs()
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"accountId", "accountName", "containerName", "keyId"}, slices.Collect(maps.Keys(outs)),
			"every declared output is registered")
		return nil
	}))
	types := c.Types()
	assert.Equal(t, 1, types["azure-native:storage:StorageAccount"])
	assert.Equal(t, 1, types["azure-native:storage:BlobContainer"])
	assert.Equal(t, 1, types["azure-native:keyvault:Key"])
	assert.Equal(t, 1, types["azure-native:authorization:ManagementLockByScope"])
	acct := c.Find("azure-native:storage:StorageAccount")[0]
	assert.Equal(t, 3652.0, acct.Get("immutableStorageWithVersioning", "immutabilityPolicy", "immutabilityPeriodSinceCreationInDays").AsNumber())
	blocking := c.Blocking(stackctx.FromStack(st))
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
}

// TestValidation: bad arguments are refused with an exact message and register nothing.
func TestValidation(t *testing.T) {
	t.Parallel()
	bronze := tierStack(t, tier.Bronze)
	internet, err := netplan.ParseEndpoint("internet", nil)
	require.NoError(t, err)
	bronzeEnd, err := netplan.ParseEndpoint("bronze", nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		run  func(ctx *pulumi.Context) error
		want string
	}{
		{"Bronze flow to the internet", func(ctx *pulumi.Context) error {
			a := tierArgs(bronze)
			a.Flows = append(a.Flows, netplan.Flow{From: bronzeEnd, To: internet, Protocol: netplan.ProtocolTCP,
				Ports: []netplan.PortRange{{From: 443, To: 443}}, Reason: "updates"})
			_, err := azurelz.NewTierEnvironment(ctx, "met-bronze", a)
			return err
		}, `azurelz.NewTierEnvironment met-bronze: Flows[6]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`},
		{"foundation location outside the UK", func(ctx *pulumi.Context) error {
			a := foundationArgs(metStack(t, "met-foundation"))
			a.Region = "westeurope"
			_, err := azurelz.NewFoundation(ctx, "met-foundation", a)
			return err
		}, `azurelz.NewFoundation met-foundation: Region: "westeurope" is not allowed: allowed uksouth, ukwest`},
		{"PSN edge without a shared key", func(ctx *pulumi.Context) error {
			a := foundationArgs(metStack(t, "met-foundation"))
			a.PSNEdge.SharedKey = nil
			_, err := azurelz.NewFoundation(ctx, "met-foundation", a)
			return err
		}, `azurelz.NewFoundation met-foundation: PSNEdge.SharedKey: is not set: allowed the IPsec pre-shared key (there is no default)`},
		{"audit retention shorter than the profile's", func(ctx *pulumi.Context) error {
			a := foundationArgs(metStack(t, "met-foundation"))
			a.AuditRetentionDays = 90
			_, err := azurelz.NewFoundation(ctx, "met-foundation", a)
			return err
		}, `azurelz.NewFoundation met-foundation: AuditRetentionDays: "90" is shorter than the profile's LogRetentionDays 400: allowed 0 (the profile's) or at least 400`},
		{"missing tag", func(ctx *pulumi.Context) error {
			a := tierArgs(bronze)
			a.Tags = map[string]string{"Force": "MPS"}
			_, err := azurelz.NewTierEnvironment(ctx, "met-bronze", a)
			return err
		}, `azurelz.NewTierEnvironment met-bronze: Tags: lacks Tier, Classification, Owner, ManagedBy: allowed tags holding non-empty Force, Tier, Classification, Owner, ManagedBy (every resource carries them)`},
		{"evidence store without a resource group", func(ctx *pulumi.Context) error {
			_, err := azurelz.NewEvidenceStore(ctx, "bwv", &azurelz.EvidenceStoreArgs{
				Region: "uksouth", Profile: bronze.Profile,
				Vault:            azurelz.VaultRef{Name: pulumi.String("v"), ResourceGroupName: pulumi.String("rg"), URI: pulumi.String("https://v.vault.azure.net/")},
				EndpointSubnetID: pulumi.String("s"), WorkspaceID: pulumi.String("w"), Tags: bronze.Tags(),
			})
			return err
		}, `azurelz.NewEvidenceStore bwv: ResourceGroupName: is not set: allowed a value (it is required)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := mockcloud.New(mockcloud.Options{})
			err := c.Run(tc.run)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, c.Find(""), "nothing is registered")
		})
	}
}

// TestLooseningIsCaught: a component given a loosened profile (as a caller could) builds resources the
// stack's real profile refuses, and the named rule catches it.
func TestLooseningIsCaught(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		tier   tier.Tier
		loosen func(p *tier.Profile)
		rule   string
		want   string
	}{
		{"no delete locks", tier.Gold, func(p *tier.Profile) { p.DeleteLocks = false }, "PCLZ-AZR-RES-004",
			"no CanNotDelete management lock covers this storage account, its resource group or the subscription; add a ManagementLockByScope with scope set to its ID and level CanNotDelete"},
		{"Bronze default route to the firewall", tier.Bronze, func(p *tier.Profile) { p.InternetEgress = tier.EgressHubFirewall }, "PCLZ-AZR-NET-010",
			`route "default-to-hub-firewall" sends the default route 0.0.0.0/0 to next hop VirtualAppliance 10.60.0.4 instead of None; Bronze reaches nothing outside its declared flows`},
		{"Bronze uses the PSN gateway", tier.Bronze, func(p *tier.Profile) { p.PSNAccess = true }, "PCLZ-AZR-NET-009",
			"useRemoteGateways is true; Bronze must not use the hub's gateway, the PSN edge"},
		{"Platinum storage not zone-redundant", tier.Platinum, func(p *tier.Profile) { p.ZoneRedundantStorage = false }, "PCLZ-AZR-RES-001",
			"sku Standard_LRS is not zone-redundant; the Platinum tier needs one of Standard_ZRS, Standard_GZRS, Standard_RAGZRS, Premium_ZRS"},
		{"short log retention", tier.Gold, func(p *tier.Profile) { p.LogRetentionDays = 30; p.Backup.RetentionDays = 7 }, "PCLZ-AZR-RES-005",
			"properties.retentionPolicy.dailySchedule.retentionDuration keeps recovery points 7 Days (7 days); the Gold tier keeps them at least 35 days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st := tierStack(t, tc.tier)
			args := tierArgs(st)
			tc.loosen(&args.Profile)
			c := mockcloud.New(mockcloud.Options{Stack: st.Name})
			require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
				_, err := azurelz.NewTierEnvironment(ctx, st.Name, args)
				return err
			}))
			ev := c.Evaluate(stackctx.FromStack(st))
			assert.Contains(t, failures(ev, tc.rule), tc.want, mockcloud.Describe(ev.Blocking()))
		})
	}
}

// TestPreviewUnknowns: at preview every ID is computed; nothing panics and nothing blocks wrongly.
func TestPreviewUnknowns(t *testing.T) {
	t.Parallel()
	for _, tr := range tier.All() {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			st := tierStack(t, tr)
			c := mockcloud.New(mockcloud.Options{Stack: st.Name, Preview: true})
			require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
				_, err := azurelz.NewTierEnvironment(ctx, st.Name, tierArgs(st))
				return err
			}))
			ev := c.Evaluate(stackctx.FromStack(st))
			for _, f := range ev.Findings {
				assert.NotEqual(t, policy.StatusError, f.Status, "%s %s: %s", f.RuleID, f.ResourceName, f.Message)
			}
		})
	}
}

// str reads a string input, "" when absent or computed.
func str(v policy.Value) string {
	s, _ := policy.Str(v)
	return s
}

func newProvider(ctx *pulumi.Context) (pulumi.ProviderResource, error) {
	return azurenative.NewProvider(ctx, "uk", &azurenative.ProviderArgs{Location: pulumi.String("uksouth")})
}
