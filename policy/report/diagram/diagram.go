// Package diagram draws a landing zone's network for reviewers: its tiers, the hub with its internet
// egress firewall and PSN edge, the external ranges, and the declared flows (everything else is denied).
// An isolated tier (Bronze) is drawn apart, outlined in red, with its lack of internet and PSN access
// written on it. Mermaid goes into Markdown reports; SVG (rendered with github.com/ajstarks/svgo) goes into
// HTML reports and the evidence pack.
//
// The drawing is made from policy.Context.Network (the same address plan and flows the rules check) and
// the tier profiles of components/tier, never from tier names, so it shows what the rules enforce.
package diagram

import (
	"cmp"
	"net/netip"
	"slices"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// Node kinds.
const (
	KindHub      = "hub"
	KindTier     = "tier"
	KindInternet = "internet"
	// External kinds are those of netplan.External: "psn", "onprem", "landingzone", "partner".
)

// Node is one box of the diagram.
type Node struct {
	// ID is the node's name in flows: "hub", a tier name, an external range's name, or "internet".
	ID string
	// Label is what the box says first ("Platinum", "PSN").
	Label string
	// Kind is KindHub, KindTier, KindInternet or the external range's kind.
	Kind string
	// CIDR is the node's range (invalid for the internet).
	CIDR netip.Prefix
	// Notes are short facts written in the box ("no internet, no PSN").
	Notes []string
	// Isolated is true for a tier on its own route table that reaches only declared flows.
	Isolated bool
}

// Link is a path through the hub that exists whether or not a flow uses it: a tier's attachment, the
// egress firewall, the PSN edge.
type Link struct {
	From, To, Label string
	// Isolated marks an isolated tier's attachment (declared flows only).
	Isolated bool
}

// Flow is a declared flow, numbered for the legend.
type Flow struct {
	N                  int
	From, To           string
	Protocol, Ports    string
	Reason             string
	FromLabel, ToLabel string
}

// LandingZone is everything a diagram shows.
type LandingZone struct {
	// Name is the landing zone's slug ("pos").
	Name string
	// Cloud is "aws" or "azure".
	Cloud string
	// Supernet is the landing zone's range.
	Supernet netip.Prefix
	// Hub, Tiers and Externals are the boxes: the hub, the tiers in tier order, and what lies outside the
	// landing zone (the internet first when any tier may reach it).
	Hub       Node
	Tiers     []Node
	Externals []Node
	// Links are the hub's paths; Flows the declared flows.
	Links []Link
	Flows []Flow
}

// FromContext builds the diagram of the landing zone a stack belongs to from the stack's context. It
// returns a diagram with only a hub when the context has no network.
func FromContext(name string, ctx *policy.Context) LandingZone {
	lz := LandingZone{Name: name, Hub: Node{ID: "hub", Label: "Hub", Kind: KindHub}}
	if ctx == nil || ctx.Network == nil {
		return lz
	}
	lz.Cloud = ctx.Cloud
	n := ctx.Network
	lz.Supernet = n.Plan.Supernet
	lz.Hub.CIDR, _ = n.RangeCIDR("hub")

	egress, psn := false, false
	for _, t := range tier.All() {
		cidr, ok := n.RangeCIDR(string(t))
		if !ok {
			continue
		}
		p, err := tier.ProfileFor(t)
		if err != nil {
			continue
		}
		node := Node{ID: string(t), Label: t.Title(), Kind: KindTier, CIDR: cidr, Isolated: p.Isolated}
		link := Link{From: node.ID, To: "hub", Label: "transit", Isolated: p.Isolated}
		switch {
		case p.InternetEgress == tier.EgressNone && !p.PSNAccess:
			node.Notes = append(node.Notes, "no internet, no PSN")
		case p.InternetEgress == tier.EgressNone:
			node.Notes = append(node.Notes, "no internet")
		case !p.PSNAccess:
			node.Notes = append(node.Notes, "no PSN")
		}
		if p.Isolated {
			node.Notes = append(node.Notes, "isolated: declared flows only")
			link.Label = "isolated"
		}
		egress = egress || p.InternetEgress != tier.EgressNone
		psn = psn || p.PSNAccess
		lz.Tiers = append(lz.Tiers, node)
		lz.Links = append(lz.Links, link)
	}

	var notes []string
	if egress {
		notes = append(notes, "egress firewall (allow-listed FQDNs)")
		lz.Externals = append(lz.Externals, Node{ID: "internet", Label: "Internet", Kind: KindInternet})
		lz.Links = append(lz.Links, Link{From: "hub", To: "internet", Label: "egress firewall"})
	}
	externals := slices.Clone(n.Externals)
	slices.SortStableFunc(externals, func(a, b netplan.External) int { return cmp.Compare(externalRank(a.Kind), externalRank(b.Kind)) })
	for _, x := range externals {
		node := Node{ID: x.Name, Label: externalLabel(x), Kind: string(x.Kind), CIDR: x.CIDR}
		label := "transit"
		if x.Kind == netplan.ExternalPSN {
			label = "PSN edge"
			if psn && !slices.Contains(notes, "PSN edge") {
				notes = append(notes, "PSN edge")
			}
		}
		lz.Externals = append(lz.Externals, node)
		lz.Links = append(lz.Links, Link{From: "hub", To: x.Name, Label: label})
	}
	lz.Hub.Notes = notes
	if !egress && slices.ContainsFunc(n.Flows, func(f netplan.Flow) bool {
		return f.From.Kind == netplan.EndpointInternet || f.To.Kind == netplan.EndpointInternet
	}) {
		lz.Externals = append([]Node{{ID: "internet", Label: "Internet", Kind: KindInternet}}, lz.Externals...)
	}

	for i, f := range n.Flows {
		lz.Flows = append(lz.Flows, Flow{
			N: i + 1, From: f.From.String(), To: f.To.String(), Protocol: string(f.Protocol), Ports: netplan.FormatPorts(f.Ports), Reason: f.Reason,
			FromLabel: lz.label(f.From.String()), ToLabel: lz.label(f.To.String()),
		})
	}
	return lz
}

func externalRank(kind netplan.ExternalKind) int {
	switch kind {
	case "psn":
		return 0
	case "onprem":
		return 1
	case "landingzone":
		return 2
	default:
		return 3
	}
}

func externalLabel(x netplan.External) string {
	switch x.Kind {
	case "psn":
		return "PSN"
	case "onprem":
		return x.Name + " (on premises)"
	case "landingzone":
		return "landing zone " + x.Name
	default:
		return x.Name + " (" + string(x.Kind) + ")"
	}
}

// label is the display name of a flow endpoint.
func (lz LandingZone) label(id string) string {
	for _, n := range lz.nodes() {
		if n.ID == id {
			return n.Label
		}
	}
	return id
}

// Node returns the node with the given ID.
func (lz LandingZone) Node(id string) (Node, bool) {
	for _, n := range lz.nodes() {
		if n.ID == id {
			return n, true
		}
	}
	return Node{}, false
}

func (lz LandingZone) nodes() []Node {
	return slices.Concat([]Node{lz.Hub}, lz.Tiers, lz.Externals)
}

// Describe is the flow's protocol and ports ("tcp 443", "icmp").
func (f Flow) Describe() string {
	if f.Ports == "" {
		return f.Protocol
	}
	return f.Protocol + " " + f.Ports
}
