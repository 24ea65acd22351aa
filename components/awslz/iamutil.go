package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newServiceRole creates a role only the named AWS service may assume, for this account.
func newServiceRole(ctx *pulumi.Context, c child, name, service string) (*iam.Role, error) {
	return iam.NewRole(ctx, name, &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(policyJSON(map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": service}, "Action": "sts:AssumeRole",
		})),
		Tags: tagged(name),
	}, c.opts()...)
}

// newRolePolicy attaches an inline policy built from outputs to a role.
func newRolePolicy(ctx *pulumi.Context, c child, name string, role *iam.Role, build func([]any) []map[string]any, inputs ...any) (*iam.RolePolicy, error) {
	return iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: policyOutput(build, inputs...),
	}, c.opts()...)
}
