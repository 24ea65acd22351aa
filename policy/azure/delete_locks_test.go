package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-RES-004",
	Context: ctxFor(tier.Gold, "tier"),
	Subject: policytest.URN(typeStorageAccount, "evidence"),
	Resources: func() []*policy.Resource {
		acct := storageAccount("evidence", tier.Gold)
		rg := withID(az(typeResourceGroup, "rg-data", tier.Gold, map[string]any{"location": "uksouth", "resourceGroupName": "rg-data"}), rgID("rg-data"))
		lock := az(typeLockByScope, "lock-evidence", tier.Gold, map[string]any{"lockName": "lock-evidence", "scope": acct.ID, "level": "CanNotDelete", "notes": "evidence store"})
		return []*policy.Resource{acct, lock, rg}
	},
	BaselineMessage: `CanNotDelete lock "lock-evidence" on the resource`,
	Cases: []policytest.Case{
		{
			Name:    "read-only level is not CanNotDelete",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "ReadOnly", "level") },
			Want:    policy.StatusFail,
			Message: `lock "lock-evidence" on the resource has level "ReadOnly"; the storage account needs a CanNotDelete lock`,
		},
		{
			Name: "lock on another resource",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], keyVault("lz", tier.Gold).ID, "scope")
			},
			Want:    policy.StatusFail,
			Message: "no CanNotDelete management lock covers this storage account, its resource group or the subscription; add a ManagementLockByScope with scope set to its ID and level CanNotDelete",
		},
		{
			Name:    "lock on the resource group by ID",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], rgID("rg-data"), "scope") },
			Want:    policy.StatusPass,
			Message: `CanNotDelete lock "lock-evidence" on its resource group`,
		},
		{
			Name: "lock scope computed from the resource group (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "scope")
				policytest.Link(rs[1], "scope", rs[2])
				policytest.SetComputed(rs[0], "resourceGroupName")
				policytest.Link(rs[0], "resourceGroupName", rs[2])
				rs[2].ID = ""
			},
			Want:    policy.StatusPass,
			Message: `CanNotDelete lock "lock-evidence" on its resource group`,
		},
		{
			Name: "resource-level lock naming the account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = az(typeLockResource, "lock-evidence", tier.Gold, map[string]any{
					"lockName": "lock-evidence", "level": "CanNotDelete", "resourceGroupName": "rg-data", "resourceName": "stevidence",
					"resourceProviderNamespace": "Microsoft.Storage", "resourceType": "storageAccounts", "parentResourcePath": "", "apiVersion": "2023-05-01",
				})
			},
			Want:    policy.StatusPass,
			Message: `CanNotDelete lock "lock-evidence" on the resource`,
		},
		{
			Name: "resource-group lock on another group",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = az(typeLockGroup, "lock-rg", tier.Gold, map[string]any{"lockName": "lock-rg", "level": "CanNotDelete", "resourceGroupName": "rg-other"})
			},
			Want:    policy.StatusFail,
			Message: "no CanNotDelete management lock covers this storage account, its resource group or the subscription; add a ManagementLockByScope with scope set to its ID and level CanNotDelete",
		},
		{
			Name:    "level computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "level") },
			Want:    policy.StatusUnknown,
			Message: `lock "lock-evidence" on the resource has a computed level; it must be CanNotDelete`,
		},
		{
			Name: "tier without delete locks",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.Profile.DeleteLocks = false
				policytest.Set(rs[1], "ReadOnly", "level")
			},
			Want:    policy.StatusNotApplicable,
			Message: "the Gold tier does not require delete locks",
		},
	},
})
