package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: defenderTwin,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeDefenderPricing, "defender-KeyVaults", tier.Platinum, map[string]any{"pricingName": "KeyVaults", "pricingTier": "Standard"})}
	},
	BaselineMessage: "plan KeyVaults is on the Standard tier",
	Cases: []policytest.Case{
		{
			Name:    "Key Vault plan on Free",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "Free", "pricingTier") },
			Want:    policy.StatusFail,
			Message: "plan KeyVaults is on tier Free, not Standard, which leaves Defender for Cloud off for it; set pricingTier Standard",
		},
		{
			Name:    "tier not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "pricingTier") },
			Want:    policy.StatusFail,
			Message: "plan KeyVaults is on tier (not set), not Standard, which leaves Defender for Cloud off for it; set pricingTier Standard",
		},
		{
			Name:    "plan name in another case",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "keyvaults", "pricingName") },
			Want:    policy.StatusPass,
			Message: "plan KeyVaults is on the Standard tier",
		},
		{
			Name:    "tier computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "pricingTier") },
			Want:    policy.StatusUnknown,
			Message: "the pricingTier of plan KeyVaults is computed; it must be Standard",
		},
		{
			Name:    "name computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "pricingName") },
			Want:    policy.StatusUnknown,
			Message: "pricingName is computed; VirtualMachines, StorageAccounts, KeyVaults, Arm must be on the Standard tier",
		},
		{
			Name: "another plan on Free",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Containers", "pricingName")
				policytest.Set(rs[0], "Free", "pricingTier")
			},
			Want:    policy.StatusNotApplicable,
			Message: `plan "Containers" is not one the landing zone requires (VirtualMachines, StorageAccounts, KeyVaults, Arm)`,
		},
	},
})
