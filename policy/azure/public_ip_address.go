package azure

import (
	"slices"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-002",
		Title: "Public IP addresses exist only on the foundation's hub edge",
		Description: "A public IP address is a door to the internet. Tier stacks have none: their traffic " +
			"leaves through the hub firewall. In the foundation only hub edge services (Azure Firewall, the PSN " +
			"edge VPN gateway) may hold one, and each such address carries the tag `Role=hub`.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: []string{typePublicIP},
		Remediation: "Remove the public IP address from the tier stack and reach the internet through the hub " +
			"firewall; in the foundation, tag the firewall's and VPN gateway's addresses `Role: hub`.",
		Waivable: true,
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		switch ctx.Role {
		case "tier":
			return policy.Fail("public IP address in a tier stack; tiers reach the internet only through the hub firewall")
		case "foundation":
		default:
			return policy.Undecided("the stack's role is not known; public IP addresses are allowed only on the foundation's hub edge")
		}
		tags, unknown, computed := r.Tags()
		if computed || slices.Contains(unknown, "Role") {
			return policy.Undecided("the Role tag is computed; public IP addresses need Role=hub")
		}
		if tags["Role"] != "hub" {
			return policy.Fail("public IP address without tag Role=hub in the foundation; only hub edge services (firewall, VPN gateway) may have public IP addresses")
		}
		return policy.Pass("public IP address of a hub edge service (Role=hub) in the foundation")
	},
})
