package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newServiceRole creates a role only the named AWS service may assume, and only on behalf of this account
// (aws:SourceAccount, so another account cannot make the service act with this role: the confused
// deputy).
func newServiceRole(ctx *pulumi.Context, c child, name, service string) (*iam.Role, error) {
	stmt := map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": service}, "Action": "sts:AssumeRole"}
	if c.accountID != "" {
		stmt["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": c.accountID}}
	}
	return iam.NewRole(ctx, name, &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(policyJSON(stmt)),
		Tags:             c.tagged(name),
	}, c.opts()...)
}

// newRolePolicy attaches an inline policy built from outputs to a role.
func newRolePolicy(ctx *pulumi.Context, c child, name string, role *iam.Role, build func([]any) []map[string]any, inputs ...any) (*iam.RolePolicy, error) {
	return iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: policyOutput(build, inputs...),
	}, c.opts()...)
}
