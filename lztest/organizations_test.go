package lztest

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOrganizationsAccounts: a created AWS Organizations account gets a 12-digit ID, stable across runs;
// an imported one keeps the ID it is imported with.
func TestOrganizationsAccounts(t *testing.T) {
	t.Parallel()
	run := func() map[string]any {
		c := New(Options{})
		outs, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
			var created, adopted custom
			if err := ctx.RegisterResource("aws:organizations/account:Account", "created", pulumi.Map{"name": pulumi.String("a")}, &created); err != nil {
				return nil, err
			}
			if err := ctx.RegisterResource("aws:organizations/account:Account", "adopted", pulumi.Map{"name": pulumi.String("b")}, &adopted,
				pulumi.Import(pulumi.ID("444455556666"))); err != nil {
				return nil, err
			}
			return pulumi.Map{"created": created.ID(), "adopted": adopted.ID(), "adoptedArn": adopted.Arn}, nil
		})
		require.NoError(t, err)
		return outs
	}
	outs := run()
	assert.Regexp(t, `^[1-9][0-9]{11}$`, outs["created"])
	assert.Equal(t, "444455556666", outs["adopted"])
	assert.Equal(t, "arn:aws:organizations::123456789012:account/o-mock123456/444455556666", outs["adoptedArn"])
	assert.Equal(t, outs["created"], run()["created"], "the same URN gives the same ID")
}

// TestGetOrganization: the organisation of the provider's account, with one root.
func TestGetOrganization(t *testing.T) {
	t.Parallel()
	out, err := New(Options{AWSAccount: "210987654321"}).Call(pulumi.MockCallArgs{Token: "aws:organizations/getOrganization:getOrganization"})
	require.NoError(t, err)
	assert.Equal(t, "210987654321", out["masterAccountId"].StringValue())
	roots := out["roots"].ArrayValue()
	require.Len(t, roots, 1)
	assert.Regexp(t, `^r-[0-9a-f]{4}$`, roots[0].ObjectValue()["id"].StringValue())
	assert.Regexp(t, `^o-[0-9a-f]{10}$`, out["id"].StringValue())
}
