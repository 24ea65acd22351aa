package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const ownerRole = sub + "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-IAM-001",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeRoleAssignment, "platform-owners", tier.Platinum, map[string]any{
			"scope": sub, "roleDefinitionId": ownerRole, "principalId": "22222222-2222-2222-2222-222222222222", "principalType": "Group",
		})}
	},
	BaselineMessage: "Owner at " + sub + " is granted to a Group, not a user",
	Cases: []policytest.Case{
		{
			Name:    "a user holds Owner",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "User", "principalType") },
			Want:    policy.StatusFail,
			Message: `Owner granted directly to a user at ` + sub + `; grant it to a PIM-managed group, or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "a user holds Contributor",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], "/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42B9-B0DF-D60FDB7A2A6C", "roleDefinitionId")
			},
			Want:    policy.StatusFail,
			Message: `Contributor granted directly to a user at ` + sub + `; grant it to a PIM-managed group, or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "documented break-glass account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], "break-glass: BG-PROC-007, sealed envelope in the SIRO's safe", "description")
			},
			Want:    policy.StatusPass,
			Message: "documented break-glass account holds Owner at " + sub + " (break-glass: BG-PROC-007, sealed envelope in the SIRO's safe)",
		},
		{
			Name: "break-glass prefix without a reference",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], "break-glass:", "description")
			},
			Want:    policy.StatusFail,
			Message: `Owner granted directly to a user at ` + sub + `; grant it to a PIM-managed group, or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name:    "principal type not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "principalType") },
			Want:    policy.StatusFail,
			Message: "principalType is not set, so the principal of Owner at " + sub + " may be a user; set principalType (Group or ServicePrincipal)",
		},
		{
			Name: "resource-group scope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], rgID("rg-app"), "scope")
			},
			Want:    policy.StatusNotApplicable,
			Message: `Owner at scope "` + rgID("rg-app") + `", narrower than a subscription`,
		},
		{
			Name: "management group scope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], "/providers/Microsoft.Management/managementGroups/police", "scope")
			},
			Want:    policy.StatusFail,
			Message: `Owner granted directly to a user at /providers/Microsoft.Management/managementGroups/police; grant it to a PIM-managed group, or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "Reader is not checked",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", "roleDefinitionId")
			},
			Want:    policy.StatusNotApplicable,
			Message: "role acdd72a7-3385-48ef-bd42-f606fba81ae7 is not Owner or Contributor",
		},
		{
			Name:    "principal type computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "principalType") },
			Want:    policy.StatusUnknown,
			Message: "principalType is computed; Owner at " + sub + " may not be granted to a user",
		},
		{
			Name:    "role computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "roleDefinitionId") },
			Want:    policy.StatusUnknown,
			Message: "roleDefinitionId is computed; Owner and Contributor may not be granted to users at subscription scope",
		},
	},
})
