package semantic

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const armTestSub = "/subscriptions/00000000-0000-0000-0000-000000000001"

func TestParseARMScope(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id   string
		kind ScopeKind
		sub  string
		rg   string
		mg   string
	}{
		{"/", ScopeRoot, "", "", ""},
		{armTestSub, ScopeSubscription, "00000000-0000-0000-0000-000000000001", "", ""},
		{armTestSub + "/", ScopeSubscription, "00000000-0000-0000-0000-000000000001", "", ""},
		{"/SUBSCRIPTIONS/abc", ScopeSubscription, "abc", "", ""},
		{"subscriptions/abc", ScopeSubscription, "abc", "", ""},
		{armTestSub + "/resourceGroups/rg-app", ScopeResourceGroup, "00000000-0000-0000-0000-000000000001", "rg-app", ""},
		{armTestSub + "/resourcegroups/rg-app/providers/Microsoft.KeyVault/vaults/kv", ScopeResource, "00000000-0000-0000-0000-000000000001", "rg-app", ""},
		{armTestSub + "/providers/Microsoft.Security/pricings/VirtualMachines", ScopeResource, "00000000-0000-0000-0000-000000000001", "", ""},
		{"/providers/Microsoft.Management/managementGroups/police", ScopeManagementGroup, "", "", "police"},
		{"/providers/microsoft.management/MANAGEMENTGROUPS/police/", ScopeManagementGroup, "", "", "police"},
		{"", ScopeUnknown, "", "", ""},
		{"//subscriptions//x", ScopeUnknown, "", "", ""},
		{"/something/else", ScopeUnknown, "", "", ""},
	} {
		s := ParseARMScope(tc.id)
		assert.Equal(t, tc.kind, s.Kind, tc.id)
		assert.Equal(t, tc.sub, s.Subscription, tc.id)
		assert.Equal(t, tc.rg, s.ResourceGroup, tc.id)
		assert.Equal(t, tc.mg, s.ManagementGroup, tc.id)
	}
	assert.True(t, ParseARMScope(armTestSub).AtLeastSubscription())
	assert.True(t, ParseARMScope("/").AtLeastSubscription())
	assert.False(t, ParseARMScope(armTestSub+"/resourceGroups/x").AtLeastSubscription())
	assert.Equal(t, "management group", ScopeManagementGroup.String())
}

func TestScopeContains(t *testing.T) {
	t.Parallel()
	assert.True(t, ScopeContains(armTestSub, armTestSub+"/RESOURCEGROUPS/rg"))
	assert.True(t, ScopeContains(armTestSub+"/", armTestSub))
	assert.True(t, ScopeContains("/", armTestSub))
	assert.False(t, ScopeContains(armTestSub+"/resourceGroups/rg", armTestSub))
	assert.False(t, ScopeContains(armTestSub+"/resourceGroups/rg", armTestSub+"/resourceGroups/rg2"))
	assert.False(t, ScopeContains(armTestSub+"/resourceGroups/rg", armTestSub+"/resourceGroups/rg2/providers/x/y/z"))
	assert.False(t, ScopeContains("/subscriptions/a", "/subscriptions/ab"))
	assert.True(t, SameARMID(armTestSub+"/resourceGroups/RG/", armTestSub+"/resourcegroups/rg"))
	assert.Equal(t, "kv", LastSegment(armTestSub+"/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/"))
}

func TestRoleDefinitionGUID(t *testing.T) {
	t.Parallel()
	const owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	for id, want := range map[string]string{
		owner:                                  owner,
		"8E3AF657-A8FF-443C-A75C-2FE8C4BCB635": owner,
		"/providers/Microsoft.Authorization/roleDefinitions/" + owner:                                                   owner,
		armTestSub + "/providers/Microsoft.Authorization/roleDefinitions/" + owner:                                      owner,
		armTestSub + "/PROVIDERS/microsoft.authorization/ROLEDEFINITIONS/" + owner + "/":                                owner,
		"/providers/Microsoft.Management/managementGroups/p/providers/Microsoft.Authorization/roleDefinitions/" + owner: owner,
		"Owner": "",
		"/providers/Microsoft.Authorization/roleAssignments/" + owner: "",
		"": "",
	} {
		got, ok := RoleDefinitionGUID(id)
		assert.Equal(t, want, got, id)
		assert.Equal(t, want != "", ok, id)
	}
}

func TestPrivilegedRoles(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]string{
		"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635":              "Owner",
		"B24988AC-6180-42A0-AB88-20F7382DD24C":                                                                 "Contributor",
		armTestSub + "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
		"f58310d9-a9f6-439a-9e8d-f62e7b41a168":                                                                 "Role Based Access Control Administrator",
		"acdd72a7-3385-48ef-bd42-f606fba81ae7":                                                                 "", // Reader
		"b24988ac-6180-42b9-b0df-d60fdb7a2a6c":                                                                 "", // not a built-in role
	} {
		r, ok := PrivilegedRoleByID(id)
		assert.Equal(t, want, r.Name, id)
		assert.Equal(t, want != "", ok, id)
	}
	r, ok := PrivilegedRoleByName(" user access administrator ")
	assert.True(t, ok)
	assert.Equal(t, "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", r.ID)
	_, ok = PrivilegedRoleByName("Reader")
	assert.False(t, ok)
	for _, idOrName := range []string{"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner"} {
		r, ok = PrivilegedRole(idOrName)
		assert.True(t, ok, idOrName)
		assert.Equal(t, "Owner", r.Name, idOrName)
	}
	_, ok = PrivilegedRole("Reader")
	assert.False(t, ok)
}

func TestClassifyAzurePermissions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		perms  []AzurePermission
		all    bool
		access bool
	}{
		{"owner-like", []AzurePermission{{Actions: []string{"*"}}}, true, true},
		{"contributor-like", []AzurePermission{{Actions: []string{"*"}, NotActions: []string{"Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"}}}, true, false},
		{"authorization star", []AzurePermission{{Actions: []string{"microsoft.authorization/*"}}}, false, true},
		{"role assignments write", []AzurePermission{{Actions: []string{"Microsoft.Authorization/roleAssignments/write"}}}, false, true},
		{"reader", []AzurePermission{{Actions: []string{"*/read"}}}, false, false},
		{"star write", []AzurePermission{{Actions: []string{"*/write"}}}, true, true},
		{"notActions in another entry do not subtract", []AzurePermission{{Actions: []string{"*"}}, {NotActions: []string{"*"}}}, true, true},
		{"vm operator", []AzurePermission{{Actions: []string{"Microsoft.Compute/virtualMachines/*"}}}, false, false},
	} {
		g := ClassifyAzurePermissions(tc.perms)
		assert.Equal(t, tc.all, g.AllWrite, tc.name)
		assert.Equal(t, tc.access, g.Access, tc.name)
		assert.Equal(t, tc.all || tc.access, g.Privileged(), tc.name)
	}
}

func FuzzParseARMScope(f *testing.F) {
	for _, s := range []string{"/", armTestSub, armTestSub + "/resourceGroups/rg/providers/a/b/c", "/providers/Microsoft.Management/managementGroups/x", "//", ""} {
		f.Add(s, armTestSub)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		sa := ParseARMScope(a)
		if sa.Kind != ScopeUnknown && !ScopeContains(a, a) {
			t.Fatalf("%q does not contain itself", a)
		}
		_ = ScopeContains(a, b)
		_, _ = RoleDefinitionGUID(a)
		_, _ = PrivilegedRoleByID(b)
	})
}

// The rules' messages name the privileged roles in the table's order.
func TestPrivilegedRoleNames(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Owner, Contributor, User Access Administrator, Role Based Access Control Administrator", PrivilegedRoleNames())
}
