package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-NET-008",
	Context: func() *policy.Context { c := ctxFor(tier.Gold, "tier")(); c.Network = fixtureNetwork(); return c },
	Subject: policytest.URN(typePeering, "peer-gold-hub"),
	Resources: func() []*policy.Resource {
		spoke := withID(az(typeVNet, "vnet-gold", tier.Gold, map[string]any{
			"location": "uksouth", "resourceGroupName": "rg-gold-net", "virtualNetworkName": "vnet-gold",
		}), rgID("rg-gold-net")+"/providers/Microsoft.Network/virtualNetworks/vnet-gold")
		other := withID(az(typeVNet, "vnet-gold-extra", tier.Gold, map[string]any{
			"location": "uksouth", "resourceGroupName": "rg-gold-net", "virtualNetworkName": "vnet-gold-extra",
		}), rgID("rg-gold-net")+"/providers/Microsoft.Network/virtualNetworks/vnet-gold-extra")
		peering := az(typePeering, "peer-gold-hub", tier.Gold, map[string]any{
			"resourceGroupName": "rg-gold-net", "virtualNetworkName": "vnet-gold", "virtualNetworkPeeringName": "gold-to-hub",
			"remoteVirtualNetwork": map[string]any{"id": hubVNetID}, "allowForwardedTraffic": true,
		})
		return []*policy.Resource{peering, spoke, other}
	},
	BaselineMessage: `peering "gold-to-hub" connects to vnet-hub, outside this stack (the foundation's hub)`,
	Cases: []policytest.Case{
		{
			Name: "spoke-to-spoke inside the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], rs[2].ID, "remoteVirtualNetwork", "id")
			},
			Want:    policy.StatusFail,
			Message: `peering "gold-to-hub" connects vnet-gold to vnet-gold-extra, another virtual network of this stack, not the foundation's hub; a tier's spoke peers only with the hub`,
		},
		{
			Name: "remote computed from the stack's other VNet (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "remoteVirtualNetwork")
				policytest.Link(rs[0], "remoteVirtualNetwork", rs[2])
			},
			Want:    policy.StatusFail,
			Message: `peering "gold-to-hub" connects vnet-gold to vnet-gold-extra, another virtual network of this stack, not the foundation's hub; a tier's spoke peers only with the hub`,
		},
		{
			Name: "remote computed from nowhere",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "remoteVirtualNetwork", "id")
			},
			Want:    policy.StatusUnknown,
			Message: `peering "gold-to-hub"'s remoteVirtualNetwork.id is computed and comes from no virtual network of this stack; it must be the foundation's hub`,
		},
		{
			Name:    "no remote",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "remoteVirtualNetwork") },
			Want:    policy.StatusFail,
			Message: `peering "gold-to-hub" has no remoteVirtualNetwork.id; it must name the foundation's hub virtual network`,
		},
		{
			Name: "stated remote address space is Platinum's",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"addressPrefixes": []any{"10.0.64.0/18"}}, "remoteVirtualNetworkAddressSpace")
			},
			Want:    policy.StatusFail,
			Message: `peering "gold-to-hub" reaches 10.0.64.0/18 (Platinum), which is not inside the hub's range 10.0.0.0/18; a tier's spoke peers only with the hub`,
		},
		{
			Name: "remote outside the stack, with no stack file to say it is the hub",
			Mutate: func(_ []*policy.Resource, ctx *policy.Context) {
				ctx.Role, ctx.RoleInferred = "tier", true
			},
			Want:    policy.StatusUnknown,
			Message: `peering "gold-to-hub" connects to vnet-hub, outside this stack; with no stack file nothing says it is the foundation's hub`,
		},
		{
			Name: "stated remote address space is the hub's",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"addressPrefixes": []any{"10.0.0.0/18"}}, "remoteAddressSpace")
			},
			Want:    policy.StatusPass,
			Message: `peering "gold-to-hub" connects to vnet-hub, outside this stack (the foundation's hub)`,
		},
		{
			Name: "hub's half created by the tier stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "vnet-hub", "virtualNetworkName")
				policytest.Set(rs[0], rs[1].ID, "remoteVirtualNetwork", "id")
			},
			Want:    policy.StatusPass,
			Message: `peering "gold-to-hub" is the hub's half, from a virtual network outside this stack back to this stack's spoke vnet-gold`,
		},
		{
			Name:    "foundation",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: `peering "gold-to-hub" is the hub's side, in the foundation; each tier stack's spoke peering is checked there`,
		},
		{
			Name:    "role unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "" },
			Want:    policy.StatusUnknown,
			Message: `the stack's role is not known; in a tier stack, peering "gold-to-hub" must connect only to the foundation's hub`,
		},
	},
})
