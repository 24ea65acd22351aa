package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:    "PCLZ-AWS-IAM-004",
	Forbidden: "every IAM access key is a long-lived secret; there is no compliant access key",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeIAMAccessKey, "ci-key", map[string]any{"user": "ci"})}
	},
	BaselineMessage: "IAM access key ci-key is declared; long-lived access keys are not allowed, not even for the break-glass user",
	Cases: []policytest.Case{
		{
			Name: "access key for the break-glass user, its user computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				key := policytest.AWS(typeIAMAccessKey, "break-glass-key", map[string]any{"user": policy.UnknownSentinel})
				policytest.Link(key, "user", iamUserFixture()[0])
				rs[0] = key
			},
			Want:    policy.StatusFail,
			Message: "IAM access key break-glass-key is declared; long-lived access keys are not allowed, not even for the break-glass user",
		},
		{
			Name:    "inactive access key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "Inactive", "status") },
			Want:    policy.StatusFail,
			Message: "IAM access key ci-key is declared; long-lived access keys are not allowed, not even for the break-glass user",
		},
	},
})
