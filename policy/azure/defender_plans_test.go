package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-AUD-005",
	Context: ctxFor(tier.Platinum, "foundation"),
	Resources: func() []*policy.Resource {
		var rs []*policy.Resource
		for _, p := range []string{"VirtualMachines", "StorageAccounts", "KeyVaults", "Arm"} {
			rs = append(rs, az(typeDefenderPricing, "defender-"+p, tier.Platinum, map[string]any{"pricingName": p, "pricingTier": "Standard"}))
		}
		return rs
	},
	BaselineMessage: "Defender for Cloud plans VirtualMachines, StorageAccounts, KeyVaults, Arm are on the Standard tier",
	Cases: []policytest.Case{
		{
			Name:    "Key Vault plan on Free",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "Free", "pricingTier") },
			Want:    policy.StatusNotApplicable,
			Message: "Defender for Cloud pricing defender-KeyVaults is judged before create by PCLZ-AZR-AUD-006, which names it",
		},
		{
			Name:    "Arm plan absent",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], "Containers", "pricingName") },
			Want:    policy.StatusFail,
			Message: "Defender for Cloud plans not on the Standard tier: Arm (absent); the foundation must enable VirtualMachines, StorageAccounts, KeyVaults, Arm",
		},
		{
			Name:    "tier computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "pricingTier") },
			Want:    policy.StatusNotApplicable,
			Message: "Defender for Cloud pricing defender-VirtualMachines is judged before create by PCLZ-AZR-AUD-006, which names it",
		},
		{
			Name: "Arm plan absent while another plan's name is computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], "Containers", "pricingName")
				policytest.SetComputed(rs[0], "pricingName")
			},
			Want:    policy.StatusUnknown,
			Message: "a Defender for Cloud plan's name is computed; VirtualMachines, StorageAccounts, KeyVaults, Arm must be on the Standard tier",
		},
		{
			Name:    "tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "tier" },
			Want:    policy.StatusNotApplicable,
			Message: "Defender for Cloud plans are subscription-wide and set by the foundation",
		},
		{
			Name:    "organization stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "organization" },
			Want:    policy.StatusNotApplicable,
			Message: "Defender for Cloud plans are subscription-wide and set by the foundation, not the organization stack",
		},
	},
})
