package lztest

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRecordsAndResolves registers a provider, a custom resource under a component and a stack
// reference, and checks what the rules would see.
func TestRecordsAndResolves(t *testing.T) {
	t.Parallel()
	c := New(Options{StackOutputs: map[string]map[string]any{
		"organization/p/foundation": {"transitGatewayId": "tgw-0123"},
	}})
	var tgw string
	outs, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		comp := &struct{ pulumi.ResourceState }{}
		if err := ctx.RegisterComponentResource("policecloud:test:Thing", "thing", comp); err != nil {
			return nil, err
		}
		var prov struct{ pulumi.ProviderResourceState }
		if err := ctx.RegisterResource("pulumi:providers:aws", "uk", pulumi.Map{"region": pulumi.String("eu-west-2")}, &prov, pulumi.Parent(comp)); err != nil {
			return nil, err
		}
		var vpc struct{ pulumi.CustomResourceState }
		if err := ctx.RegisterResource("aws:ec2/vpc:Vpc", "thing-vpc", pulumi.Map{"cidrBlock": pulumi.String("10.0.0.0/16")}, &vpc,
			pulumi.Parent(comp), pulumi.Provider(&prov), pulumi.Protect(true), pulumi.RetainOnDelete(true)); err != nil {
			return nil, err
		}
		ref, err := pulumi.NewStackReference(ctx, "foundation", &pulumi.StackReferenceArgs{Name: pulumi.String("organization/p/foundation")})
		if err != nil {
			return nil, err
		}
		ref.GetStringOutput(pulumi.String("transitGatewayId")).ApplyT(func(s string) string { tgw = s; return s })
		return pulumi.Map{"vpcId": vpc.ID()}, nil
	})
	require.NoError(t, err)
	assert.Equal(t, "tgw-0123", tgw)
	assert.Regexp(t, `^vpc-[0-9a-f]{17}$`, outs["vpcId"])

	vpcs := c.Find("aws:ec2/vpc:Vpc")
	require.Len(t, vpcs, 1)
	v := vpcs[0]
	assert.True(t, v.Protect)
	assert.True(t, v.RetainOnDelete)
	assert.Equal(t, "10.0.0.0/16", v.Get("cidrBlock").AsString())
	assert.Contains(t, v.URN, "policecloud:test:Thing$aws:ec2/vpc:Vpc::thing-vpc")
	assert.Equal(t, outs["vpcId"], v.ID)
	require.NotNil(t, v.Provider, "the provider reference resolves to the recorded provider")
	assert.Equal(t, "pulumi:providers:aws", v.Provider.Type)
	assert.Equal(t, "eu-west-2", v.ProviderGet("region").AsString())
	assert.Equal(t, 1, c.Types()["policecloud:test:Thing"])
}

func TestUnknownStackReferenceFails(t *testing.T) {
	t.Parallel()
	c := New(Options{})
	err := c.Run(func(ctx *pulumi.Context) error {
		_, err := pulumi.NewStackReference(ctx, "foundation", &pulumi.StackReferenceArgs{Name: pulumi.String("organization/p/missing")})
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no outputs for stack reference "organization/p/missing"`)
}

func TestUnmockedFunctionFails(t *testing.T) {
	t.Parallel()
	c := New(Options{})
	_, err := c.Call(pulumi.MockCallArgs{Token: "aws:ec2/getAmi:getAmi"})
	require.Error(t, err)
	assert.Equal(t, "lztest: no mock for function aws:ec2/getAmi:getAmi", err.Error())
}

// TestAWSOutputsWorkloadsRead: the outputs a workload reads from its own resources, as AWS gives them: an
// auto-named RDS subnet group's and parameter group's names, and a new launch template's version 1.
func TestAWSOutputsWorkloadsRead(t *testing.T) {
	t.Parallel()
	c := New(Options{})
	outs, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		var prov struct{ pulumi.ProviderResourceState }
		if err := ctx.RegisterResource("pulumi:providers:aws", "uk", pulumi.Map{"region": pulumi.String("eu-west-2")}, &prov); err != nil {
			return nil, err
		}
		type named struct {
			pulumi.CustomResourceState
			Name pulumi.StringOutput `pulumi:"name"`
		}
		subnets, params := &named{}, &named{}
		lt := &struct {
			pulumi.CustomResourceState
			LatestVersion pulumi.IntOutput `pulumi:"latestVersion"`
		}{}
		if err := ctx.RegisterResource("aws:rds/subnetGroup:SubnetGroup", "db-subnets", pulumi.Map{}, subnets, pulumi.Provider(&prov)); err != nil {
			return nil, err
		}
		if err := ctx.RegisterResource("aws:rds/parameterGroup:ParameterGroup", "db-params", pulumi.Map{}, params, pulumi.Provider(&prov)); err != nil {
			return nil, err
		}
		if err := ctx.RegisterResource("aws:ec2/launchTemplate:LaunchTemplate", "lt", pulumi.Map{}, lt, pulumi.Provider(&prov)); err != nil {
			return nil, err
		}
		return pulumi.Map{"subnets": subnets.Name, "subnetsID": subnets.ID(), "params": params.Name, "version": lt.LatestVersion}, nil
	})
	require.NoError(t, err)
	assert.Regexp(t, `^db-subnets-[0-9a-f]{7}$`, outs["subnets"])
	assert.Equal(t, outs["subnets"], outs["subnetsID"], "the subnet group's ID is its name")
	assert.Regexp(t, `^db-params-[0-9a-f]{7}$`, outs["params"])
	assert.EqualValues(t, 1, outs["version"])
}
