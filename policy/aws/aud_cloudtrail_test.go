package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AWS-AUD-001",
	Context: netFoundationCtx,
	Resources: func() []*policy.Resource {
		trail := policytest.AWS(typeCloudTrailTrail, "org-trail", map[string]any{
			"s3BucketName":               "ho-audit-logs",
			"isMultiRegionTrail":         true,
			"includeGlobalServiceEvents": true,
			"enableLogFileValidation":    true,
			"cloudWatchLogsRoleArn":      "arn:aws:iam::111122223333:role/trail-to-logs",
		})
		policytest.SetComputed(trail, "kmsKeyId")
		policytest.Link(trail, "kmsKeyId", policytest.AWS("aws:kms/key:Key", "audit-key", nil))
		policytest.SetComputed(trail, "cloudWatchLogsGroupArn")
		policytest.Link(trail, "cloudWatchLogsGroupArn", policytest.AWS(typeCloudWatchLogGroup, "trail-logs", nil))
		return []*policy.Resource{trail}
	},
	BaselineMessage: "multi-region trail with global service events, log file validation, a KMS key and CloudWatch Logs delivery",
	Cases: []policytest.Case{
		{
			Name:    "single-region trail",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "isMultiRegionTrail") },
			Want:    policy.StatusFail,
			Message: "isMultiRegionTrail is false; " + audTrailRequired,
		},
		{
			Name:    "global service events left to the provider default",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "includeGlobalServiceEvents") },
			Want:    policy.StatusFail,
			Message: "includeGlobalServiceEvents is not set; " + audTrailRequired,
		},
		{
			Name: "no log file validation",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], false, "enableLogFileValidation")
			},
			Want:    policy.StatusFail,
			Message: "enableLogFileValidation is false; " + audTrailRequired,
		},
		{
			Name:    "no KMS key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "kmsKeyId") },
			Want:    policy.StatusFail,
			Message: "kmsKeyId is not set; " + audTrailRequired,
		},
		{
			Name: "KMS key given as an ARN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "arn:aws:kms:eu-west-2:111122223333:key/1", "kmsKeyId")
			},
			Want:    policy.StatusPass,
			Message: "multi-region trail with global service events, log file validation, a KMS key and CloudWatch Logs delivery",
		},
		{
			Name:    "no CloudWatch Logs delivery",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "cloudWatchLogsGroupArn") },
			Want:    policy.StatusFail,
			Message: "cloudWatchLogsGroupArn is not set; " + audTrailRequired,
		},
		{
			Name:    "logging switched off",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "enableLogging") },
			Want:    policy.StatusFail,
			Message: "enableLogging is false; " + audTrailRequired,
		},
		{
			Name:    "multi-region computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "isMultiRegionTrail") },
			Want:    policy.StatusUnknown,
			Message: "isMultiRegionTrail is computed; " + audTrailRequired,
		},
		{
			Name: "KMS key computed from nowhere known",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				delete(rs[0].PropertyDependencies, "kmsKeyId")
			},
			Want:    policy.StatusUnknown,
			Message: "kmsKeyId is computed and comes from no resource in the stack; " + audTrailRequired,
		},
		{
			Name:    "enableLogging computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "enableLogging") },
			Want:    policy.StatusUnknown,
			Message: "enableLogging is computed; " + audTrailRequired,
		},
	},
})
