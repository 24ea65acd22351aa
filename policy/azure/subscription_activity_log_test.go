package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-AUD-001",
	Context: ctxFor(tier.Platinum, "foundation"),
	Resources: func() []*policy.Resource {
		logs := []any{}
		for _, c := range []string{"Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"} {
			logs = append(logs, map[string]any{"category": c, "enabled": true})
		}
		return []*policy.Resource{
			az(typeDiagnosticSetting, "activity-log", tier.Platinum, map[string]any{
				"name": "activity-log", "resourceUri": sub, "workspaceId": workspace().ID, "logs": logs,
			}),
			workspace(),
		}
	},
	BaselineMessage: `diagnostic setting "activity-log" sends the subscription activity log (Administrative, Security, Policy) to Log Analytics`,
	Cases: []policytest.Case{
		{
			Name:    "no subscription setting",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], workspace().ID, "resourceUri") },
			Want:    policy.StatusFail,
			Message: "no diagnostic setting sends the subscription activity log to Log Analytics; the foundation must create one for /subscriptions/<id> with workspaceId and the Administrative, Security, Policy categories enabled",
		},
		{
			Name:    "no workspace",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "workspaceId") },
			Want:    policy.StatusFail,
			Message: `diagnostic setting "activity-log" on the subscription has no workspaceId; the activity log must reach Log Analytics`,
		},
		{
			Name:    "Policy category disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "logs", 5, "enabled") },
			Want:    policy.StatusFail,
			Message: `diagnostic setting "activity-log" on the subscription does not enable the activity log categories Policy`,
		},
		{
			Name:    "workspace ID computed (preview)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "workspaceId") },
			Want:    policy.StatusPass,
			Message: `diagnostic setting "activity-log" sends the subscription activity log (Administrative, Security, Policy) to Log Analytics`,
		},
		{
			Name:    "resource URI computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "resourceUri") },
			Want:    policy.StatusUnknown,
			Message: `diagnostic setting "activity-log" has a computed resourceUri; it may be the subscription activity log setting`,
		},
		{
			Name: "SubscriptionDiagnosticSetting with allLogs",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeSubDiagSetting
				policytest.Delete(rs[0], "resourceUri")
				policytest.Set(rs[0], []any{map[string]any{"categoryGroup": "allLogs", "enabled": true}}, "logs")
			},
			Want:    policy.StatusPass,
			Message: `diagnostic setting "activity-log" sends the subscription activity log (Administrative, Security, Policy) to Log Analytics`,
		},
		{
			Name:    "tier stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "tier" },
			Want:    policy.StatusNotApplicable,
			Message: "the subscription activity log is the foundation's; tier stacks do not configure it",
		},
		{
			Name:    "organization stack",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "organization" },
			Want:    policy.StatusNotApplicable,
			Message: "the subscription activity log is the foundation's; the organization stack does not configure it",
		},
		{
			Name:    "role unknown",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { ctx.Role = "" },
			Want:    policy.StatusUnknown,
			Message: "the stack's role is not known; the foundation must send the subscription activity log to Log Analytics",
		},
	},
})
