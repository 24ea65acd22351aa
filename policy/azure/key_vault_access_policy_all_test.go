package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func vaultWithPolicies(policies ...any) *policy.Resource {
	return az(typeKeyVault, "legacy", tier.Gold, map[string]any{
		"resourceGroupName": "rg-keys", "vaultName": "kv-legacy",
		"properties": map[string]any{"tenantId": "t", "accessPolicies": policies},
	})
}

func accessEntry(kind string, perms ...any) map[string]any {
	return map[string]any{"tenantId": "t", "objectId": "33333333-3333-3333-3333-333333333333", "permissions": map[string]any{kind: perms}}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-IAM-005",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{vaultWithPolicies(accessEntry("keys", "get", "wrapKey", "unwrapKey"), accessEntry("secrets", "get"))}
	},
	BaselineMessage: "every access policy grants named permissions only",
	Cases: []policytest.Case{
		{
			Name: "all secret permissions",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = vaultWithPolicies(accessEntry("keys", "get"), accessEntry("secrets", "get", "All"))
			},
			Want:    policy.StatusFail,
			Message: "access policy 2 grants object 33333333-3333-3333-3333-333333333333 all secrets permissions (purge included); list only the operations it needs, or use RBAC authorisation",
		},
		{
			Name: "AccessPolicy resource with all key permissions",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeAccessPolicy, "ap-ops", tier.Gold, map[string]any{
					"resourceGroupName": "rg-keys", "vaultName": "kv-legacy", "policy": accessEntry("keys", "all"),
				})
			},
			Want:    policy.StatusFail,
			Message: "access policy grants object 33333333-3333-3333-3333-333333333333 all keys permissions (purge included); list only the operations it needs, or use RBAC authorisation",
		},
		{
			Name: "AccessPolicy resource with named permissions",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeAccessPolicy, "ap-ops", tier.Gold, map[string]any{
					"resourceGroupName": "rg-keys", "vaultName": "kv-legacy", "policy": accessEntry("certificates", "get", "list"),
				})
			},
			Want:    policy.StatusPass,
			Message: "access policy grants named permissions only",
		},
		{
			Name:    "RBAC vault without access policies",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0] = vaultWithPolicies() },
			Want:    policy.StatusNotApplicable,
			Message: "the vault holds no access policies",
		},
		{
			Name: "access policies computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "accessPolicies")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.accessPolicies is computed; no access policy may grant all permissions",
		},
		{
			Name: "one permission list computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "accessPolicies", 1, "permissions", "secrets")
			},
			Want:    policy.StatusUnknown,
			Message: "access policy 2 permissions.secrets is computed; it must not grant all permissions",
		},
	},
})
