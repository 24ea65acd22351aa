package azure

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-012",
		Title: "Bronze subnets have no path to the internet, PSN, Gold or Platinum except declared flows",
		Description: "Proves Bronze's isolation subnet by subnet from everything the stack declares: the " +
			"subnet is not an Azure gateway, firewall or bastion subnet and has no NAT gateway; its route table " +
			"(`routeTable.id`) drops 0.0.0.0/0 (next hop None) and routes only to declared flows; no peering of " +
			"its virtual network uses the hub's gateways (`useRemoteGateways`) while the route table learns " +
			"gateway routes, and none peers with another virtual network of the stack; its NSG " +
			"(`networkSecurityGroup.id`) denies Platinum and Gold except declared flows; and the stack holds no " +
			"public IP address. Each failure names the destination reachable and the resource that opens the path.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"3", "11"},
		Tiers:         tier.IsolatedTiers(),
		ResourceTypes: []string{typeVNet, typeSubnet, typeRouteTable, typePeering, typeNIC},
		Reads:         append(append(append(append(policy.Reads(typeVNet, "subnets", "subnets.routeTable.id", "subnets.networkSecurityGroup.id", "subnets.natGateway.id", "virtualNetworkPeerings", "virtualNetworkPeerings.useRemoteGateways", "virtualNetworkPeerings.remoteVirtualNetwork.id"), policy.Reads(typeSubnet, "virtualNetworkName", "routeTable.id", "networkSecurityGroup.id", "natGateway.id")...), policy.Reads(typeRouteTable, "disableBgpRoutePropagation")...), policy.Reads(typePeering, "useRemoteGateways", "remoteVirtualNetwork.id")...), policy.Reads(typeNIC, "ipConfigurations.publicIPAddress")...),
		Remediation: "Fix the resource the message names: associate a route table with `disableBgpRoutePropagation: " +
			"true` and a 0.0.0.0/0 route with next hop None (PCLZ-AZR-NET-010), peer only with the hub with " +
			"`useRemoteGateways: false` (PCLZ-AZR-NET-008/009), attach an NSG that denies Platinum and Gold " +
			"(PCLZ-AZR-NET-011), and remove NAT gateways and public IP addresses.",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, s := range bronzeSubnets(rs) {
			var culprit *policy.Resource
			res := subnetPath(ctx, rs, s, &culprit)
			out = append(out, withURN(res, s.Owner))
			// The resource that opens the path is the one to change: name it too.
			if res.Status == policy.StatusFail && culprit != nil && culprit != s.Owner {
				out = append(out, withURN(res, culprit))
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no subnets in this stack")}
		}
		return out
	},
})

// subnetRef is one subnet: a Subnet resource, or an inline subnets[] entry of a virtual network.
type subnetRef struct {
	Name  string
	Owner *policy.Resource
	// Path leads from Owner's inputs to the subnet's fields (empty for a Subnet resource).
	Path []any
	// VNet is the stack's virtual network holding the subnet, or nil.
	VNet *policy.Resource
}

func (s subnetRef) get(field ...any) policy.Value {
	return s.Owner.Get(append(append([]any{}, s.Path...), field...)...)
}

func bronzeSubnets(rs []*policy.Resource) []subnetRef {
	var out []subnetRef
	for _, v := range ofType(rs, typeVNet) {
		subnets, _ := policy.List(v.Get("subnets"))
		for i := range subnets {
			name, nk := str(subnets[i], "name")
			if nk != policy.Present {
				name = "#" + strconv.Itoa(i)
			}
			out = append(out, subnetRef{Name: name, Owner: v, Path: []any{"subnets", i}, VNet: v})
		}
		if v.Get("subnets").IsComputed() {
			out = append(out, subnetRef{Name: "(computed)", Owner: v, Path: []any{"subnets"}, VNet: v})
		}
	}
	for _, s := range ofType(rs, typeSubnet) {
		ref := subnetRef{Name: nameOf(s), Owner: s}
		for _, v := range ofType(rs, typeVNet) {
			if refersByName(s, "virtualNetworkName", v, "virtualNetworkName") {
				ref.VNet = v
			}
		}
		out = append(out, ref)
	}
	return out
}

// subnetPath decides one subnet; on failure it sets *culprit to the resource that opens the path, when it
// is another than the subnet's own (a route table or route, a peering, an NSG, a public IP, a NIC).
// Without the network plan it still decides everything but the NSG's ranges.
func subnetPath(ctx *policy.Context, rs []*policy.Resource, s subnetRef, culprit **policy.Resource) policy.Result {
	if res, stop := bronzeUnknown(ctx, s.Owner); stop {
		return res
	}
	if s.Name == "(computed)" {
		return policy.Undecided("the virtual network's subnets are computed; each Bronze subnet's paths must be proven")
	}
	can := func(dest, format string, args ...any) policy.Result {
		return policy.Fail("subnet %q can reach %s: %s", s.Name, dest, fmt.Sprintf(format, args...))
	}
	if isReserved(s.Name) {
		return can("the internet or PSN", "it is the Azure-reserved %s, which hosts an edge service; a Bronze spoke hosts no gateway, firewall or bastion", s.Name)
	}
	if nat := s.get("natGateway"); nat.IsComputed() {
		return policy.Undecided("subnet %q's natGateway is computed; Bronze subnets have no NAT gateway", s.Name)
	} else if !nat.IsNull() {
		return can("the internet", "it has a NAT gateway")
	}
	if pips := ofType(rs, typePublicIP); len(pips) > 0 {
		*culprit = pips[0]
		return can("the internet", "the Bronze stack holds public IP address %q", nameOf(pips[0]))
	}
	for _, nic := range ofType(rs, typeNIC) {
		cfgs, _ := policy.List(nic.Get("ipConfigurations"))
		for _, c := range cfgs {
			if present(at(c, "publicIPAddress")) {
				*culprit = nic
				return can("the internet", "network interface %q in the Bronze stack has a public IP address", nameOf(nic))
			}
		}
	}

	// Routes.
	rt := resolve(s.Owner, rs, typeRouteTable, append(append([]any{}, s.Path...), "routeTable", "id")...)
	var table *policy.Resource
	switch {
	case rt.Absent:
		return can("the internet", "it has no route table, so Azure's system route 0.0.0.0/0 -> Internet applies; associate a route table whose 0.0.0.0/0 route has next hop None")
	case rt.Computed:
		return policy.Undecided("subnet %q's route table is computed and comes from no route table of this stack; its routes cannot be checked", s.Name)
	case rt.External != "":
		return policy.Undecided("subnet %q uses route table %s from outside this stack; its routes cannot be checked", s.Name, lastSegment(rt.External))
	case len(rt.Targets) > 1:
		return policy.Undecided("subnet %q's route table is computed and the virtual network depends on %d route tables; the subnet's routes cannot be told apart until its ID is known", s.Name, len(rt.Targets))
	}
	table = rt.Targets[0]
	routes, _, res := tableRoutes(table, rs)
	if res.Status != "" {
		return res
	}
	probs, unknown := bronzeRouteProblems(ctx.Network, routes, true)
	if len(probs) > 0 {
		*culprit = table
		if probs[0].Res != nil {
			*culprit = probs[0].Res
		}
		return can(probs[0].Reach, "route table %q: %s", nameOf(table), probs[0].Why)
	}
	if unknown.Status != "" {
		return unknown
	}

	// Peerings.
	bgpOff, bk := policy.Bool(table.Get("disableBgpRoutePropagation"))
	for _, p := range vnetPeerings(rs, s) {
		use, uk := policy.Bool(at(p.V, "useRemoteGateways"))
		if uk == policy.Unknown {
			return policy.Undecided("peering %q's useRemoteGateways is computed; Bronze must not use the PSN edge gateway", p.Name)
		}
		if use && !(bk == policy.Present && bgpOff) {
			if bk == policy.Unknown {
				return policy.Undecided("route table %q's disableBgpRoutePropagation is computed and peering %q uses remote gateways", nameOf(table), p.Name)
			}
			*culprit = p.Owner
			return can("PSN", "peering %q uses the hub's gateways (useRemoteGateways true) and route table %q does not disable gateway route propagation, so the PSN edge's routes reach the subnet", p.Name, nameOf(table))
		}
		remote := resolve(p.Owner, rs, typeVNet, append(append([]any{}, p.Path...), "remoteVirtualNetwork", "id")...)
		if len(remote.Targets) > 0 && (s.VNet == nil || remote.Targets[0] != s.VNet) {
			*culprit = p.Owner
			return can("virtual network "+nameOf(remote.Targets[0]), "peering %q connects to it directly, bypassing the hub firewall", p.Name)
		}
	}

	// NSG.
	nl := resolve(s.Owner, rs, typeNSG, append(append([]any{}, s.Path...), "networkSecurityGroup", "id")...)
	switch {
	case nl.Absent:
		return policy.Fail("subnet %q is not firewalled from Gold and Platinum: it has no network security group, so Azure's default rule AllowVnetInBound admits every range the VirtualNetwork tag holds", s.Name)
	case nl.Computed:
		return policy.Undecided("subnet %q's network security group is computed and comes from no NSG of this stack; it cannot be checked", s.Name)
	case nl.External != "":
		return policy.Undecided("subnet %q uses network security group %s from outside this stack; it cannot be checked", s.Name, lastSegment(nl.External))
	case len(nl.Targets) > 1:
		return policy.Undecided("subnet %q's network security group is computed and the virtual network depends on %d NSGs; they cannot be told apart until its ID is known", s.Name, len(nl.Targets))
	}
	nsg := nl.Targets[0]
	if ctx.Network == nil {
		return policy.Undecided("the network plan is not known, so subnet %q's paths cannot be checked against the declared flows", s.Name)
	}
	_, members := checkBronzeNSG(ctx, nsg, rs)
	if v := bronzeNSGVerdict(ctx.Network, nsg, members); v.Status != policy.StatusPass {
		if v.Status == policy.StatusFail {
			*culprit = nsg
			v.Message = fmt.Sprintf("subnet %q is not firewalled from Gold and Platinum: %s", s.Name, v.Message)
		}
		return v
	}
	return policy.Pass("subnet %q has no path to the internet, PSN, Gold or Platinum except declared flows: route table %q drops 0.0.0.0/0 (next hop None) and routes only to declared flows, no peering brings gateway routes, NSG %q denies Platinum and Gold",
		s.Name, nameOf(table), nameOf(nsg))
}

// peeringRef is one peering of a subnet's virtual network.
type peeringRef struct {
	Name  string
	Owner *policy.Resource
	Path  []any
	V     policy.Value
}

// vnetPeerings lists the peerings created on the subnet's virtual network.
func vnetPeerings(rs []*policy.Resource, s subnetRef) []peeringRef {
	var out []peeringRef
	for _, p := range ofType(rs, typePeering) {
		mine := false
		switch {
		case s.VNet != nil:
			mine = refersByName(p, "virtualNetworkName", s.VNet, "virtualNetworkName")
		default:
			mine = sameName(p, s.Owner, "virtualNetworkName")
		}
		if mine {
			out = append(out, peeringRef{Name: nameOf(p), Owner: p, V: inputs(p)})
		}
	}
	if s.VNet != nil {
		inline, _ := policy.List(s.VNet.Get("virtualNetworkPeerings"))
		for i, v := range inline {
			name, nk := str(v, "name")
			if nk != policy.Present {
				name = "#" + strconv.Itoa(i)
			}
			out = append(out, peeringRef{Name: name, Owner: s.VNet, Path: []any{"virtualNetworkPeerings", i}, V: v})
		}
	}
	return out
}

// sameName reports whether a and b's input prop name the same Azure resource: equal known names or a
// shared property dependency.
func sameName(a, b *policy.Resource, prop string) bool {
	for _, u := range a.PropertyDependencies[prop] {
		for _, w := range b.PropertyDependencies[prop] {
			if u == w {
				return true
			}
		}
	}
	x, xk := policy.Str(a.Get(prop))
	y, yk := policy.Str(b.Get(prop))
	return xk == policy.Present && yk == policy.Present && x != "" && strings.EqualFold(x, y)
}
