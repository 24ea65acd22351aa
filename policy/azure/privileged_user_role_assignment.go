package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// breakGlassPrefix marks a documented break-glass assignment in the role assignment's description.
const breakGlassPrefix = policy.AzureBreakGlassPrefix

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-001",
		Title: "No user holds a privileged role at subscription scope or above directly",
		Description: "Standing privileged rights for individual people over a whole police subscription, a " +
			"management group or the tenant root are the broadest target an attacker can steal. An " +
			"azure-native:authorization:RoleAssignment with `principalType: User` of a privileged built-in " +
			"role fails: Owner (8e3af657-a8ff-443c-a75c-2fe8c4bcb635), Contributor " +
			"(b24988ac-6180-42a0-ab88-20f7382dd24c), User Access Administrator " +
			"(18d7d88d-d35e-4fb5-a5c3-7773c20a72d9) or Role Based Access Control Administrator " +
			"(f58310d9-a9f6-439a-9e8d-f62e7b41a168), the roles that write every resource or grant access. " +
			"`roleDefinitionId` is read as ARM reads it: a bare GUID or a roleDefinitions ID under any scope, " +
			"in any case, with or without trailing slashes. `scope` is read as ARM reads it: a subscription " +
			"(/subscriptions/<id>), a management group (/providers/Microsoft.Management/managementGroups/<id>) " +
			"or the tenant root (/), any case and trailing slash. A resource-group or resource scope is out of " +
			"this rule: the landing zone delegates its workload resource groups to their teams, and the blast " +
			"radius is that one workload, not the platform's policy, logging and network. When principalType " +
			"is not set ARM resolves the principal itself and it may be a user, so the assignment fails until " +
			"principalType is stated. People get these rights through groups (with Privileged Identity " +
			"Management). The only exception is a documented break-glass account: its assignment's " +
			"`description` starts with \"break-glass:\" followed by the reference of the break-glass " +
			"procedure, and the accreditor reviews every such assignment in the report.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: []string{typeRoleAssignment},
		Remediation: "Assign the role to an Entra ID group (`principalType: Group`) whose membership is managed " +
			"through PIM, or narrow the scope to a resource group; for a break-glass account set `description: " +
			"\"break-glass: <procedure reference>\"`.",
		Waivable: true,
		Reads:    policy.Reads(typeRoleAssignment, "roleDefinitionId", "scope", "principalType", "description"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		roleID, rk := policy.Str(r.Get("roleDefinitionId"))
		if rk == policy.Unknown {
			return policy.Undecided("roleDefinitionId is computed; privileged roles may not be granted to users at subscription scope")
		}
		builtIn, privileged := semantic.PrivilegedRole(roleID)
		if !privileged {
			return policy.Pass("role %s is not a privileged role (%s)", semantic.LastSegment(roleID), semantic.PrivilegedRoleNames())
		}
		role := builtIn.Name
		scope, sk := policy.Str(r.Get("scope"))
		switch {
		case sk == policy.Unknown:
			return policy.Undecided("scope is computed; %s may not be granted to users at subscription scope", role)
		case sk == policy.Absent || !semantic.ParseARMScope(scope).AtLeastSubscription():
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
