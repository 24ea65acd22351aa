package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-004",
		Title: "Custom roles assignable at subscription scope or above grant neither everything nor access control",
		Description: "A custom azure-native:authorization:RoleDefinition whose `permissions` allow every operation " +
			"(`actions` \"*\" or \"*/write\", less whatever `notActions` remove in the same entry, as ARM " +
			"computes effective permissions) is an Owner or Contributor under another name, and one that " +
			"allows writing role assignments or role definitions (`Microsoft.Authorization/*`, " +
			"`Microsoft.Authorization/roleAssignments/write`) lets its holders grant any role, themselves " +
			"included. Such a role fails when it can be assigned at a subscription, a management group or the " +
			"tenant root: any of its `assignableScopes` (or, when none is listed, its `scope`) read as ARM " +
			"reads scopes (any case, trailing slashes). Operations are matched case-insensitively with " +
			"wildcards; dataActions are not read (data-plane roles do not grant control of resources or " +
			"access).",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: []string{typeRoleDefinition},
		Remediation: "List only the operations the job needs in `permissions[].actions` (no \"*\", no " +
			"Microsoft.Authorization writes), or limit `assignableScopes` to the resource groups the role is " +
			"for; use the built-in Owner or User Access Administrator through PIM where that power is " +
			"really needed.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Audit usage of custom RBAC roles (a451c1ef-c6ca-483d-87ed-f49761e3ffb5)"},
			{Source: "Checkov", ID: "CKV_AZURE_39"},
			{Source: "Prowler", ID: "iam_subscription_roles_owner_custom_not_created"},
		},
		Waivable: true,
		Reads: policy.Reads(typeRoleDefinition, "permissions", "permissions.actions", "permissions.notActions",
			"assignableScopes", "scope", "roleName"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		name, _ := policy.Str(r.Get("roleName"))
		if name == "" {
			name = r.Name
		}
		perms, unknown := customRolePermissions(r.Get("permissions"))
		if unknown != "" {
			return policy.Undecided("%s is computed; custom role %q must grant neither every operation nor access control at subscription scope", unknown, name)
		}
		grant := semantic.ClassifyAzurePermissions(perms)
		if !grant.Privileged() {
			return policy.Pass("custom role %q grants neither every operation nor access control", name)
		}
		scopes, sk := policy.Strings(r.Get("assignableScopes"))
		if sk == policy.Unknown {
			return policy.Undecided("assignableScopes is computed; custom role %q %s and must not be assignable at subscription scope", name, customRoleWhat(grant))
		}
		if len(scopes) == 0 {
			s, k := policy.Str(r.Get("scope"))
			if k == policy.Unknown {
				return policy.Undecided("scope is computed; custom role %q %s and must not be assignable at subscription scope", name, customRoleWhat(grant))
			}
			scopes = []string{s}
		}
		for _, s := range scopes {
			if semantic.ParseARMScope(s).AtLeastSubscription() {
				return policy.Fail("custom role %q %s and is assignable at %s; list only the operations the job needs, or limit assignableScopes to resource groups", name, customRoleWhat(grant), s)
			}
		}
		return policy.NotApplicable("custom role %q %s but is assignable only below subscription scope (%s)", name, customRoleWhat(grant), strings.Join(scopes, ", "))
	},
})

func customRoleWhat(g semantic.AzureGrant) string {
	switch {
	case g.AllWrite && g.Access:
		return "grants every operation, access control included"
	case g.AllWrite:
		return "grants every operation"
	}
	return "grants access control (writing role assignments or definitions)"
}

// customRolePermissions reads permissions[].actions / notActions; unknown names the first computed part.
func customRolePermissions(v policy.Value) (out []semantic.AzurePermission, unknown string) {
	items, k := policy.List(v)
	if k == policy.Unknown {
		return nil, "permissions"
	}
	for _, it := range items {
		acts, ak := policy.Strings(at(it, "actions"))
		nots, nk := policy.Strings(at(it, "notActions"))
		switch {
		case ak == policy.Unknown:
			return nil, "permissions[].actions"
		case nk == policy.Unknown:
			return nil, "permissions[].notActions"
		}
		out = append(out, semantic.AzurePermission{Actions: acts, NotActions: nots})
	}
	return out, ""
}
