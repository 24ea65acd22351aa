package azure

import (
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// signInAlert reports whether a scheduled query rule alerts on principal's sign-ins: enabled, a query
// over SigninLogs naming the principal, and an action group to notify. unknown names a computed input
// that could decide it.
func signInAlert(q *policy.Resource, principal string) (ok bool, unknown string) {
	enabled, ek := policy.Bool(q.Get("enabled"))
	switch {
	case ek == policy.Unknown:
		return false, "enabled"
	case !enabled:
		return false, ""
	}
	groups, gk := list(q.Get("actions", "actionGroups"))
	switch {
	case gk == policy.Unknown:
		return false, "actions.actionGroups"
	case len(groups) == 0:
		return false, ""
	}
	conds, ck := list(q.Get("criteria", "allOf"))
	if ck == policy.Unknown {
		return false, "criteria.allOf"
	}
	for _, c := range conds {
		query, qk := policy.Str(at(c, "query"))
		if qk == policy.Unknown {
			unknown = "criteria.allOf[].query"
			continue
		}
		lq := strings.ToLower(query)
		if strings.Contains(lq, "signinlogs") && strings.Contains(lq, strings.ToLower(principal)) {
			return true, ""
		}
	}
	return false, unknown
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-014",
		Title: "Every break-glass sign-in raises an alert",
		Description: "A break-glass account bypasses PIM and conditional access, so its use must never go unnoticed. " +
			"For every principal holding a documented break-glass role assignment (an " +
			"azure-native:authorization:RoleAssignment whose `description` starts \"break-glass:\"), the stack " +
			"must hold an enabled azure-native:insights:ScheduledQueryRule whose `criteria.allOf[].query` reads " +
			"SigninLogs and names the principal's object ID, with at least one action group in " +
			"`actions.actionGroups`. The alert queries the audit workspace, to which Entra ID sends its sign-in " +
			"logs.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10", "13"},
		ResourceTypes: []string{typeRoleAssignment, typeScheduledQueryRule},
		Remediation: "Add a ScheduledQueryRule on the audit workspace with `enabled: true`, a query such as " +
			"`SigninLogs | where UserId in (\"<object ID>\", ...)`, `criteria.allOf[0].operator: GreaterThan`, " +
			"`threshold: 0` and `actions.actionGroups` naming the security team's action group " +
			"(azurelz.NewPrivilegedAccess builds it).",
		References: []policy.Reference{
			{Source: "Microsoft Entra", ID: "Manage emergency access accounts: monitor sign-in and audit logs"},
		},
		Waivable: false,
		Reads: sortedReads(append(policy.Reads(typeRoleAssignment, "description", "principalId"),
			policy.Reads(typeScheduledQueryRule, "enabled", "actions.actionGroups", "criteria.allOf.query")...)),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		alerts := ofType(rs, typeScheduledQueryRule)
		var results []policy.Result
		for _, ra := range ofType(rs, typeRoleAssignment) {
			desc, dk := policy.Str(ra.Get("description"))
			if dk != policy.Present {
				continue
			}
			ref, isBreakGlass := breakGlassReference(desc)
			if !isBreakGlass {
				continue
			}
			principal, pk := policy.Str(ra.Get("principalId"))
			if pk != policy.Present {
				results = append(results, policy.Result{Status: policy.StatusUnknown, URN: ra.URN,
					Message: "break-glass role assignment " + strconv.Quote(ra.Name) + " (" + ref + ") has a computed principalId; its sign-ins must raise an alert"})
				continue
			}
			res := policy.Result{Status: policy.StatusFail, URN: ra.URN,
				Message: "break-glass account " + principal + " (role assignment " + strconv.Quote(ra.Name) + ", " + ref + ") has no sign-in alert: no enabled scheduled query rule over SigninLogs names it with an action group"}
			for _, q := range alerts {
				ok, unknown := signInAlert(q, principal)
				if ok {
					res = policy.Result{Status: policy.StatusPass, URN: ra.URN,
						Message: "break-glass account " + principal + " (" + ref + "): every sign-in alerts through scheduled query rule " + strconv.Quote(q.Name)}
					break
				}
				if unknown != "" {
					res = policy.Result{Status: policy.StatusUnknown, URN: ra.URN,
						Message: "scheduled query rule " + strconv.Quote(q.Name) + " has a computed " + unknown + "; it may be break-glass account " + principal + "'s sign-in alert"}
				}
			}
			results = append(results, res)
		}
		if len(results) == 0 {
			return []policy.Result{policy.NotApplicable("no documented break-glass role assignment in the stack")}
		}
		return results
	},
})
