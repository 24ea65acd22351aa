package azure

import (
	"net/netip"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// az builds an azure-native resource on a uksouth provider with the components' tags for t.
func az(typ, name string, t tier.Tier, inputs map[string]any) *policy.Resource {
	if _, has := inputs["tags"]; !has {
		inputs["tags"] = policytest.Tags(t)
	}
	return policytest.Azure(typ, name, inputs)
}

// withID gives a fixture resource the cloud ID exported state would carry.
func withID(r *policy.Resource, id string) *policy.Resource {
	r.ID = id
	return r
}

// ctxFor is a fixture context for tier t and stack role.
func ctxFor(t tier.Tier, role string) func() *policy.Context {
	return func() *policy.Context {
		c := policy.NewContext("fixture", t)
		c.Cloud, c.Role = "azure", role
		return c
	}
}

const sub = "/subscriptions/00000000-0000-0000-0000-000000000001"

// rgID is the ID of a resource group in the fixture subscription.
func rgID(rg string) string { return sub + "/resourceGroups/" + rg }

// Fixture address plan: a /16 supernet split into hub, Platinum, Gold and Bronze quarters.
var (
	hubRange      = netip.MustParsePrefix("10.0.0.0/18")
	platinumRange = netip.MustParsePrefix("10.0.64.0/18")
	goldRange     = netip.MustParsePrefix("10.0.128.0/18")
	bronzeRange   = netip.MustParsePrefix("10.0.192.0/18")
	psnRange      = netip.MustParsePrefix("172.16.0.0/16")
	legacyRange   = netip.MustParsePrefix("192.168.0.0/16")
)

// fixtureNetwork declares two Bronze flows: Gold -> Bronze tcp/1433 and Bronze -> legacy-dc tcp/443.
func fixtureNetwork() *policy.Network {
	ep := func(t tier.Tier) netplan.Endpoint { return netplan.Endpoint{Kind: netplan.EndpointTier, Tier: t} }
	return &policy.Network{
		Plan: netplan.Plan{
			Supernet: netip.MustParsePrefix("10.0.0.0/16"),
			Hub:      netplan.Range{Name: "hub", CIDR: hubRange},
			Tiers: []netplan.Range{
				{Name: "platinum", Tier: tier.Platinum, CIDR: platinumRange},
				{Name: "gold", Tier: tier.Gold, CIDR: goldRange},
				{Name: "bronze", Tier: tier.Bronze, CIDR: bronzeRange},
			},
		},
		Externals: []netplan.External{
			{Name: "psn-core", Kind: netplan.ExternalPSN, CIDR: psnRange},
			{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: legacyRange},
		},
		Flows: []netplan.Flow{
			{From: ep(tier.Gold), To: ep(tier.Bronze), Protocol: netplan.ProtocolTCP,
				Ports: []netplan.PortRange{{From: 1433, To: 1433}}, Reason: "case files read the legacy records database"},
			{From: ep(tier.Bronze), To: netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "legacy-dc"}, Protocol: netplan.ProtocolTCP,
				Ports: []netplan.PortRange{{From: 443, To: 443}}, Reason: "legacy records sync"},
		},
	}
}

// bronzeCtx is a Bronze tier stack with the fixture network.
func bronzeCtx() *policy.Context {
	c := ctxFor(tier.Bronze, "tier")()
	c.Network = fixtureNetwork()
	return c
}

const (
	firewallIP = "10.0.0.4"
	hubVNetID  = sub + "/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub"
)

// bronzeTable is a compliant Bronze route table.
func bronzeTable() *policy.Resource {
	return withID(az(typeRouteTable, "rt-bronze", tier.Bronze, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-bronze-net", "routeTableName": "rt-bronze",
		"disableBgpRoutePropagation": true,
		"routes": []any{
			map[string]any{"name": "default-drop", "addressPrefix": "0.0.0.0/0", "nextHopType": "None"},
			map[string]any{"name": "to-legacy-dc", "addressPrefix": "192.168.0.0/16", "nextHopType": "VirtualAppliance", "nextHopIpAddress": firewallIP},
			map[string]any{"name": "to-gold-clients", "addressPrefix": "10.0.128.0/18", "nextHopType": "VirtualAppliance", "nextHopIpAddress": firewallIP},
		},
	}), rgID("rg-bronze-net")+"/providers/Microsoft.Network/routeTables/rt-bronze")
}

// bronzeNSG is a compliant Bronze NSG: the Gold flow allowed, Platinum and Gold denied both ways.
func bronzeNSG() *policy.Resource {
	rule := func(name string, prio int, dir, access, proto, srcKey string, src any, dstKey string, dst any, port string) map[string]any {
		return map[string]any{"name": name, "priority": prio, "direction": dir, "access": access, "protocol": proto,
			srcKey: src, "sourcePortRange": "*", dstKey: dst, "destinationPortRange": port}
	}
	tiers := []any{platinumRange.String(), goldRange.String()}
	return withID(az(typeNSG, "nsg-bronze", tier.Bronze, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-bronze-net", "networkSecurityGroupName": "nsg-bronze",
		"securityRules": []any{
			rule("allow-gold-sql", 100, "Inbound", "Allow", "Tcp", "sourceAddressPrefix", goldRange.String(), "destinationAddressPrefix", bronzeRange.String(), "1433"),
			rule("deny-tiers-in", 4000, "Inbound", "Deny", "*", "sourceAddressPrefixes", tiers, "destinationAddressPrefix", "*", "*"),
			rule("allow-legacy-out", 200, "Outbound", "Allow", "Tcp", "sourceAddressPrefix", "*", "destinationAddressPrefix", legacyRange.String(), "443"),
			rule("deny-tiers-out", 4000, "Outbound", "Deny", "*", "sourceAddressPrefix", "*", "destinationAddressPrefixes", tiers, "*"),
		},
	}), rgID("rg-bronze-net")+"/providers/Microsoft.Network/networkSecurityGroups/nsg-bronze")
}

// bronzeSpoke returns a compliant Bronze spoke: subnet, virtual network, route table, NSG, the
// spoke-to-hub peering and a second (unpeered) virtual network.
func bronzeSpoke() []*policy.Resource {
	table, nsg := bronzeTable(), bronzeNSG()
	vnet := withID(az(typeVNet, "vnet-bronze", tier.Bronze, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-bronze-net", "virtualNetworkName": "vnet-bronze",
		"addressSpace": map[string]any{"addressPrefixes": []any{bronzeRange.String()}},
	}), rgID("rg-bronze-net")+"/providers/Microsoft.Network/virtualNetworks/vnet-bronze")
	subnet := withID(az(typeSubnet, "snet-workload", tier.Bronze, map[string]any{
		"resourceGroupName": "rg-bronze-net", "virtualNetworkName": "vnet-bronze", "subnetName": "workload",
		"addressPrefix": "10.0.192.0/21", "routeTable": map[string]any{"id": table.ID}, "networkSecurityGroup": map[string]any{"id": nsg.ID},
	}), vnet.ID+"/subnets/workload")
	peering := az(typePeering, "peer-bronze-hub", tier.Bronze, map[string]any{
		"resourceGroupName": "rg-bronze-net", "virtualNetworkName": "vnet-bronze", "virtualNetworkPeeringName": "bronze-to-hub",
		"remoteVirtualNetwork":      map[string]any{"id": hubVNetID},
		"allowVirtualNetworkAccess": true, "allowForwardedTraffic": true, "allowGatewayTransit": false, "useRemoteGateways": false,
	})
	legacy := withID(az(typeVNet, "vnet-bronze-legacy", tier.Bronze, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-bronze-net", "virtualNetworkName": "vnet-bronze-legacy",
	}), rgID("rg-bronze-net")+"/providers/Microsoft.Network/virtualNetworks/vnet-bronze-legacy")
	return []*policy.Resource{subnet, vnet, table, nsg, peering, legacy}
}
