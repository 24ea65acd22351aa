package azure

import (
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// reservedSubnets are the Azure-reserved subnet names that cannot (or need not) carry an NSG.
var reservedSubnets = []string{"AzureFirewallSubnet", "AzureFirewallManagementSubnet", "GatewaySubnet", "AzureBastionSubnet", "RouteServerSubnet"}

// isReserved reports whether a subnet name is Azure-reserved (ARM compares names case-insensitively).
func isReserved(name string) bool {
	return slices.ContainsFunc(reservedSubnets, func(s string) bool { return strings.EqualFold(s, name) })
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-007",
		Title: "Every subnet has a network security group",
		Description: "A subnet without an NSG accepts whatever its routes bring. Every subnet, inline in a " +
			"virtual network (`subnets[].networkSecurityGroup.id`) or an azure-native:network:Subnet " +
			"(`networkSecurityGroup.id`), must have one, except the Azure-reserved subnets " +
			"(" + strings.Join(reservedSubnets, ", ") + ") whose services manage their own filtering.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"3", "11"},
		ResourceTypes: []string{typeVNet, typeSubnet},
		Reads:         append(policy.Reads(typeVNet, "subnets", "subnets.name", "subnets.networkSecurityGroup.id"), policy.Reads(typeSubnet, "subnetName", "networkSecurityGroup.id")...),
		Remediation:   "Set `networkSecurityGroup: {id: <NSG ID>}` on the subnet.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Subnets should be associated with a Network Security Group (e71308d3-144b-4262-b144-efdc3cc90517)"},
			{Source: "Checkov", ID: "CKV2_AZURE_31"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		if r.Type == typeSubnet {
			name, nk := policy.Str(r.Get("subnetName"))
			if nk == policy.Absent {
				name, nk = policy.Str(r.Get("name"))
			}
			explicit := nk != policy.Absent
			if !explicit {
				// Auto-named from the logical name plus a random suffix: never an Azure-reserved name.
				name, nk = r.Name, policy.Present
			}
			pass := policy.Pass("subnet %q has a network security group", name)
			if explicit && isReserved(name) && r.Get("networkSecurityGroup", "id").IsNull() {
				pass = policy.Pass("subnet %q is Azure-reserved and needs no network security group", name)
			}
			return decide(pass, subnetNSG(inputs(r), name, nk, explicit))
		}
		subnets, k := list(r.Get("subnets"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("subnets is computed; every subnet must have a network security group")
		case len(subnets) == 0:
			return policy.NotApplicable("the virtual network declares no inline subnets; Subnet resources are checked on their own")
		}
		var checks []policy.Result
		for i, s := range subnets {
			name, nk := str(s, "name")
			if nk == policy.Absent {
				name = "#" + strconv.Itoa(i)
			}
			checks = append(checks, subnetNSG(s, name, nk, nk != policy.Absent))
		}
		return decide(policy.Pass("every subnet has a network security group or is Azure-reserved (%s)", plural(len(subnets), "subnet", "subnets")), checks...)
	},
})

// subnetNSG checks one subnet's networkSecurityGroup (s holds the subnet's fields). Only an explicitly
// named subnet can be Azure-reserved.
func subnetNSG(s policy.Value, name string, nk policy.Known, explicit bool) policy.Result {
	nsg := at(s, "networkSecurityGroup", "id")
	switch {
	case nsg.IsComputed():
		return ok // an NSG is attached; its ID comes from the NSG resource
	case !nsg.IsNull():
		if id, k := policy.Str(nsg); k == policy.Present && id != "" {
			return ok
		}
	}
	switch {
	case nk == policy.Unknown:
		return policy.Undecided("a subnet's name is computed and it has no network security group; only Azure-reserved subnets may go without one")
	case explicit && isReserved(name):
		return ok
	}
	return policy.Fail("subnet %q has no network security group; set networkSecurityGroup.id", name)
}
