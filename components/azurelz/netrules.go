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

// network is the plain-data view of the landing zone's address plan and flows the components work from.
type networkPlan struct {
	plan      netplan.Plan
	externals []netplan.External
	flows     []netplan.Flow
}

// cidrOf resolves a flow endpoint; the internet resolves to false.
func (n networkPlan) cidrOf(e netplan.Endpoint) (netip.Prefix, bool) {
	if e.Kind == netplan.EndpointInternet {
		return netip.Prefix{}, false
	}
	return n.plan.CIDROf(e, n.externals)
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

// isTier reports whether e is the tier t.
func isTier(e netplan.Endpoint, t tier.Tier) bool {
	return e.Kind == netplan.EndpointTier && e.Tier == t
}

// tierSecurityRules are the rules of every NSG in tier t's spoke: traffic inside the tier and from the
// platform load balancer, each declared flow into or out of the tier, then a deny of every other tier in
// both directions (so Azure's AllowVnetInBound never opens another tier) and a deny of everything else.
func (n networkPlan) tierSecurityRules(t tier.Tier) ([]secRule, error) {
	own, ok := n.plan.TierRange(t)
	if !ok {
		return nil, fmt.Errorf("the address plan has no range for tier %s", t)
	}
	r := own.CIDR.String()
	rules := []secRule{
		{Name: "allow-intra-tier-in", Priority: prioIntraTier, Inbound: true, Allow: true, Protocol: "*", Sources: []string{r}, Destination: []string{r}, Ports: []string{"*"}, Description: "traffic inside the " + t.Title() + " tier"},
		{Name: "allow-intra-tier-out", Priority: prioIntraTier, Inbound: false, Allow: true, Protocol: "*", Sources: []string{r}, Destination: []string{r}, Ports: []string{"*"}, Description: "traffic inside the " + t.Title() + " tier"},
		{Name: "allow-azure-load-balancer-in", Priority: prioLoadBalancer, Inbound: true, Allow: true, Protocol: "*", Sources: []string{"AzureLoadBalancer"}, Destination: []string{r}, Ports: []string{"*"}, Description: "Azure load balancer health probes"},
	}
	in, out := prioFlowBase, prioFlowBase
	for i, f := range n.flows {
		switch {
		case isTier(f.To, t):
			src, ok := n.cidrOf(f.From)
			if !ok {
				return nil, fmt.Errorf("flow %d (%s): its source %s has no address range", i, f, f.From)
			}
			rules = append(rules, secRule{Name: fmt.Sprintf("allow-flow-%d-in", i), Priority: in, Inbound: true, Allow: true,
				Protocol: azureProtocol(f.Protocol), Sources: []string{src.String()}, Destination: []string{r}, Ports: portStrings(f), Description: f.Reason})
			in++
		case isTier(f.From, t):
			dst := "Internet"
			if f.To.Kind != netplan.EndpointInternet {
				p, ok := n.cidrOf(f.To)
				if !ok {
					return nil, fmt.Errorf("flow %d (%s): its destination %s has no address range", i, f, f.To)
				}
				dst = p.String()
			}
			rules = append(rules, secRule{Name: fmt.Sprintf("allow-flow-%d-out", i), Priority: out, Inbound: false, Allow: true,
				Protocol: azureProtocol(f.Protocol), Sources: []string{r}, Destination: []string{dst}, Ports: portStrings(f), Description: f.Reason})
			out++
		}
	}
	var others []string
	for _, o := range n.plan.Tiers {
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
	h := n.plan.Hub.CIDR.String()
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
	for i, f := range n.flows {
		var far netplan.Endpoint
		switch {
		case isTier(f.From, t):
			far = f.To
		case isTier(f.To, t):
			far = f.From
		default:
			continue
		}
		c, ok := n.cidrOf(far)
		if !ok || slices.Contains(seen, c) {
			continue
		}
		seen = append(seen, c)
		routes = append(routes, route{Name: fmt.Sprintf("flow-%d-%s", i, strings.ReplaceAll(far.String(), ":", "-")), AddressPrefix: c.String(), NextHop: "VirtualAppliance"})
	}
	return routes
}

// gatewayRoutes are the routes of the hub's GatewaySubnet: each tier with PSN access is reached through
// the firewall; every other tier's range is dropped, so the PSN edge can never reach it.
func (n networkPlan) gatewayRoutes() ([]route, error) {
	var out []route
	for _, r := range n.plan.Tiers {
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
	for i, f := range n.flows {
		src, ok := n.cidrOf(f.From)
		if !ok {
			return nil, nil, fmt.Errorf("Flows[%d] (%s): the source has no address range; flows never start on the internet", i, f)
		}
		if f.To.Kind == netplan.EndpointInternet {
			if f.From.Kind != netplan.EndpointTier {
				return nil, nil, fmt.Errorf("Flows[%d] (%s): only tiers reach the internet, through the hub firewall", i, f)
			}
			p, err := tier.ProfileFor(f.From.Tier)
			if err != nil {
				return nil, nil, fmt.Errorf("Flows[%d] (%s): %w", i, f, err)
			}
			if p.InternetEgress != tier.EgressHubFirewall {
				return nil, nil, fmt.Errorf("Flows[%d] (%s): the %s profile has no internet egress; allowed only from tiers whose InternetEgress is %q", i, f, f.From.Tier.Title(), tier.EgressHubFirewall)
			}
			var protos []appProtocol
			for _, pr := range f.Ports {
				switch {
				case f.Protocol == netplan.ProtocolTCP && pr.From == 443 && pr.To == 443:
					protos = append(protos, appProtocol{"Https", 443})
				case f.Protocol == netplan.ProtocolTCP && pr.From == 80 && pr.To == 80:
					protos = append(protos, appProtocol{"Http", 80})
				default:
					return nil, nil, fmt.Errorf("Flows[%d] (%s): internet flows pass the firewall's FQDN allow-list, which filters only tcp 80 and tcp 443; port %s is not allowed", i, f, pr)
				}
			}
			apps = append(apps, appRule{Name: fmt.Sprintf("flow-%d", i), Sources: []string{src.String()}, Protocols: protos, Description: f.Reason})
			continue
		}
		dst, ok := n.cidrOf(f.To)
		if !ok {
			return nil, nil, fmt.Errorf("Flows[%d] (%s): the destination has no address range", i, f)
		}
		nets = append(nets, netRule{Name: fmt.Sprintf("flow-%d", i), Sources: []string{src.String()}, Destination: []string{dst.String()},
			Protocols: []string{strings.ToUpper(string(f.Protocol))}, Ports: portStrings(f), Description: f.Reason})
	}
	return nets, apps, nil
}
