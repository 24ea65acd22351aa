package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-IAM-002",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{keyVault("lz", tier.Platinum), keyVault("other", tier.Platinum)}
	},
	BaselineMessage: "RBAC authorisation on, no legacy access policies",
	Cases: []policytest.Case{
		{
			Name: "access policies model",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "properties", "enableRbacAuthorization")
			},
			Want:    policy.StatusFail,
			Message: "properties.enableRbacAuthorization is false; vault access must go through Entra ID role assignments",
		},
		{
			Name: "RBAC not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "enableRbacAuthorization")
			},
			Want:    policy.StatusFail,
			Message: "properties.enableRbacAuthorization is not set; it must be true (vault access must go through Entra ID role assignments)",
		},
		{
			Name: "inline access policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], []any{map[string]any{"tenantId": "t", "objectId": "o", "permissions": map[string]any{"keys": []any{"all"}}}}, "properties", "accessPolicies")
			},
			Want:    policy.StatusFail,
			Message: "the vault holds 1 legacy access policy in properties.accessPolicies; with RBAC authorisation grant access with role assignments only",
		},
		{
			Name: "AccessPolicy resource naming the vault",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = az(typeAccessPolicy, "ap-ops", tier.Platinum, map[string]any{
					"resourceGroupName": "rg-keys", "vaultName": "kv-lz",
					"policy": map[string]any{"tenantId": "t", "objectId": "o", "permissions": map[string]any{"keys": []any{"get"}}},
				})
			},
			Want:    policy.StatusFail,
			Message: `access policy "ap-ops" grants legacy Key Vault access to vault kv-lz; landing zone vaults use RBAC authorisation, so grant access with role assignments`,
		},
		{
			Name: "RBAC flag computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "enableRbacAuthorization")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.enableRbacAuthorization is computed; it must be true",
		},
	},
})
