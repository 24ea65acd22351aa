package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-005",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeKey, "cmk-storage", tier.Platinum, map[string]any{
			"resourceGroupName": "rg-keys", "vaultName": "kv-lz", "keyName": "cmk-storage",
			"properties": map[string]any{
				"kty": "RSA-HSM", "keySize": 3072,
				"rotationPolicy": map[string]any{
					"attributes": map[string]any{"expiryTime": "P2Y"},
					"lifetimeActions": []any{
						map[string]any{"action": map[string]any{"type": "Notify"}, "trigger": map[string]any{"timeBeforeExpiry": "P30D"}},
						map[string]any{"action": map[string]any{"type": "Rotate"}, "trigger": map[string]any{"timeAfterCreate": "P365D"}},
					},
				},
			},
		})}
	},
	BaselineMessage: "the key rotates P365D after creation",
	Cases: []policytest.Case{
		{
			Name: "no rotation policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "rotationPolicy")
			},
			Want:    policy.StatusFail,
			Message: "the key has no rotation policy lifetime actions; add a Rotate action with a trigger",
		},
		{
			Name: "notify only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Notify", "properties", "rotationPolicy", "lifetimeActions", 1, "action", "type")
			},
			Want:    policy.StatusFail,
			Message: "the rotation policy has no Rotate action with a trigger (timeAfterCreate or timeBeforeExpiry); Notify alone does not rotate the key",
		},
		{
			Name: "rotate before expiry",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"timeBeforeExpiry": "P60D"}, "properties", "rotationPolicy", "lifetimeActions", 1, "trigger")
			},
			Want:    policy.StatusPass,
			Message: "the key rotates P60D before expiry",
		},
		{
			Name: "lifetime actions computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "rotationPolicy", "lifetimeActions")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.rotationPolicy.lifetimeActions is computed; it must hold a Rotate action",
		},
		{
			Name: "one action's type computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "rotationPolicy", "lifetimeActions", 1, "action")
			},
			Want:    policy.StatusUnknown,
			Message: "a rotation policy lifetime action is computed; it must include a Rotate action with a trigger",
		},
	},
})
