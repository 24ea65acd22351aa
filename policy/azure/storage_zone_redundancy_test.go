package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-RES-001",
	Resources:       func() []*policy.Resource { return []*policy.Resource{storageAccount("evidence", tier.Platinum)} },
	BaselineMessage: "sku Standard_ZRS is zone-redundant",
	Cases: []policytest.Case{
		{
			Name:    "locally redundant",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "Standard_LRS", "sku", "name") },
			Want:    policy.StatusFail,
			Message: "sku Standard_LRS is not zone-redundant; the Platinum tier needs one of Standard_ZRS, Standard_GZRS, Standard_RAGZRS, Premium_ZRS",
		},
		{
			Name:    "geo-redundant without zones",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "Standard_RAGRS", "sku", "name") },
			Want:    policy.StatusFail,
			Message: "sku Standard_RAGRS is not zone-redundant; the Platinum tier needs one of Standard_ZRS, Standard_GZRS, Standard_RAGZRS, Premium_ZRS",
		},
		{
			Name:    "sku computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "sku", "name") },
			Want:    policy.StatusUnknown,
			Message: "sku.name is computed; the Platinum tier needs a zone-redundant sku",
		},
		{
			Name: "Gold does not require it",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Gold)
				policytest.Set(rs[0], "Standard_LRS", "sku", "name")
			},
			Want:    policy.StatusNotApplicable,
			Message: "the Gold tier does not require zone-redundant storage",
		},
		{
			Name:    "tier unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("fixture", "") },
			Want:    policy.StatusUnknown,
			Message: "the stack's tier is not known, so whether zone-redundant storage is required is not known",
		},
	},
})
