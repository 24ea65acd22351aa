package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const sbSecondaryID = sub + "/resourceGroups/rg-msg/providers/Microsoft.ServiceBus/namespaces/sb-met-dr"

// partnerStack is a Service Bus geo-DR pairing with its partner namespace in ukwest; rs[0] is the
// pairing the fixture asserts on.
func partnerStack() []*policy.Resource {
	secondary := withID(az(typeServiceBusNamespace, "sb-dr", tier.Gold, map[string]any{
		"location": "ukwest", "resourceGroupName": "rg-msg", "namespaceName": "sb-met-dr",
	}), sbSecondaryID)
	dr := az(typeServiceBusDR, "sb-alias", tier.Gold, map[string]any{
		"resourceGroupName": "rg-msg", "namespaceName": "sb-met", "alias": "sb-met-alias", "partnerNamespace": sbSecondaryID,
	})
	return []*policy.Resource{dr, secondary}
}

// replaceFirst swaps the asserted resource for one of typ named "sb-alias" (so the subject URN holds).
func replaceFirst(typ string, inputs map[string]any) func([]*policy.Resource, *policy.Context) {
	return func(rs []*policy.Resource, _ *policy.Context) {
		r := az(typ, "sb-alias", tier.Gold, inputs)
		r.URN = rs[0].URN
		rs[0] = r
	}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-REG-006",
	Resources:       partnerStack,
	Subject:         policytest.URN(typeServiceBusDR, "sb-alias"),
	BaselineMessage: "partnerNamespace sb-met-dr in ukwest",
	Cases: []policytest.Case{
		{
			Name:    "partner namespace in west europe",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "westeurope", "location") },
			Want:    policy.StatusFail,
			Message: `partnerNamespace names sb-met-dr in "westeurope", outside the UK region pair (uksouth, ukwest); the geo-disaster recovery pairing copies the namespace's metadata there`,
		},
		{
			Name:    "partner outside the stack",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].ID = "" },
			Want:    policy.StatusUnknown,
			Message: `partnerNamespace "` + sbSecondaryID + `" is not in this stack, so its location cannot be seen (the geo-disaster recovery pairing copies the namespace's metadata there); create the partner in this stack in uksouth or ukwest`,
		},
		{
			Name: "partner computed at preview, from a namespace of the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "partnerNamespace")
				policytest.Link(rs[0], "partnerNamespace", rs[1])
			},
			Want:    policy.StatusPass,
			Message: "partnerNamespace sb-met-dr in ukwest",
		},
		{
			Name:    "partner computed from nothing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "partnerNamespace") },
			Want:    policy.StatusUnknown,
			Message: "partnerNamespace is computed and comes from no Namespace of this stack; its location cannot be seen (the geo-disaster recovery pairing copies the namespace's metadata there)",
		},
		{
			Name: "event hubs pairing to west europe",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1].Type = typeEventHubNamespace
				policytest.Set(rs[1], "westeurope", "location")
				replaceFirst(typeEventHubDR, map[string]any{"partnerNamespace": sbSecondaryID})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `partnerNamespace names sb-met-dr in "westeurope", outside the UK region pair (uksouth, ukwest); the geo-disaster recovery pairing copies the namespace's metadata there`,
		},
		{
			Name: "object replication to an account in west europe, named",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = storageAccount("replica", tier.Gold)
				policytest.Set(rs[1], "westeurope", "location")
				replaceFirst(typeObjectReplication, map[string]any{"accountName": "stevidence", "sourceAccount": "stevidence", "destinationAccount": "streplica"})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `destinationAccount names streplica in "westeurope", outside the UK region pair (uksouth, ukwest); object replication copies blobs there`,
		},
		{
			Name: "redis link to a cache in east us",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = withID(az(typeRedis, "redis-dr", tier.Gold, map[string]any{"location": "eastus", "name": "redis-met-dr"}), "/redis/dr")
				replaceFirst(typeRedisLinkedServer, map[string]any{"linkedRedisCacheId": "/redis/dr", "linkedRedisCacheLocation": "uksouth"})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `linkedRedisCacheId names redis-met-dr in "eastus", outside the UK region pair (uksouth, ukwest); geo-replication copies the cache's data there`,
		},
		{
			Name: "redis enterprise database linked to a cluster in west europe",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = withID(az(typeRedisEnterprise, "re-dr", tier.Gold, map[string]any{"location": "westeurope", "clusterName": "re-met-dr"}), "/re/dr")
				replaceFirst(typeRedisEnterpriseDB, map[string]any{"geoReplication": map[string]any{"linkedDatabases": []any{map[string]any{"id": "/re/dr/databases/default"}}}})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `geoReplication.linkedDatabases[0].id names re-met-dr in "westeurope", outside the UK region pair (uksouth, ukwest); active geo-replication copies the database there`,
		},
		{
			Name: "managed instance pair in west europe",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = withID(az(typeSQLManagedInstance, "mi-dr", tier.Gold, map[string]any{"location": "westeurope", "managedInstanceName": "mi-met-dr"}), "/mi/dr")
				replaceFirst(typeSQLInstanceFailover, map[string]any{"managedInstancePairs": []any{map[string]any{"primaryManagedInstanceId": "/mi/primary", "partnerManagedInstanceId": "/mi/dr"}}})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `managedInstancePairs[0].partnerManagedInstanceId names mi-met-dr in "westeurope", outside the UK region pair (uksouth, ukwest); the failover group replicates every database there`,
		},
		{
			Name: "threat detection records to an account in west europe",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = storageAccount("audit", tier.Gold)
				policytest.Set(rs[1], "westeurope", "location")
				replaceFirst(typeSQLAlertPolicy, map[string]any{"state": "Enabled", "storageEndpoint": "https://staudit.blob.core.windows.net/"})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `storageEndpoint names staudit in "westeurope", outside the UK region pair (uksouth, ukwest); threat detection audit records are written there`,
		},
		{
			Name: "vulnerability scans to an account outside the stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				replaceFirst(typeSQLVulnAssessment, map[string]any{"storageContainerPath": "https://stelsewhere.blob.core.windows.net/va/"})(rs, ctx)
			},
			Want:    policy.StatusUnknown,
			Message: `storageContainerPath "https://stelsewhere.blob.core.windows.net/va/" is not in this stack, so its location cannot be seen (vulnerability scan results, which name tables and columns, are written there); create the partner in this stack in uksouth or ukwest`,
		},
		{
			Name: "vulnerability scans to an account in west europe",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = storageAccount("va", tier.Gold)
				policytest.Set(rs[1], "westeurope", "location")
				replaceFirst(typeSQLVulnAssessment, map[string]any{"storageContainerPath": "https://stva.blob.core.windows.net/va/"})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `storageContainerPath names stva in "westeurope", outside the UK region pair (uksouth, ukwest); vulnerability scan results, which name tables and columns, are written there`,
		},
		{
			Name: "diagnostic logs archived in west europe",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = storageAccount("logs", tier.Gold)
				policytest.Set(rs[1], "westeurope", "location")
				replaceFirst(typeDiagnosticSetting, map[string]any{"resourceUri": "/x", "storageAccountId": rs[1].ID})(rs, ctx)
			},
			Want:    policy.StatusFail,
			Message: `storageAccountId names stlogs in "westeurope", outside the UK region pair (uksouth, ukwest); resource logs are archived there`,
		},
		{
			Name: "diagnostic logs to a marketplace partner",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				replaceFirst(typeDiagnosticSetting, map[string]any{"resourceUri": "/x", "marketplacePartnerId": "/partner/monitor"})(rs, ctx)
			},
			Want:    policy.StatusUnknown,
			Message: `marketplacePartnerId "/partner/monitor" is set: resource logs are sent to a third-party marketplace partner, whose location cannot be seen; send logs only to the landing zone's own destinations`,
		},
		{
			Name: "diagnostic logs streamed to an event hub in ukwest",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				rs[1] = withID(az(typeEventHubNamespace, "eh", tier.Gold, map[string]any{"location": "ukwest", "namespaceName": "eh-met-logs"}), "/eh/logs")
				replaceFirst(typeDiagnosticSetting, map[string]any{"resourceUri": "/x", "eventHubAuthorizationRuleId": "/eh/logs/authorizationRules/send"})(rs, ctx)
			},
			Want:    policy.StatusPass,
			Message: "eventHubAuthorizationRuleId eh-met-logs in ukwest",
		},
		{
			Name: "activity log streamed to a service bus namespace outside the stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				replaceFirst(typeSubDiagSetting, map[string]any{"workspaceId": "/ws", "serviceBusRuleId": "/sb/elsewhere/authorizationRules/send"})(rs, ctx)
			},
			Want:    policy.StatusUnknown,
			Message: `serviceBusRuleId "/sb/elsewhere/authorizationRules/send" is not in this stack, so its location cannot be seen (activity logs are sent there); create the partner in this stack in uksouth or ukwest`,
		},
	},
})
