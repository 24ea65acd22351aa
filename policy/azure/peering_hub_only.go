package azure

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-008",
		Title: "Tier spokes peer only with the foundation's hub",
		Description: "Tiers are separated by the hub firewall: a tier's spoke virtual network peers with the " +
			"hub and nothing else, so every cross-tier connection passes the firewall and its declared flows. " +
			"The hub belongs to the foundation stack, so in a tier stack a peering " +
			"(azure-native:network:VirtualNetworkPeering or a virtual network's inline virtualNetworkPeerings) " +
			"whose `remoteVirtualNetwork.id` is a virtual network of the same stack is a spoke-to-spoke peering " +
			"and fails; where the peering states the remote address space " +
			"(`remoteVirtualNetworkAddressSpace`/`remoteAddressSpace`), it must lie inside the hub's range.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"3"},
		ResourceTypes: []string{typePeering, typeVNet},
		Reads:         append(policy.Reads(typePeering, "virtualNetworkName", "remoteVirtualNetwork.id", "remoteVirtualNetworkAddressSpace.addressPrefixes", "remoteAddressSpace.addressPrefixes"), policy.Reads(typeVNet, "virtualNetworkPeerings", "virtualNetworkPeerings.remoteVirtualNetwork.id", "virtualNetworkPeerings.remoteVirtualNetworkAddressSpace.addressPrefixes", "virtualNetworkPeerings.remoteAddressSpace.addressPrefixes")...),
		Remediation: "Peer the tier's spoke only with the hub virtual network exported by the foundation stack " +
			"(`remoteVirtualNetwork: {id: <hub VNet ID from the foundation's outputs>}`); route cross-tier traffic " +
			"through the hub firewall and declare it as a flow.",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, p := range ofType(rs, typePeering) {
			out = append(out, withURN(checkPeering(ctx, rs, p, nameOf(p), localVNet(rs, p), inputs(p), nil), p))
		}
		for _, v := range ofType(rs, typeVNet) {
			peerings, k := list(v.Get("virtualNetworkPeerings"))
			if k == policy.Unknown {
				out = append(out, withURN(policy.Undecided("virtualNetworkPeerings is computed; a spoke peers only with the hub"), v))
				continue
			}
			for i, pv := range peerings {
				name, nk := str(pv, "name")
				if nk != policy.Present {
					name = "#" + strconv.Itoa(i)
				}
				out = append(out, withURN(checkPeering(ctx, rs, v, name, v, pv, []any{"virtualNetworkPeerings", i}), v))
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no virtual network peerings in this stack")}
		}
		return out
	},
})

// localVNet is the stack's virtual network a VirtualNetworkPeering resource is created on, or nil.
func localVNet(rs []*policy.Resource, p *policy.Resource) *policy.Resource {
	for _, v := range ofType(rs, typeVNet) {
		if refersByName(p, "virtualNetworkName", v, "virtualNetworkName") {
			return v
		}
	}
	return nil
}

// checkPeering decides one peering: owner holds it (a peering resource, or the virtual network with the
// inline peering pv at prefix); local is the stack's virtual network it is created on, or nil.
func checkPeering(ctx *policy.Context, rs []*policy.Resource, owner *policy.Resource, name string, local *policy.Resource, pv policy.Value, prefix []any) policy.Result {
	switch ctx.Role {
	case "tier":
	case "foundation":
		return policy.NotApplicable("peering %q is the hub's side, in the foundation; each tier stack's spoke peering is checked there", name)
	default:
		return policy.Undecided("the stack's role is not known; in a tier stack, peering %q must connect only to the foundation's hub", name)
	}
	remote := resolve(owner, rs, typeVNet, append(append([]any{}, prefix...), "remoteVirtualNetwork", "id")...)
	switch {
	case remote.Absent:
		return policy.Fail("peering %q has no remoteVirtualNetwork.id; it must name the foundation's hub virtual network", name)
	case remote.Computed:
		return policy.Undecided("peering %q's remoteVirtualNetwork.id is computed and comes from no virtual network of this stack; it must be the foundation's hub", name)
	case len(remote.Targets) > 0:
		if local == nil {
			return policy.Pass("peering %q is the hub's half, from a virtual network outside this stack back to this stack's spoke %s", name, nameOf(remote.Targets[0]))
		}
		return policy.Fail("peering %q connects %s to %s, another virtual network of this stack, not the foundation's hub; a tier's spoke peers only with the hub", name, nameOf(local), nameOf(remote.Targets[0]))
	}
	if res := remoteSpaceInHub(ctx, name, pv); res.Status != "" {
		return res
	}
	if ctx.RoleInferred {
		return policy.Undecided("peering %q connects to %s, outside this stack; with no stack file nothing says it is the foundation's hub", name, lastSegment(remote.External))
	}
	return policy.Pass("peering %q connects to %s, outside this stack (the foundation's hub)", name, lastSegment(remote.External))
}

// remoteSpaceInHub checks a peering's stated remote address space against the hub's range.
func remoteSpaceInHub(ctx *policy.Context, name string, pv policy.Value) policy.Result {
	var prefixes []string
	for _, field := range []string{"remoteVirtualNetworkAddressSpace", "remoteAddressSpace"} {
		ps, k := policy.Strings(at(pv, field, "addressPrefixes"))
		if k == policy.Unknown {
			return policy.Undecided("peering %q's %s is computed; it must lie inside the hub's range", name, field)
		}
		prefixes = append(prefixes, ps...)
	}
	if len(prefixes) == 0 {
		return ok
	}
	if ctx.Network == nil {
		return policy.Undecided("the network plan is not known, so peering %q's remote address space cannot be checked against the hub's range", name)
	}
	hub, has := ctx.Network.RangeCIDR("hub")
	for _, s := range prefixes {
		p, parsed := parsePrefix(s)
		if !parsed || !has || !policy.PrefixWithin(p, hub) {
			return policy.Fail("peering %q reaches %s%s, which is not inside the hub's range %s; a tier's spoke peers only with the hub", name, s, overlapNote(ctx.Network, p, parsed), hubLabel(hub, has))
		}
	}
	return ok
}

// overlapNote names the plan ranges p overlaps: " (Gold)".
func overlapNote(n *policy.Network, p netip.Prefix, parsed bool) string {
	if !parsed || n == nil {
		return ""
	}
	if names := overlapsNamed(n, p); len(names) > 0 {
		return " (" + strings.Join(names, ", ") + ")"
	}
	return ""
}

func hubLabel(hub netip.Prefix, has bool) string {
	if !has {
		return "(the plan has no hub range)"
	}
	return hub.String()
}

// lastSegment is the last path segment of an Azure resource ID: its name.
func lastSegment(id string) string {
	if i := strings.LastIndexByte(strings.TrimRight(id, "/"), '/'); i >= 0 {
		return strings.TrimRight(id, "/")[i+1:]
	}
	return id
}
