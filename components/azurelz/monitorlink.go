package azurelz

import (
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/tier"
)

// monitorPrivateDNSZones are the private DNS zones an Azure Monitor private endpoint registers in (its
// groupId "azuremonitor"): the global and regional ingestion and query endpoints, the Log Analytics
// agent service, and the storage account the agent downloads its solution packs from. The blob zone is
// the foundation's (a virtual network can be linked to only one zone of a name); the tier environment
// creates the others and links them to its virtual network.
var monitorPrivateDNSZones = []struct{ role, zone string }{
	{"monitor", "privatelink.monitor.azure.com"},
	{"oms", "privatelink.oms.opinsights.azure.com"},
	{"ods", "privatelink.ods.opinsights.azure.com"},
	{"agentsvc", "privatelink.agentsvc.azure-automation.net"},
}

// monitorPrivateLinkAccessMode is the ingestion and query access mode of a tier's Azure Monitor private
// link scope: its virtual network reaches only the resources the scope holds, and only through it.
const monitorPrivateLinkAccessMode = "PrivateOnly"

// privateMonitoring reports whether a tier's machines send their logs over an Azure Monitor private
// link: a tier with no internet egress cannot reach Azure Monitor's public ingestion endpoints.
func privateMonitoring(p tier.Profile) bool { return p.InternetEgress == tier.EgressNone }

// monitorPrivateLink builds, for a tier with no internet egress, the path its machines' logs take to the
// landing zone's workspace: a data collection endpoint with public network access off, an Azure Monitor
// private link scope (ingestion and query PrivateOnly) holding that endpoint and the workspace, a private
// endpoint of the scope in the endpoint subnet, and the private DNS zones it registers in, linked to the
// tier's virtual network. It sets DataCollectionEndpointID and MonitorPrivateLinkScopeID.
func (c *TierEnvironment) monitorPrivateLink(b *builder, rg pulumi.StringInput, loc string, f FoundationRef, vnetID, endpointSubnetID pulumi.StringInput) error {
	ctx, name := b.ctx, b.name
	dce, err := insights.NewDataCollectionEndpoint(ctx, name+"-dce", &insights.DataCollectionEndpointArgs{
		ResourceGroupName: rg,
		Location:          pulumi.String(loc),
		Description:       pulumi.String("Ingestion endpoint of the tier's machines, reached over the Azure Monitor private link scope only"),
		NetworkAcls:       insights.DataCollectionEndpointNetworkAclsArgs{PublicNetworkAccess: pulumi.String("Disabled")},
		Tags:              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	scope, err := insights.NewPrivateLinkScope(ctx, name+"-ampls", &insights.PrivateLinkScopeArgs{
		ResourceGroupName: rg,
		Location:          pulumi.String("global"),
		AccessModeSettings: insights.AccessModeSettingsArgs{
			IngestionAccessMode: pulumi.String(monitorPrivateLinkAccessMode),
			QueryAccessMode:     pulumi.String(monitorPrivateLinkAccessMode),
		},
		Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	for _, s := range []struct {
		role string
		id   pulumi.StringInput
	}{{"workspace", f.WorkspaceID}, {"dce", dce.ID()}} {
		if _, err := insights.NewPrivateLinkScopedResource(ctx, name+"-ampls-"+s.role, &insights.PrivateLinkScopedResourceArgs{
			ResourceGroupName: rg,
			ScopeName:         scope.Name,
			Name:              pulumi.String(s.role),
			LinkedResourceId:  s.id,
		}, b.opts()...); err != nil {
			return err
		}
	}
	zones := []dnsZoneRef{}
	for _, z := range monitorPrivateDNSZones {
		zone, err := network.NewPrivateZone(ctx, name+"-"+z.role+"-dns", &network.PrivateZoneArgs{
			ResourceGroupName: rg,
			PrivateZoneName:   pulumi.String(z.zone),
			Location:          pulumi.String("global"),
			Tags:              b.tagged(),
		}, b.opts()...)
		if err != nil {
			return err
		}
		if _, err := network.NewVirtualNetworkLink(ctx, name+"-"+z.role+"-dns-link", &network.VirtualNetworkLinkArgs{
			ResourceGroupName:   rg,
			PrivateZoneName:     zone.Name,
			Location:            pulumi.String("global"),
			VirtualNetwork:      network.SubResourceArgs{Id: vnetID},
			RegistrationEnabled: pulumi.Bool(false),
			Tags:                b.tagged(),
		}, b.opts()...); err != nil {
			return err
		}
		zones = append(zones, dnsZoneRef{dnsZoneConfigName(z.zone), zone.ID()})
	}
	zones = append(zones, dnsZoneRef{dnsZoneConfigName("privatelink.blob.core.windows.net"), f.BlobDNSZoneID})
	if err := b.privateEndpoint("ampls", rg, loc, endpointSubnetID, scope.ID(), "azuremonitor", zones...); err != nil {
		return err
	}
	c.DataCollectionEndpointID = dce.ID().ToStringOutput()
	c.MonitorPrivateLinkScopeID = scope.ID().ToStringOutput()
	return nil
}

// dnsZoneConfigName is the name of a private DNS zone group's entry for a zone: the zone's name, dots
// made dashes.
func dnsZoneConfigName(zone string) string { return strings.ReplaceAll(zone, ".", "-") }
