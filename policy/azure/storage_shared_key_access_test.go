package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-IAM-003",
	Resources:       func() []*policy.Resource { return []*policy.Resource{storageAccount("evidence", tier.Gold)} },
	BaselineMessage: "shared key authorisation is refused; requests need an Entra ID identity",
	Cases: []policytest.Case{
		{
			Name:    "shared keys allowed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], true, "allowSharedKeyAccess") },
			Want:    policy.StatusFail,
			Message: "allowSharedKeyAccess is true; requests must be authorised with Entra ID, never account keys",
		},
		{
			Name:    "not set (Azure allows shared keys by default)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "allowSharedKeyAccess") },
			Want:    policy.StatusFail,
			Message: "allowSharedKeyAccess is not set; it must be false (requests must be authorised with Entra ID, never account keys)",
		},
		{
			Name:    "computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "allowSharedKeyAccess") },
			Want:    policy.StatusUnknown,
			Message: "allowSharedKeyAccess is computed; it must be false",
		},
	},
})
