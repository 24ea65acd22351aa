package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// breakGlassFixture is the foundation's break-glass role ([0]), the metric filter on its AssumeRole
// events ([1]), the alarm on the filter's metric ([2]) and an unrelated role ([3]).
func breakGlassFixture() []*policy.Resource {
	role := policytest.AWS(typeIAMRole, "pos-break-glass", map[string]any{
		"name": "pos-break-glass", "tags": map[string]any{"BreakGlass": "true"},
		"assumeRolePolicy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`,
	})
	filter := policytest.AWS(typeCloudWatchLogMetricFilter, "pos-break-glass-assumed", map[string]any{
		"logGroupName":         "pos-trail-logs",
		"pattern":              `{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "arn:aws:iam::111122223333:role/pos-break-glass") }`,
		"metricTransformation": map[string]any{"name": "BreakGlassRoleAssumed", "namespace": "PoliceCloud/pos", "value": "1"},
	})
	policytest.Link(filter, "pattern", role)
	alarm := policytest.AWS(typeCloudWatchMetricAlarm, "pos-break-glass-alarm", map[string]any{
		"metricName": "BreakGlassRoleAssumed", "namespace": "PoliceCloud/pos", "threshold": 1,
		"alarmActions": []any{"arn:aws:sns:eu-west-2:111122223333:pos-break-glass-alerts"},
	})
	other := policytest.AWS(typeIAMRole, "trail-role", map[string]any{"name": "trail-role"})
	return []*policy.Resource{role, filter, alarm, other}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-013",
	Resources:       breakGlassFixture,
	Subject:         policytest.URN(typeIAMRole, "pos-break-glass"),
	BaselineMessage: "metric filter pos-break-glass-assumed counts the role's use and alarm pos-break-glass-alarm notifies",
	Cases: []policytest.Case{
		{
			Name:    "alarm without actions",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], []any{}, "alarmActions") },
			Want:    policy.StatusFail,
			Message: "break-glass role pos-break-glass: metric filter pos-break-glass-assumed counts its use into PoliceCloud/pos/BreakGlassRoleAssumed, but no alarm on that metric has alarmActions; " + iamBreakGlassAlert,
		},
		{
			Name:    "alarm on another metric",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[2], "SomethingElse", "metricName") },
			Want:    policy.StatusFail,
			Message: "break-glass role pos-break-glass: metric filter pos-break-glass-assumed counts its use into PoliceCloud/pos/BreakGlassRoleAssumed, but no alarm on that metric has alarmActions; " + iamBreakGlassAlert,
		},
		{
			Name: "filter on another role",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], `{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "arn:aws:iam::111122223333:role/other") }`, "pattern")
			},
			Want:    policy.StatusFail,
			Message: "break-glass role pos-break-glass: no metric filter or EventBridge rule matches its AssumeRole events; " + iamBreakGlassAlert,
		},
		{
			Name:    "pattern computed (preview)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "pattern") },
			Want:    policy.StatusUnknown,
			Message: "break-glass role pos-break-glass: the pattern of metric filter pos-break-glass-assumed is computed; " + iamBreakGlassAlert,
		},
		{
			Name: "an EventBridge rule with a target instead",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeCloudWatchEventRule, "break-glass-events", map[string]any{
					"eventPattern": `{"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventName":["AssumeRole"],"requestParameters":{"roleArn":["arn:aws:iam::111122223333:role/pos-break-glass"]}}}`,
				})
				rs[2] = policytest.AWS(typeCloudWatchEventTarget, "break-glass-events-sns", map[string]any{"arn": "arn:aws:sns:eu-west-2:111122223333:alerts"})
				policytest.SetComputed(rs[2], "rule")
				policytest.Link(rs[2], "rule", rs[1])
			},
			Want:    policy.StatusPass,
			Message: "EventBridge rule break-glass-events matches the role's use and target break-glass-events-sns receives it",
		},
		{
			Name: "an EventBridge rule without a target",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeCloudWatchEventRule, "break-glass-events", map[string]any{
					"eventPattern": `{"detail":{"eventName":["AssumeRole"],"requestParameters":{"roleArn":["arn:aws:iam::111122223333:role/pos-break-glass"]}}}`,
				})
				rs[2] = policytest.AWS(typeEC2Vpc, "unrelated", nil)
			},
			Want:    policy.StatusFail,
			Message: "break-glass role pos-break-glass: EventBridge rule break-glass-events matches its use, but has no target; " + iamBreakGlassAlert,
		},
	},
})

// TestBreakGlassAlertNoRole: a stack without a break-glass role gets one stack-level not-applicable
// finding from PCLZ-AWS-IAM-013.
func TestBreakGlassAlertNoRole(t *testing.T) {
	t.Parallel()
	rs := breakGlassFixture()
	policytest.Set(rs[0], map[string]any{}, "tags")
	var rule []policy.StackRule
	for _, r := range StackRules() {
		if r.ID == "PCLZ-AWS-IAM-013" {
			rule = append(rule, r)
		}
	}
	require.Len(t, rule, 1)
	ev := policy.Evaluate(policy.NewContext("fixture", tier.Platinum), rs, policy.Options{StackRules: rule, FixedContext: true})
	require.Len(t, ev.Findings, 1)
	assert.Equal(t, policy.StatusNotApplicable, ev.Findings[0].Status)
	assert.Equal(t, "no break-glass role (tag BreakGlass=true) in the stack", ev.Findings[0].Message)
	assert.Empty(t, ev.Findings[0].URN)
}
