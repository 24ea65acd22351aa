package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func customRoleProps(actions, notActions []any) map[string]any {
	return map[string]any{
		"scope": sub, "roleName": "Met Platform Operator", "assignableScopes": []any{sub},
		"permissions": []any{map[string]any{"actions": actions, "notActions": notActions}},
	}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-IAM-012",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeRoleDefinition, "role", customRoleProps(
			[]any{"Microsoft.Compute/virtualMachines/*", "Microsoft.Network/*/read"}, nil))}
	},
	BaselineMessage: "the role grants no role assignment, role definition or elevate-access rights",
	Cases: []policytest.Case{
		{
			Name: "owner-equivalent wildcard",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"actions": []any{"*"}}}, "permissions")
			},
			Want:    policy.StatusFail,
			Message: `permissions[0] grants Microsoft.Authorization/roleAssignments/write (actions "*"), which lets the holder give anyone any role; remove it or exclude it in notActions`,
		},
		{
			Name: "contributor-like wildcard with authorization excluded",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"actions": []any{"*"}, "notActions": []any{
					"Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/elevateAccess/Action"}}}, "permissions")
			},
			Want:    policy.StatusPass,
			Message: "the role grants no role assignment, role definition or elevate-access rights",
		},
		{
			Name: "authorization wildcard",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"actions": []any{"Microsoft.Authorization/roleDefinitions/*"}}}, "permissions")
			},
			Want:    policy.StatusFail,
			Message: `permissions[0] grants Microsoft.Authorization/roleDefinitions/write (actions "Microsoft.Authorization/roleDefinitions/*"), which lets the holder give anyone any role; remove it or exclude it in notActions`,
		},
		{
			Name:    "permissions computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "permissions") },
			Want:    policy.StatusUnknown,
			Message: "permissions is computed; the role must not grant role assignment or role definition writes",
		},
	},
})

func TestActionCovers(t *testing.T) {
	t.Parallel()
	assert.True(t, actionCovers("*", "Microsoft.Authorization/roleAssignments/write"))
	assert.True(t, actionCovers("Microsoft.Authorization/*", "Microsoft.Authorization/roleAssignments/write"))
	assert.True(t, actionCovers("microsoft.authorization/*/write", "Microsoft.Authorization/roleAssignments/write"))
	assert.True(t, actionCovers("*/write", "Microsoft.Authorization/roleAssignments/write"))
	assert.False(t, actionCovers("*/read", "Microsoft.Authorization/roleAssignments/write"))
	assert.False(t, actionCovers("Microsoft.Compute/*", "Microsoft.Authorization/roleAssignments/write"))
	assert.False(t, actionCovers("Microsoft.Authorization/roleAssignments/read", "Microsoft.Authorization/roleAssignments/write"))
	assert.True(t, actionCovers("Microsoft.Authorization/roleAssignments/write", "microsoft.authorization/roleassignments/WRITE"))
}
