package azurelz

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// Security rule priorities. Lower numbers win; declared flows come before the denies.
const (
	prioIntraTier    = 100
	prioLoadBalancer = 110
	prioFlowBase     = 200
	prioDenyTiers    = 4000
	prioDenyAll      = 4096
)

// secRule is one network security rule, as plain data (tested without Pulumi).
type secRule struct {
	Name        string
	Priority    int
	Inbound     bool
	Allow       bool
	Protocol    string // Tcp, Udp, Icmp or *
	Sources     []string
	Destination []string
	Ports       []string
	Description string
}

// route is one user-defined route, as plain data.
type route struct {
	Name          string
	AddressPrefix string
	// NextHop is VirtualAppliance (the hub firewall) or None (drop).
	NextHop string
}

// networkPlan is the landing zone's network intent, with the rules the Azure components derive from it.
type networkPlan struct{ netplan.Intent }

// cidrOf resolves a flow endpoint to a range the rules can name; the internet (which NSG and firewall
// rules name by service tag or FQDN) resolves to false.
func (n networkPlan) cidrOf(e netplan.Endpoint) (netip.Prefix, bool) {
	if e.Kind == netplan.EndpointInternet {
		return netip.Prefix{}, false
	}
	return n.Resolve(e)
}

// flowError is a problem with declared flow i, keyed by its 0-based path in the arguments.
func flowError(i int, f netplan.Flow, msg string) error {
	return &netplan.FieldError{Path: fmt.Sprintf("Flows[%d]", i), Value: f.String(), Msg: msg}
}

// azureProtocol is a flow protocol as NSG rules spell it.
func azureProtocol(p netplan.Protocol) string {
	switch p {
	case netplan.ProtocolTCP:
		return "Tcp"
	case netplan.ProtocolUDP:
		return "Udp"
	case netplan.ProtocolICMP:
		return "Icmp"
	}
	return string(p)
}

// portStrings are a flow's ports as NSG and firewall rules spell them ("443", "8000-8080"); "*" for ICMP.
func portStrings(f netplan.Flow) []string {
	if len(f.Ports) == 0 {
		return []string{"*"}
	}
	out := make([]string, 0, len(f.Ports))
	for _, p := range f.Ports {
		out = append(out, p.String())
	}
	return out
}

// tierSecurityRules are the rules of every NSG in tier t's spoke: traffic inside the tier and from the
// platform load balancer, each declared flow into or out of the tier, then a deny of every other tier in
// both directions (so Azure's AllowVnetInBound never opens another tier) and a deny of everything else.
func (n networkPlan) tierSecurityRules(t tier.Tier) ([]secRule, error) {
	own, ok := n.Plan.TierRange(t)
	if !ok {
		return nil, &netplan.FieldError{Path: "Plan.Tiers", Msg: fmt.Sprintf("has no range for tier %s", t), Allowed: "a plan from netplan.Allocate"}
	}
	r := own.CIDR.String()
	rules := []secRule{
		{Name: "allow-intra-tier-in", Priority: prioIntraTier, Inbound: true, Allow: true, Protocol: "*", Sources: []string{r}, Destination: []string{r}, Ports: []string{"*"}, Description: "traffic inside the " + t.Title() + " tier"},
		{Name: "allow-intra-tier-out", Priority: prioIntraTier, Inbound: false, Allow: true, Protocol: "*", Sources: []string{r}, Destination: []string{r}, Ports: []string{"*"}, Description: "traffic inside the " + t.Title() + " tier"},
		{Name: "allow-azure-load-balancer-in", Priority: prioLoadBalancer, Inbound: true, Allow: true, Protocol: "*", Sources: []string{"AzureLoadBalancer"}, Destination: []string{r}, Ports: []string{"*"}, Description: "Azure load balancer health probes"},
	}
	in, out := prioFlowBase, prioFlowBase
	for _, tf := range n.FlowsOf(t) {
		i, f := tf.Index, tf.Flow
		far := tf.FarCIDR.String()
		switch {
		case tf.Far.Kind == netplan.EndpointInternet:
			far = "Internet"
		case !tf.FarCIDR.IsValid():
			return nil, flowError(i, f, fmt.Sprintf("its far end %s has no address range", tf.Far))
		}
		if !tf.Outbound {
			rules = append(rules, secRule{Name: fmt.Sprintf("allow-flow-%d-in", i), Priority: in, Inbound: true, Allow: true,
				Protocol: azureProtocol(f.Protocol), Sources: []string{far}, Destination: []string{r}, Ports: portStrings(f), Description: f.Reason})
			in++
			continue
		}
		rules = append(rules, secRule{Name: fmt.Sprintf("allow-flow-%d-out", i), Priority: out, Inbound: false, Allow: true,
			Protocol: azureProtocol(f.Protocol), Sources: []string{r}, Destination: []string{far}, Ports: portStrings(f), Description: f.Reason})
		out++
	}
	var others []string
	for _, o := range n.Plan.Tiers {
		if o.Tier != t {
			others = append(others, o.CIDR.String())
		}
	}
	if len(others) > 0 {
		rules = append(rules,
			secRule{Name: "deny-other-tiers-in", Priority: prioDenyTiers, Inbound: true, Protocol: "*", Sources: others, Destination: []string{"*"}, Ports: []string{"*"}, Description: "other tiers only through declared flows"},
			secRule{Name: "deny-other-tiers-out", Priority: prioDenyTiers, Inbound: false, Protocol: "*", Sources: []string{"*"}, Destination: others, Ports: []string{"*"}, Description: "other tiers only through declared flows"})
	}
	return append(rules, denyAll()...), nil
}

// hubSecurityRules are the rules of the hub's own subnets (management, transit): traffic inside the hub
// only.
func (n networkPlan) hubSecurityRules() []secRule {
	h := n.Plan.Hub.CIDR.String()
	return append([]secRule{
		{Name: "allow-intra-hub-in", Priority: prioIntraTier, Inbound: true, Allow: true, Protocol: "*", Sources: []string{h}, Destination: []string{h}, Ports: []string{"*"}, Description: "traffic inside the hub"},
		{Name: "allow-intra-hub-out", Priority: prioIntraTier, Inbound: false, Allow: true, Protocol: "*", Sources: []string{h}, Destination: []string{h}, Ports: []string{"*"}, Description: "traffic inside the hub"},
	}, denyAll()...)
}

func denyAll() []secRule {
	return []secRule{
		{Name: "deny-all-in", Priority: prioDenyAll, Inbound: true, Protocol: "*", Sources: []string{"*"}, Destination: []string{"*"}, Ports: []string{"*"}, Description: "deny by default"},
		{Name: "deny-all-out", Priority: prioDenyAll, Inbound: false, Protocol: "*", Sources: []string{"*"}, Destination: []string{"*"}, Ports: []string{"*"}, Description: "deny by default"},
	}
}

// tierRoutes are the routes of tier t's route table. A tier with internet egress sends everything
// (0.0.0.0/0) to the hub firewall. A tier without drops 0.0.0.0/0 (next hop None) and routes only the
// remote ranges of its declared flows to the firewall.
func (n networkPlan) tierRoutes(t tier.Tier, p tier.Profile) []route {
	if p.InternetEgress == tier.EgressHubFirewall {
		return []route{{Name: "default-to-hub-firewall", AddressPrefix: "0.0.0.0/0", NextHop: "VirtualAppliance"}}
	}
	routes := []route{{Name: "default-drop", AddressPrefix: "0.0.0.0/0", NextHop: "None"}}
	var seen []netip.Prefix
	for _, f := range n.FlowsOf(t) {
		if slices.Contains(seen, f.FarCIDR) || !n.MayReach(t, f.FarCIDR) {
			continue
		}
		seen = append(seen, f.FarCIDR)
		routes = append(routes, route{Name: fmt.Sprintf("flow-%d-%s", f.Index, strings.ReplaceAll(f.Far.String(), ":", "-")), AddressPrefix: f.FarCIDR.String(), NextHop: "VirtualAppliance"})
	}
	return routes
}

// gatewayRoutes are the routes of the hub's GatewaySubnet: each tier with PSN access is reached through
// the firewall; every other tier's range is dropped, so the PSN edge can never reach it.
func (n networkPlan) gatewayRoutes() ([]route, error) {
	var out []route
	for _, r := range n.Plan.Tiers {
		p, err := tier.ProfileFor(r.Tier)
		if err != nil {
			return nil, err
		}
		if p.PSNAccess {
			out = append(out, route{Name: r.Name + "-via-firewall", AddressPrefix: r.CIDR.String(), NextHop: "VirtualAppliance"})
		} else {
			out = append(out, route{Name: r.Name + "-drop", AddressPrefix: r.CIDR.String(), NextHop: "None"})
		}
	}
	return out, nil
}

// netRule is one firewall network rule: a declared flow that does not leave for the internet.
type netRule struct {
	Name                 string
	Sources, Destination []string
	Protocols            []string
	Ports                []string
	Description          string
}

// appRule is the firewall application rule for a tier's internet flows: the FQDN allow-list.
type appRule struct {
	Name        string
	Sources     []string
	Protocols   []appProtocol
	Description string
}

// appProtocol is an application rule protocol.
type appProtocol struct {
	Type string // Http or Https
	Port int
}

// firewallRules turns the declared flows into the hub firewall's rules: a network rule per flow between
// ranges, and an application rule (the FQDN allow-list) per flow to the internet. An internet flow must
// start in a tier whose profile egresses through the hub firewall and use TCP 80 or 443.
func (n networkPlan) firewallRules() ([]netRule, []appRule, error) {
	var nets []netRule
	var apps []appRule
	for i, f := range n.Flows {
		src, ok := n.cidrOf(f.From)
		if !ok {
			return nil, nil, flowError(i, f, "the source has no address range; flows never start on the internet")
		}
		if f.To.Kind == netplan.EndpointInternet {
			if f.From.Kind != netplan.EndpointTier || !n.MayReach(f.From.Tier, netplan.Internet) {
				return nil, nil, flowError(i, f, fmt.Sprintf("is not allowed: allowed only from tiers whose InternetEgress is %q, through the hub firewall", tier.EgressHubFirewall))
			}
			var protos []appProtocol
			for _, pr := range f.Ports {
				switch {
				case f.Protocol == netplan.ProtocolTCP && pr.From == 443 && pr.To == 443:
					protos = append(protos, appProtocol{"Https", 443})
				case f.Protocol == netplan.ProtocolTCP && pr.From == 80 && pr.To == 80:
					protos = append(protos, appProtocol{"Http", 80})
				default:
					return nil, nil, &netplan.FieldError{Path: fmt.Sprintf("Flows[%d].Ports", i), Value: pr.String(),
						Msg: "is not allowed for a flow to the internet (the firewall's FQDN allow-list filters only tcp 80 and tcp 443)", Allowed: "tcp 80 or 443"}
				}
			}
			apps = append(apps, appRule{Name: fmt.Sprintf("flow-%d", i), Sources: []string{src.String()}, Protocols: protos, Description: f.Reason})
			continue
		}
		dst, ok := n.cidrOf(f.To)
		if !ok {
			return nil, nil, flowError(i, f, "the destination has no address range")
		}
		nets = append(nets, netRule{Name: fmt.Sprintf("flow-%d", i), Sources: []string{src.String()}, Destination: []string{dst.String()},
			Protocols: []string{strings.ToUpper(string(f.Protocol))}, Ports: portStrings(f), Description: f.Reason})
	}
	return nets, apps, nil
}
