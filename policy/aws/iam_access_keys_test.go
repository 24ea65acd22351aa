package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-004",
	Resources:       iamUserFixture,
	BaselineMessage: "no IAM access keys in the stack",
	Cases: []policytest.Case{
		{
			Name: "access key for the break-glass user",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				key := policytest.AWS(typeIAMAccessKey, "break-glass-key", map[string]any{"user": policy.UnknownSentinel})
				policytest.Link(key, "user", rs[0])
				rs[1] = key
			},
			Want:    policy.StatusFail,
			Subject: policytest.AWS(typeIAMAccessKey, "break-glass-key", nil).URN,
			Message: "IAM access key break-glass-key is declared; long-lived access keys are not allowed, not even for the break-glass user",
		},
		{
			Name: "inactive access key",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = policytest.AWS(typeIAMAccessKey, "ci-key", map[string]any{"user": "ci", "status": "Inactive"})
			},
			Want:    policy.StatusFail,
			Subject: policytest.AWS(typeIAMAccessKey, "ci-key", nil).URN,
			Message: "IAM access key ci-key is declared; long-lived access keys are not allowed, not even for the break-glass user",
		},
	},
})
