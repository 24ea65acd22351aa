package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const audGuardOff = "; it turns the service off for the account and region"

var _ = fixtures.Add(policytest.Fixture{
	RuleID: audGuardTwin,
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeGuardDutyDetector, "guardduty", map[string]any{"enable": true})}
	},
	BaselineMessage: "GuardDuty detector guardduty sets enable: true",
	Cases: []policytest.Case{
		{
			Name:    "GuardDuty disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "enable") },
			Want:    policy.StatusFail,
			Message: "GuardDuty detector guardduty does not set enable: true" + audGuardOff,
		},
		{
			Name:    "GuardDuty enable not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "enable") },
			Want:    policy.StatusFail,
			Message: "GuardDuty detector guardduty does not set enable: true" + audGuardOff,
		},
		{
			Name:    "GuardDuty enable computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "enable") },
			Want:    policy.StatusUnknown,
			Message: "GuardDuty detector guardduty has enable: true computed",
		},
		{
			Name: "recorder skips global resources",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeConfigRecorder, "config", map[string]any{
					"recordingGroup": map[string]any{"allSupported": true, "includeGlobalResourceTypes": false},
				})
			},
			Want:    policy.StatusFail,
			Message: "AWS Config recorder config does not set recordingGroup.allSupported and recordingGroup.includeGlobalResourceTypes true" + audGuardOff,
		},
		{
			Name: "recorder records everything",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeConfigRecorder, "config", map[string]any{
					"recordingGroup": map[string]any{"allSupported": true, "includeGlobalResourceTypes": true},
				})
			},
			Want:    policy.StatusPass,
			Message: "AWS Config recorder config sets recordingGroup.allSupported and recordingGroup.includeGlobalResourceTypes true",
		},
		{
			Name: "recorder stopped",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeConfigRecorderStatus, "config-status", map[string]any{"name": "config", "isEnabled": false})
			},
			Want:    policy.StatusFail,
			Message: "AWS Config recorder status config-status does not set isEnabled: true" + audGuardOff,
		},
		{
			Name: "recorder status computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeConfigRecorderStatus, "config-status", map[string]any{"name": "config", "isEnabled": policy.UnknownSentinel})
			},
			Want:    policy.StatusUnknown,
			Message: "AWS Config recorder status config-status has isEnabled: true computed",
		},
	},
})
