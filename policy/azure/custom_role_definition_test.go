package azure

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func customRole(actions, notActions []any, scopes ...any) *policy.Resource {
	return az(typeRoleDefinition, "vm-operator", tier.Gold, map[string]any{
		"roleName": "VM Operator", "scope": sub, "assignableScopes": scopes,
		"permissions": []any{map[string]any{"actions": actions, "notActions": notActions}},
	})
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-IAM-004",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{customRole([]any{"Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/*/read"}, nil, sub)}
	},
	BaselineMessage: `custom role "VM Operator" grants neither every operation nor access control`,
	Cases: []policytest.Case{
		{
			Name:    "every operation at the subscription",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = customRole([]any{"*"}, nil, sub) },
			Want:    policy.StatusFail,
			Message: `custom role "VM Operator" grants every operation, access control included and is assignable at ` + sub + `; list only the operations the job needs, or limit assignableScopes to resource groups`,
		},
		{
			Name: "Contributor-like at a management group, in another case",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = customRole([]any{"*"}, []any{"Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"}, rgID("rg-app"), "/PROVIDERS/Microsoft.Management/managementGroups/police/")
			},
			Want:    policy.StatusFail,
			Message: `custom role "VM Operator" grants every operation and is assignable at /PROVIDERS/Microsoft.Management/managementGroups/police/; list only the operations the job needs, or limit assignableScopes to resource groups`,
		},
		{
			Name: "Microsoft.Authorization/* lets it grant roles",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = customRole([]any{"microsoft.authorization/*"}, nil, sub)
			},
			Want:    policy.StatusFail,
			Message: `custom role "VM Operator" grants access control (writing role assignments or definitions) and is assignable at ` + sub + `; list only the operations the job needs, or limit assignableScopes to resource groups`,
		},
		{
			Name:    "no assignable scopes: the definition's scope",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = customRole([]any{"*/write"}, nil) },
			Want:    policy.StatusFail,
			Message: `custom role "VM Operator" grants every operation, access control included and is assignable at ` + sub + `; list only the operations the job needs, or limit assignableScopes to resource groups`,
		},
		{
			Name:    "every operation within one resource group",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = customRole([]any{"*"}, nil, rgID("rg-app")) },
			Want:    policy.StatusNotApplicable,
			Message: `custom role "VM Operator" grants every operation, access control included but is assignable only below subscription scope (` + rgID("rg-app") + `)`,
		},
		{
			Name:    "reader-like",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = customRole([]any{"*/read"}, nil, "/") },
			Want:    policy.StatusPass,
			Message: `custom role "VM Operator" grants neither every operation nor access control`,
		},
		{
			Name: "actions computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "permissions", 0, "actions")
			},
			Want:    policy.StatusUnknown,
			Message: `permissions[].actions is computed; custom role "VM Operator" must grant neither every operation nor access control at subscription scope`,
		},
		{
			Name: "assignable scopes computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = customRole([]any{"*"}, nil)
				policytest.SetComputed(rs[0], "assignableScopes")
			},
			Want:    policy.StatusUnknown,
			Message: `assignableScopes is computed; custom role "VM Operator" grants every operation, access control included and must not be assignable at subscription scope`,
		},
	},
})

// TestIdentityRulesDeclareReads: every identity rule lists the properties it decides on, each of a type
// the rule inspects.
func TestIdentityRulesDeclareReads(t *testing.T) {
	t.Parallel()
	var metas []policy.Meta
	for _, r := range Rules() {
		metas = append(metas, r.Meta)
	}
	for _, r := range StackRules() {
		metas = append(metas, r.Meta)
	}
	for _, m := range metas {
		if !slices.Contains([]string{"PCLZ-AZR-IAM-001", "PCLZ-AZR-IAM-002", "PCLZ-AZR-IAM-004", "PCLZ-AZR-IAM-005"}, m.ID) {
			continue
		}
		if !assert.NotEmpty(t, m.Reads, m.ID) {
			continue
		}
		for _, ref := range m.Reads {
			assert.True(t, m.AppliesToType(ref.Type), "%s reads %s, a type it does not inspect", m.ID, ref.Type)
		}
	}
}
