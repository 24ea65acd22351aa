package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// monitorLinkFixture is Bronze's path for its machines' logs: the custody workload's data collection
// rule, the tier's data collection endpoint, its Azure Monitor private link scope holding the endpoint,
// and the scope's private endpoint in the endpoint subnet.
func monitorLinkFixture() []*policy.Resource {
	dcr := az(typeDataCollectionRule, "custody-dcr", tier.Bronze, map[string]any{
		"resourceGroupName": "rg-bronze", "location": "uksouth", "kind": "Linux",
		"dataCollectionEndpointId": policy.UnknownSentinel,
	})
	dce := az(typeDataCollectionEndpoint, "bronze-dce", tier.Bronze, map[string]any{
		"resourceGroupName": "rg-bronze", "location": "uksouth",
		"networkAcls": map[string]any{"publicNetworkAccess": "Disabled"},
	})
	scope := az(typeMonitorPrivateLink, "bronze-ampls", tier.Bronze, map[string]any{
		"resourceGroupName": "rg-bronze", "location": "global",
		"accessModeSettings": map[string]any{"ingestionAccessMode": "PrivateOnly", "queryAccessMode": "PrivateOnly"},
	})
	scoped := policytest.Azure(typeMonitorScopedResource, "bronze-ampls-dce", map[string]any{
		"resourceGroupName": "rg-bronze", "scopeName": policy.UnknownSentinel, "name": "dce",
		"linkedResourceId": policy.UnknownSentinel,
	})
	pe := az(typePrivateEndpoint, "bronze-ampls-pe", tier.Bronze, map[string]any{
		"resourceGroupName": "rg-bronze", "location": "uksouth",
		"subnet": map[string]any{"id": policy.UnknownSentinel},
		"privateLinkServiceConnections": []any{map[string]any{
			"name": "ampls", "privateLinkServiceId": policy.UnknownSentinel, "groupIds": []any{"azuremonitor"},
		}},
	})
	policytest.Link(dcr, "dataCollectionEndpointId", dce)
	policytest.Link(scoped, "linkedResourceId", dce)
	policytest.Link(scoped, "scopeName", scope)
	policytest.Link(pe, "privateLinkServiceConnections", scope)
	return []*policy.Resource{dcr, dce, scope, scoped, pe}
}

const monitorLinkWhy = "; the Bronze tier has no internet egress, so its machines' agents reach Azure Monitor only over a private link scope"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-AUD-009",
	Context:         ctxFor(tier.Bronze, "tier"),
	Resources:       monitorLinkFixture,
	Subject:         policytest.URN(typeDataCollectionRule, "custody-dcr"),
	BaselineMessage: "sends through data collection endpoint bronze-dce (public network access Disabled), in private link scope bronze-ampls (ingestion PrivateOnly), reached by private endpoint bronze-ampls-pe",
	Cases: []policytest.Case{
		{
			Name: "no data collection endpoint",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "dataCollectionEndpointId")
				delete(rs[0].PropertyDependencies, "dataCollectionEndpointId")
			},
			Want:    policy.StatusFail,
			Message: "dataCollectionEndpointId is not set, so the machines send to Azure Monitor's public ingestion endpoints, which they cannot reach" + monitorLinkWhy,
		},
		{
			Name: "endpoint open to the internet",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], "Enabled", "networkAcls", "publicNetworkAccess")
			},
			Want:    policy.StatusFail,
			Message: "data collection endpoint bronze-dce networkAcls.publicNetworkAccess is Enabled, so it accepts data from the internet; set it to Disabled" + monitorLinkWhy,
		},
		{
			Name:    "endpoint public access not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "networkAcls") },
			Want:    policy.StatusFail,
			Message: "data collection endpoint bronze-dce networkAcls.publicNetworkAccess is not set (default Enabled), so it accepts data from the internet; set it to Disabled" + monitorLinkWhy,
		},
		{
			Name: "endpoint in no private link scope",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3] = az(typeResourceGroup, "rg", tier.Bronze, map[string]any{})
			},
			Want:    policy.StatusFail,
			Message: "data collection endpoint bronze-dce is in no Azure Monitor private link scope of the stack (no PrivateLinkScopedResource links it)" + monitorLinkWhy,
		},
		{
			Name: "scope open for ingestion",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "Open", "accessModeSettings", "ingestionAccessMode")
			},
			Want:    policy.StatusFail,
			Message: "private link scope bronze-ampls accessModeSettings.ingestionAccessMode is Open, not PrivateOnly, so the tier's agents may still be sent to public endpoints" + monitorLinkWhy,
		},
		{
			Name: "scope with no private endpoint",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[4], []any{"blob"}, "privateLinkServiceConnections", 0, "groupIds")
			},
			Want:    policy.StatusFail,
			Message: "private link scope bronze-ampls has no private endpoint (groupId azuremonitor) in the stack, so nothing in the tier's network reaches it" + monitorLinkWhy,
		},
		{
			Name: "endpoint outside the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Insights/dataCollectionEndpoints/other", "dataCollectionEndpointId")
				delete(rs[0].PropertyDependencies, "dataCollectionEndpointId")
			},
			Want:    policy.StatusUnknown,
			Message: `dataCollectionEndpointId names "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Insights/dataCollectionEndpoints/other", which is not in the stack, so the private link scope it is reached over is not known`,
		},
		{
			Name: "endpoint computed with no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				delete(rs[0].PropertyDependencies, "dataCollectionEndpointId")
			},
			Want:    policy.StatusUnknown,
			Message: "dataCollectionEndpointId is computed and names no data collection endpoint of the stack, so the path of the machines' logs is not known",
		},
	},
})
