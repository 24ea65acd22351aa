package azure

import (
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// typeConditionalAccess is an Entra ID conditional access policy of the azuread provider, which the
// organization stack registers by type token.
const typeConditionalAccess = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-016",
		Title: "Break-glass accounts are excluded from every conditional access policy of the stack",
		Description: "A break-glass account is for when the identity provider, MFA or a conditional access " +
			"policy locks everyone else out; a policy that applies to it can lock it out too. For every " +
			"principal holding a documented break-glass role assignment (an " +
			"azure-native:authorization:RoleAssignment whose `description` starts \"break-glass:\"), every " +
			"conditional access policy of the stack that is not disabled (an " +
			"azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy) must list it in " +
			"`conditions.users.excludedUsers`. Policies outside the stack are the identity team's, and the " +
			"break-glass procedure must cover them.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10", "12"},
		ResourceTypes: []string{typeRoleAssignment, typeConditionalAccess},
		Remediation: "Add every break-glass account's object ID to the policy's " +
			"`conditions.users.excludedUsers` (azurelz.NewPrivilegedAccess does).",
		References: []policy.Reference{
			{Source: "Microsoft Entra", ID: "Manage emergency access accounts: exclude them from conditional access policies"},
		},
		Waivable: true,
		Reads: sortedReads(append(policy.Reads(typeRoleAssignment, "description", "principalId"),
			policy.Reads(typeConditionalAccess, "state", "conditions.users.excludedUsers")...)),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		type account struct{ id, ref string }
		var accounts []account
		for _, ra := range ofType(rs, typeRoleAssignment) {
			desc, _ := policy.Str(ra.Get("description"))
			ref, ok := breakGlassReference(desc)
			id, ik := policy.Str(ra.Get("principalId"))
			if ok && ik == policy.Present && !slices.ContainsFunc(accounts, func(a account) bool { return strings.EqualFold(a.id, id) }) {
				accounts = append(accounts, account{id, ref})
			}
		}
		policies := ofType(rs, typeConditionalAccess)
		if len(accounts) == 0 || len(policies) == 0 {
			return []policy.Result{policy.NotApplicable("no documented break-glass account and conditional access policy in the stack together")}
		}
		var results []policy.Result
		for _, p := range policies {
			name := strconv.Quote(p.Name)
			state, sk := policy.Str(p.Get("state"))
			if sk == policy.Present && eqFold(state, "disabled") {
				results = append(results, policy.Result{Status: policy.StatusNotApplicable, URN: p.URN,
					Message: "conditional access policy " + name + " is disabled"})
				continue
			}
			excluded, ek := policy.Strings(p.Get("conditions", "users", "excludedUsers"))
			if ek == policy.Unknown {
				results = append(results, policy.Result{Status: policy.StatusUnknown, URN: p.URN,
					Message: "conditional access policy " + name + " has a computed conditions.users.excludedUsers; it must exclude every break-glass account"})
				continue
			}
			var missing []string
			for _, a := range accounts {
				if !slices.ContainsFunc(excluded, func(e string) bool { return strings.EqualFold(e, a.id) }) {
					missing = append(missing, a.id+" ("+a.ref+")")
				}
			}
			if len(missing) > 0 {
				results = append(results, policy.Result{Status: policy.StatusFail, URN: p.URN,
					Message: "conditional access policy " + name + " applies to break-glass account " + strings.Join(missing, ", ") + "; add it to conditions.users.excludedUsers"})
				continue
			}
			results = append(results, policy.Result{Status: policy.StatusPass, URN: p.URN,
				Message: "conditional access policy " + name + " excludes every break-glass account (" + strconv.Itoa(len(accounts)) + ")"})
		}
		return results
	},
})
