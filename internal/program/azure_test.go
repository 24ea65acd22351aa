package program_test

import (
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/internal/stackctx"
)

const metFoundationRef = "organization/police-landing-zones/met-foundation"

// azureStack reads a met-* stack file into the fully qualified config a Pulumi program receives.
func azureStack(t *testing.T, stack string) (*config.Stack, map[string]string) {
	t.Helper()
	path := filepath.Join("..", "..", "stacks", "Pulumi."+stack+".yaml")
	st, err := config.LoadFile(path)
	require.NoError(t, err)
	_, raw, err := config.ReadFile(path)
	require.NoError(t, err)
	return st, config.Qualified(raw)
}

func TestAzureStacksHaveNoBlockingFindings(t *testing.T) {
	t.Parallel()
	st, cfg := azureStack(t, "met-foundation")
	cfg[program.PSNSharedKeyConfig] = "test-only-pre-shared-key"
	fc := mockcloud.New(mockcloud.Options{Stack: "met-foundation", Config: cfg})
	foundationOuts, err := fc.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		loaded, err := stackctx.Load(ctx)
		if err != nil {
			return nil, err
		}
		return program.Deploy(ctx, loaded)
	})
	require.NoError(t, err)
	blocking := fc.Blocking(stackctx.FromStack(st))
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
	for _, k := range []string{program.OutHubVNetID, program.OutHubVNetName, program.OutFirewallPrivateIP, program.OutWorkspaceID,
		program.OutWorkspaceCustomerID, program.OutFlowLogStorageID, program.OutNetworkWatcherName, program.OutStateBackendURL, program.OutSecretsProvider} {
		assert.NotEmpty(t, foundationOuts[k], "foundation output %s", k)
	}
	assert.Equal(t, "10.60.0.4", foundationOuts[program.OutFirewallPrivateIP])
	assert.Equal(t, true, foundationOuts[program.OutPSNGateway])
	assert.Equal(t, "foundation", foundationOuts["role"])

	for _, stack := range []string{"met-platinum", "met-gold", "met-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st, cfg := azureStack(t, stack)
			c := mockcloud.New(mockcloud.Options{Stack: stack, Config: cfg,
				StackOutputs: map[string]map[string]any{metFoundationRef: foundationOuts}})
			outs, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
				loaded, err := stackctx.Load(ctx)
				if err != nil {
					return nil, err
				}
				return program.Deploy(ctx, loaded)
			})
			require.NoError(t, err)
			blocking := c.Blocking(stackctx.FromStack(st))
			assert.Empty(t, blocking, mockcloud.Describe(blocking))
			assert.NotEmpty(t, outs["vnetId"])
			assert.NotEmpty(t, outs["evidenceAccountId"])
			assert.Equal(t, string(st.Tier), outs["tier"])
			// The spoke peers with the foundation's hub.
			peerings := c.Find("azure-native:network:VirtualNetworkPeering")
			require.Len(t, peerings, 2)
			assert.Equal(t, foundationOuts[program.OutHubVNetID], peerings[0].Get("remoteVirtualNetwork", "id").AsString())
		})
	}
}

func TestAzureFoundationNeedsThePSNSharedKey(t *testing.T) {
	t.Parallel()
	_, cfg := azureStack(t, "met-foundation")
	c := mockcloud.New(mockcloud.Options{Stack: "met-foundation", Config: cfg})
	err := c.Run(program.Run)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "stack met-foundation: azurelz:psnSharedKey is not set: the PSN edge (landingzone:psnPeerAddress 203.0.113.10) needs the IPsec pre-shared key agreed with the PSN provider")
	assert.Empty(t, c.Find(""), "nothing is registered when the config is incomplete")
}

func TestAzureStacksPreviewWithUnknowns(t *testing.T) {
	t.Parallel()
	_, cfg := azureStack(t, "met-bronze")
	c := mockcloud.New(mockcloud.Options{Stack: "met-bronze", Config: cfg, Preview: true,
		StackOutputs: map[string]map[string]any{metFoundationRef: {}}})
	require.NoError(t, c.Run(program.Run))
	assert.NotEmpty(t, c.Find("azure-native:network:VirtualNetwork"))
}

// TestAzureFirstDeployment: azurelz:firstDeployment=true creates the immutability policies unlocked (Azure
// refuses a locked policy at creation); without it every policy is locked.
func TestAzureFirstDeployment(t *testing.T) {
	t.Parallel()
	states := func(extra map[string]string) []string {
		_, cfg := azureStack(t, "met-foundation")
		cfg[program.PSNSharedKeyConfig] = "test-only-pre-shared-key"
		for k, v := range extra {
			cfg[k] = v
		}
		c := mockcloud.New(mockcloud.Options{Stack: "met-foundation", Config: cfg})
		require.NoError(t, c.Run(program.Run))
		var out []string
		for _, r := range c.Find("azure-native:storage:StorageAccount") {
			if v := r.Get("immutableStorageWithVersioning", "immutabilityPolicy", "state"); v.IsString() {
				out = append(out, v.AsString())
			}
		}
		return out
	}
	locked := states(nil)
	require.NotEmpty(t, locked)
	for _, s := range locked {
		assert.Equal(t, "Locked", s)
	}
	for _, s := range states(map[string]string{program.FirstDeploymentConfig: "true"}) {
		assert.Equal(t, "Unlocked", s)
	}
}
