package azure

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-011",
		Title: "Bronze NSGs deny Platinum and Gold except declared flows",
		Description: "Azure's default rules AllowVnetInBound/AllowVnetOutBound (priority 65000) admit the " +
			"VirtualNetwork tag, which includes every range a user-defined route names, so a Bronze route " +
			"towards a Gold flow would open all of Gold. Every Bronze NSG (inline `securityRules[]` plus the " +
			"azure-native:network:SecurityRule resources naming it) must hold, for the Platinum range and for " +
			"the Gold range, an Inbound Deny rule whose source covers the range and an Outbound Deny rule whose " +
			"destination covers it (protocol `*`, destination ports `*`), and each Deny must have a lower " +
			"priority number than every Allow that matches the range without being covered by a declared flow.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"3"},
		Tiers:         tier.IsolatedTiers(),
		ResourceTypes: []string{typeNSG, typeSecurityRule},
		Reads:         append(policy.Reads(typeNSG, "securityRules", "securityRules.direction", "securityRules.access", "securityRules.priority", "securityRules.protocol", "securityRules.sourceAddressPrefix", "securityRules.sourceAddressPrefixes", "securityRules.destinationPortRange", "securityRules.destinationPortRanges", "securityRules.destinationAddressPrefix", "securityRules.destinationAddressPrefixes", "securityRules.networkSecurityGroupName"), policy.Reads(typeSecurityRule, "direction", "access", "priority", "protocol", "sourceAddressPrefix", "sourceAddressPrefixes", "destinationPortRange", "destinationPortRanges", "destinationAddressPrefix", "destinationAddressPrefixes", "networkSecurityGroupName")...),
		Remediation: "Add to every Bronze NSG `{direction: Inbound, access: Deny, protocol: \"*\", " +
			"sourceAddressPrefixes: [<Platinum range>, <Gold range>], destinationAddressPrefix: \"*\", " +
			"destinationPortRange: \"*\", priority: 4000}` and the Outbound twin (destinationAddressPrefixes), and " +
			"allow Platinum or Gold only by rules with lower priority numbers that match a declared flow exactly " +
			"(its source range, destination range, protocol and ports).",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		claimed := map[*policy.Resource]bool{}
		for _, nsg := range ofType(rs, typeNSG) {
			res, members := checkBronzeNSG(ctx, nsg, rs)
			for _, m := range members {
				claimed[m] = true
			}
			out = append(out, withURN(res, nsg))
		}
		for _, r := range ofType(rs, typeSecurityRule) {
			if !claimed[r] {
				res := policy.Undecided("security rule %q belongs to an NSG outside this stack, so the NSG's denies cannot be checked", nameOf(r))
				if stop, done := bronzeUnknown(ctx, r); done {
					res = stop
				}
				out = append(out, withURN(res, r))
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no network security groups in this stack")}
		}
		return out
	},
})

// checkBronzeNSG decides one NSG and returns the SecurityRule resources that belong to it.
func checkBronzeNSG(ctx *policy.Context, nsg *policy.Resource, rs []*policy.Resource) (policy.Result, []*policy.Resource) {
	if res, stop := bronzeUnknown(ctx, nsg); stop {
		return res, nil
	}
	var members []*policy.Resource
	for _, r := range ofType(rs, typeSecurityRule) {
		if refersByName(r, "networkSecurityGroupName", nsg, "networkSecurityGroupName") {
			members = append(members, r)
		}
	}
	// Outbound to the internet needs no address plan to judge: an isolated tier has no internet access.
	if rules, res := readNSGRules(nsg, members); res.Status == "" {
		if r := outboundToInternet(rules); r != nil {
			return policy.Fail("NSG %q rule %q (priority %d) allows outbound traffic to %s, the internet; Bronze has no internet access",
				nameOf(nsg), r.Name, r.Priority, strings.Join(r.Destination, ", ")), members
		}
	}
	if ctx.Network == nil {
		return policy.Undecided("the network plan is not known, so NSG %q cannot be checked against the Platinum and Gold ranges", nameOf(nsg)), members
	}
	return bronzeNSGVerdict(ctx.Network, nsg, members), members
}

// outboundToInternet returns the first outbound allow rule whose destination covers the internet and that
// no earlier (lower priority number) outbound deny of everything to the internet shadows, or nil.
func outboundToInternet(rules []nsgRule) *nsgRule {
	sorted := slices.Clone(rules)
	slices.SortStableFunc(sorted, func(a, b nsgRule) int { return a.Priority - b.Priority })
	for i := range sorted {
		r := &sorted[i]
		if r.Inbound || !semantic.ParseAddrs(r.Destination...).IsAnywhere() {
			continue
		}
		if !r.Allow {
			if r.Protocol == "*" && allPorts(r.Ports) {
				return nil // everything to the internet is denied before any later allow
			}
			continue
		}
		return r
	}
	return nil
}

// nsgRule is a security rule with its fields read.
type nsgRule struct {
	Name                string
	Priority            int
	Inbound, Allow      bool
	Protocol            string
	Source, Destination []string
	Ports               []string
}

// readNSGRules reads an NSG's inline rules and its SecurityRule resources.
func readNSGRules(nsg *policy.Resource, members []*policy.Resource) ([]nsgRule, policy.Result) {
	raw, res := nsgRules(nsg)
	if res.Status != "" {
		return nil, policy.Undecided("NSG %q's securityRules are computed; it must deny Platinum and Gold", nameOf(nsg))
	}
	for _, m := range members {
		more, _ := nsgRules(m)
		raw = append(raw, more...)
	}
	out := make([]nsgRule, 0, len(raw))
	for _, sr := range raw {
		dir, dk := str(sr.V, "direction")
		access, ak := str(sr.V, "access")
		proto, pk := str(sr.V, "protocol")
		prio, prk := policy.Int(at(sr.V, "priority"))
		src, sk := sources(sr.V, "source")
		dst, tk := sources(sr.V, "destination")
		ports, ok1 := portList(sr.V)
		for _, k := range []policy.Known{dk, ak, pk, prk, sk, tk, ok1} {
			if k == policy.Unknown || sr.V.IsComputed() {
				return nil, policy.Undecided("security rule %q has computed fields; Bronze NSGs must deny Platinum and Gold", sr.Name)
			}
		}
		if prk == policy.Absent {
			return nil, policy.Fail("security rule %q has no priority; every rule needs one to be ordered against the Platinum and Gold denies", sr.Name)
		}
		out = append(out, nsgRule{Name: sr.Name, Priority: prio, Inbound: eqFold(dir, "Inbound"), Allow: eqFold(access, "Allow"),
			Protocol: nsgProtocol(proto), Source: src, Destination: dst, Ports: ports})
	}
	return out, ok
}

// portList reads destinationPortRange and destinationPortRanges.
func portList(v policy.Value) ([]string, policy.Known) {
	var out []string
	one, k1 := str(v, "destinationPortRange")
	if k1 == policy.Unknown {
		return nil, k1
	}
	if k1 == policy.Present && one != "" {
		out = append(out, one)
	}
	many, k2 := policy.Strings(at(v, "destinationPortRanges"))
	if k2 == policy.Unknown {
		return nil, k2
	}
	return append(out, many...), policy.Present
}

// bronzeNSGVerdict checks the denies and earlier allows for Platinum and Gold in both directions.
func bronzeNSGVerdict(n *policy.Network, nsg *policy.Resource, members []*policy.Resource) policy.Result {
	rules, res := readNSGRules(nsg, members)
	if res.Status != "" {
		return res
	}
	bronze, hasBronze := n.RangeCIDR(string(tier.Bronze))
	var labels []string
	for _, t := range []tier.Tier{tier.Platinum, tier.Gold} {
		rng, has := n.RangeCIDR(string(t))
		if !has || !hasBronze {
			return policy.Undecided("the network plan has no %s or Bronze range, so NSG %q cannot be checked", t.Title(), nameOf(nsg))
		}
		labels = append(labels, rangeLabel(string(t), rng))
		for _, inbound := range []bool{true, false} {
			if r := checkTierDirection(n, nsg, rules, t, rng, bronze, inbound); r.Status != "" {
				return r
			}
		}
	}
	return policy.Pass("NSG %q denies %s inbound and outbound; every allow before those denies is a declared flow", nameOf(nsg), strings.Join(labels, " and "))
}

func checkTierDirection(n *policy.Network, nsg *policy.Resource, rules []nsgRule, t tier.Tier, rng, bronze netip.Prefix, inbound bool) policy.Result {
	dir, side := "Outbound", "destination"
	if inbound {
		dir, side = "Inbound", "source"
	}
	far := func(r nsgRule) []string {
		if inbound {
			return r.Source
		}
		return r.Destination
	}
	deny := -1
	for _, r := range rules {
		if r.Inbound != inbound || r.Allow || r.Protocol != string(semantic.ProtoAll) || !allPorts(r.Ports) {
			continue
		}
		for _, s := range far(r) {
			if coversRange(s, rng) && (deny < 0 || r.Priority < deny) {
				deny = r.Priority
			}
		}
	}
	if deny < 0 {
		return policy.Fail("NSG %q has no %s Deny rule whose %s covers the %s range %s for all protocols and ports; Bronze NSGs must deny Platinum and Gold except declared flows",
			nameOf(nsg), dir, side, t.Title(), rng)
	}
	for _, r := range rules {
		if r.Inbound != inbound || !r.Allow || r.Priority >= deny {
			continue
		}
		for _, s := range far(r) {
			if !touchesRange(s, rng) {
				continue
			}
			if !flowCovers(n, r, s, t, rng, bronze, inbound) {
				return policy.Fail("%s Allow rule %q (priority %d) admits %s (%s range %s) before the Deny at priority %d, and no declared flow covers it; narrow it to a declared flow or give the Deny a lower priority number",
					dir, r.Name, r.Priority, s, t.Title(), rng, deny)
			}
		}
	}
	return ok
}

// allPorts reports whether a rule's destination ports, taken together, are every port.
func allPorts(ports []string) bool {
	ps, _ := semantic.ParsePorts(ports...)
	return ps.All()
}

// nsgProtocol normalises an NSG rule's protocol ("*", "Tcp", "6", ...; see semantic.ParseProtocol): "all",
// "tcp", "udp", "icmp", ... An unreadable value is kept in lower case, so that it matches nothing.
func nsgProtocol(s string) string {
	if p, ok := semantic.ParseProtocol(s); ok {
		return string(p)
	}
	return strings.ToLower(strings.TrimSpace(s))
}

// coversRange reports whether an address prefix (or "*"/"Any") covers the whole range.
func coversRange(s string, rng netip.Prefix) bool { return semantic.ParseAddrs(s).Covers(rng) }

// touchesRange reports whether an address prefix may match addresses in the range: a CIDR overlapping
// it, "*", "Any", the VirtualNetwork tag (which includes user-defined routes' ranges) or a member whose
// addresses are not known (see semantic.AddrSet.MayOverlap).
func touchesRange(s string, rng netip.Prefix) bool { return semantic.ParseAddrs(s).MayOverlap(rng) }

// flowCovers reports whether a declared flow covers the allow rule r for its far-side prefix s: every
// near-side prefix, protocol and port range of the rule lies inside one flow between tier t and Bronze.
func flowCovers(n *policy.Network, r nsgRule, s string, t tier.Tier, rng, bronze netip.Prefix, inbound bool) bool {
	farP, parsed := parsePrefix(s)
	if !parsed || !policy.PrefixWithin(farP, rng) {
		return false
	}
	near := r.Destination
	if !inbound {
		near = r.Source
	}
	if r.Protocol != "tcp" && r.Protocol != "udp" && r.Protocol != "icmp" {
		return false
	}
	for _, q := range near {
		nearP, parsed := parsePrefix(q)
		if semantic.IsWildcard(q) || eqFold(q, "VirtualNetwork") {
			nearP, parsed = bronze, true
		}
		if !parsed {
			return false
		}
		ports := r.Ports
		if r.Protocol == "icmp" {
			ports = []string{"0"}
		}
		for _, pr := range ports {
			from, to, pok := portRange(pr)
			if !pok {
				return false
			}
			covered := false
			for _, f := range n.FlowsOf(tier.Bronze) {
				src, dst := farP, nearP
				if !inbound {
					src, dst = nearP, farP
				}
				if f.Outbound != inbound && f.Far.Kind == netplan.EndpointTier && f.Far.Tier == t &&
					n.Covers(f.Flow, src, dst, netplan.Protocol(r.Protocol), from, to) {
					covered = true
					break
				}
			}
			if !covered {
				return false
			}
		}
	}
	return len(near) > 0
}

// portRange reads "443", "1000-2000", "*" or "Any" (see semantic.ParsePortRange).
func portRange(s string) (from, to int, ok bool) {
	r, ok := semantic.ParsePortRange(s)
	return r.From, r.To, ok
}
