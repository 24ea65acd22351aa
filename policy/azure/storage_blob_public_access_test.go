package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-NET-006",
	Resources:       func() []*policy.Resource { return []*policy.Resource{storageAccount("evidence", tier.Gold)} },
	BaselineMessage: "anonymous blob access is forbidden",
	Cases: []policytest.Case{
		{
			Name:    "allowed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], true, "allowBlobPublicAccess") },
			Want:    policy.StatusFail,
			Message: "allowBlobPublicAccess is true; containers must never allow anonymous access",
		},
		{
			Name:    "not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "allowBlobPublicAccess") },
			Want:    policy.StatusFail,
			Message: "allowBlobPublicAccess is not set; it must be false (containers must never allow anonymous access)",
		},
		{
			Name:    "computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "allowBlobPublicAccess") },
			Want:    policy.StatusUnknown,
			Message: "allowBlobPublicAccess is computed; it must be false",
		},
		variant("container public", typeBlobContainer, in("accountName", "stevidence", "publicAccess", "Container"), nil, policy.StatusFail,
			`publicAccess is "Container", which lets anyone read the container's blobs without credentials; it must be None`),
		variant("container private by default", typeBlobContainer, in("accountName", "stevidence"), nil, policy.StatusPass,
			"the container allows no anonymous access"),
	},
})
