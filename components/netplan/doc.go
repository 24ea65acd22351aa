// Package netplan is the address plan of a landing zone: it splits one IPv4 supernet into a hub range and
// one range per tier, splits each range into role blocks and per-availability-zone subnets, and checks
// external ranges and declared flows against the tier matrix.
//
// The package is pure Go (standard library and components/tier only), so the same plan is computed by the
// Pulumi program, by the offline companion `lz` and by tests, without cloud credentials.
//
// # Allocation
//
// [Allocate] is deterministic: the same supernet and availability-zone counts always give the same plan,
// and every block sits at a fixed offset, so adding an availability zone (up to [MaxAZs]) or a tier's
// growth never renumbers an existing subnet.
//
// The supernet (/8 to /20) is split into four equal quarters, in this order: hub, platinum, gold, bronze.
// Each tier range is split into role blocks:
//
//	workload   first 1/2   one subnet per AZ (4 fixed AZ slots)
//	endpoints  next 1/4    one subnet per AZ
//	transit    next 1/8    one subnet per AZ
//	reserved   last 1/8    kept free for later roles
//
// The hub range is split into:
//
//	firewall    first 1/4  one subnet per AZ
//	egress      next 1/4   one subnet per AZ
//	transit     next 1/8   one subnet per AZ
//	gateway     next 1/8   ONE regional subnet: the whole block (Azure GatewaySubnet)
//	management  next 1/8   one subnet per AZ
//	reserved    last 1/8   kept free for later roles
//
// A per-AZ block is always split into four AZ slots; the first N are allocated for N zones. The hub spans
// as many zones as the tier with the most. A /16 supernet gives /18 ranges, /19 workload blocks with /21
// AZ subnets, /20 endpoint blocks with /22 subnets and /21 transit blocks with /23 subnets. The smallest
// allowed supernet, a /20, still gives /27 subnets, a /24 hub firewall block (Azure needs /26 for
// AzureFirewallSubnet) and a /25 gateway subnet (Azure needs /27 for GatewaySubnet).
//
// # Flows and external ranges
//
// Everything not declared as a [Flow] is denied. [Validate] returns every problem of a plan, its
// [External] ranges and its flows at once, one line each, naming the thing, the bad value and what is
// allowed. It applies the tier matrix from each tier's [tier.Profile]:
//
//   - a tier whose profile has no internet egress (Bronze) may not have a flow to the internet;
//   - a tier without PSN access (Bronze) may not have a flow to or from an external range of kind psn;
//   - nothing may come from the internet;
//   - a flow touching an isolated tier (Bronze may only have explicit flows) names explicit ports: no port
//     range wider than [MaxIsolatedPortSpan] ports.
//
// [ParseEndpoint], [ParseProtocol], [ParsePorts] and [ParseExternalKind] read the strings a stack's
// configuration holds; the String methods and [FormatPorts] write them back in the same syntax.
package netplan
