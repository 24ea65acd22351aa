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
			"EncryptionByDefault without `enabled` counts as on: that is the provider's documented default. " +
			"Judged before create by the twin PCLZ-AWS-ENC-019 (what each declared default sets, on the resource " +
			"itself); judged here, only after the resources exist: whether the foundation declares both. A " +
			"stack whose defaults the twin reports is not applicable here, so one fault gives one finding.",
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

// encEBSDefault decides the stack's EBS account defaults: that both are declared. What each declares is
// PCLZ-AWS-ENC-019's (encEBSDefaultOwn), judged before create; a stack whose declared defaults the twin
// reports is not applicable here, so one fault gives one finding.
func encEBSDefault(defaults, keys []*policy.Resource) policy.Result {
	var results []policy.Result
	if len(defaults) == 0 {
		results = append(results, policy.Fail("no %s; the foundation must turn on EBS encryption by default", typeEBSEncryptionByDefault))
	}
	if len(keys) == 0 {
		results = append(results, policy.Fail("no %s, so new volumes use the AWS-managed aws/ebs key; set the default "+
			"key to a customer-managed KMS key", typeEBSDefaultKmsKey))
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	mine, twin := policy.SplitByTwin(slices.Concat(defaults, keys), encEBSDefaultOwn)
	if len(twin) > 0 {
		return policy.JudgedByTwin("EBS account default", encEBSTwin, twin)
	}
	var descs []string
	for _, d := range mine {
		if d.Type == typeEBSDefaultKmsKey {
			descs = append(descs, encKeyAt(d, "keyArn").Desc)
		}
	}
	return policy.Pass("EBS encryption by default is on with customer KMS default key %s", strings.Join(descs, ", "))
}

// encEBSTwin is the ID of PCLZ-AWS-ENC-003's resource-level twin.
const encEBSTwin = "PCLZ-AWS-ENC-019"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    encEBSTwin,
		Title: "EBS account defaults, where declared, turn encryption on with a customer-managed default key",
		Description: "The resource-level half of PCLZ-AWS-ENC-003, judged on each EBS account default alone so that " +
			"`pulumi up` refuses it before it is created (the engine runs stack rules only after every step): an " +
			"EncryptionByDefault that sets enabled false, and a DefaultKmsKey whose keyArn is absent, an " +
			"AWS-managed key or not a key reference. Turning account-wide EBS encryption off, or pointing it at " +
			"the aws/ebs key, is never sound, in whatever stack it is declared. Whether the foundation declares " +
			"both stays with PCLZ-AWS-ENC-003, judged after the resources exist. An EncryptionByDefault without " +
			"`enabled` counts as on: that is the provider's documented default.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeEBSEncryptionByDefault, typeEBSDefaultKmsKey},
		Remediation: "Set `enabled: true` on `aws:ebs/encryptionByDefault:EncryptionByDefault` and `keyArn: <customer " +
			"aws.kms.Key>.arn` on `aws:ebs/defaultKmsKey:DefaultKmsKey`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "ec2-ebs-encryption-by-default"},
			{Source: "Security Hub", ID: "EC2.7"},
		},
		Waivable: true,
		Reads:    slices.Concat(policy.Reads(typeEBSEncryptionByDefault, "enabled"), policy.Reads(typeEBSDefaultKmsKey, "keyArn")),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result { return encEBSDefaultOwn(r) },
})

// encEBSDefaultOwn judges one EBS account default on its own settings (PCLZ-AWS-ENC-019).
func encEBSDefaultOwn(d *policy.Resource) policy.Result {
	if d.Type == typeEBSEncryptionByDefault {
		// The provider defaults enabled to true; mocks see inputs before that default is applied.
		on, k := policy.Bool(d.Get("enabled"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s enabled is computed; it must be true", d.Name)
		case k == policy.Present && !on:
			return policy.Fail("%s sets enabled false; EBS encryption by default must be on", d.Name)
		}
		return policy.Pass("%s turns EBS encryption by default on", d.Name)
	}
	key := encKeyAt(d, "keyArn")
	switch key.State {
	case encKeyAbsent:
		return policy.Fail("%s keyArn is not set; set it to a customer-managed KMS key", d.Name)
	case encKeyAWSManaged:
		return policy.Fail("%s keyArn %q is an AWS-managed key; set it to a customer-managed KMS key", d.Name, key.Value)
	case encKeyMalformed:
		return encMalformed(d.Name+" keyArn", key.Value)
	case encKeyUnknown:
		return policy.Undecided("%s keyArn is computed and does not come from a KMS key of this "+
			"stack; it must be a customer-managed KMS key", d.Name)
	}
	return policy.Pass("%s sets customer KMS default key %s", d.Name, key.Desc)
}
