package program_test

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/internal/stackctx"
)

// declaredOutputs lists the `pulumi:` tags of a component struct: the outputs it declares.
func declaredOutputs(component any) []string {
	t := reflect.TypeOf(component).Elem()
	var out []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("pulumi"); tag != "" {
			out = append(out, tag)
		}
	}
	return out
}

// TestEveryOutputExported runs each of the eight stacks and checks the program exports every output its
// component declares, each with a value.
func TestEveryOutputExported(t *testing.T) {
	t.Parallel()
	deploy := func(ctx *pulumi.Context) (pulumi.Map, error) {
		st, err := stackctx.Load(ctx)
		if err != nil {
			return nil, err
		}
		return program.Deploy(ctx, st)
	}
	run := func(t *testing.T, stack string, cfg map[string]string, foundations map[string]map[string]any) map[string]any {
		t.Helper()
		c := mockcloud.New(mockcloud.Options{Stack: stack, Config: cfg, StackOutputs: foundations})
		outs, err := c.RunOutputs(deploy)
		require.NoError(t, err)
		return outs
	}
	check := func(t *testing.T, outs map[string]any, component any) {
		t.Helper()
		declared := declaredOutputs(component)
		require.NotEmpty(t, declared)
		for _, name := range declared {
			assert.Contains(t, outs, name, "declared output %s is not exported", name)
			assert.NotNil(t, outs[name], "output %s", name)
		}
	}

	_, cfg := azureStack(t, "pos-foundation")
	awsFoundation := run(t, "pos-foundation", cfg, nil)
	check(t, awsFoundation, &awslz.Foundation{})
	st, cfg := azureStack(t, "met-foundation")
	cfg[program.PSNSharedKeyConfig] = "test-only-pre-shared-key"
	azureFoundation := run(t, st.Name, cfg, nil)
	check(t, azureFoundation, &azurelz.Foundation{})

	for _, stack := range []string{"pos-platinum", "pos-gold", "pos-bronze"} {
		st, cfg := azureStack(t, stack)
		check(t, run(t, stack, cfg, map[string]map[string]any{st.FoundationStack: awsFoundation}), &awslz.TierEnvironment{})
	}
	for _, stack := range []string{"met-platinum", "met-gold", "met-bronze"} {
		_, cfg := azureStack(t, stack)
		check(t, run(t, stack, cfg, map[string]map[string]any{metFoundationRef: azureFoundation}), &azurelz.TierEnvironment{})
	}
}

// TestAzureOutputNames: each output name a tier stack reads from its foundation is one the foundation
// declares.
func TestAzureOutputNames(t *testing.T) {
	t.Parallel()
	declared := declaredOutputs(&azurelz.Foundation{})
	for _, name := range []string{
		program.OutSecurityResourceGroupName, program.OutNetworkResourceGroupName, program.OutWorkspaceID,
		program.OutWorkspaceCustomerID, program.OutKeyVaultID, program.OutKeyVaultName, program.OutKeyVaultURI,
		program.OutAuditArchiveID, program.OutFlowLogStorageID, program.OutNetworkWatcherName,
		program.OutNetworkWatcherResourceGroupName, program.OutHubVNetID, program.OutHubVNetName,
		program.OutFirewallPrivateIP, program.OutPSNGateway, program.OutVaultDNSZoneID, program.OutVaultDNSZoneName,
		program.OutBlobDNSZoneID, program.OutBlobDNSZoneName, program.OutStateBackendURL, program.OutSecretsProvider,
	} {
		assert.Contains(t, declared, name)
	}
}
