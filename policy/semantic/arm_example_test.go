package semantic_test

import (
	"fmt"

	"github.com/policecloud/landingzones/policy/semantic"
)

// ARM compares IDs case-insensitively, with or without trailing slashes.
func ExampleScopeContains() {
	sub := "/subscriptions/00000000-0000-0000-0000-000000000001"
	fmt.Println(semantic.ScopeContains(sub+"/", sub+"/RESOURCEGROUPS/rg-app"))
	fmt.Println(semantic.ScopeContains(sub+"/resourceGroups/rg-app", sub))
	// Output:
	// true
	// false
}

// A role definition ID names the same role in every form ARM accepts.
func ExamplePrivilegedRoleByID() {
	for _, id := range []string{
		"b24988ac-6180-42a0-ab88-20f7382dd24c",
		"/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635/",
		"/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
	} {
		r, ok := semantic.PrivilegedRoleByID(id)
		fmt.Printf("%q %t\n", r.Name, ok)
	}
	// Output:
	// "Contributor" true
	// "Owner" true
	// "" false
}
