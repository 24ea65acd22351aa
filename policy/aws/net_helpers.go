package aws

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// Type tokens the network isolation and audit rules read (pulumi-aws v6.83.2).

// Stack roles, tags and tag values the network rules rely on.
const (
	netRoleFoundation = "foundation"
	netRoleTier       = "tier"
	// netTagRole with value netHubEgress marks the hub's internet-facing egress resources (foundation only).
	netTagRole   = "Role"
	netHubEgress = "hub-egress"
	// netTagRouteTableFor names the tier a hub transit gateway route table serves ("bronze").
	netTagRouteTableFor = "RouteTableFor"
)

// netBronze is Bronze's name in ctx.Network (ranges and flow endpoints).
var netBronze = string(tier.Bronze)

// netStackRole is the stack's role: ctx.Role when set; otherwise "tier" when the stack has a tier (only
// tier stacks have one); otherwise "" (not known).
func netStackRole(ctx *policy.Context) string {
	switch {
	case ctx.Role != "":
		return ctx.Role
	case ctx.HasTier():
		return netRoleTier
	default:
		return ""
	}
}

// netTag reads one effective tag (provider default tags overlaid by the resource's own tags). It is
// Unknown when the tag, or a tag map that could set it, is computed.
func netTag(r *policy.Resource, key string) (string, policy.Known) {
	tags, unknown, computed := r.Tags()
	if computed || slices.Contains(unknown, key) {
		return "", policy.Unknown
	}
	v, ok := tags[key]
	if !ok {
		return "", policy.Absent
	}
	return v, policy.Present
}

// netTagIs reports whether tag key equals want (case-insensitively).
func netTagIs(r *policy.Resource, key, want string) (bool, policy.Known) {
	v, k := netTag(r, key)
	if k != policy.Present {
		return false, k
	}
	return strings.EqualFold(strings.TrimSpace(v), want), policy.Present
}

// netIsSet reports whether input prop holds a value: a non-empty string, or a computed value that a
// property dependency shows comes from another resource. A computed value with no dependency is Unknown.
func netIsSet(r *policy.Resource, prop string) (bool, policy.Known) {
	s, k := policy.Str(r.Get(prop))
	switch k {
	case policy.Present:
		return strings.TrimSpace(s) != "", policy.Present
	case policy.Unknown:
		if len(r.PropertyDependencies[prop]) > 0 {
			return true, policy.Present
		}
		return false, policy.Unknown
	default:
		return false, policy.Absent
	}
}

// netUnlinked returns the resources of type typ whose input prop is computed with no property dependency:
// they may refer to any resource, so a rule that finds no referrer cannot conclude there is none.
func netUnlinked(rs []*policy.Resource, typ, prop string) []*policy.Resource {
	var out []*policy.Resource
	for _, r := range policy.OfType(rs, typ) {
		if _, k := policy.Str(r.Get(prop)); k == policy.Unknown && len(r.PropertyDependencies[prop]) == 0 {
			out = append(out, r)
		}
	}
	return out
}

// netBucketReferrers returns the resources of type typ whose input prop points at bucket b: by property
// dependency or ID (policy.Referrers), or by the bucket's literal name (a program may pass the name it gave
// the bucket, which links nothing at preview).
func netBucketReferrers(rs []*policy.Resource, typ, prop string, b *policy.Resource) []*policy.Resource {
	name, nk := policy.Str(b.Get("bucket"))
	var out []*policy.Resource
	for _, r := range policy.OfType(rs, typ) {
		if r.Refers(prop, b) {
			out = append(out, r)
			continue
		}
		if s, k := policy.Str(r.Get(prop)); k == policy.Present && nk == policy.Present && s != "" && s == name {
			out = append(out, r)
		}
	}
	return out
}

// netOfType returns the resources of the given types, in stack order.
func netOfType(rs []*policy.Resource, types ...string) []*policy.Resource {
	if len(types) == 1 {
		return slices.Clone(policy.OfType(rs, types[0]))
	}
	var out []*policy.Resource
	for _, r := range rs {
		if r != nil && slices.Contains(types, r.Type) {
			out = append(out, r)
		}
	}
	return out
}

// netEach gives res to every resource of the given types (URN set), or returns res for the stack when
// there is none, so that a stack rule that cannot decide still reports on each resource.
func netEach(rs []*policy.Resource, res policy.Result, types ...string) []policy.Result {
	var out []policy.Result
	for _, r := range netOfType(rs, types...) {
		x := res
		x.URN = r.URN
		out = append(out, x)
	}
	if len(out) == 0 {
		out = append(out, res)
	}
	return out
}

// netWithURN sets a result's URN.
func netWithURN(res policy.Result, urn string) policy.Result {
	res.URN = urn
	return res
}

// netParsePrefix reads a CIDR (or a single address) and masks it (see semantic.ParsePrefix).
func netParsePrefix(s string) (netip.Prefix, bool) { return semantic.ParsePrefix(s) }

// netIsPSN reports whether p overlaps a declared PSN range.
func netIsPSN(n *policy.Network, p netip.Prefix) bool {
	return n.OverlapsExternal(p, netplan.ExternalPSN)
}

// netZone names the parts of the landing zone (and declared external ranges) that p overlaps, for
// messages: "Gold", "hub, Platinum", "PSN", "legacy-dc", "outside the landing zone". anywhere is the label
// for a /0.
func netZone(n *policy.Network, p netip.Prefix, anywhere string) string {
	if !p.IsValid() {
		return "not a valid range"
	}
	if p.Bits() == 0 {
		return anywhere
	}
	var names []string
	add := func(s string) {
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	if n != nil {
		ranges, externals := n.Overlapping(p)
		for _, r := range ranges {
			if r.Tier != "" {
				add(r.Tier.Title())
			} else {
				add(r.Name)
			}
		}
		for _, e := range externals {
			if e.Kind == netplan.ExternalPSN {
				add("PSN")
			} else {
				add(e.Name)
			}
		}
		if len(names) == 0 && policy.PrefixesOverlap(p, n.Plan.Supernet) {
			add("landing zone")
		}
	}
	if len(names) == 0 {
		return "outside the landing zone"
	}
	return strings.Join(names, ", ")
}

// netBronzeMayReach reports whether Bronze may route (or allow stateless traffic) to p: p lies inside
// Bronze's own range or inside the far end of one of Bronze's declared flows, and is neither a default
// route nor PSN (netplan.Intent.MayReach).
func netBronzeMayReach(n *policy.Network, p netip.Prefix) bool {
	return n != nil && n.MayReach(tier.Bronze, p)
}

// netProto reads an EC2 protocol as AWS spells it (see semantic.ParseProtocol); an empty value is all
// traffic (the strictest reading for the rules that use it), and an unreadable one is kept as written.
func netProto(p string) semantic.Protocol {
	if proto, ok := semantic.ParseProtocol(p); ok {
		return proto
	}
	if strings.TrimSpace(p) == "" {
		return semantic.ProtoAll
	}
	return semantic.Protocol(strings.ToLower(strings.TrimSpace(p)))
}

// netPorts describes a protocol and AWS port pair for messages: "tcp 443", "tcp 1024-65535", "icmp",
// "all traffic" (see semantic.Describe).
func netPorts(proto semantic.Protocol, from, to int) string {
	return semantic.Describe(proto, semantic.FromTo(proto, from, to))
}

// netSGFields names the inputs of one kind of security group rule.
type netSGFields struct {
	proto, cidrs, cidrs6, prefixLists string
}

var (
	// netSGInline is an inline ingress[]/egress[] entry of a SecurityGroup or DefaultSecurityGroup, and
	// also an ec2 SecurityGroupRule.
	netSGInline = netSGFields{"protocol", "cidrBlocks", "ipv6CidrBlocks", "prefixListIds"}
	// netSGVPCRule is a vpc SecurityGroupIngressRule / SecurityGroupEgressRule.
	netSGVPCRule = netSGFields{"ipProtocol", "cidrIpv4", "cidrIpv6", "prefixListId"}
)

// netSGRule is one security group rule as the rules read it.
type netSGRule struct {
	// where names the rule in messages ("egress[0]", "rule").
	where string
	proto semantic.Protocol
	from  int
	to    int
	// cidrs are the IPv4 and IPv6 CIDRs the rule admits.
	cidrs []string
	// prefixLists are managed prefix list IDs the rule admits.
	prefixLists []string
	// unknown lists the computed inputs.
	unknown []string
}

// cidrsUnknown reports whether the rule's CIDRs or prefix lists are computed.
func (r netSGRule) cidrsUnknown(f netSGFields) bool {
	return slices.ContainsFunc(r.unknown, func(s string) bool {
		return s == f.cidrs || s == f.cidrs6 || s == f.prefixLists
	})
}

// netReadSG reads one security group rule through get (which prefixes the rule's path).
func netReadSG(get func(path ...any) policy.Value, f netSGFields, where string) netSGRule {
	rule := netSGRule{where: where}
	mark := func(name string) { rule.unknown = append(rule.unknown, name) }
	proto, k := policy.Str(get(f.proto))
	if k == policy.Unknown {
		mark(f.proto)
	}
	rule.proto = netProto(proto)
	var kf, kt policy.Known
	rule.from, kf = netInt(get("fromPort"))
	rule.to, kt = netInt(get("toPort"))
	if kf == policy.Unknown {
		mark("fromPort")
	}
	if kt == policy.Unknown {
		mark("toPort")
	}
	for _, name := range []string{f.cidrs, f.cidrs6} {
		vals, k := policy.Strings(get(name))
		if k == policy.Unknown {
			mark(name)
		}
		rule.cidrs = append(rule.cidrs, vals...)
	}
	pls, k := policy.Strings(get(f.prefixLists))
	if k == policy.Unknown {
		mark(f.prefixLists)
	}
	rule.prefixLists = pls
	return rule
}

// netInlineSGRules reads a security group's inline rules of one direction ("ingress" or "egress"). known
// is false when the whole list is computed.
func netInlineSGRules(r *policy.Resource, dir string) (rules []netSGRule, known bool) {
	items, k := policy.List(r.Get(dir))
	if k == policy.Unknown {
		return nil, false
	}
	for i, item := range items {
		get := func(path ...any) policy.Value { return policy.AtValue(item, path...) }
		rules = append(rules, netReadSG(get, netSGInline, dir+"["+strconv.Itoa(i)+"]"))
	}
	return rules, true
}

// netACLEntry is one network ACL rule as the rules read it.
type netACLEntry struct {
	// where names the entry in messages ("ingress[0]", "rule").
	where  string
	egress bool
	// action is "allow", "deny" or "" when computed.
	action string
	// proto is the normalised protocol (see netProto); protoUnknown is true when it is computed.
	proto        semantic.Protocol
	protoUnknown bool
	// order is the rule number (ruleNo inline, ruleNumber on a NetworkAclRule); from and to the ports.
	order, from, to int
	// cidr is the IPv4 or IPv6 CIDR, "" when computed or absent.
	cidr string
	// unknown names the first computed input that decides where the entry applies (action, CIDR,
	// direction), or "".
	unknown string
}

// netInlineACL reads a NetworkAcl's (or DefaultNetworkAcl's) inline entries of one direction. known is
// false when the whole list is computed.
func netInlineACL(r *policy.Resource, dir string) (entries []netACLEntry, known bool) {
	items, k := policy.List(r.Get(dir))
	if k == policy.Unknown {
		return nil, false
	}
	for i := range items {
		get := func(path ...any) policy.Value { return r.Get(append([]any{dir, i}, path...)...) }
		entries = append(entries, netReadACL(get, "action", "ruleNo", fmt.Sprintf("%s[%d]", dir, i), dir == "egress"))
	}
	return entries, true
}

// netACLRule reads an aws:ec2/networkAclRule:NetworkAclRule (egress defaults to false).
func netACLRule(r *policy.Resource) netACLEntry {
	egress, k := policy.Bool(r.Get("egress"))
	e := netReadACL(r.Get, "ruleAction", "ruleNumber", "rule", egress)
	if k == policy.Unknown && e.unknown == "" {
		e.unknown = "egress"
	}
	return e
}

func netReadACL(get func(path ...any) policy.Value, actionField, orderField, where string, egress bool) netACLEntry {
	e := netACLEntry{where: where, egress: egress}
	action, k := policy.Str(get(actionField))
	if k == policy.Unknown {
		e.unknown = actionField
	}
	e.action = strings.ToLower(strings.TrimSpace(action))
	proto, k := policy.Str(get("protocol"))
	e.protoUnknown = k == policy.Unknown
	e.proto = netProto(proto)
	e.order, _ = netInt(get(orderField))
	e.from, _ = netInt(get("fromPort"))
	e.to, _ = netInt(get("toPort"))
	for _, name := range []string{"cidrBlock", "ipv6CidrBlock"} {
		s, k := policy.Str(get(name))
		switch {
		case k == policy.Unknown && e.unknown == "":
			e.unknown = name
		case k == policy.Present && s != "" && e.cidr == "":
			e.cidr = s
		}
	}
	return e
}

// netRoute is one VPC route as the rules read it.
type netRoute struct {
	// dest is the destination CIDR or prefix list ID as written.
	dest string
	// prefix is the parsed destination CIDR (invalid for a prefix list).
	prefix     netip.Prefix
	prefixList bool
	// kind is the target's kind: internet-gateway, egress-only-internet-gateway, nat-gateway,
	// carrier-gateway, vpn-gateway, vpc-peering, local-gateway, core-network, transit-gateway,
	// vpc-endpoint, network-interface, instance or local.
	kind string
	// destUnknown says why the destination cannot be read, or "".
	destUnknown string
	// targetUnknown says why the target cannot be identified, or "".
	targetUnknown string
}

// unknown says why the route cannot be decided, or "".
func (rt netRoute) unknown() string {
	if rt.destUnknown != "" {
		return rt.destUnknown
	}
	return rt.targetUnknown
}

// netRouteTargets are the route inputs that name a target, with the target's kind ("" for gatewayId,
// whose kind depends on the gateway).
var netRouteTargets = []struct{ field, kind string }{
	{"gatewayId", ""},
	{"natGatewayId", "nat-gateway"},
	{"egressOnlyGatewayId", "egress-only-internet-gateway"},
	{"carrierGatewayId", "carrier-gateway"},
	{"transitGatewayId", "transit-gateway"},
	{"vpcPeeringConnectionId", "vpc-peering"},
	{"vpcEndpointId", "vpc-endpoint"},
	{"networkInterfaceId", "network-interface"},
	{"instanceId", "instance"},
	{"localGatewayId", "local-gateway"},
	{"coreNetworkArn", "core-network"},
}

// netReach is what a route target always leads to, for targets Bronze may never route to.
var netReach = map[string]string{
	"internet-gateway":             "internet",
	"egress-only-internet-gateway": "internet",
	"nat-gateway":                  "internet",
	"carrier-gateway":              "internet",
	"vpn-gateway":                  "VPN, bypassing the transit gateway",
	"vpc-peering":                  "another VPC, bypassing the transit gateway",
	"local-gateway":                "an Outpost's local network",
	"core-network":                 "Cloud WAN, bypassing the transit gateway",
}

// netGatewayKinds maps the resource types a gatewayId may point at to the target's kind.
var netGatewayKinds = map[string]string{
	typeEC2InternetGateway: "internet-gateway",
	typeEC2VpnGateway:      "vpn-gateway",
	typeEC2VpcEndpoint:     "vpc-endpoint",
}

// netReadRoute reads one route through get. depsProp is the top-level input whose property dependencies
// show where a computed gatewayId came from ("gatewayId" for a Route, "routes" for inline routes).
func netReadRoute(get func(path ...any) policy.Value, r *policy.Resource, rs []*policy.Resource,
	cidr4, cidr6, depsProp string,
) netRoute {
	var rt netRoute
	anyUnknown := false
	for _, name := range []string{cidr4, cidr6, "destinationPrefixListId"} {
		s, k := policy.Str(get(name))
		if k == policy.Unknown {
			anyUnknown = true
		}
		if k != policy.Present || s == "" || rt.dest != "" {
			continue
		}
		rt.dest = s
		if name == "destinationPrefixListId" {
			rt.prefixList = true
		} else if p, ok := netParsePrefix(s); ok {
			rt.prefix = p
		}
	}
	switch {
	case rt.dest == "" && anyUnknown:
		rt.destUnknown = "its destination is computed"
	case rt.dest == "":
		rt.destUnknown = "it has no destination"
	case !rt.prefixList && !rt.prefix.IsValid():
		rt.destUnknown = fmt.Sprintf("destination %q is not a CIDR", rt.dest)
	}
	for _, t := range netRouteTargets {
		s, k := policy.Str(get(t.field))
		if k == policy.Absent || (k == policy.Present && s == "") {
			continue
		}
		if t.kind != "" {
			rt.kind = t.kind
			return rt
		}
		rt.kind = netGatewayKind(s, k, r, rs, depsProp)
		if rt.kind == "" {
			if k == policy.Unknown {
				rt.targetUnknown = "its gatewayId is computed and its gateway cannot be identified"
			} else {
				rt.targetUnknown = fmt.Sprintf("gatewayId %q is not a gateway this stack knows", s)
			}
		}
		return rt
	}
	rt.targetUnknown = "it has no target"
	return rt
}

// netGatewayKind identifies the gateway a gatewayId names: "local", by the ID of a gateway in the stack,
// by the ID's prefix (igw-, vgw-, vpce-), or, when computed, by the one kind of gateway its property
// dependencies lead to. It returns "" when the gateway cannot be identified.
func netGatewayKind(id string, k policy.Known, r *policy.Resource, rs []*policy.Resource, depsProp string) string {
	if k == policy.Present {
		if id == "local" {
			return "local"
		}
		for _, x := range rs {
			if x != nil && x.ID != "" && x.ID == id {
				if kind, ok := netGatewayKinds[x.Type]; ok {
					return kind
				}
			}
		}
		for prefix, kind := range map[string]string{"igw-": "internet-gateway", "vgw-": "vpn-gateway", "vpce-": "vpc-endpoint"} {
			if strings.HasPrefix(id, prefix) {
				return kind
			}
		}
		return ""
	}
	var kinds []string
	for _, urn := range r.PropertyDependencies[depsProp] {
		for _, x := range rs {
			if x == nil || x.URN != urn {
				continue
			}
			if kind, ok := netGatewayKinds[x.Type]; ok && !slices.Contains(kinds, kind) {
				kinds = append(kinds, kind)
			}
		}
	}
	if len(kinds) == 1 {
		return kinds[0]
	}
	return ""
}

// netRoutesOf reads the routes of a VPC route table (inline routes[] of a RouteTable or
// DefaultRouteTable) or of an aws:ec2/route:Route. where names each route in messages. known is false
// when a route table's whole routes list is computed.
func netRoutesOf(r *policy.Resource, rs []*policy.Resource) (routes []netRoute, where []string, known bool) {
	if r.Type == typeEC2Route {
		rt := netReadRoute(r.Get, r, rs, "destinationCidrBlock", "destinationIpv6CidrBlock", "gatewayId")
		return []netRoute{rt}, []string{"route"}, true
	}
	items, k := policy.List(r.Get("routes"))
	if k == policy.Unknown {
		return nil, nil, false
	}
	for i := range items {
		get := func(path ...any) policy.Value { return r.Get(append([]any{"routes", i}, path...)...) }
		routes = append(routes, netReadRoute(get, r, rs, "cidrBlock", "ipv6CidrBlock", "routes"))
		where = append(where, fmt.Sprintf("routes[%d]", i))
	}
	return routes, where, true
}

// netJudgeBronzeRoute decides one Bronze VPC route. path is the path it opens ("" when none), in the form
// "<destination> -> <target> (<reach>)" for targets Bronze may never use, or "<destination> (<zone>) ->
// <target>" for a destination outside Bronze and its declared flows. unknown says why the route cannot be
// decided ("" when it can).
func netJudgeBronzeRoute(n *policy.Network, rt netRoute) (path, unknown string) {
	if rt.kind == "local" {
		return "", ""
	}
	if reach, ok := netReach[rt.kind]; ok {
		dest := rt.dest
		if dest == "" {
			dest = "an unknown destination"
		}
		return fmt.Sprintf("%s -> %s (%s)", dest, rt.kind, reach), ""
	}
	if why := rt.unknown(); why != "" {
		return "", why
	}
	if rt.prefixList {
		if rt.kind == "vpc-endpoint" {
			return "", ""
		}
		return fmt.Sprintf("prefix list %s -> %s (a prefix list cannot be shown to hold only declared ranges)", rt.dest, rt.kind), ""
	}
	if netBronzeMayReach(n, rt.prefix) {
		return "", ""
	}
	return fmt.Sprintf("%s (%s) -> %s", rt.dest, netZone(n, rt.prefix, "default route"), rt.kind), ""
}

// netJoin joins message parts with "; ".
func netJoin(parts []string) string { return strings.Join(parts, "; ") }

// netPlural returns "1 route" or "2 routes".
func netPlural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// netBronzeScope decides whether a Bronze-only resource rule can judge r: the foundation holds no Bronze
// VPC resources (its Bronze transit gateway route table is PCLZ-AWS-NET-013's), and a stack whose tier is
// not known is judged only when the resource itself is tagged Tier=Bronze. ok is false with the result to
// return otherwise.
func netBronzeScope(ctx *policy.Context, r *policy.Resource, required string) (res policy.Result, ok bool) {
	switch {
	case netStackRole(ctx) == netRoleFoundation:
		return policy.NotApplicable("foundation stack; bronze's VPC resources live in the bronze tier stack"), false
	case tier.IsIsolated(ctx.Tier):
		return policy.Result{}, true
	case ctx.Tier != "":
		return policy.NotApplicable("rule applies to bronze, not %s", ctx.Tier), false
	}
	if v, k := netTag(r, "Tier"); k == policy.Present {
		if t, err := tier.Parse(v); err == nil && tier.IsIsolated(t) {
			return policy.Result{}, true
		}
	}
	return policy.Undecided("the stack's tier is not known; %s", required), false
}

// netNoNetwork is the unknown result of a rule that needs the landing zone's address plan.
func netNoNetwork(required string) policy.Result {
	return policy.Undecided("the landing zone's address plan and declared flows are not known; %s", required)
}

// netInt reads a whole number like policy.Int, but reports a computed value as Unknown: policy.Num
// currently folds Unknown into Absent (min(k, Absent)), which would let a computed number pass as unset.
func netInt(v policy.Value) (int, policy.Known) {
	if v.IsComputed() {
		return 0, policy.Unknown
	}
	return policy.Int(v)
}

// netSGRulesOf reads the rules in one direction ("ingress" or "egress") of a security group (inline), an
// aws:ec2/securityGroupRule or an aws:vpc/securityGroup{Ingress,Egress}Rule, with the field names its
// type uses. When they cannot be read (a computed list or rule type) or the resource is a rule of the
// other direction, ok is false and res is the finding to report; required completes its message.
func netSGRulesOf(r *policy.Resource, dir, required string) (rules []netSGRule, fields netSGFields, res policy.Result, ok bool) {
	switch r.Type {
	case typeEC2SecurityGroup:
		rs, known := netInlineSGRules(r, dir)
		if !known {
			return nil, netSGInline, policy.Undecided("%s is computed; %s", dir, required), false
		}
		return rs, netSGInline, policy.Result{}, true
	case typeEC2SecurityGroupRule:
		typ, k := policy.Str(r.Get("type"))
		switch {
		case k == policy.Unknown:
			return nil, netSGInline, policy.Undecided("type is computed; %s", required), false
		case typ != dir:
			return nil, netSGInline, policy.NotApplicable("%q rule; this rule checks %s rules", typ, dir), false
		}
		return []netSGRule{netReadSG(r.Get, netSGInline, dir)}, netSGInline, policy.Result{}, true
	}
	return []netSGRule{netReadSG(r.Get, netSGVPCRule, dir)}, netSGVPCRule, policy.Result{}, true
}

// sources returns the addresses a security group rule admits (or sends to): its CIDRs and prefix lists,
// computed when any of them is.
func (r netSGRule) sources(f netSGFields) semantic.AddrSet {
	s := semantic.ParseAddrs(append(slices.Clone(r.cidrs), r.prefixLists...)...)
	if r.cidrsUnknown(f) {
		s.AddComputed()
	}
	return s
}

// entry reads the rule as a filter entry. A computed protocol or port counts as all of them, so that
// the rule's sources are never left out of a union they may belong to.
func (r netSGRule) entry(f netSGFields) semantic.Entry {
	proto, ports := r.proto, semantic.FromTo(r.proto, r.from, r.to)
	if slices.ContainsFunc(r.unknown, func(s string) bool { return s == f.proto || s == "fromPort" || s == "toPort" }) {
		proto, ports = semantic.ProtoAll, semantic.AllPorts
	}
	return semantic.Entry{Proto: proto, Ports: semantic.PortSet{ports}, Sources: r.sources(f)}
}

// netFrom describes where an exposed entry admits traffic from: its one member that is anywhere by
// itself ("0.0.0.0/0"), or its members with the entries that complete them and why ("0.0.0.0/1, with
// ingress[1] (together they cover every public IPv4 address)").
func netFrom(members []string, x semantic.Exposure, name func(int) string) string {
	for _, m := range members {
		if semantic.IsAnywhere(m) {
			return m
		}
	}
	out := strings.Join(members, ", ")
	if out == "" {
		out = "no listed range"
	}
	if len(x.With) > 0 {
		var with []string
		for _, j := range x.With {
			with = append(with, name(j))
		}
		out += ", with " + strings.Join(with, ", ")
	}
	return fmt.Sprintf("%s (%s)", out, x.Why)
}

// netReads concatenates property reference lists, for Meta.Reads.
func netReads(lists ...[]policy.PropertyRef) []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// netReadsSG lists what a rule reads of security group rules in one direction ("ingress" or "egress"):
// inline entries of a SecurityGroup (and DefaultSecurityGroup when withDefault), ec2 SecurityGroupRule
// and the vpc rule type of that direction.
func netReadsSG(dir string, withDefault bool) []policy.PropertyRef {
	inline := func(typ string) []policy.PropertyRef {
		return policy.Reads(typ, dir, dir+".protocol", dir+".fromPort", dir+".toPort", dir+".cidrBlocks",
			dir+".ipv6CidrBlocks", dir+".prefixListIds")
	}
	vpcType := typeVPCSecurityGroupIngressRule
	if dir == "egress" {
		vpcType = typeVPCSecurityGroupEgressRule
	}
	out := netReads(inline(typeEC2SecurityGroup),
		policy.Reads(typeEC2SecurityGroupRule, "type", "protocol", "fromPort", "toPort", "cidrBlocks", "ipv6CidrBlocks", "prefixListIds"),
		policy.Reads(vpcType, "ipProtocol", "fromPort", "toPort", "cidrIpv4", "cidrIpv6", "prefixListId"))
	if withDefault {
		out = append(out, inline(typeEC2DefaultSecurityGroup)...)
	}
	return out
}

// netReadsACL lists what a rule reads of network ACL entries in the given directions.
func netReadsACL(dirs ...string) []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, typ := range []string{typeEC2NetworkACL, typeEC2DefaultNetworkACL} {
		for _, dir := range dirs {
			out = append(out, policy.Reads(typ, dir, dir+".action", dir+".ruleNo", dir+".protocol", dir+".fromPort",
				dir+".toPort", dir+".cidrBlock", dir+".ipv6CidrBlock")...)
		}
	}
	return append(out, policy.Reads(typeEC2NetworkACLRule, "egress", "ruleAction", "ruleNumber", "protocol", "fromPort",
		"toPort", "cidrBlock", "ipv6CidrBlock")...)
}

// netReadsRoutes lists what a rule reads of VPC routes: inline routes of route tables and Route resources,
// destinations and every target.
func netReadsRoutes() []policy.PropertyRef {
	var inline, route []string
	inline = append(inline, "routes", "routes.cidrBlock", "routes.ipv6CidrBlock", "routes.destinationPrefixListId")
	route = append(route, "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId")
	for _, t := range netRouteTargets {
		inline = append(inline, "routes."+t.field)
		if t.field != "instanceId" { // an output of aws:ec2/route:Route in v6, not an input
			route = append(route, t.field)
		}
	}
	return netReads(policy.Reads(typeEC2RouteTable, inline...), policy.Reads(typeEC2DefaultRouteTable, inline...),
		policy.Reads(typeEC2Route, route...))
}

// netPrefixListEntries returns the CIDRs of managed prefix list id when the stack holds the list with all
// its entries (inline entries[].cidr and aws:ec2/managedPrefixListEntry resources); ok is false when the
// list is not in the stack or an entry is computed, so the list stays undecidable.
func netPrefixListEntries(rs []*policy.Resource, id string) (cidrs []string, ok bool) {
	for _, pl := range netOfType(rs, typeEC2ManagedPrefixList) {
		if pl.ID == "" || !strings.EqualFold(pl.ID, id) {
			continue
		}
		items, k := policy.List(pl.Get("entries"))
		if k == policy.Unknown {
			return nil, false
		}
		for i := range items {
			c, ck := policy.Str(pl.Get("entries", i, "cidr"))
			if ck != policy.Present {
				return nil, false
			}
			cidrs = append(cidrs, c)
		}
		if len(netUnlinked(rs, typeEC2ManagedPrefixListEntry, "prefixListId")) > 0 {
			return nil, false
		}
		for _, e := range policy.Referrers(rs, typeEC2ManagedPrefixListEntry, "prefixListId", pl) {
			c, ck := policy.Str(e.Get("cidr"))
			if ck != policy.Present {
				return nil, false
			}
			cidrs = append(cidrs, c)
		}
		return cidrs, true
	}
	return nil, false
}

// netResolvePrefixLists replaces the prefix lists of a security group rule that the stack holds with
// their entries (see netPrefixListEntries).
func netResolvePrefixLists(rs []*policy.Resource, rule netSGRule) netSGRule {
	var keep []string
	for _, pl := range rule.prefixLists {
		if cidrs, ok := netPrefixListEntries(rs, pl); ok {
			rule.cidrs = append(slices.Clone(rule.cidrs), cidrs...)
			continue
		}
		keep = append(keep, pl)
	}
	rule.prefixLists = keep
	return rule
}

// netReadsOnly keeps the references to typ's properties (and to the standalone rule resources, which are
// not NetworkAcl-like types).
func netReadsOnly(typ string, refs []policy.PropertyRef) []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, r := range refs {
		if r.Type == typ || r.Type == typeEC2NetworkACLRule {
			out = append(out, r)
		}
	}
	return out
}
