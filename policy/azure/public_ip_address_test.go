package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-NET-002",
	Context: ctxFor(tier.Platinum, "foundation"),
	Resources: func() []*policy.Resource {
		tags := policytest.Tags(tier.Platinum)
		tags["Role"] = "hub"
		return []*policy.Resource{az(typePublicIP, "pip-firewall", tier.Platinum, map[string]any{
			"location": "uksouth", "sku": map[string]any{"name": "Standard"}, "publicIPAllocationMethod": "Static", "tags": tags,
		})}
	},
	BaselineMessage: "public IP address of a hub edge service (Role=hub) in the foundation",
	Cases: []policytest.Case{
		{
			Name:    "in a tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "tier" },
			Want:    policy.StatusFail,
			Message: "public IP address in a tier stack; tiers reach the internet only through the hub firewall",
		},
		{
			Name:    "foundation address without Role=hub",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "tags", "Role") },
			Want:    policy.StatusFail,
			Message: "public IP address without tag Role=hub in the foundation; only hub edge services (firewall, VPN gateway) may have public IP addresses",
		},
		{
			Name:    "Role tag computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "tags", "Role") },
			Want:    policy.StatusUnknown,
			Message: "the Role tag is computed; public IP addresses need Role=hub",
		},
		{
			Name:    "role unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "" },
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; public IP addresses are allowed only on the foundation's hub edge",
		},
	},
})
