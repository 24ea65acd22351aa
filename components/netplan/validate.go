package netplan

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// MaxIsolatedPortSpan is the widest port range a flow to or from an isolated tier may name. Bronze may only
// have explicit flows: a flow touching it lists the ports the system needs, not "everything above 1024".
const MaxIsolatedPortSpan = 1024

// Validate checks a plan, the external ranges around it and the declared flows, and returns every problem
// found (nil when there is none), in a stable order: plan, externals, flows. Each error is one line that
// names the thing, the bad value and what is allowed.
//
// It checks that external ranges are named uniquely (ignoring case) with names that are not a tier name or
// "internet", have a known kind, are masked IPv4 prefixes and overlap neither the supernet nor each other;
// that the plan's ranges and subnets lie inside the supernet, their ranges and their role blocks and
// overlap nothing else (a defensive check of Allocate); and that every flow joins two different, known
// endpoints at least one of which is a tier, never starts at the internet, has a protocol with the ports
// it needs, a reason, and respects the profile of every tier it touches (internet egress, PSN access,
// isolation: see MaxIsolatedPortSpan).
func Validate(plan Plan, externals []External, flows []Flow) []error {
	var errs []error
	errs = append(errs, validatePlan(plan)...)
	errs = append(errs, validateExternals(plan, externals)...)
	errs = append(errs, validateFlows(plan, externals, flows)...)
	return errs
}

// within reports whether inner lies entirely inside outer.
func within(inner, outer netip.Prefix) bool {
	return inner.IsValid() && outer.IsValid() && outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

func validatePlan(plan Plan) []error {
	var errs []error
	supernetOK := true
	if err := CheckSupernet(plan.Supernet); err != nil {
		errs = append(errs, fmt.Errorf("plan: %w", err))
		supernetOK = plan.Supernet.IsValid() && plan.Supernet.Addr().Is4()
	}
	ranges := plan.Ranges()
	seenTier := map[tier.Tier]bool{}
	for i, r := range ranges {
		name := r.Name
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		if i > 0 {
			switch {
			case !r.Tier.Valid():
				errs = append(errs, fmt.Errorf("plan: range %s has unknown tier %q: allowed are %s", name, r.Tier, strings.Join(tier.Names(), ", ")))
			case seenTier[r.Tier]:
				errs = append(errs, fmt.Errorf("plan: tier %s has more than one range: each tier has exactly one", r.Tier))
			}
			seenTier[r.Tier] = true
		}
		if !r.CIDR.IsValid() {
			errs = append(errs, fmt.Errorf("plan: range %s has no CIDR", name))
			continue
		}
		if supernetOK && !within(r.CIDR, plan.Supernet) {
			errs = append(errs, fmt.Errorf("plan: range %s (%s) lies outside the supernet %s", name, r.CIDR, plan.Supernet))
		}
		for _, o := range ranges[i+1:] {
			if Overlaps(r.CIDR, o.CIDR) {
				errs = append(errs, fmt.Errorf("plan: ranges %s (%s) and %s (%s) overlap", name, r.CIDR, o.Name, o.CIDR))
			}
		}
	}

	type placed struct {
		label string
		cidr  netip.Prefix
	}
	var all []placed
	for _, r := range ranges {
		for _, s := range r.Subnets {
			label := fmt.Sprintf("subnet %s %s AZ %d (%s)", r.Name, s.Role, s.AZ, s.CIDR)
			switch block, hasBlock := r.Blocks[s.Role]; {
			case !s.CIDR.IsValid() || !s.CIDR.Addr().Is4():
				errs = append(errs, fmt.Errorf("plan: %s is not an IPv4 prefix", label))
				continue
			case r.CIDR.IsValid() && !within(s.CIDR, r.CIDR):
				errs = append(errs, fmt.Errorf("plan: %s lies outside range %s (%s)", label, r.Name, r.CIDR))
			case hasBlock && !within(s.CIDR, block):
				errs = append(errs, fmt.Errorf("plan: %s lies outside the %s %s block (%s)", label, r.Name, s.Role, block))
			case Overlaps(s.CIDR, r.Reserved):
				errs = append(errs, fmt.Errorf("plan: %s overlaps the reserved block of range %s (%s)", label, r.Name, r.Reserved))
			}
			for _, o := range all {
				if Overlaps(s.CIDR, o.cidr) {
					errs = append(errs, fmt.Errorf("plan: %s and %s overlap", o.label, label))
				}
			}
			all = append(all, placed{label, s.CIDR})
		}
	}
	return errs
}

// reservedEndpointName reports whether name is taken by flow syntax (a tier name or "internet").
func reservedEndpointName(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	if _, err := tier.Parse(n); err == nil {
		return true
	}
	return n == InternetName
}

func validateExternals(plan Plan, externals []External) []error {
	var errs []error
	supernetOK := CheckSupernet(plan.Supernet) == nil
	firstByName := map[string]int{}
	usable := make([]bool, len(externals))
	label := func(i int) string {
		if n := strings.TrimSpace(externals[i].Name); n != "" {
			return fmt.Sprintf("external %q", externals[i].Name)
		}
		return fmt.Sprintf("external %d", i+1)
	}
	for i, x := range externals {
		l := label(i)
		key := strings.ToLower(strings.TrimSpace(x.Name))
		switch {
		case key == "":
			errs = append(errs, fmt.Errorf("%s: name is empty: every external range needs a unique name that flows refer to", l))
		case reservedEndpointName(key):
			errs = append(errs, fmt.Errorf("%s: name is reserved: external names must not be a tier name (%s) or %q",
				l, strings.Join(tier.Names(), ", "), InternetName))
		default:
			if j, dup := firstByName[key]; dup {
				errs = append(errs, fmt.Errorf("%s: name is used by externals %d and %d: names must be unique, ignoring case", l, j+1, i+1))
			} else {
				firstByName[key] = i
			}
		}
		if _, err := ParseExternalKind(string(x.Kind)); err != nil || x.Kind != ExternalKind(strings.ToLower(string(x.Kind))) {
			errs = append(errs, fmt.Errorf("%s: kind %q is not allowed: allowed are %s", l, x.Kind, joinStrings(externalKinds)))
		}
		switch {
		case !x.CIDR.IsValid():
			errs = append(errs, fmt.Errorf("%s: CIDR is missing: an IPv4 prefix such as 10.0.0.0/8 is required", l))
		case !x.CIDR.Addr().Is4():
			errs = append(errs, fmt.Errorf("%s: CIDR %s is not IPv4: only IPv4 prefixes are allowed", l, x.CIDR))
		case x.CIDR.Masked() != x.CIDR:
			errs = append(errs, fmt.Errorf("%s: CIDR %s has host bits set: use the masked form %s", l, x.CIDR, x.CIDR.Masked()))
		default:
			usable[i] = true
			if supernetOK && Overlaps(x.CIDR, plan.Supernet) {
				errs = append(errs, fmt.Errorf("%s: CIDR %s overlaps the landing zone supernet %s: external ranges must lie outside it",
					l, x.CIDR, plan.Supernet))
			}
		}
	}
	for i := range externals {
		for j := i + 1; j < len(externals); j++ {
			if usable[i] && usable[j] && Overlaps(externals[i].CIDR, externals[j].CIDR) {
				errs = append(errs, fmt.Errorf("%s (%s) overlaps %s (%s): external ranges must not overlap each other",
					label(i), externals[i].CIDR, label(j), externals[j].CIDR))
			}
		}
	}
	return errs
}

// end is a resolved flow endpoint.
type end struct {
	ok      bool
	profile tier.Profile // set when the endpoint is a tier
	isTier  bool
	ext     External // set when the endpoint is an external
}

func resolveEnd(plan Plan, externals []External, e Endpoint) (end, error) {
	switch e.Kind {
	case EndpointTier:
		p, err := tier.ProfileFor(e.Tier)
		if err != nil {
			return end{}, fmt.Errorf("unknown tier %q: allowed are %s", e.Tier, strings.Join(tier.Names(), ", "))
		}
		if _, ok := plan.TierRange(e.Tier); !ok {
			return end{}, fmt.Errorf("tier %s has no range in the address plan", e.Tier)
		}
		return end{ok: true, isTier: true, profile: p}, nil
	case EndpointExternal:
		x, ok := findExternal(e.Name, externals)
		if !ok {
			return end{}, fmt.Errorf("external range %q is not declared: declared externals are %s", e.Name, externalNames(externals))
		}
		return end{ok: true, ext: x}, nil
	case EndpointInternet:
		return end{ok: true}, nil
	}
	return end{}, fmt.Errorf("endpoint kind %q is not allowed: allowed are %s, %s, %s", e.Kind, EndpointTier, EndpointExternal, EndpointInternet)
}

// sameEndpoint reports whether two endpoints name the same thing.
func sameEndpoint(a, b Endpoint) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case EndpointTier:
		return a.Tier == b.Tier
	case EndpointExternal:
		return strings.EqualFold(strings.TrimSpace(a.Name), strings.TrimSpace(b.Name))
	}
	return true
}

// allowedPeers describes, from a tier's profile, what its flows may reach (dest) or come from.
func allowedPeers(p tier.Profile, dest bool) string {
	parts := []string{"other tiers"}
	if p.PSNAccess {
		parts = append(parts, "external ranges")
	} else {
		parts = append(parts, "non-PSN external ranges")
	}
	if dest && p.InternetEgress != tier.EgressNone {
		parts = append(parts, "the internet")
	}
	list := strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	if dest {
		return fmt.Sprintf("allowed destinations for %s are %s, as explicit flows", p.Tier, list)
	}
	return fmt.Sprintf("allowed sources for %s are %s, as explicit flows", p.Tier, list)
}

func validateFlows(plan Plan, externals []External, flows []Flow) []error {
	var errs []error
	for i, f := range flows {
		l := fmt.Sprintf("flow %d (%s)", i+1, f)
		add := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s: "+format, append([]any{l}, args...)...))
		}

		from, errFrom := resolveEnd(plan, externals, f.From)
		if errFrom != nil {
			add("from: %v", errFrom)
		}
		to, errTo := resolveEnd(plan, externals, f.To)
		if errTo != nil {
			add("to: %v", errTo)
		}
		if f.From.Kind == EndpointInternet {
			add("inbound flows from the internet are not allowed: the internet may only be a destination, through the hub firewall")
		}
		if from.ok && to.ok {
			switch {
			case sameEndpoint(f.From, f.To):
				add("from and to are both %s: a flow must join two different endpoints", f.From)
			case !from.isTier && !to.isTier && f.From.Kind != EndpointInternet:
				add("neither end is a tier: at least one end of a flow must be a tier of this landing zone")
			}
		}

		errs = append(errs, checkProtocolPorts(l, f)...)
		if strings.TrimSpace(f.Reason) == "" {
			add("reason is required: say why the connection is needed (reviewers read it)")
		}

		// The tier matrix, read from each tier end's profile.
		if from.isTier {
			p := from.profile
			if f.To.Kind == EndpointInternet && to.ok && p.InternetEgress == tier.EgressNone {
				add("tier %s has no internet egress; %s", p.Tier, allowedPeers(p, true))
			}
			if to.ok && f.To.Kind == EndpointExternal && to.ext.Kind == ExternalPSN && !p.PSNAccess {
				add("tier %s has no PSN access; %s", p.Tier, allowedPeers(p, true))
			}
		}
		if to.isTier {
			p := to.profile
			if from.ok && f.From.Kind == EndpointExternal && from.ext.Kind == ExternalPSN && !p.PSNAccess {
				add("tier %s has no PSN access; %s", p.Tier, allowedPeers(p, false))
			}
		}
		var isolated []tier.Tier
		for _, e := range []end{from, to} {
			if e.isTier && e.profile.Isolated && !slices.Contains(isolated, e.profile.Tier) {
				isolated = append(isolated, e.profile.Tier)
			}
		}
		if len(isolated) > 0 && (f.Protocol == ProtocolTCP || f.Protocol == ProtocolUDP) {
			for _, r := range f.Ports {
				if r.Width() > MaxIsolatedPortSpan {
					add("port range %s spans %d ports: flows to or from isolated tier %s may span at most %d ports per range; name the ports explicitly",
						r, r.Width(), isolated[0], MaxIsolatedPortSpan)
				}
			}
		}
	}
	return errs
}

func checkProtocolPorts(label string, f Flow) []error {
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{label}, args...)...))
	}
	switch f.Protocol {
	case ProtocolTCP, ProtocolUDP:
		if len(f.Ports) == 0 {
			add("protocol %s needs at least one destination port or port range, such as 443 or 8000-8080", f.Protocol)
		}
		for j, r := range f.Ports {
			if r.From == 0 || r.From > r.To {
				add("port range %s is invalid: ports are 1 to 65535 and a range's start is not above its end", r)
				continue
			}
			for _, o := range f.Ports[:j] {
				if o.From != 0 && o.From <= o.To && r.From <= o.To && o.From <= r.To {
					add("port ranges %s and %s overlap: list each port once", o, r)
				}
			}
		}
	case ProtocolICMP:
		if len(f.Ports) > 0 {
			add("protocol icmp takes no ports, got %s", FormatPorts(f.Ports))
		}
	case "":
		add("protocol is missing: allowed are %s", joinStrings(protocols))
	default:
		add("protocol %q is not allowed: allowed are %s", f.Protocol, joinStrings(protocols))
	}
	return errs
}
