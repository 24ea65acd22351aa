package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-004",
		Title: "No IAM access keys",
		Description: "An IAM access key is a long-lived secret that works from anywhere until someone revokes it, " +
			"and Pulumi would hold it in state. Workloads use roles and people use federation, so no stack " +
			"declares an aws:iam/accessKey:AccessKey, not even for the break-glass user (who signs in to the " +
			"console with a password and MFA). Each key is its own finding, judged on the key alone, so " +
			"`pulumi up` refuses it before it is created.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "10"},
		ResourceTypes: []string{typeIAMAccessKey},
		Remediation: "Remove every aws:iam/accessKey:AccessKey; give workloads IAM roles (instance profiles, IRSA, " +
			"OIDC federation for pipelines) and people IAM Identity Center.",
		Waivable: false,
	},
	Check: func(_ *policy.Context, k *policy.Resource) policy.Result {
		return policy.Fail("IAM access key %s is declared; long-lived access keys are not allowed, not even for the break-glass user", k.Name)
	},
})
