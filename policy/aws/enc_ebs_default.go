package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-003",
		Title: "The foundation turns on EBS encryption by default with a customer-managed default key",
		Description: "EBS encryption by default is a per-account, per-region setting: once on, every new volume and " +
			"snapshot copy is encrypted even when whoever creates it forgets to ask. The default key must be a " +
			"customer-managed KMS key, not the AWS-managed aws/ebs key, so that the force controls who can use " +
			"it. The foundation stack owns account settings; tier stacks are not checked. When the stack's role is " +
			"not known, the rule checks a stack that manages either setting and skips one that manages neither. An " +
			"EncryptionByDefault without `enabled` counts as on: that is the provider's documented default.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeEBSEncryptionByDefault, typeEBSDefaultKmsKey},
		Remediation: "In the foundation stack create `aws:ebs/encryptionByDefault:EncryptionByDefault` with `enabled: true` " +
			"and `aws:ebs/defaultKmsKey:DefaultKmsKey` with `keyArn: <customer aws.kms.Key>.arn`, both on the " +
			"eu-west-2 provider of each account the foundation manages.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "ec2-ebs-encryption-by-default"},
			{Source: "Security Hub", ID: "EC2.7"},
		},
		Waivable: true,
		Reads:    slices.Concat(policy.Reads(typeEBSEncryptionByDefault, "enabled"), policy.Reads(typeEBSDefaultKmsKey, "keyArn")),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var defaults, keys []*policy.Resource
		for _, r := range rs {
			switch {
			case r == nil:
			case r.Type == typeEBSEncryptionByDefault:
				defaults = append(defaults, r)
			case r.Type == typeEBSDefaultKmsKey:
				keys = append(keys, r)
			}
		}
		switch {
		case ctx.Role != "" && ctx.Role != "foundation":
			return []policy.Result{policy.NotApplicable("EBS encryption by default is an account setting the foundation "+
				"stack makes; this is a %s stack", ctx.Role)}
		case ctx.Role == "" && len(defaults) == 0 && len(keys) == 0:
			return []policy.Result{policy.NotApplicable("the stack's role is not known and it manages no EBS account " +
				"defaults; the foundation stack must")}
		}
		return []policy.Result{encEBSDefault(defaults, keys)}
	},
})

// encEBSDefault decides the stack's EBS account defaults.
func encEBSDefault(defaults, keys []*policy.Resource) policy.Result {
	var results []policy.Result
	if len(defaults) == 0 {
		results = append(results, policy.Fail("no %s; the foundation must turn on EBS encryption by default", typeEBSEncryptionByDefault))
	}
	for _, d := range defaults {
		// The provider defaults enabled to true; mocks see inputs before that default is applied.
		on, k := policy.Bool(d.Get("enabled"))
		switch {
		case k == policy.Unknown:
			results = append(results, policy.Undecided("%s enabled is computed; it must be true", d.Name))
		case k == policy.Present && !on:
			results = append(results, policy.Fail("%s sets enabled false; EBS encryption by default must be on", d.Name))
		}
	}
	if len(keys) == 0 {
		results = append(results, policy.Fail("no %s, so new volumes use the AWS-managed aws/ebs key; set the default "+
			"key to a customer-managed KMS key", typeEBSDefaultKmsKey))
	}
	var descs []string
	for _, d := range keys {
		key := encKeyAt(d, "keyArn")
		switch key.State {
		case encKeyAbsent:
			results = append(results, policy.Fail("%s keyArn is not set; set it to a customer-managed KMS key", d.Name))
		case encKeyAWSManaged:
			results = append(results, policy.Fail("%s keyArn %q is an AWS-managed key; set it to a customer-managed KMS key",
				d.Name, key.Value))
		case encKeyMalformed:
			results = append(results, encMalformed(d.Name+" keyArn", key.Value))
		case encKeyUnknown:
			results = append(results, policy.Undecided("%s keyArn is computed and does not come from a KMS key of this "+
				"stack; it must be a customer-managed KMS key", d.Name))
		default:
			descs = append(descs, key.Desc)
		}
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	return policy.Pass("EBS encryption by default is on with customer KMS default key %s", strings.Join(descs, ", "))
}
