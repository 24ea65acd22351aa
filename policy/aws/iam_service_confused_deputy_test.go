package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const iamFlowLogsTrust = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},"ArnLike":{"aws:SourceArn":"arn:aws:ec2:eu-west-2:111122223333:vpc-flow-log/*"}}}]}`

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-IAM-011",
	Resources:       func() []*policy.Resource { return iamTrustRole(iamFlowLogsTrust) },
	BaselineMessage: "every trusted cross-account service is confined with aws:SourceAccount or aws:SourceArn",
	Cases: []policytest.Case{
		{
			Name:    "flow logs role with no source condition",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 trusts vpc-flow-logs.amazonaws.com with no aws:SourceAccount or aws:SourceArn condition, so the service can be made to assume the role for another account; add Condition StringEquals aws:SourceAccount (or ArnLike aws:SourceArn) naming this account",
		},
		{
			Name:    "regional CloudWatch Logs principal with IfExists",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Service":["logs.eu-west-2.amazonaws.com"]},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 trusts logs.eu-west-2.amazonaws.com with no aws:SourceAccount or aws:SourceArn condition, so the service can be made to assume the role for another account; add Condition StringEquals aws:SourceAccount (or ArnLike aws:SourceArn) naming this account",
		},
		{
			Name:    "EC2 instance role",
			Mutate:  iamSetTrust(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
			Want:    policy.StatusNotApplicable,
			Message: "the role trusts no service that acts for many accounts without iam:PassRole",
		},
		{
			Name: "Lambda permission for S3 without a source",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeLambdaPermission, "s3-invoke", map[string]any{"function": "handler", "action": "lambda:InvokeFunction", "principal": "s3.amazonaws.com"})
			},
			Want:    policy.StatusFail,
			Message: "permission lets s3.amazonaws.com invoke the function for any account's resources (no sourceArn or sourceAccount); set sourceArn to this account's resource (and sourceAccount for S3)",
		},
		{
			Name: "Lambda permission for S3 with a source",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeLambdaPermission, "s3-invoke", map[string]any{"function": "handler", "principal": "s3.amazonaws.com", "sourceAccount": "111122223333"})
			},
			Want:    policy.StatusPass,
			Message: "permission for s3.amazonaws.com is confined by sourceAccount",
		},
		{
			Name: "Lambda permission source computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeLambdaPermission, "s3-invoke", map[string]any{"function": "handler", "principal": "sns.amazonaws.com"})
				policytest.SetComputed(rs[0], "sourceArn")
			},
			Want:    policy.StatusUnknown,
			Message: "sourceArn is computed; a permission for sns.amazonaws.com must set sourceArn or sourceAccount",
		},
		{
			Name:    "trust policy computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "assumeRolePolicy") },
			Want:    policy.StatusUnknown,
			Message: "assumeRolePolicy is computed; service principals must be confined with aws:SourceAccount or aws:SourceArn",
		},
	},
})
