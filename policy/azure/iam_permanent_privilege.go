package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// breakGlassReference returns the break-glass procedure reference of a role assignment's description
// ("break-glass: <reference>"), and whether it is a documented break-glass assignment.
func breakGlassReference(desc string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(desc), breakGlassPrefix)
	rest = strings.TrimSpace(rest)
	return rest, ok && rest != ""
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-013",
		Title: "No permanent privileged role assignment at subscription or management group scope outside break-glass",
		Description: "Privileged rights over a subscription, a management group or the tenant root are held only " +
			"when needed: granted as PIM-eligible (azure-native:authorization:PimRoleEligibilitySchedule), " +
			"activated for a time with justification and approval, never standing. An " +
			"azure-native:authorization:RoleAssignment is an active, permanent assignment; one of a privileged " +
			"built-in role (Owner, Contributor, User Access Administrator, Role Based Access Control " +
			"Administrator, by ID or name, read as ARM reads it) at subscription scope or above fails, whatever " +
			"the principal type: groups and service principals included, unlike PCLZ-AZR-IAM-001 which covers " +
			"users. The only exception is a documented break-glass account: a `description` starting " +
			"\"break-glass:\" and the procedure's reference. Resource-group and resource scopes are out of this " +
			"rule.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: []string{typeRoleAssignment},
		Remediation: "Replace the RoleAssignment with a PimRoleEligibilitySchedule for the same principal, role and " +
			"scope (a group whose members activate it through PIM); for a break-glass account set " +
			"`description: \"break-glass: <procedure reference>\"`; or narrow the scope to a resource group.",
		References: []policy.Reference{
			{Source: "CIS", ID: "Microsoft Azure Foundations 2.0: use Privileged Identity Management for privileged roles"},
			{Source: "Azure Landing Zones", ID: "identity and access management: just-in-time privileged access with Entra PIM"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeRoleAssignment, "roleDefinitionId", "scope", "principalType", "description"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		roleID, rk := policy.Str(r.Get("roleDefinitionId"))
		if rk == policy.Unknown {
			return policy.Undecided("roleDefinitionId is computed; a privileged role at subscription scope or above must be PIM-eligible, not assigned permanently")
		}
		role, privileged := semantic.PrivilegedRole(roleID)
		if !privileged {
			return policy.NotApplicable("role %s is not a privileged role (%s)", semantic.LastSegment(roleID), semantic.PrivilegedRoleNames())
		}
		scope, sk := policy.Str(r.Get("scope"))
		switch {
		case sk == policy.Unknown:
			return policy.Undecided("scope is computed; %s at subscription scope or above must be PIM-eligible, not assigned permanently", role.Name)
		case sk == policy.Absent || !semantic.ParseARMScope(scope).AtLeastSubscription():
			return policy.NotApplicable("%s at scope %q, narrower than a subscription", role.Name, scope)
		}
		desc, dk := policy.Str(r.Get("description"))
		if dk == policy.Unknown {
			return policy.Undecided("description is computed; a permanent %s at %s is allowed only for a documented break-glass account", role.Name, scope)
		}
		if ref, ok := breakGlassReference(desc); ok {
			return policy.Pass("permanent %s at %s is a documented break-glass account's (%s)", role.Name, scope, ref)
		}
		who := "a principal of unstated type"
		if pt, pk := policy.Str(r.Get("principalType")); pk == policy.Present {
			who = "a " + pt
		}
		return policy.Fail("%s at %s is assigned permanently to %s; make it PIM-eligible (PimRoleEligibilitySchedule), or document a break-glass account with a description starting %q",
			role.Name, scope, who, breakGlassPrefix)
	},
})
