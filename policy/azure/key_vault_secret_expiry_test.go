package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-IAM-011",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeSecret, "secret", map[string]any{
			"vaultName": "kv-lz", "secretName": "db-password",
			"properties": map[string]any{"attributes": map[string]any{"expires": 1798761600}},
		})}
	},
	BaselineMessage: "the secret expires at 2027-01-01T00:00:00Z",
	Cases: []policytest.Case{
		{
			Name:    "no expiry",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "properties", "attributes") },
			Want:    policy.StatusFail,
			Message: "properties.attributes.expires is not set, so the secret never expires; set an expiry and rotate it before then",
		},
		{
			Name: "expiry computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "attributes", "expires")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.attributes.expires is computed; the secret must expire",
		},
	},
})
