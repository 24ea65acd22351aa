package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// workspace is a compliant Log Analytics workspace for every workspace rule's baseline.
func workspace() *policy.Resource {
	return withID(az(typeWorkspace, "law", tier.Platinum, map[string]any{
		"location": "uksouth", "resourceGroupName": "rg-audit", "workspaceName": "law-lz",
		"sku": map[string]any{"name": "PerGB2018"}, "retentionInDays": 400,
		"publicNetworkAccessForIngestion": "Enabled", "publicNetworkAccessForQuery": "Disabled",
	}), rgID("rg-audit")+"/providers/Microsoft.OperationalInsights/workspaces/law-lz")
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-NET-005",
	Resources:       func() []*policy.Resource { return []*policy.Resource{workspace()} },
	BaselineMessage: "public query access Disabled (ingestion Enabled, which is allowed)",
	Cases: []policytest.Case{
		{
			Name: "public queries",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Enabled", "publicNetworkAccessForQuery")
			},
			Want:    policy.StatusFail,
			Message: `publicNetworkAccessForQuery is "Enabled"; the audit workspace must be queried only through a private link scope`,
		},
		{
			Name: "query access not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "publicNetworkAccessForQuery")
			},
			Want:    policy.StatusFail,
			Message: "publicNetworkAccessForQuery is not set (Azure's default is Enabled); it must be Disabled",
		},
		{
			Name: "query access computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "publicNetworkAccessForQuery")
			},
			Want:    policy.StatusUnknown,
			Message: "publicNetworkAccessForQuery is computed; it must be Disabled",
		},
		{
			Name: "ingestion disabled too",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Disabled", "publicNetworkAccessForIngestion")
			},
			Want:    policy.StatusPass,
			Message: "public query access Disabled (ingestion Disabled, which is allowed)",
		},
	},
})
