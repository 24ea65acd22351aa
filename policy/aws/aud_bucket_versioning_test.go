package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-AUD-003",
	Context:         netFoundationCtx,
	Subject:         audAuditBucketURN,
	Resources:       audAuditFixture,
	BaselineMessage: "audit bucket (trail org-trail writes to it) has versioning enabled by audit-logs-versioning",
	Cases: []policytest.Case{
		{
			Name: "versioning suspended",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[3], "Suspended", "versioningConfiguration", "status")
			},
			Want:    policy.StatusFail,
			Message: `audit bucket (trail org-trail writes to it): versioning configuration audit-logs-versioning has status "Suspended"; ` + audVersioningRequired,
		},
		{
			Name:    "status missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[3], "versioningConfiguration") },
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): versioning configuration audit-logs-versioning has status unset; " + audVersioningRequired,
		},
		{
			Name:    "no versioning configuration",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[3] = policytest.AWS(typeEC2Vpc, "unrelated", nil) },
			Want:    policy.StatusFail,
			Message: "audit bucket (trail org-trail writes to it): no aws:s3/bucketVersioningV2 refers to it; " + audVersioningRequired,
		},
		{
			Name: "status computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[3], "versioningConfiguration", "status")
			},
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): the status of versioning configuration audit-logs-versioning is computed; " + audVersioningRequired,
		},
		{
			Name:    "configuration's bucket computed with no dependency",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[3].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "audit bucket (trail org-trail writes to it): no versioning configuration is linked to it yet and the bucket of audit-logs-versioning is computed; " + audVersioningRequired,
		},
		{
			Name:    "not an audit bucket",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1] = policytest.AWS(typeEC2Vpc, "no-trail", nil) },
			Want:    policy.StatusNotApplicable,
			Message: "not an audit bucket (no trail writes to it and it is not tagged Purpose=audit)",
		},
	},
})
