package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// encEBSDefaultKey is the DefaultKmsKey of PCLZ-AWS-ENC-003's baseline as the engine sends it before
// creating it: alone, its keyArn computed from the stack's KMS key.
func encEBSDefaultKey() *policy.Resource {
	dk := policytest.AWS(typeEBSDefaultKmsKey, "ebs-default-key", map[string]any{"keyArn": policy.UnknownSentinel})
	policytest.Link(dk, "keyArn", policytest.AWS(typeKMSKey, "ebs-key", nil))
	return dk
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          encEBSTwin,
	Resources:       func() []*policy.Resource { return []*policy.Resource{encEBSDefaultKey()} },
	BaselineMessage: "ebs-default-key sets customer KMS default key ebs-key (aws:kms/key:Key)",
	Cases: []policytest.Case{
		{
			Name:    "default key alias/aws/ebs",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "alias/aws/ebs", "keyArn") },
			Want:    policy.StatusFail,
			Message: `ebs-default-key keyArn "alias/aws/ebs" is an AWS-managed key; set it to a customer-managed KMS key`,
		},
		{
			Name:    "default key not set",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "keyArn") },
			Want:    policy.StatusFail,
			Message: "ebs-default-key keyArn is not set; set it to a customer-managed KMS key",
		},
		{
			Name:    "default key not a key reference",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "ebs", "keyArn") },
			Want:    policy.StatusFail,
			Message: `ebs-default-key keyArn "ebs" is not a KMS key ID, key ARN, alias or alias ARN; set it to a customer-managed KMS key`,
		},
		{
			Name:    "default key computed, not from a KMS key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "ebs-default-key keyArn is computed and does not come from a KMS key of this stack; it must be a customer-managed KMS key",
		},
		{
			Name: "encryption by default off",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEBSEncryptionByDefault, "ebs-default", map[string]any{"enabled": false})
			},
			Want:    policy.StatusFail,
			Message: "ebs-default sets enabled false; EBS encryption by default must be on",
		},
		{
			Name: "encryption by default computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEBSEncryptionByDefault, "ebs-default", map[string]any{"enabled": policy.UnknownSentinel})
			},
			Want:    policy.StatusUnknown,
			Message: "ebs-default enabled is computed; it must be true",
		},
		{
			Name: "encryption by default omitted (provider default true)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEBSEncryptionByDefault, "ebs-default", map[string]any{})
			},
			Want:    policy.StatusPass,
			Message: "ebs-default turns EBS encryption by default on",
		},
	},
})
