package azure

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-015",
		Title: "Custom (operator) roles cannot touch the audit trail",
		Description: "Operators run the workloads; the audit trail records what they did, so no role they hold " +
			"may delete or redirect it. A custom azure-native:authorization:RoleDefinition fails when its " +
			"`permissions[].actions`, less that entry's `notActions` (wildcards matched as Azure matches them), " +
			"cover an audit-trail action: writing or deleting diagnostic settings, writing, deleting or purging " +
			"the Log Analytics workspace or deleting its tables, writing or deleting the audit archive's " +
			"immutability policies, or deleting management locks (policy.AzureAuditTrailActions). The landing " +
			"zone's custom roles are its operator roles; the platform admins hold Owner through PIM.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5", "9", "13"},
		ResourceTypes: []string{typeRoleDefinition},
		Remediation: "Add every action of policy.AzureAuditTrailActions to the entry's `notActions` (the azurelz tier " +
			"operator role does), or list only the workload services' actions.",
		Waivable: true,
		Reads:    policy.Reads(typeRoleDefinition, "permissions.actions", "permissions.notActions"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		name, _ := policy.Str(r.Get("roleName"))
		if name == "" {
			name = r.Name
		}
		perms, k := list(r.Get("permissions"))
		if k == policy.Unknown {
			return policy.Undecided("permissions is computed; custom role %q must not grant the audit-trail actions", name)
		}
		var touches []string
		for i, p := range perms {
			actions, ak := policy.Strings(at(p, "actions"))
			notActions, nk := policy.Strings(at(p, "notActions"))
			if p.IsComputed() || ak == policy.Unknown || nk == policy.Unknown {
				return policy.Undecided("permissions[%d] is computed; custom role %q must not grant the audit-trail actions", i, name)
			}
			for _, a := range policy.AzureAuditTrailActions {
				if anyCovers(actions, a) && !anyCovers(notActions, a) && !slices.Contains(touches, a) {
					touches = append(touches, a)
				}
			}
		}
		if len(touches) > 0 {
			return policy.Fail("custom role %q can touch the audit trail: %s; add them to notActions", name, strings.Join(touches, ", "))
		}
		return policy.Pass("custom role %q grants none of the %d audit-trail actions", name, len(policy.AzureAuditTrailActions))
	},
})
