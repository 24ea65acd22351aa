package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const (
	orgRoot       = "/providers/Microsoft.Management/managementGroups/pclz-met"
	breakGlassOne = "33333333-3333-4333-8333-000000000001"
	breakGlassTwo = "33333333-3333-4333-8333-000000000002"
	ownerBuiltIn  = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
)

// noSignInAlertOne is PCLZ-AZR-IAM-014's failure for the first break-glass account.
const noSignInAlertOne = `break-glass account ` + breakGlassOne + ` (role assignment "break-glass-1", MPS-SEC-BG-01) has no sign-in alert: no enabled scheduled query rule over SigninLogs names it with an action group`

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-IAM-013",
	Context: ctxFor(tier.Platinum, "organization"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeRoleAssignment, "break-glass-1", tier.Platinum, map[string]any{
			"scope": orgRoot, "roleDefinitionId": ownerBuiltIn, "principalId": breakGlassOne, "principalType": "User",
			"description": "break-glass: MPS-SEC-BG-01",
		})}
	},
	BaselineMessage: "permanent Owner at " + orgRoot + " is a documented break-glass account's (MPS-SEC-BG-01)",
	Cases: []policytest.Case{
		{
			Name: "a group holds Owner permanently",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Group", "principalType")
				policytest.Delete(rs[0], "description")
			},
			Want:    policy.StatusFail,
			Message: `Owner at ` + orgRoot + ` is assigned permanently to a Group; make it PIM-eligible (PimRoleEligibilitySchedule), or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "a service principal holds User Access Administrator at a subscription",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "ServicePrincipal", "principalType")
				policytest.Set(rs[0], sub, "scope")
				policytest.Set(rs[0], "18D7D88D-D35E-4FB5-A5C3-7773C20A72D9", "roleDefinitionId")
				policytest.Set(rs[0], "deployment pipeline", "description")
			},
			Want:    policy.StatusFail,
			Message: `User Access Administrator at ` + sub + ` is assigned permanently to a ServicePrincipal; make it PIM-eligible (PimRoleEligibilitySchedule), or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name: "principal type not stated",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "principalType")
				policytest.Set(rs[0], "break-glass:", "description")
			},
			Want:    policy.StatusFail,
			Message: `Owner at ` + orgRoot + ` is assigned permanently to a principal of unstated type; make it PIM-eligible (PimRoleEligibilitySchedule), or document a break-glass account with a description starting "break-glass:"`,
		},
		{
			Name:    "Owner on a resource group",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], rgID("met-bronze"), "scope") },
			Want:    policy.StatusNotApplicable,
			Message: `Owner at scope "` + rgID("met-bronze") + `", narrower than a subscription`,
		},
		{
			Name: "not a privileged role",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", "roleDefinitionId")
			},
			Want:    policy.StatusNotApplicable,
			Message: "role acdd72a7-3385-48ef-bd42-f606fba81ae7 is not a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator)",
		},
		{
			Name:    "description computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "description") },
			Want:    policy.StatusUnknown,
			Message: "description is computed; a permanent Owner at " + orgRoot + " is allowed only for a documented break-glass account",
		},
	},
})

// breakGlassAlert is the scheduled query rule alerting on the break-glass accounts' sign-ins.
func breakGlassAlert() *policy.Resource {
	return az(typeScheduledQueryRule, "break-glass-sign-in", tier.Platinum, map[string]any{
		"location": "uksouth", "enabled": true,
		"scopes": []any{sub + "/resourceGroups/met-security/providers/Microsoft.OperationalInsights/workspaces/met"},
		"criteria": map[string]any{"allOf": []any{map[string]any{
			"query":           "SigninLogs\n| where tolower(UserId) in (\"" + breakGlassOne + "\", \"" + breakGlassTwo + "\")",
			"timeAggregation": "Count", "operator": "GreaterThan", "threshold": 0,
		}}},
		"actions": map[string]any{"actionGroups": []any{rgID("met-identity") + "/providers/Microsoft.Insights/actionGroups/security-alerts"}},
	})
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-IAM-014",
	Context: ctxFor(tier.Platinum, "organization"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{
			az(typeRoleAssignment, "break-glass-1", tier.Platinum, map[string]any{
				"scope": orgRoot, "roleDefinitionId": ownerBuiltIn, "principalId": breakGlassOne, "principalType": "User",
				"description": "break-glass: MPS-SEC-BG-01",
			}),
			breakGlassAlert(),
		}
	},
	Subject:         policytest.Azure(typeRoleAssignment, "break-glass-1", nil).URN,
	BaselineMessage: `break-glass account ` + breakGlassOne + ` (MPS-SEC-BG-01): every sign-in alerts through scheduled query rule "break-glass-sign-in"`,
	Cases: []policytest.Case{
		{
			Name:    "no alert rule",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].Type = typeDiagnosticSetting },
			Want:    policy.StatusFail,
			Message: noSignInAlertOne,
		},
		{
			Name:    "alert disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], false, "enabled") },
			Want:    policy.StatusFail,
			Message: noSignInAlertOne,
		},
		{
			Name: "alert names only the other account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "SigninLogs | where UserId == \""+breakGlassTwo+"\"", "criteria", "allOf", 0, "query")
			},
			Want:    policy.StatusFail,
			Message: noSignInAlertOne,
		},
		{
			Name: "alert notifies nobody",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], []any{}, "actions", "actionGroups")
			},
			Want:    policy.StatusFail,
			Message: noSignInAlertOne,
		},
		{
			Name: "alert query over another table",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "AuditLogs | where InitiatedBy has \""+breakGlassOne+"\"", "criteria", "allOf", 0, "query")
			},
			Want:    policy.StatusFail,
			Message: noSignInAlertOne,
		},
		{
			Name: "alert query computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "criteria", "allOf", 0, "query")
			},
			Want:    policy.StatusUnknown,
			Message: `scheduled query rule "break-glass-sign-in" has a computed criteria.allOf[].query; it may be break-glass account ` + breakGlassOne + `'s sign-in alert`,
		},
	},
})

// operatorRole is a custom role with Contributor's reach over the workload services, withholding the
// audit trail.
func operatorRole() *policy.Resource {
	nots := []any{"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"}
	for _, a := range policy.AzureAuditTrailActions {
		nots = append(nots, a)
	}
	return az(typeRoleDefinition, "tier-operator", tier.Platinum, map[string]any{
		"scope": orgRoot, "roleName": "met tier operator", "roleType": "CustomRole",
		"permissions": []any{map[string]any{
			"actions":    []any{"*/read", "Microsoft.Compute/*", "Microsoft.Storage/*", "Microsoft.Insights/*"},
			"notActions": nots,
		}},
		"assignableScopes": []any{orgRoot},
	})
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-IAM-015",
	Resources:       func() []*policy.Resource { return []*policy.Resource{operatorRole()} },
	BaselineMessage: `custom role "met tier operator" grants none of the 9 audit-trail actions`,
	Cases: []policytest.Case{
		{
			Name: "diagnostic settings not withheld",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				nots, _ := policy.Strings(rs[0].Get("permissions", 0, "notActions"))
				var keep []any
				for _, n := range nots {
					if n != "Microsoft.Insights/diagnosticSettings/delete" && n != "Microsoft.Insights/diagnosticSettings/write" {
						keep = append(keep, n)
					}
				}
				policytest.Set(rs[0], keep, "permissions", 0, "notActions")
			},
			Want:    policy.StatusFail,
			Message: `custom role "met tier operator" can touch the audit trail: Microsoft.Insights/diagnosticSettings/write, Microsoft.Insights/diagnosticSettings/delete; add them to notActions`,
		},
		{
			Name: "workspace delete granted in another entry",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				first := policy.ToGo(rs[0].Get("permissions", 0))
				policytest.Set(rs[0], []any{first, map[string]any{"actions": []any{"Microsoft.OperationalInsights/workspaces/*"}}}, "permissions")
			},
			Want:    policy.StatusFail,
			Message: `custom role "met tier operator" can touch the audit trail: Microsoft.OperationalInsights/workspaces/write, Microsoft.OperationalInsights/workspaces/delete, Microsoft.OperationalInsights/workspaces/purge/action, Microsoft.OperationalInsights/workspaces/tables/delete; add them to notActions`,
		},
		{
			Name: "no notActions at all",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "permissions", 0, "notActions")
			},
			Want:    policy.StatusFail,
			Message: `custom role "met tier operator" can touch the audit trail: Microsoft.Insights/diagnosticSettings/write, Microsoft.Insights/diagnosticSettings/delete, Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/delete, Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/write; add them to notActions`,
		},
		{
			Name: "a reader role",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"actions": []any{"*/read"}}}, "permissions")
			},
			Want:    policy.StatusPass,
			Message: `custom role "met tier operator" grants none of the 9 audit-trail actions`,
		},
		{
			Name:    "permissions computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "permissions") },
			Want:    policy.StatusUnknown,
			Message: `permissions is computed; custom role "met tier operator" must not grant the audit-trail actions`,
		},
	},
})

// TestBreakGlassAlertWithoutBreakGlass: a stack with no documented break-glass assignment (a tier stack,
// or a non-break-glass assignment) has nothing for PCLZ-AZR-IAM-014 to judge.
func TestBreakGlassAlertWithoutBreakGlass(t *testing.T) {
	t.Parallel()
	var rule policy.StackRule
	for _, r := range StackRules() {
		if r.ID == "PCLZ-AZR-IAM-014" {
			rule = r
		}
	}
	ra := az(typeRoleAssignment, "operators", tier.Gold, map[string]any{"scope": sub, "roleDefinitionId": ownerBuiltIn, "principalId": breakGlassOne, "description": "tier operators"})
	got := rule.Check(ctxFor(tier.Gold, "tier")(), []*policy.Resource{ra, breakGlassAlert()})
	assert.Equal(t, []policy.Result{policy.NotApplicable("no documented break-glass role assignment in the stack")}, got)
}

// requireMFA is the landing zone's conditional access policy, excluding both break-glass accounts.
func requireMFA() *policy.Resource {
	return policytest.Azure(typeConditionalAccess, "require-mfa", map[string]any{
		"displayName": "met: MFA for landing zone administrators", "state": "enabled",
		"conditions": map[string]any{"users": map[string]any{
			"includedGroups": []any{"44444444-4444-4444-8444-000000000001"},
			"excludedUsers":  []any{breakGlassOne, breakGlassTwo},
		}},
		"grantControls": map[string]any{"operator": "OR", "builtInControls": []any{"mfa"}},
	})
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-IAM-016",
	Context: ctxFor(tier.Platinum, "organization"),
	Resources: func() []*policy.Resource {
		return []*policy.Resource{
			az(typeRoleAssignment, "break-glass-1", tier.Platinum, map[string]any{
				"scope": orgRoot, "roleDefinitionId": ownerBuiltIn, "principalId": breakGlassOne, "principalType": "User",
				"description": "break-glass: MPS-SEC-BG-01",
			}),
			az(typeRoleAssignment, "break-glass-2", tier.Platinum, map[string]any{
				"scope": orgRoot, "roleDefinitionId": ownerBuiltIn, "principalId": breakGlassTwo, "principalType": "User",
				"description": "break-glass: MPS-SEC-BG-01",
			}),
			requireMFA(),
		}
	},
	Subject:         requireMFA().URN,
	BaselineMessage: `conditional access policy "require-mfa" excludes every break-glass account (2)`,
	Cases: []policytest.Case{
		{
			Name: "one account not excluded",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], []any{breakGlassOne}, "conditions", "users", "excludedUsers")
			},
			Want:    policy.StatusFail,
			Message: `conditional access policy "require-mfa" applies to break-glass account ` + breakGlassTwo + ` (MPS-SEC-BG-01); add it to conditions.users.excludedUsers`,
		},
		{
			Name: "no exclusions",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[2], "conditions", "users", "excludedUsers")
			},
			Want:    policy.StatusFail,
			Message: `conditional access policy "require-mfa" applies to break-glass account ` + breakGlassOne + ` (MPS-SEC-BG-01), ` + breakGlassTwo + ` (MPS-SEC-BG-01); add it to conditions.users.excludedUsers`,
		},
		{
			Name: "policy disabled",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "disabled", "state")
				policytest.Delete(rs[2], "conditions")
			},
			Want:    policy.StatusNotApplicable,
			Message: `conditional access policy "require-mfa" is disabled`,
		},
		{
			Name: "exclusions computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[2], "conditions", "users", "excludedUsers")
			},
			Want:    policy.StatusUnknown,
			Message: `conditional access policy "require-mfa" has a computed conditions.users.excludedUsers; it must exclude every break-glass account`,
		},
	},
})
