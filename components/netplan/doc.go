// Package netplan is the network intent of a landing zone: its address plan (one IPv4 supernet split into
// a hub range and one range per tier, each split into role blocks and per-availability-zone subnets), the
// external ranges around it and the flows declared between them, checked against the tier matrix.
//
// # One network intent
//
// [Intent] holds the plan, the externals and the flows, and is the one place that says what they mean:
//
//   - [Intent.Validate]: every problem of the plan, the externals and the flows;
//   - [Intent.Resolve]: the range of a flow endpoint (a tier's range, an external's CIDR, [Internet]);
//   - [Intent.FlowsOf]: the flows of one tier, each with its direction and resolved far end;
//   - [Intent.Peers] and [Intent.MayReach]: which ranges a tier may route to or send to, as its profile
//     and declared flows allow ("may Bronze reach 10.20.128.0/24?");
//   - [Intent.Covers]: whether a declared flow allows a protocol and ports between two ranges.
//
// The stack configuration (components/config: Stack.Intent and Load), both clouds' components (awslz and
// azurelz run the same Validate, and derive routes, security groups, NSGs, network ACLs and firewall
// rules from FlowsOf, Peers and MayReach) and the rules (policy.Network is this type; the Bronze isolation
// rules ask MayReach, Peers, FlowsOf and Covers) all read it; none keeps its own reading of the flows
// (docs/adr/0001).
//
// # Errors
//
// Every problem is a [FieldError]: the Go path of the field ("Flows[2]", "Flows[2].To",
// "Externals[0].CIDR", "Plan.Supernet"), the bad value and what is allowed. It is the one error type of
// the configuration, this package and the components: components/config keys it to the stack's
// configuration by its Path ("Flows[2].To" is landingzone:flows[2].to), never by its text. Indices are
// 0-based everywhere, as in Go and in the JSON lists of the configuration: Flows[0] is the first flow.
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
// Everything not declared as a [Flow] is denied. [Intent.Validate] returns every problem of a plan, its
// [External] ranges and its flows at once, one [FieldError] each, naming the field, the bad value and
// what is allowed. It applies the tier matrix from each tier's [tier.Profile]:
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
