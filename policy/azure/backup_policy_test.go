package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-RES-005",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{az(typeProtectionPolicy, "bp-vm", tier.Platinum, map[string]any{
			"resourceGroupName": "rg-backup", "vaultName": "rsv-platinum", "policyName": "vm-4-hourly",
			"properties": map[string]any{
				"backupManagementType": "AzureIaasVM", "policyType": "V2", "timeZone": "GMT Standard Time",
				"instantRpRetentionRangeInDays": 7,
				"schedulePolicy": map[string]any{
					"schedulePolicyType": "SimpleSchedulePolicyV2", "scheduleRunFrequency": "Hourly",
					"hourlySchedule": map[string]any{"interval": 4, "scheduleWindowStartTime": "2025-01-01T00:00:00Z", "scheduleWindowDuration": 24},
				},
				"retentionPolicy": map[string]any{
					"retentionPolicyType": "LongTermRetentionPolicy",
					"dailySchedule":       map[string]any{"retentionTimes": []any{"2025-01-01T00:00:00Z"}, "retentionDuration": map[string]any{"count": 35, "durationType": "Days"}},
				},
			},
		})}
	},
	BaselineMessage: "a recovery point every 4 hours, kept 35 Days (at least 35 days)",
	Cases: []policytest.Case{
		{
			Name: "every 8 hours on Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 8, "properties", "schedulePolicy", "hourlySchedule", "interval")
			},
			Want:    policy.StatusFail,
			Message: "the policy takes a recovery point every 8 hours; the Platinum tier needs one at least every 4 hours (every-4-hours)",
		},
		{
			Name: "daily on Platinum",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "Daily", "properties", "schedulePolicy", "scheduleRunFrequency")
			},
			Want:    policy.StatusFail,
			Message: "the policy takes a recovery point every 24 hours; the Platinum tier needs one at least every 4 hours (every-4-hours)",
		},
		{
			Name: "kept 30 days",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], 30, "properties", "retentionPolicy", "dailySchedule", "retentionDuration", "count")
			},
			Want:    policy.StatusFail,
			Message: "properties.retentionPolicy.dailySchedule.retentionDuration keeps recovery points 30 Days (30 days); the Platinum tier keeps them at least 35 days",
		},
		{
			Name: "no retention",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "properties", "retentionPolicy")
			},
			Want:    policy.StatusFail,
			Message: "properties.retentionPolicy.dailySchedule.retentionDuration is not set; it must keep recovery points at least 35 days",
		},
		{
			Name: "Bronze weekly for 52 weeks is a day short",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				*ctx = *policy.NewContext("fixture", tier.Bronze)
				policytest.Set(rs[0], map[string]any{"schedulePolicyType": "SimpleSchedulePolicy", "scheduleRunFrequency": "Weekly", "scheduleRunDays": []any{"Sunday"}}, "properties", "schedulePolicy")
				policytest.Set(rs[0], map[string]any{"retentionPolicyType": "LongTermRetentionPolicy", "weeklySchedule": map[string]any{"daysOfTheWeek": []any{"Sunday"}, "retentionDuration": map[string]any{"count": 52, "durationType": "Weeks"}}}, "properties", "retentionPolicy")
			},
			Want:    policy.StatusFail,
			Message: "properties.retentionPolicy.weeklySchedule.retentionDuration keeps recovery points 52 Weeks (364 days); the Bronze tier keeps them at least 365 days",
		},
		{
			Name: "interval computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "properties", "schedulePolicy", "hourlySchedule")
			},
			Want:    policy.StatusUnknown,
			Message: "properties.schedulePolicy.hourlySchedule.interval is computed; the Platinum tier backs up every-4-hours",
		},
		{
			Name: "workload policy is not read",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "AzureWorkload", "properties", "backupManagementType")
			},
			Want:    policy.StatusUnknown,
			Message: `backup management type "AzureWorkload" is not one the rule reads (AzureIaasVM, AzureStorage); check its schedule by hand`,
		},
	},
})
