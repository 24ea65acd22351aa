package azure

import (
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-001",
		Title: "No network security rule admits inbound traffic from the internet",
		Description: "An Inbound Allow rule whose source is `*`, `Internet`, `0.0.0.0/0`, `::/0` or `Any` " +
			"exposes police workloads to the whole internet, and so does a service tag every Azure customer can " +
			"send from (`AzureCloud`, `AppService`, `AzureFrontDoor.Backend`). Checked on NSGs' inline " +
			"`securityRules[]` and on azure-native:network:SecurityRule resources (sourceAddressPrefix and " +
			"sourceAddressPrefixes), as Azure evaluates them: in priority order, so that a higher-priority Deny " +
			"in the same NSG takes its sources out, and by the union of the allows' sources per protocol and " +
			"port (destinationPortRange and destinationPortRanges). SecurityRule resources are judged with the " +
			"NSG they name (networkSecurityGroupName) when the stack holds it, and on their own otherwise.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: []string{typeNSG, typeSecurityRule},
		Reads:         append(policy.Reads(typeNSG, "securityRules", "securityRules.direction", "securityRules.access", "securityRules.priority", "securityRules.protocol", "securityRules.sourceAddressPrefix", "securityRules.sourceAddressPrefixes", "securityRules.destinationPortRange", "securityRules.destinationPortRanges"), policy.Reads(typeSecurityRule, "networkSecurityGroupName", "direction", "access", "priority", "protocol", "sourceAddressPrefix", "sourceAddressPrefixes", "destinationPortRange", "destinationPortRanges")...),
		Remediation: "Give every Inbound Allow rule a private source: a tier or hub range, a declared flow's CIDR or " +
			"an application security group. Internet-facing services sit behind the hub firewall (DNAT), never an NSG " +
			"opened to the internet.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AZURE_9"},
			{Source: "Checkov", ID: "CKV_AZURE_10"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		claimed := map[*policy.Resource]bool{}
		judge := func(owner *policy.Resource, rules []secRule) {
			checks, culprits := internetInbound(rules)
			res := decide(policy.Pass("no inbound allow rule admits the internet (%s checked)",
				plural(len(rules), "rule", "rules")), checks...)
			out = append(out, withURN(res, owner))
			// A SecurityRule resource that admits the internet is the one to change: name it too.
			named := map[*policy.Resource]bool{owner: true}
			for i, c := range checks {
				if r := culprits[i]; c.Status == policy.StatusFail && r != nil && !named[r] {
					named[r] = true
					out = append(out, withURN(c, r))
				}
			}
		}
		for _, nsg := range ofType(rs, typeNSG) {
			rules, res := nsgRules(nsg)
			if res.Status != "" {
				out = append(out, withURN(res, nsg))
				continue
			}
			for _, m := range ofType(rs, typeSecurityRule) {
				if refersByName(m, "networkSecurityGroupName", nsg, "networkSecurityGroupName") {
					claimed[m] = true
					more, _ := nsgRules(m)
					rules = append(rules, more...)
				}
			}
			judge(nsg, rules)
		}
		for _, m := range ofType(rs, typeSecurityRule) {
			if !claimed[m] {
				rules, _ := nsgRules(m)
				judge(m, rules)
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no network security groups or security rules in this stack")}
		}
		return out
	},
})

// secRule is one network security rule: an NSG's inline securityRules[] entry or a SecurityRule
// resource's inputs. The field names are the same.
type secRule struct {
	Name string
	V    policy.Value
	// Res is the SecurityRule resource, or nil for an inline rule.
	Res *policy.Resource
}

// nsgRules returns the rules r holds: an NSG's inline rules, or a SecurityRule resource itself.
func nsgRules(r *policy.Resource) ([]secRule, policy.Result) {
	if r.Type == typeSecurityRule {
		name := displayName(r, "securityRuleName")
		if n, k := policy.Str(r.Get("name")); k == policy.Present && n != "" {
			name = n
		}
		return []secRule{{Name: name, V: inputs(r), Res: r}}, ok
	}
	items, k := list(r.Get("securityRules"))
	if k == policy.Unknown {
		return nil, policy.Undecided("securityRules is computed; no rule may admit the internet")
	}
	out := make([]secRule, 0, len(items))
	for i, it := range items {
		name, nk := str(it, "name")
		if nk != policy.Present || name == "" {
			name = "#" + strconv.Itoa(i)
		}
		out = append(out, secRule{Name: name, V: it})
	}
	return out, ok
}

// internetInbound fails the Inbound Allow rules that admit the internet, as Azure evaluates an NSG: rules
// in priority order (lowest number first), the first rule that matches a packet decides, so a deny with a
// lower priority number takes its sources out of every later allow; and the sources of the allows that
// match one protocol and port are taken together (0.0.0.0/1 and 128.0.0.0/1 are the internet).
// sourceAddressPrefix and sourceAddressPrefixes, service tags ("Internet", "*", "Any", and the multi-tenant
// "AzureCloud"), destinationPortRange and destinationPortRanges, and protocol "*" are all read.
//
// culprits[i] is the SecurityRule resource checks[i] is about, or nil (an inline rule).
func internetInbound(rules []secRule) (checks []policy.Result, culprits []*policy.Resource) {
	var entries []semantic.Entry
	var names []string
	var members [][]string
	var computed []bool
	var owners []*policy.Resource
	for _, sr := range rules {
		dir, dk := str(sr.V, "direction")
		access, ak := str(sr.V, "access")
		if dk == policy.Unknown || ak == policy.Unknown || sr.V.IsComputed() {
			checks = append(checks, policy.Undecided("rule %q has a computed direction or access; it must not admit the internet", sr.Name))
			culprits = append(culprits, sr.Res)
			continue
		}
		if !eqFold(dir, "Inbound") {
			continue
		}
		e, srcs := nsgEntry(sr)
		e.Deny = !eqFold(access, "Allow")
		entries = append(entries, e)
		names = append(names, sr.Name)
		members = append(members, srcs)
		owners = append(owners, sr.Res)
		_, sk := sources(sr.V, "source")
		computed = append(computed, sk == policy.Unknown)
	}
	open, undecided := semantic.Exposed(entries)
	for _, x := range open {
		srcs := members[x.Entry]
		var from string
		if i := slices.IndexFunc(srcs, semantic.IsAnywhere); i >= 0 {
			from = strconv.Quote(srcs[i])
		} else {
			from = strconv.Quote(strings.Join(srcs, ", "))
			if len(x.With) > 0 {
				var with []string
				for _, j := range x.With {
					with = append(with, strconv.Quote(names[j]))
				}
				from += ", with rule " + strings.Join(with, ", ")
			}
			from += " (" + x.Why + ")"
		}
		admin := ""
		if e := entries[x.Entry]; e.Proto.HasPorts() {
			if a := e.Ports.Admin(); len(a) > 0 && len(a) < len(semantic.AdminPorts) {
				admin = " to " + semantic.AdminNames(a)
			}
		}
		checks = append(checks, policy.Fail("inbound rule %q allows traffic from %s%s; inbound allow rules must name private "+
			"sources (a tier range, the hub or a declared flow)", names[x.Entry], from, admin))
		culprits = append(culprits, owners[x.Entry])
	}
	for _, x := range undecided {
		if computed[x.Entry] {
			checks = append(checks, policy.Undecided("inbound rule %q has a computed source; it must not be the internet", names[x.Entry]))
			culprits = append(culprits, owners[x.Entry])
			continue
		}
		checks = append(checks, policy.Undecided("inbound rule %q cannot be decided (%s); it must not admit the internet",
			names[x.Entry], x.Why))
		culprits = append(culprits, owners[x.Entry])
	}
	return checks, culprits
}

// nsgEntry reads a security rule as a filter entry (direction and access aside): priority, protocol,
// destination ports and sources. It returns the sources as written, for messages.
func nsgEntry(sr secRule) (semantic.Entry, []string) {
	var e semantic.Entry
	if prio, k := policy.Int(at(sr.V, "priority")); k == policy.Present {
		e.Order = prio
	} else {
		// A priority that cannot be read is taken as the last: its rule shadows nothing.
		e.Order = 1 << 30
	}
	proto, _ := str(sr.V, "protocol")
	if p, ok := semantic.ParseProtocol(proto); ok {
		e.Proto = p
	} else {
		e.Proto = semantic.ProtoAll
	}
	var ports []string
	if one, k := str(sr.V, "destinationPortRange"); k == policy.Present {
		ports = append(ports, one)
	}
	many, mk := policy.Strings(at(sr.V, "destinationPortRanges"))
	ports = append(ports, many...)
	ps, bad := semantic.ParsePorts(ports...)
	if len(ps) == 0 || len(bad) > 0 || mk == policy.Unknown || at(sr.V, "destinationPortRange").IsComputed() {
		ps = semantic.PortSet{semantic.AllPorts}
	}
	e.Ports = ps
	srcs, k := sources(sr.V, "source")
	if k == policy.Unknown {
		e.Sources.AddComputed()
	}
	for _, s := range srcs {
		e.Sources.Add(s)
	}
	return e, srcs
}

// sources reads side+"AddressPrefix" and side+"AddressPrefixes" of a security rule.
func sources(v policy.Value, side string) ([]string, policy.Known) {
	var out []string
	one, k1 := str(v, side+"AddressPrefix")
	if k1 == policy.Unknown {
		return nil, policy.Unknown
	}
	if k1 == policy.Present && one != "" {
		out = append(out, one)
	}
	many, k2 := policy.Strings(at(v, side+"AddressPrefixes"))
	if k2 == policy.Unknown {
		return nil, policy.Unknown
	}
	return append(out, many...), policy.Present
}
