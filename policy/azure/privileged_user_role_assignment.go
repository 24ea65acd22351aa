package azure

import (
	"regexp"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// privilegedRoles are the built-in role definition GUIDs no user may hold directly at subscription scope.
var privilegedRoles = map[string]string{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42b9-b0df-d60fdb7a2a6c": "Contributor",
}

// breakGlassPrefix marks a documented break-glass assignment in the role assignment's description.
const breakGlassPrefix = "break-glass:"

var managementGroupScope = regexp.MustCompile(`(?i)^/providers/Microsoft\.Management/managementGroups/[^/]+/?$`)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-001",
		Title: "No user holds Owner or Contributor at subscription scope directly",
		Description: "Standing Owner or Contributor rights for individual people over a whole police subscription " +
			"(or a management group, or the tenant root) are the broadest target an attacker can steal. An " +
			"azure-native:authorization:RoleAssignment with `principalType: User` and the Owner " +
			"(8e3af657-a8ff-443c-a75c-2fe8c4bcb635) or Contributor (b24988ac-6180-42b9-b0df-d60fdb7a2a6c) " +
			"`roleDefinitionId` at `scope` /subscriptions/<id> (nothing after it) fails; people get those rights " +
			"through groups (with Privileged Identity Management). The only exception is a documented break-glass " +
			"account: its assignment's `description` starts with \"break-glass:\" followed by the reference of the " +
			"break-glass procedure, and the accreditor reviews every such assignment in the report.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10"},
		ResourceTypes: []string{typeRoleAssignment},
		Remediation: "Assign the role to an Entra ID group (`principalType: Group`) whose membership is managed " +
			"through PIM, or narrow the scope to a resource group; for a break-glass account set `description: " +
			"\"break-glass: <procedure reference>\"`.",
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		roleID, rk := policy.Str(r.Get("roleDefinitionId"))
		if rk == policy.Unknown {
			return policy.Undecided("roleDefinitionId is computed; Owner and Contributor may not be granted to users at subscription scope")
		}
		role, privileged := privilegedRoles[strings.ToLower(lastSegment(roleID))]
		if !privileged {
			return policy.NotApplicable("role %s is not Owner or Contributor", lastSegment(roleID))
		}
		scope, sk := policy.Str(r.Get("scope"))
		switch {
		case sk == policy.Unknown:
			return policy.Undecided("scope is computed; %s may not be granted to users at subscription scope", role)
		case sk == policy.Absent || !(subscriptionScope.MatchString(scope) || managementGroupScope.MatchString(scope) || scope == "/"):
			return policy.NotApplicable("%s at scope %q, narrower than a subscription", role, scope)
		}
		pt, pk := policy.Str(r.Get("principalType"))
		switch {
		case pk == policy.Unknown:
			return policy.Undecided("principalType is computed; %s at %s may not be granted to a user", role, scope)
		case pk == policy.Absent:
			return policy.Fail("principalType is not set, so the principal of %s at %s may be a user; set principalType (Group or ServicePrincipal)", role, scope)
		case !eqFold(pt, "User"):
			return policy.Pass("%s at %s is granted to a %s, not a user", role, scope, pt)
		}
		desc, dk := policy.Str(r.Get("description"))
		if dk == policy.Unknown {
			return policy.Undecided("description is computed; a user's %s at %s is allowed only for a documented break-glass account", role, scope)
		}
		if rest, isBreakGlass := strings.CutPrefix(strings.TrimSpace(desc), breakGlassPrefix); isBreakGlass && strings.TrimSpace(rest) != "" {
			return policy.Pass("documented break-glass account holds %s at %s (%s)", role, scope, strings.TrimSpace(desc))
		}
		return policy.Fail("%s granted directly to a user at %s; grant it to a PIM-managed group, or document a break-glass account with a description starting %q", role, scope, breakGlassPrefix)
	},
})
