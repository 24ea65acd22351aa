package netplan

import (
	"net/netip"

	"github.com/policecloud/landingzones/components/tier"
)

// Role is what a subnet is for.
type Role string

// Subnet roles. Tier ranges hold workload, endpoints and transit subnets; the hub holds firewall, egress,
// transit, gateway and management subnets.
const (
	// RoleWorkload holds the tier's workloads (virtual machines, containers, databases).
	RoleWorkload Role = "workload"
	// RoleEndpoints holds private endpoints / interface VPC endpoints for cloud services.
	RoleEndpoints Role = "endpoints"
	// RoleTransit holds transit gateway attachments (AWS) or route-server / NVA links.
	RoleTransit Role = "transit"
	// RoleFirewall holds the hub's inspection firewall (AWS Network Firewall endpoints,
	// AzureFirewallSubnet).
	RoleFirewall Role = "firewall"
	// RoleEgress holds the hub's NAT gateways and the only internet-facing interfaces of the landing zone.
	RoleEgress Role = "egress"
	// RoleGateway holds the PSN edge VPN gateway (Azure GatewaySubnet). One subnet, not one per AZ.
	RoleGateway Role = "gateway"
	// RoleManagement holds the hub's management hosts (bastion, patch relays).
	RoleManagement Role = "management"
)

// Subnet is one allocated subnet.
type Subnet struct {
	// Role is what the subnet is for.
	Role Role
	// AZ is the zero-based availability-zone index; it is 0 for single (regional) subnets.
	AZ int
	// CIDR is the subnet's address range.
	CIDR netip.Prefix
}

// Range is the address range of the hub or of one tier, with its subnets.
type Range struct {
	// Name is "hub" or the tier's name.
	Name string
	// Tier is the tier, or "" for the hub.
	Tier tier.Tier
	// CIDR is the whole range.
	CIDR netip.Prefix
	// AZs is how many availability zones the range's per-AZ subnets span.
	AZs int
	// Blocks holds the block reserved for each role (the union of its per-AZ subnets and their spare
	// slots). Regional services that want one subnet per role (Azure) use the block.
	Blocks map[Role]netip.Prefix
	// Subnets lists the allocated subnets, ordered by role then AZ.
	Subnets []Subnet
	// Reserved is the last eighth of the range, kept free for roles added later. Nothing is allocated
	// from it.
	Reserved netip.Prefix
}

// ExternalKind is the kind of a range outside the landing zone.
type ExternalKind string

// External range kinds.
const (
	// ExternalPSN is the Public Services Network.
	ExternalPSN ExternalKind = "psn"
	// ExternalOnPrem is a force's on-premises network (legacy data centre).
	ExternalOnPrem ExternalKind = "onprem"
	// ExternalLandingZone is another landing zone's supernet.
	ExternalLandingZone ExternalKind = "landingzone"
	// ExternalPartner is a partner organisation's network reached over a private link.
	ExternalPartner ExternalKind = "partner"
)

// External is a named range outside the landing zone that must never overlap it.
type External struct {
	// Name identifies the range in flows ("psn", "legacy-dc").
	Name string
	// Kind says what the range is.
	Kind ExternalKind
	// CIDR is the range.
	CIDR netip.Prefix
}

// EndpointKind says what a flow endpoint refers to.
type EndpointKind string

// Flow endpoint kinds.
const (
	// EndpointTier is one of the landing zone's tiers.
	EndpointTier EndpointKind = "tier"
	// EndpointExternal is a declared external range, by name.
	EndpointExternal EndpointKind = "external"
	// EndpointInternet is the public internet (0.0.0.0/0 through the hub firewall).
	EndpointInternet EndpointKind = "internet"
)

// Endpoint is one end of a flow.
type Endpoint struct {
	// Kind says whether the endpoint is a tier, a declared external range or the internet.
	Kind EndpointKind
	// Tier is set when Kind is EndpointTier.
	Tier tier.Tier
	// Name is the external range's name when Kind is EndpointExternal.
	Name string
}

// Protocol of a flow.
type Protocol string

// Flow protocols.
const (
	// ProtocolTCP is TCP; a TCP flow names at least one destination port range.
	ProtocolTCP Protocol = "tcp"
	// ProtocolUDP is UDP; a UDP flow names at least one destination port range.
	ProtocolUDP Protocol = "udp"
	// ProtocolICMP is ICMP; an ICMP flow names no ports.
	ProtocolICMP Protocol = "icmp"
)

// PortRange is an inclusive range of ports; From == To for a single port.
type PortRange struct {
	// From is the first port of the range (1 to 65535).
	From uint16
	// To is the last port of the range, inclusive; From <= To.
	To uint16
}

// Flow is one explicitly allowed connection. Everything not declared as a flow is denied.
type Flow struct {
	// From is where connections start. It is never the internet: nothing is reachable from it.
	From Endpoint
	// To is where connections go.
	To Endpoint
	// Protocol is tcp, udp or icmp.
	Protocol Protocol
	// Ports are the destination ports; empty only for ICMP.
	Ports []PortRange
	// Reason says why the connection is needed; it is shown to reviewers and required.
	Reason string
}

// Plan is the address plan of one landing zone.
type Plan struct {
	// Supernet is the landing zone's whole range.
	Supernet netip.Prefix
	// Hub is the hub (shared services, inspection, egress, PSN edge) range.
	Hub Range
	// Tiers holds one range per tier, most critical first.
	Tiers []Range
}
