package program

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
)

// awsStackConfig reads a stack file as the engine would hand it to the program: fully qualified keys.
func awsStackConfig(t *testing.T, stack string) (*config.Stack, map[string]string) {
	t.Helper()
	path := filepath.Join("..", "..", "stacks", "Pulumi."+stack+".yaml")
	name, raw, err := config.ReadFile(path)
	require.NoError(t, err)
	st, err := config.Load(name, raw)
	require.NoError(t, err)
	return st, config.Qualified(raw)
}

// TestAWSStacks runs the four pos-* stacks through the program under the mock cloud, the foundation
// first, its outputs feeding the tier stacks' StackReference, and expects zero mandatory violations.
func TestAWSStacks(t *testing.T) {
	t.Parallel()
	st, cfg := awsStackConfig(t, "pos-foundation")
	fc := mockcloud.New(mockcloud.Options{Stack: st.Name, Config: cfg})
	outputs, err := fc.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) { return Deploy(ctx, st) })
	require.NoError(t, err)
	assert.Empty(t, fc.Blocking(stackctx.FromStack(st)), mockcloud.Describe(fc.Blocking(stackctx.FromStack(st))))
	require.Contains(t, outputs, "transitGatewayId")
	require.Contains(t, outputs, "tierRouteTableIds")

	for _, stack := range []string{"pos-platinum", "pos-gold", "pos-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st, cfg := awsStackConfig(t, stack)
			c := mockcloud.New(mockcloud.Options{Stack: st.Name, Config: cfg,
				StackOutputs: map[string]map[string]any{st.FoundationStack: outputs}})
			require.NoError(t, c.Run(Run))
			blocking := c.Blocking(stackctx.FromStack(st))
			assert.Empty(t, blocking, mockcloud.Describe(blocking))
			assert.Equal(t, 1, c.Types()["pulumi:pulumi:StackReference"], "the tier reads its foundation")
			assoc := c.Find("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation")
			require.Len(t, assoc, 1)
			tables := outputs["tierRouteTableIds"].(map[string]any)
			assert.Equal(t, tables[string(st.Tier)], assoc[0].Get("transitGatewayRouteTableId").AsString(),
				"the attachment is associated with the foundation's route table for the tier")
		})
	}
}

// TestAWSBadConfigRegistersNothing: invalid configuration fails before any resource is registered.
func TestAWSBadConfigRegistersNothing(t *testing.T) {
	t.Parallel()
	_, cfg := awsStackConfig(t, "pos-bronze")
	cfg["landingzone:region"] = "eu-west-1"
	cfg["landingzone:flows"] = `[{"from":"bronze","to":"internet","protocol":"tcp","ports":"443","reason":"updates"}]`
	c := mockcloud.New(mockcloud.Options{Stack: "pos-bronze", Config: cfg})
	err := c.Run(Run)
	require.Error(t, err)
	var errs config.Errors
	require.True(t, errors.As(err, &errs), "config errors are wrapped: %v", err)
	assert.Len(t, errs.Lines(), 2, errs.Lines())
	assert.Contains(t, errs.Lines()[0], "landingzone:flows[0]")
	assert.Contains(t, errs.Lines()[1], `landingzone:region: "eu-west-1" is not allowed for cloud aws`)
	assert.Empty(t, c.Resources(), "nothing is registered")
}

// TestAWSMissingFoundationOutput: a tier whose foundation lacks its route table fails with a clear error.
func TestAWSMissingFoundationOutput(t *testing.T) {
	t.Parallel()
	st, cfg := awsStackConfig(t, "pos-gold")
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Config: cfg, StackOutputs: map[string]map[string]any{
		st.FoundationStack: {"transitGatewayId": "tgw-1", "inspectionRouteTableId": "tgw-rtb-1", "tierRouteTableIds": map[string]any{"platinum": "tgw-rtb-2"}},
	}})
	err := c.Run(Run)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "foundation stack organization/police-landing-zones/pos-foundation: output tierRouteTableIds has no route table for tier gold")
}

// TestAWSFoundationOutputNotAMap: a foundation whose tierRouteTableIds is not a map fails with its type.
func TestAWSFoundationOutputNotAMap(t *testing.T) {
	t.Parallel()
	st, cfg := awsStackConfig(t, "pos-gold")
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Config: cfg, StackOutputs: map[string]map[string]any{
		st.FoundationStack: {"transitGatewayId": "tgw-1", "inspectionRouteTableId": "tgw-rtb-1", "tierRouteTableIds": "tgw-rtb-2"},
	}})
	err := c.Run(Run)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "foundation stack organization/police-landing-zones/pos-foundation: output tierRouteTableIds is string, not a map of tier route table IDs")
}
