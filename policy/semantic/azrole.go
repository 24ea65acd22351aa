package semantic

import (
	"regexp"
	"strings"
)

// Azure RBAC role definitions as ARM evaluates them.

// BuiltInRole is an Azure built-in role.
type BuiltInRole struct {
	// ID is the role definition GUID, lower case.
	ID string
	// Name is the role's name as Azure shows it.
	Name string
	// Why says what makes it privileged.
	Why string
}

// PrivilegedRoles are the built-in roles that grant write over every resource or control over access
// (the "privileged administrator roles" of the Azure built-in roles documentation, Privileged category).
// GUIDs are those the documentation publishes; they are the same in every tenant.
var PrivilegedRoles = []BuiltInRole{
	{ID: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", Name: "Owner", Why: "full access to every resource and the right to grant access"},
	{ID: "b24988ac-6180-42a0-ab88-20f7382dd24c", Name: "Contributor", Why: "write access to every resource"},
	{ID: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", Name: "User Access Administrator", Why: "the right to grant any role, itself included"},
	{ID: "f58310d9-a9f6-439a-9e8d-f62e7b41a168", Name: "Role Based Access Control Administrator", Why: "the right to grant any role, itself included"},
}

var armGUIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// RoleDefinitionGUID reads a role definition ID in any form ARM accepts: a bare GUID,
// /providers/Microsoft.Authorization/roleDefinitions/<guid>, or that path under a subscription,
// resource group or management group; any case, trailing slashes. It returns the GUID lower-cased.
func RoleDefinitionGUID(id string) (string, bool) {
	id = strings.TrimRight(strings.TrimSpace(id), "/")
	if armGUIDPattern.MatchString(id) {
		return strings.ToLower(id), true
	}
	parts := strings.Split(id, "/")
	n := len(parts)
	if n >= 4 && strings.EqualFold(parts[n-2], "roleDefinitions") && strings.EqualFold(parts[n-3], "Microsoft.Authorization") &&
		strings.EqualFold(parts[n-4], "providers") && armGUIDPattern.MatchString(parts[n-1]) {
		return strings.ToLower(parts[n-1]), true
	}
	return "", false
}

// PrivilegedRoleByID returns the privileged built-in role a role definition ID names (any form).
func PrivilegedRoleByID(id string) (BuiltInRole, bool) {
	guid, ok := RoleDefinitionGUID(id)
	if !ok {
		return BuiltInRole{}, false
	}
	for _, r := range PrivilegedRoles {
		if r.ID == guid {
			return r, true
		}
	}
	return BuiltInRole{}, false
}

// PrivilegedRoleByName returns the privileged built-in role with that name (case-insensitive, spaces
// trimmed).
func PrivilegedRoleByName(name string) (BuiltInRole, bool) {
	for _, r := range PrivilegedRoles {
		if strings.EqualFold(strings.TrimSpace(name), r.Name) {
			return r, true
		}
	}
	return BuiltInRole{}, false
}

// PrivilegedRoleNames lists the privileged built-in roles' names, as messages give them: "Owner,
// Contributor, ...".
func PrivilegedRoleNames() string {
	names := make([]string, len(PrivilegedRoles))
	for i, r := range PrivilegedRoles {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

// PrivilegedRole returns the privileged built-in role a roleDefinitionId names, by its ID or, as programs
// also write it, by its name.
func PrivilegedRole(idOrName string) (BuiltInRole, bool) {
	if r, ok := PrivilegedRoleByID(idOrName); ok {
		return r, true
	}
	return PrivilegedRoleByName(idOrName)
}

// AzurePermission is one entry of a role definition's permissions.
type AzurePermission struct {
	Actions, NotActions []string
}

// azureActionMatch matches an Azure operation against a pattern: case-insensitive, * any run.
func azureActionMatch(pattern, op string) bool { return GlobMatch(pattern, op, true) }

// AzureAllows reports whether the permissions allow operation op: some entry lists it in actions and
// does not list it in notActions (notActions subtract only within their own entry, as ARM computes
// effective permissions).
func AzureAllows(perms []AzurePermission, op string) bool {
	for _, p := range perms {
		allowed := false
		for _, a := range p.Actions {
			if azureActionMatch(a, op) {
				allowed = true
				break
			}
		}
		for _, na := range p.NotActions {
			if azureActionMatch(na, op) {
				allowed = false
				break
			}
		}
		if allowed {
			return true
		}
	}
	return false
}

// Probes for custom role permissions: an operation of a provider that does not exist stands for "every
// operation"; the role assignment write stands for control over access.
const (
	azureAnyWriteProbe   = "Microsoft.Zzprobe/zzprobes/write"
	azureRoleAssignProbe = "Microsoft.Authorization/roleAssignments/write"
	azureRoleDefineProbe = "Microsoft.Authorization/roleDefinitions/write"
)

// AzureGrant classifies what a set of permissions grants.
type AzureGrant struct {
	// AllWrite: every operation of every provider ("*" less some notActions).
	AllWrite bool
	// Access: writing role assignments or role definitions (Microsoft.Authorization/* or narrower).
	Access bool
}

// Privileged reports whether the grant is all-write or access control.
func (g AzureGrant) Privileged() bool { return g.AllWrite || g.Access }

// ClassifyAzurePermissions says what the permissions grant.
func ClassifyAzurePermissions(perms []AzurePermission) AzureGrant {
	return AzureGrant{
		AllWrite: AzureAllows(perms, azureAnyWriteProbe),
		Access:   AzureAllows(perms, azureRoleAssignProbe) || AzureAllows(perms, azureRoleDefineProbe),
	}
}
