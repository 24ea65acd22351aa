package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// audAuditFixture is the foundation's audit archive: the trail, its bucket (object lock on), the bucket's
// object lock configuration, versioning and access logging, and the access log bucket.
func audAuditFixture() []*policy.Resource {
	bucket := policytest.AWS(typeS3BucketV2, "audit-logs", map[string]any{"bucket": "ho-audit-logs", "objectLockEnabled": true})
	trail := policytest.AWS(typeCloudTrailTrail, "org-trail", map[string]any{"isMultiRegionTrail": true})
	policytest.SetComputed(trail, "s3BucketName")
	policytest.Link(trail, "s3BucketName", bucket)
	link := func(r *policy.Resource) *policy.Resource {
		policytest.SetComputed(r, "bucket")
		policytest.Link(r, "bucket", bucket)
		return r
	}
	lock := link(policytest.AWS(typeS3BucketObjectLockConfigurationV2, "audit-logs-lock", map[string]any{
		"rule": map[string]any{"defaultRetention": map[string]any{"mode": "COMPLIANCE", "days": 400}},
	}))
	versioning := link(policytest.AWS(typeS3BucketVersioningV2, "audit-logs-versioning", map[string]any{
		"versioningConfiguration": map[string]any{"status": "Enabled"},
	}))
	accessLogs := policytest.AWS(typeS3BucketV2, "audit-access-logs", map[string]any{"bucket": "ho-audit-access-logs"})
	logging := link(policytest.AWS(typeS3BucketLoggingV2, "audit-logs-logging", map[string]any{"targetPrefix": "audit-logs/"}))
	policytest.SetComputed(logging, "targetBucket")
	policytest.Link(logging, "targetBucket", accessLogs)
	return []*policy.Resource{bucket, trail, lock, versioning, accessLogs, logging}
}

var audAuditBucketURN = policytest.URN(typeS3BucketV2, "audit-logs")

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-AUD-002",
	Context:         netFoundationCtx,
	Subject:         audAuditBucketURN,
	Resources:       audAuditFixture,
	BaselineMessage: "audit bucket (trail org-trail writes to it) has object lock in COMPLIANCE mode with a 400-day default retention",
	Cases: []policytest.Case{
		{
			Name:    "object lock not enabled on the bucket",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "objectLockEnabled") },
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): objectLockEnabled is not set (object lock can only be turned on when the bucket is created); " + audObjectLockRequired,
		},
		{
			Name: "governance mode",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], "GOVERNANCE", "rule", "defaultRetention", "mode")
			},
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): object lock configuration audit-logs-lock uses mode GOVERNANCE, not COMPLIANCE; " + audObjectLockRequired,
		},
		{
			Name: "retention too short",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[2], 90, "rule", "defaultRetention", "days")
			},
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): object lock configuration audit-logs-lock retains for 90 days, less than the 400 days the foundation (strictest tier) requires; " + audObjectLockRequired,
		},
		{
			Name: "retention in years",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[2], "rule", "defaultRetention", "days")
				policytest.Set(rs[2], 2, "rule", "defaultRetention", "years")
			},
			Want:    policy.StatusPass,
			Message: "audit bucket (trail org-trail writes to it) has object lock in COMPLIANCE mode with a 730-day default retention",
		},
		{
			Name: "no default retention period",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[2], "rule", "defaultRetention", "days")
			},
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): object lock configuration audit-logs-lock sets no default retention period; " + audObjectLockRequired,
		},
		{
			Name:    "no object lock configuration",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[2] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): no aws:s3/bucketObjectLockConfigurationV2 refers to this bucket; " + audObjectLockRequired,
		},
		{
			Name: "mode computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[2], "rule", "defaultRetention", "mode")
			},
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): the mode of object lock configuration audit-logs-lock is computed; " + audObjectLockRequired,
		},
		{
			Name: "retention computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[2], "rule", "defaultRetention", "days")
			},
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): the retention of object lock configuration audit-logs-lock is computed; " + audObjectLockRequired,
		},
		{
			Name:    "configuration's bucket computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[2].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): no object lock configuration is linked to this bucket yet and the bucket of audit-logs-lock is computed; " + audObjectLockRequired,
		},
		{
			Name:    "stack role and tier not known",
			Mutate:  func(_ []*policy.Resource, ctx *policy.Context) { *ctx = *policy.NewContext("unknown", "") },
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): the stack's tier is not known, so the required retention is not known; " + audObjectLockRequired,
		},
		{
			Name: "bucket found by its Purpose tag",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeEC2Vpc, "no-trail", nil)
				policytest.Set(rs[0], "audit", "tags", "Purpose")
			},
			Want:    policy.StatusPass,
			Message: "audit bucket (it is tagged Purpose=audit) has object lock in COMPLIANCE mode with a 400-day default retention",
		},
		{
			Name: "bucket found by the trail's literal bucket name",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "ho-audit-logs", "s3BucketName")
			},
			Want:    policy.StatusPass,
			Message: "audit bucket (trail org-trail writes to it) has object lock in COMPLIANCE mode with a 400-day default retention",
		},
		{
			Name:    "not an audit bucket",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = policytest.AWS(typeEC2Vpc, "no-trail", nil) },
			Want:    policy.StatusNotApplicable,
			Message: "not an audit bucket (no trail writes to it and it is not tagged Purpose=audit)",
		},
		{
			Name: "Purpose tag computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeEC2Vpc, "no-trail", nil)
				policytest.SetComputed(rs[0], "tags", "Purpose")
			},
			Want:    policy.StatusUnknown,
			Message: "the bucket's Purpose tag is computed, so whether it is an audit bucket is not known; " + audObjectLockRequired,
		},
	},
})
