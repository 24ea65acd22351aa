package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-RES-003",
	Resources:       func() []*policy.Resource { return []*policy.Resource{recoveryVault("gold", tier.Gold)} },
	BaselineMessage: "soft delete is AlwaysON",
	Cases: []policytest.Case{
		{
			Name: "disabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Disabled", "properties", "securitySettings", "softDeleteSettings", "softDeleteState")
			},
			Want:    policy.StatusFail,
			Message: "soft delete is Disabled; it must be Enabled or AlwaysON",
		},
		{
			Name: "not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "securitySettings", "softDeleteSettings")
			},
			Want:    policy.StatusFail,
			Message: "properties.securitySettings.softDeleteSettings.softDeleteState is not set; it must be Enabled or AlwaysON",
		},
		{
			Name: "computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "securitySettings", "softDeleteSettings", "softDeleteState")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.securitySettings.softDeleteSettings.softDeleteState is computed; it must be Enabled or AlwaysON",
		},
		{
			Name: "enabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Enabled", "properties", "securitySettings", "softDeleteSettings", "softDeleteState")
			},
			Want:    policy.StatusPass,
			Message: "soft delete is Enabled",
		},
	},
})
