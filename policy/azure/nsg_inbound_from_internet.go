package azure

import (
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// internetSources are the source address prefixes that mean "anyone on the internet".
var internetSources = []string{"*", "internet", "0.0.0.0/0", "::/0", "any"}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-001",
		Title: "No network security rule admits inbound traffic from the internet",
		Description: "An Inbound Allow rule whose source is `*`, `Internet`, `0.0.0.0/0`, `::/0` or `Any` " +
			"exposes police workloads to the whole internet. Checked on NSGs' inline `securityRules[]` and on " +
			"azure-native:network:SecurityRule resources (sourceAddressPrefix and sourceAddressPrefixes).",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: []string{typeNSG, typeSecurityRule},
		Remediation: "Give every Inbound Allow rule a private source: a tier or hub range, a declared flow's CIDR or " +
			"an application security group. Internet-facing services sit behind the hub firewall (DNAT), never an NSG " +
			"opened to the internet.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AZURE_9"},
			{Source: "Checkov", ID: "CKV_AZURE_10"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		rules, res := nsgRules(r)
		if res.Status != "" {
			return res
		}
		var checks []policy.Result
		for _, sr := range rules {
			checks = append(checks, internetInbound(sr))
		}
		return decide(policy.Pass("no inbound allow rule admits the internet (%s checked)", plural(len(rules), "rule", "rules")), checks...)
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

// internetInbound fails an Inbound Allow rule from an internet source.
func internetInbound(sr secRule) policy.Result {
	dir, dk := str(sr.V, "direction")
	access, ak := str(sr.V, "access")
	if dk == policy.Unknown || ak == policy.Unknown || sr.V.IsComputed() {
		return policy.Undecided("rule %q has a computed direction or access; it must not admit the internet", sr.Name)
	}
	if !eqFold(dir, "Inbound") || !eqFold(access, "Allow") {
		return ok
	}
	srcs, k := sources(sr.V, "source")
	if k == policy.Unknown {
		return policy.Undecided("inbound rule %q has a computed source; it must not be the internet", sr.Name)
	}
	for _, s := range srcs {
		if slices.Contains(internetSources, strings.ToLower(strings.TrimSpace(s))) {
			return policy.Fail("inbound rule %q allows traffic from %q; inbound allow rules must name private sources (a tier range, the hub or a declared flow)", sr.Name, s)
		}
	}
	return ok
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
