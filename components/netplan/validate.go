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

// Validate checks the plan, the external ranges around it and the declared flows, and returns every
// problem found (nil when there is none), in a stable order: plan, externals, flows. Each problem is a
// [FieldError] whose Path is the Go path of the field in the Intent ("Plan.Supernet", "Externals[1].CIDR",
// "Flows[2]", "Flows[2].To"; indices 0-based), whose Value is the bad value and whose text says what is
// allowed.
//
// It checks that external ranges are named uniquely (ignoring case) with names that are not a tier name or
// "internet", have a known kind, are masked IPv4 prefixes and overlap neither the supernet nor each other;
// that the plan's ranges and subnets lie inside the supernet, their ranges and their role blocks and
// overlap nothing else (a defensive check of Allocate); and that every flow joins two different, known
// endpoints at least one of which is a tier, never starts at the internet, has a protocol with the ports
// it needs, a reason, and respects the profile of every tier it touches (internet egress, PSN access,
// isolation: see MaxIsolatedPortSpan).
func (in Intent) Validate() []*FieldError {
	var errs []*FieldError
	errs = append(errs, validatePlan(in.Plan)...)
	errs = append(errs, validateExternals(in.Plan, in.Externals)...)
	errs = append(errs, validateFlows(in, in.Flows)...)
	return errs
}

// within reports whether inner lies entirely inside outer.
func within(inner, outer netip.Prefix) bool {
	return inner.IsValid() && outer.IsValid() && outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

func validatePlan(plan Plan) []*FieldError {
	var errs []*FieldError
	add := func(path, format string, args ...any) {
		errs = append(errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	supernetOK := true
	if err := CheckSupernet(plan.Supernet); err != nil {
		add("Plan.Supernet", "%v", err)
		supernetOK = plan.Supernet.IsValid() && plan.Supernet.Addr().Is4()
	}
	ranges := plan.Ranges()
	seenTier := map[tier.Tier]bool{}
	for i, r := range ranges {
		path := "Plan.Hub"
		if i > 0 {
			path = fmt.Sprintf("Plan.Tiers[%d]", i-1)
		}
		name := r.Name
		if name == "" {
			name = path
		}
		if i > 0 {
			switch {
			case !r.Tier.Valid():
				errs = append(errs, &FieldError{Path: path + ".Tier", Value: string(r.Tier), Msg: "is not a tier", Allowed: strings.Join(tier.Names(), ", ")})
			case seenTier[r.Tier]:
				add(path+".Tier", "tier %s has more than one range: each tier has exactly one", r.Tier)
			}
			seenTier[r.Tier] = true
		}
		if !r.CIDR.IsValid() {
			add(path+".CIDR", "range %s has no CIDR", name)
			continue
		}
		if supernetOK && !within(r.CIDR, plan.Supernet) {
			add(path+".CIDR", "range %s (%s) lies outside the supernet %s", name, r.CIDR, plan.Supernet)
		}
		for _, o := range ranges[i+1:] {
			if Overlaps(r.CIDR, o.CIDR) {
				add(path+".CIDR", "ranges %s (%s) and %s (%s) overlap", name, r.CIDR, o.Name, o.CIDR)
			}
		}
	}

	type placed struct {
		label string
		cidr  netip.Prefix
	}
	var all []placed
	for i, r := range ranges {
		rpath := "Plan.Hub"
		if i > 0 {
			rpath = fmt.Sprintf("Plan.Tiers[%d]", i-1)
		}
		for j, s := range r.Subnets {
			path := fmt.Sprintf("%s.Subnets[%d]", rpath, j)
			label := fmt.Sprintf("subnet %s %s AZ %d (%s)", r.Name, s.Role, s.AZ, s.CIDR)
			switch block, hasBlock := r.Blocks[s.Role]; {
			case !s.CIDR.IsValid() || !s.CIDR.Addr().Is4():
				add(path, "%s is not an IPv4 prefix", label)
				continue
			case r.CIDR.IsValid() && !within(s.CIDR, r.CIDR):
				add(path, "%s lies outside range %s (%s)", label, r.Name, r.CIDR)
			case hasBlock && !within(s.CIDR, block):
				add(path, "%s lies outside the %s %s block (%s)", label, r.Name, s.Role, block)
			case Overlaps(s.CIDR, r.Reserved):
				add(path, "%s overlaps the reserved block of range %s (%s)", label, r.Name, r.Reserved)
			}
			for _, o := range all {
				if Overlaps(s.CIDR, o.cidr) {
					add(path, "%s and %s overlap", o.label, label)
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

func validateExternals(plan Plan, externals []External) []*FieldError {
	var errs []*FieldError
	supernetOK := CheckSupernet(plan.Supernet) == nil
	firstByName := map[string]int{}
	usable := make([]bool, len(externals))
	path := func(i int, field string) string { return fmt.Sprintf("Externals[%d].%s", i, field) }
	label := func(i int) string {
		if n := strings.TrimSpace(externals[i].Name); n != "" {
			return fmt.Sprintf("external %q", externals[i].Name)
		}
		return fmt.Sprintf("Externals[%d]", i)
	}
	for i, x := range externals {
		key := strings.ToLower(strings.TrimSpace(x.Name))
		switch {
		case key == "":
			errs = append(errs, &FieldError{Path: path(i, "Name"), Msg: "is empty", Allowed: "a unique name that flows refer to"})
		case reservedEndpointName(key):
			errs = append(errs, &FieldError{Path: path(i, "Name"), Value: x.Name, Msg: "is reserved for flow endpoints",
				Allowed: fmt.Sprintf("a name that is not a tier name (%s) or %q", strings.Join(tier.Names(), ", "), InternetName)})
		default:
			if j, dup := firstByName[key]; dup {
				errs = append(errs, &FieldError{Path: path(i, "Name"), Value: x.Name, Msg: fmt.Sprintf("is already the name of Externals[%d]", j),
					Allowed: "a unique name, ignoring case"})
			} else {
				firstByName[key] = i
			}
		}
		if _, err := ParseExternalKind(string(x.Kind)); err != nil || x.Kind != ExternalKind(strings.ToLower(string(x.Kind))) {
			msg := "is not an external range kind"
			if x.Kind == "" {
				msg = "is missing"
			}
			errs = append(errs, &FieldError{Path: path(i, "Kind"), Value: string(x.Kind), Msg: msg, Allowed: joinStrings(externalKinds)})
		}
		switch {
		case !x.CIDR.IsValid():
			errs = append(errs, &FieldError{Path: path(i, "CIDR"), Msg: "is missing", Allowed: "an IPv4 prefix such as 10.0.0.0/8"})
		case !x.CIDR.Addr().Is4():
			errs = append(errs, &FieldError{Path: path(i, "CIDR"), Value: x.CIDR.String(), Msg: "is not IPv4", Allowed: "an IPv4 prefix such as 10.0.0.0/8"})
		case x.CIDR.Masked() != x.CIDR:
			errs = append(errs, &FieldError{Path: path(i, "CIDR"), Value: x.CIDR.String(), Msg: "has host bits set", Allowed: "the masked form " + x.CIDR.Masked().String()})
		default:
			usable[i] = true
			if supernetOK && Overlaps(x.CIDR, plan.Supernet) {
				errs = append(errs, &FieldError{Path: path(i, "CIDR"), Value: x.CIDR.String(),
					Msg: fmt.Sprintf("overlaps the landing zone supernet %s", plan.Supernet), Allowed: "a range outside the supernet"})
			}
		}
	}
	for i := range externals {
		for j := i + 1; j < len(externals); j++ {
			if usable[i] && usable[j] && Overlaps(externals[i].CIDR, externals[j].CIDR) {
				errs = append(errs, &FieldError{Path: path(i, "CIDR"), Value: externals[i].CIDR.String(),
					Msg:     fmt.Sprintf("overlaps %s (%s)", label(j), externals[j].CIDR),
					Allowed: "external ranges that do not overlap each other"})
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

// resolveEnd resolves a flow endpoint for Validate; a problem comes back as a FieldError at path.
func resolveEnd(in Intent, path string, e Endpoint) (end, *FieldError) {
	switch e.Kind {
	case EndpointTier:
		p, err := tier.ProfileFor(e.Tier)
		if err != nil {
			return end{}, &FieldError{Path: path, Value: string(e.Tier), Msg: "is not a tier", Allowed: strings.Join(tier.Names(), ", ")}
		}
		if _, ok := in.Plan.TierRange(e.Tier); !ok {
			return end{}, &FieldError{Path: path, Value: string(e.Tier), Msg: "has no range in the address plan", Allowed: "a tier of the plan (Allocate gives every tier one)"}
		}
		return end{ok: true, isTier: true, profile: p}, nil
	case EndpointExternal:
		x, ok := in.External(e.Name)
		if !ok {
			return end{}, &FieldError{Path: path, Value: e.Name, Msg: "is not a declared external range", Allowed: "a declared external range (" + externalNames(in.Externals) + ")"}
		}
		return end{ok: true, ext: x}, nil
	case EndpointInternet:
		return end{ok: true}, nil
	}
	return end{}, &FieldError{Path: path + ".Kind", Value: string(e.Kind), Msg: "is not an endpoint kind",
		Allowed: joinStrings([]EndpointKind{EndpointTier, EndpointExternal, EndpointInternet})}
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

func validateFlows(in Intent, flows []Flow) []*FieldError {
	var errs []*FieldError
	for i, f := range flows {
		path := fmt.Sprintf("Flows[%d]", i)
		add := func(format string, args ...any) {
			errs = append(errs, &FieldError{Path: path, Value: f.String(), Msg: fmt.Sprintf(format, args...)})
		}

		from, errFrom := resolveEnd(in, path+".From", f.From)
		if errFrom != nil {
			errs = append(errs, errFrom)
		}
		to, errTo := resolveEnd(in, path+".To", f.To)
		if errTo != nil {
			errs = append(errs, errTo)
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

		errs = append(errs, checkProtocolPorts(path, f)...)
		if strings.TrimSpace(f.Reason) == "" {
			errs = append(errs, &FieldError{Path: path + ".Reason", Msg: "is missing", Allowed: "a sentence saying why the connection is needed, shown to reviewers"})
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

func checkProtocolPorts(path string, f Flow) []*FieldError {
	var errs []*FieldError
	bad := func(field, value, msg, allowed string) {
		errs = append(errs, &FieldError{Path: path + "." + field, Value: value, Msg: msg, Allowed: allowed})
	}
	const allowPorts = `ports 1 to 65535 as "443", "8000-8080" or "443,8000-8080"`
	switch f.Protocol {
	case ProtocolTCP, ProtocolUDP:
		if len(f.Ports) == 0 {
			bad("Ports", "", "is missing for protocol "+string(f.Protocol), allowPorts)
		}
		for j, r := range f.Ports {
			if r.From == 0 || r.From > r.To {
				bad(fmt.Sprintf("Ports[%d]", j), r.String(), "is not a port range", "ports 1 to 65535, a range's start not above its end")
				continue
			}
			for _, o := range f.Ports[:j] {
				if o.From != 0 && o.From <= o.To && r.From <= o.To && o.From <= r.To {
					bad(fmt.Sprintf("Ports[%d]", j), r.String(), "overlaps port range "+o.String(), "each port listed once")
				}
			}
		}
	case ProtocolICMP:
		if len(f.Ports) > 0 {
			bad("Ports", FormatPorts(f.Ports), "is not allowed for protocol icmp", "no ports")
		}
	case "":
		bad("Protocol", "", "is missing", joinStrings(protocols))
	default:
		bad("Protocol", string(f.Protocol), "is not a protocol", joinStrings(protocols))
	}
	return errs
}
