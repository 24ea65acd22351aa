package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-REG-002",
		Title: "Every AWS resource is created on an explicit provider in an allowed UK region",
		Description: "pulumi-aws v6 takes the region from the provider, so a resource is only as well located as " +
			"the provider it is created on. A resource on a provider outside the allow-list (eu-west-2, London), " +
			"or with no provider the rules can see, could hold or process police data outside UK jurisdiction.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{"aws:*"},
		Remediation: "Create every AWS resource with `pulumi.Provider(p)` where `p` is an explicit `aws.Provider` " +
			"whose `region` input is `eu-west-2` (or another region on the pack's allow-list); never rely on the " +
			"default provider or on AWS_REGION.",
		Waivable: false,
		Reads:    policy.Reads(typeProvider, "region"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return regProviderRegion(ctx, r, "")
	},
})
