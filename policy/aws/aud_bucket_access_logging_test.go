package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-AUD-004",
	Context:         netFoundationCtx,
	Subject:         audAuditBucketURN,
	Resources:       audAuditFixture,
	BaselineMessage: "audit bucket (trail org-trail writes to it) logs access to another bucket through audit-logs-logging",
	Cases: []policytest.Case{
		{
			Name:    "no logging configuration",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[5] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): no aws:s3/bucketLoggingV2 refers to it; " + audLoggingRequired,
		},
		{
			Name: "logs to itself",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[5].PropertyDependencies["targetBucket"] = []string{rs[0].URN}
			},
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): logging configuration audit-logs-logging sends its access logs to the bucket itself; " + audLoggingRequired,
		},
		{
			Name:    "no target bucket",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[5], "targetBucket") },
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): logging configuration audit-logs-logging has no targetBucket; " + audLoggingRequired,
		},
		{
			Name:    "target bucket computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { delete(rs[5].PropertyDependencies, "targetBucket") },
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): the targetBucket of logging configuration audit-logs-logging is computed; " + audLoggingRequired,
		},
		{
			Name:    "configuration's bucket computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { delete(rs[5].PropertyDependencies, "bucket") },
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): no logging configuration is linked to it yet and the bucket of audit-logs-logging is computed; " + audLoggingRequired,
		},
		{
			Name:    "not an audit bucket",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = policytest.AWS(typeEC2Vpc, "no-trail", nil) },
			Want:    policy.StatusNotApplicable,
			Message: "not an audit bucket (no trail writes to it and it is not tagged Purpose=audit)",
		},
	},
})
