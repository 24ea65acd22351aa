package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-REG-002",
	Resources: func() []*policy.Resource {
		p := policytest.AzureProvider("uksouth")
		return []*policy.Resource{{Type: p.Type, Name: p.Name, URN: p.URN, Inputs: p.Inputs}}
	},
	BaselineMessage: "provider location uksouth is allowed",
	Cases: []policytest.Case{
		{
			Name:    "westeurope",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "westeurope", "location") },
			Want:    policy.StatusFail,
			Message: `provider location "westeurope" is outside the UK allow-list (uksouth, ukwest)`,
		},
		{
			Name:    "location missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "location") },
			Want:    policy.StatusFail,
			Message: "provider location is not set; it must be one of uksouth, ukwest",
		},
		{
			Name:    "location computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "location") },
			Want:    policy.StatusUnknown,
			Message: "provider location is computed; it must be one of uksouth, ukwest",
		},
		{
			Name:    "ukwest",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "ukwest", "location") },
			Want:    policy.StatusPass,
			Message: "provider location ukwest is allowed",
		},
	},
})
