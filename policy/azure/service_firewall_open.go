package azure

import (
	"net/netip"

	"github.com/policecloud/landingzones/policy"
)

// ipRangeOpen decides a start/end IP firewall rule: the whole internet (or more than a /8) and the
// 0.0.0.0-0.0.0.0 "allow Azure services" rule, which admits every Azure customer's resources, fail.
func ipRangeOpen(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
	start, sk := policy.Str(r.Get("startIpAddress"))
	end, ek := policy.Str(r.Get("endIpAddress"))
	switch {
	case sk == policy.Unknown || ek == policy.Unknown:
		return "", policy.Undecided("startIpAddress or endIpAddress is computed; the range must not open the server to the internet or to all of Azure")
	case sk == policy.Absent || ek == policy.Absent:
		return "", policy.Fail("startIpAddress and endIpAddress must both be set")
	}
	a, errA := netip.ParseAddr(start)
	b, errB := netip.ParseAddr(end)
	if errA != nil || errB != nil || !a.Is4() || !b.Is4() || b.Less(a) {
		return "", policy.Fail("firewall range %s-%s is not a valid IPv4 range", start, end)
	}
	if a.IsUnspecified() && b.IsUnspecified() {
		return "", policy.Fail("firewall range 0.0.0.0-0.0.0.0 allows every Azure service, including other customers' resources; reach the server through a private endpoint instead")
	}
	sa, sb := a.As4(), b.As4()
	width := (uint64(sb[0])<<24 | uint64(sb[1])<<16 | uint64(sb[2])<<8 | uint64(sb[3])) -
		(uint64(sa[0])<<24 | uint64(sa[1])<<16 | uint64(sa[2])<<8 | uint64(sa[3])) + 1
	if width > 1<<24 {
		return "", policy.Fail("firewall range %s-%s spans %d addresses, wider than a /8: it opens the server to the internet", start, end, width)
	}
	return "firewall range " + start + "-" + end, ok
}

// defaultDeny decides a network ACL's default action: Deny, unless public network access is Disabled
// (then the ACL is never consulted). ipRules, when set, must not hold an internet-wide range.
func defaultDeny(aclPath, pnaPath []any, ipRules []any, ipKey string) func(*policy.Context, *policy.Resource) (string, policy.Result) {
	return func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
		if pnaPath != nil {
			if v, k := policy.Str(r.Get(pnaPath...)); k == policy.Present && eqFold(v, "Disabled") {
				return pathName(pnaPath) + " Disabled, so the firewall is not consulted", ok
			}
		}
		name := pathName(aclPath)
		act, k := policy.Str(r.Get(aclPath...))
		switch {
		case k == policy.Unknown:
			return "", policy.Undecided("%s is computed; it must be Deny", name)
		case k == policy.Absent:
			return "", policy.Fail("%s is not set (Azure's default is Allow, which admits every network); it must be Deny", name)
		case !eqFold(act, "Deny"):
			return "", policy.Fail("%s is %q, which admits every network; it must be Deny", name, act)
		}
		if ipRules != nil {
			if res := openIPRules(r, ipRules, ipKey); res.Status != "" {
				return "", res
			}
		}
		return name + " Deny", ok
	}
}

// openIPRules fails an IP allow-list that holds an internet-wide range (a prefix of /8 or shorter).
func openIPRules(r *policy.Resource, path []any, key string) policy.Result {
	items, k := list(r.Get(path...))
	if k == policy.Unknown {
		return policy.Undecided("%s is computed; no rule may admit the internet", pathName(path))
	}
	for i, it := range items {
		s, sk := policy.Str(at(it, key))
		if sk == policy.Unknown {
			return policy.Undecided("%s[%d].%s is computed; no rule may admit the internet", pathName(path), i, key)
		}
		if p, parsed := parsePrefix(s); parsed && p.Addr().Is4() && p.Bits() <= 8 {
			return policy.Fail("%s[%d].%s %s admits the internet; list only the force's own addresses", pathName(path), i, key, s)
		}
	}
	return ok
}

// cosmosIPRules fails a Cosmos DB account whose IP rules admit all of Azure (0.0.0.0) or the internet.
func cosmosIPRules(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
	items, k := list(r.Get("ipRules"))
	if k == policy.Unknown {
		return "", policy.Undecided("ipRules is computed; no rule may admit all of Azure or the internet")
	}
	for i, it := range items {
		s, sk := str(it, "ipAddressOrRange")
		if sk == policy.Unknown {
			return "", policy.Undecided("ipRules[%d].ipAddressOrRange is computed; no rule may admit all of Azure or the internet", i)
		}
		if s == "0.0.0.0" {
			return "", policy.Fail("ipRules[%d].ipAddressOrRange 0.0.0.0 admits every Azure datacentre, other customers' resources included; reach the account through a private endpoint", i)
		}
	}
	if res := openIPRules(r, []any{"ipRules"}, "ipAddressOrRange"); res.Status != "" {
		return "", res
	}
	return "ipRules admit neither all of Azure nor the internet", ok
}

// serviceFirewalls says, per type, how its firewall is read.
var serviceFirewalls = map[string]typeSpec{
	typeSQLFirewallRule:     {what: "SQL firewall rule", reads: []string{"startIpAddress", "endIpAddress"}, custom: ipRangeOpen},
	typePGFirewallRule:      {what: "PostgreSQL firewall rule", reads: []string{"startIpAddress", "endIpAddress"}, custom: ipRangeOpen},
	typeMySQLFirewallRule:   {what: "MySQL firewall rule", reads: []string{"startIpAddress", "endIpAddress"}, custom: ipRangeOpen},
	typeSynapseFirewallRule: {what: "Synapse firewall rule", reads: []string{"startIpAddress", "endIpAddress"}, custom: ipRangeOpen},
	typeStorageAccount: {what: "storage account", reads: []string{"networkRuleSet.defaultAction", "networkRuleSet.ipRules.iPAddressOrRange"},
		custom: defaultDeny([]any{"networkRuleSet", "defaultAction"}, []any{"publicNetworkAccess"}, []any{"networkRuleSet", "ipRules"}, "iPAddressOrRange")},
	typeKeyVault: {what: "Key Vault", reads: []string{"properties.networkAcls.defaultAction"},
		custom: defaultDeny([]any{"properties", "networkAcls", "defaultAction"}, []any{"properties", "publicNetworkAccess"}, nil, "")},
	typeManagedHSM: {what: "Managed HSM", reads: []string{"properties.networkAcls.defaultAction"},
		custom: defaultDeny([]any{"properties", "networkAcls", "defaultAction"}, []any{"properties", "publicNetworkAccess"}, nil, "")},
	typeRegistry: {what: "container registry", reads: []string{"networkRuleSet.defaultAction"},
		custom: defaultDeny([]any{"networkRuleSet", "defaultAction"}, []any{"publicNetworkAccess"}, nil, "")},
	typeCognitiveAccount: {what: "Azure AI services account", reads: []string{"properties.networkAcls.defaultAction"},
		custom: defaultDeny([]any{"properties", "networkAcls", "defaultAction"}, []any{"properties", "publicNetworkAccess"}, nil, "")},
	typeCosmosAccount: {what: "Cosmos DB account", reads: []string{"ipRules.ipAddressOrRange"}, custom: cosmosIPRules},
	typeDataLakeStore: {what: "Data Lake Store account", fields: []field{{path: []any{"firewallState"}, ok: []string{"Enabled"}, def: "Disabled",
		why: "admits every network"}}},
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-020",
		Title: "Service firewalls deny by default and never admit the internet or all of Azure",
		Description: "Where a service keeps a public endpoint (a waiver of PCLZ-AZR-NET-004) its firewall is the " +
			"last control: network ACLs must default to Deny (Azure's default is Allow), IP rules must not hold " +
			"an internet-wide range, SQL, PostgreSQL, MySQL and Synapse firewall rules must not span the internet " +
			"or use 0.0.0.0-0.0.0.0 (every Azure service, other customers' included), and Cosmos DB must not list " +
			"0.0.0.0. A service whose public network access is Disabled passes: its firewall is never consulted.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: tableTypes(serviceFirewalls),
		Remediation: "Disable public network access and use private endpoints; otherwise set the network ACL's " +
			"`defaultAction: Deny`, list only the force's own egress addresses, and delete 0.0.0.0 firewall rules.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Storage accounts should restrict network access (34c877ad-507e-4c82-993e-3452a6e0ad3c)"},
			{Source: "Azure Policy", ID: "Azure Key Vault should have firewall enabled (55615ac9-af46-4a59-874e-391cc3dfb490)"},
			{Source: "Checkov", ID: "CKV_AZURE_11"},
			{Source: "Checkov", ID: "CKV_AZURE_35"},
		},
		Waivable: true,
		Reads:    tableReads(serviceFirewalls),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, serviceFirewalls, r)
	},
})
