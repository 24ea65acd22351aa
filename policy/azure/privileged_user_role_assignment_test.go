package azure

import (
	"strings"

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
				policytest.Set(rs[0], "/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C", "roleDefinitionId")
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
			Want:    policy.StatusPass,
			Message: "role acdd72a7-3385-48ef-bd42-f606fba81ae7 is not a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator)",
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
			Message: "roleDefinitionId is computed; privileged roles may not be granted to users at subscription scope",
		},
		{
			Name: "Reader at subscription for a user",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], sub+"/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", "roleDefinitionId")
			},
			Want:    policy.StatusPass,
			Message: "role acdd72a7-3385-48ef-bd42-f606fba81ae7 is not a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator)",
		},
		{
			Name: "User Access Administrator, upper-case ID, trailing slash scope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], strings.ToUpper(sub)+"/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/18D7D88D-D35E-4FB5-A5C3-7773C20A72D9/", "roleDefinitionId")
				policytest.Set(rs[0], sub+"/", "scope")
			},
			Want:    policy.StatusFail,
			Message: `User Access Administrator granted directly to a user at ` + sub + `/; grant it to a PIM-managed group, or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "RBAC Administrator as a bare GUID at a management group in another case",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], "f58310d9-a9f6-439a-9e8d-f62e7b41a168", "roleDefinitionId")
				policytest.Set(rs[0], "/PROVIDERS/microsoft.management/managementgroups/police/", "scope")
			},
			Want:    policy.StatusFail,
			Message: `Role Based Access Control Administrator granted directly to a user at /PROVIDERS/microsoft.management/managementgroups/police/; grant it to a PIM-managed group, or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "Owner at the tenant root",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], "/", "scope")
			},
			Want:    policy.StatusFail,
			Message: `Owner granted directly to a user at /; grant it to a PIM-managed group, or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "a GUID close to Contributor's is not Contributor",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "User", "principalType")
				policytest.Set(rs[0], "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42b9-b0df-d60fdb7a2a6c", "roleDefinitionId")
			},
			Want:    policy.StatusPass,
			Message: "role b24988ac-6180-42b9-b0df-d60fdb7a2a6c is not a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator)",
		},
	},
})
