package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// escalation are the actions that let a role's holder grant themselves (or anyone) any other role.
var escalation = []string{
	"Microsoft.Authorization/roleAssignments/write",
	"Microsoft.Authorization/roleDefinitions/write",
	"Microsoft.Authorization/elevateAccess/Action",
}

// actionCovers reports whether an action pattern (with * wildcards, case-insensitive) matches action.
func actionCovers(pattern, action string) bool {
	p, a := strings.ToLower(pattern), strings.ToLower(action)
	parts := strings.Split(p, "*")
	if len(parts) == 1 {
		return p == a
	}
	if !strings.HasPrefix(a, parts[0]) {
		return false
	}
	a = a[len(parts[0]):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(a, mid)
		if i < 0 {
			return false
		}
		a = a[i+len(mid):]
	}
	return strings.HasSuffix(a, parts[len(parts)-1])
}

// anyCovers reports whether one of the patterns matches action.
func anyCovers(patterns []string, action string) bool {
	for _, p := range patterns {
		if actionCovers(p, action) {
			return true
		}
	}
	return false
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-012",
		Title: "Custom roles cannot grant roles or act as Owner",
		Description: "A custom role whose `permissions[].actions` (less its `notActions`) include writing role " +
			"assignments or role definitions, or elevating access, lets its holder make themselves Owner of " +
			"everything in its assignable scopes: an identity escalation no review of role assignments would " +
			"catch. Wildcards are matched as Azure matches them (`*`, `Microsoft.Authorization/*`).",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10", "12"},
		ResourceTypes: []string{typeRoleDefinition},
		Remediation: "List only the actions the role needs; if it needs `*`, add `Microsoft.Authorization/*/Write`, " +
			"`Microsoft.Authorization/*/Delete` and `Microsoft.Authorization/elevateAccess/Action` to `notActions` " +
			"(as the built-in Contributor role does). Grant role assignment rights only through PIM-eligible built-in roles.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AZURE_39"},
			{Source: "CIS", ID: "Microsoft Azure Foundations 1.23: no custom subscription administrator roles"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeRoleDefinition, "permissions.actions", "permissions.notActions"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		perms, k := list(r.Get("permissions"))
		if k == policy.Unknown {
			return policy.Undecided("permissions is computed; the role must not grant role assignment or role definition writes")
		}
		for i, p := range perms {
			actions, ak := policy.Strings(at(p, "actions"))
			notActions, nk := policy.Strings(at(p, "notActions"))
			if p.IsComputed() || ak == policy.Unknown || nk == policy.Unknown {
				return policy.Undecided("permissions[%d] is computed; the role must not grant role assignment or role definition writes", i)
			}
			for _, e := range escalation {
				if anyCovers(actions, e) && !anyCovers(notActions, e) {
					return policy.Fail("permissions[%d] grants %s (actions %s), which lets the holder give anyone any role; remove it or exclude it in notActions", i, e, quoteAll(actions))
				}
			}
		}
		return policy.Pass("the role grants no role assignment, role definition or elevate-access rights")
	},
})
