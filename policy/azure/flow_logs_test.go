package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-AUD-004",
	Context: bronzeCtx,
	Subject: policytest.URN(typeNSG, "nsg-bronze"),
	Resources: func() []*policy.Resource {
		rs := bronzeSpoke()
		fl := az(typeFlowLog, "fl-vnet-bronze", tier.Bronze, map[string]any{
			"location": "uksouth", "resourceGroupName": "NetworkWatcherRG", "networkWatcherName": "NetworkWatcher_uksouth",
			"flowLogName": "fl-vnet-bronze", "targetResourceId": rs[1].ID, "storageId": rgID("rg-audit") + "/providers/Microsoft.Storage/storageAccounts/staudit",
			"enabled":         true,
			"retentionPolicy": map[string]any{"enabled": true, "days": 365},
			"flowAnalyticsConfiguration": map[string]any{"networkWatcherFlowAnalyticsConfiguration": map[string]any{
				"enabled": true, "workspaceResourceId": workspace().ID, "trafficAnalyticsInterval": 10,
			}},
		})
		return append(rs, fl)
	},
	BaselineMessage: `covered by virtual network vnet-bronze: flow log "fl-vnet-bronze" sends traffic analytics to Log Analytics`,
	Cases: []policytest.Case{
		{
			Name:    "flow log disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[6], false, "enabled") },
			Want:    policy.StatusFail,
			Message: `flow log "fl-vnet-bronze" is not enabled; set enabled: true`,
		},
		{
			Name:    "no traffic analytics and 365 days (below 400)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[6], "flowAnalyticsConfiguration") },
			Want:    policy.StatusFail,
			Message: `flow log "fl-vnet-bronze" neither sends traffic analytics to Log Analytics nor keeps logs 400 days (kept 365 days)`,
		},
		{
			Name:    "flow log on another network",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[6], rs[5].ID, "targetResourceId") },
			Want:    policy.StatusFail,
			Message: "no flow log records this network security group; add an azure-native:network:FlowLog with targetResourceId set to it (or to its virtual network), enabled, with traffic analytics to Log Analytics",
		},
		{
			Name:    "NSG flow log of its own",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[6], rs[3].ID, "targetResourceId") },
			Want:    policy.StatusPass,
			Message: `flow log "fl-vnet-bronze" sends traffic analytics to Log Analytics`,
		},
		{
			Name: "target computed from the virtual network (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[6], "targetResourceId")
				policytest.Link(rs[6], "targetResourceId", rs[1])
				rs[1].ID = ""
			},
			Want:    policy.StatusPass,
			Message: `covered by virtual network vnet-bronze: flow log "fl-vnet-bronze" sends traffic analytics to Log Analytics`,
		},
		{
			Name:    "enabled computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[6], "enabled") },
			Want:    policy.StatusUnknown,
			Message: `flow log "fl-vnet-bronze"'s enabled flag is computed; it must be true`,
		},
		{
			Name:    "foundation",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "foundation" },
			Want:    policy.StatusNotApplicable,
			Message: "flow logs are required of tier stacks; the hub's are advisable but not checked",
		},
	},
})
