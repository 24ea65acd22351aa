package program_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

// workloadConfig returns a stack file's azurelz:workload as Pulumi hands it to a program (JSON), "" when
// the file has none.
func workloadConfig(t *testing.T, stack string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "stacks", "Pulumi."+stack+".yaml"))
	require.NoError(t, err)
	var doc struct {
		Config map[string]any `yaml:"config"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &doc))
	v, ok := doc.Config[program.WorkloadConfig]
	if !ok {
		return ""
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// runMetTier runs a met tier stack's program with its workload configuration (or wl, when not "").
func runMetTier(t *testing.T, stack, wl string) (*mockcloud.Cloud, map[string]any, error) {
	t.Helper()
	_, cfg := azureStack(t, stack)
	if wl == "" {
		wl = workloadConfig(t, stack)
	}
	cfg[program.WorkloadConfig] = wl
	c := mockcloud.New(mockcloud.Options{Stack: stack, Config: cfg, StackOutputs: map[string]map[string]any{metFoundationRef: metFoundationOutputs(t)}})
	outs, err := c.RunOutputs(deployStack)
	return c, outs, err
}

func deployStack(ctx *pulumi.Context) (pulumi.Map, error) {
	loaded, err := stackctx.Load(ctx)
	if err != nil {
		return nil, err
	}
	return program.Deploy(ctx, loaded)
}

var (
	foundationOnce sync.Once
	foundationOuts map[string]any
	foundationErr  error
)

// metFoundationOutputs runs met-foundation once and returns its outputs, as its tier stacks read them.
func metFoundationOutputs(t *testing.T) map[string]any {
	t.Helper()
	foundationOnce.Do(func() {
		_, cfg := azureStack(t, "met-foundation")
		cfg[program.PSNSharedKeyConfig] = "test-only-pre-shared-key"
		foundationOuts, foundationErr = mockcloud.New(mockcloud.Options{Stack: "met-foundation", Config: cfg}).RunOutputs(deployStack)
	})
	require.NoError(t, foundationErr)
	return foundationOuts
}

// TestAzureTierWorkloads: each met tier stack builds its representative workload from azurelz:workload:
// Platinum a three-zone service with a zone-redundant database, Gold a two-zone service, Bronze the
// custody server and its database patched from the mirror in Gold; none has a blocking finding.
func TestAzureTierWorkloads(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		stack         string
		vms, dbs      int
		zoneRedundant bool
		mirror        bool
	}{
		{"met-platinum", 3, 1, true, false},
		{"met-gold", 2, 0, false, false},
		{"met-bronze", 2, 1, false, true},
	} {
		t.Run(tc.stack, func(t *testing.T) {
			t.Parallel()
			c, outs, err := runMetTier(t, tc.stack, "")
			require.NoError(t, err)
			assert.Len(t, c.Find("azure-native:compute:VirtualMachine"), tc.vms)
			dbs := c.Find("azure-native:sql:Database")
			require.Len(t, dbs, tc.dbs)
			if tc.dbs > 0 {
				assert.Equal(t, tc.zoneRedundant, dbs[0].Get("zoneRedundant").AsBool())
			}
			for _, vm := range c.Find("azure-native:compute:VirtualMachine") {
				assert.Equal(t, tc.mirror, !vm.Get("osProfile", "customData").IsNull(), "cloud-init pointing at the mirror")
			}
			wl, ok := outs[program.OutWorkload].(map[string]any)
			require.True(t, ok, "the workload's outputs are exported under %q: %v", program.OutWorkload, outs[program.OutWorkload])
			assert.Len(t, wl["vmIds"], tc.vms)
			st, _ := azureStack(t, tc.stack)
			ev := c.Evaluate(stackctx.FromStack(st))
			assert.Empty(t, ev.Blocking(), mockcloud.Describe(ev.Blocking()))
			passes := 0
			for _, f := range ev.Findings {
				if f.RuleID == "PCLZ-AZR-AUD-008" && f.Status == policy.StatusPass {
					passes++
				}
			}
			assert.Equal(t, tc.vms, passes, "every machine patched on the tier's cadence")
		})
	}
}

// TestAzureWorkloadConfigErrors: a bad azurelz:workload stops the program before anything is registered,
// with an error naming the key, the value and what is allowed.
func TestAzureWorkloadConfigErrors(t *testing.T) {
	t.Parallel()
	good := `{"name":"cad","instanceType":"Standard_D4s_v5","imageId":"Canonical:ubuntu-24_04-lts:server:latest","instanceCount":3,"sshPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBIOiaai0Z3xnFPCDa7n0+HnJnkvhUJQZ2SvgdzXa0h3 ops"}`
	for _, tc := range []struct {
		name, stack, wl, want string
	}{
		{"unknown key", "met-platinum", `{"name":"cad","size":"big"}`,
			`stack met-platinum: azurelz:workload: json: unknown field "size": allowed an object with name, instanceType, imageId, osType, instanceCount, sshPublicKey, patchRepository and database (sku, maxSizeGB, adminLogin, adminObjectId)`},
		{"bad name", "met-platinum", strings.Replace(good, `"cad"`, `"CAD_1"`, 1),
			`stack met-platinum: azurelz:workload.name: "CAD_1" is not a workload name: allowed 1 to 20 lower-case letters, digits and hyphens, starting with a letter`},
		{"too few machines for the zones", "met-platinum", strings.Replace(good, `"instanceCount":3`, `"instanceCount":2`, 1),
			"stack met-platinum: azurelz:workload (keys are the lower-camel names of the fields below):\nInstanceCount: \"2\" is out of range: allowed 3 (one per availability zone of the profile) to 100"},
		{"Windows without its password", "met-gold", strings.Replace(strings.Replace(good, `"instanceCount":3`, `"instanceCount":2,"osType":"windows"`, 1), `"sshPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBIOiaai0Z3xnFPCDa7n0+HnJnkvhUJQZ2SvgdzXa0h3 ops"`, `"sshPublicKey":""`, 1),
			"stack met-gold: azurelz:workloadAdminPassword is not set: a Windows workload (azurelz:workload osType windows) needs its administrator password; set it with `pulumi config set --secret azurelz:workloadAdminPassword <password>`"},
		{"Bronze mirror no flow reaches", "met-bronze", strings.Replace(good, `"instanceCount":3`, `"instanceCount":2,"patchRepository":"https://10.60.64.10/ubuntu"`, 1),
			`stack met-bronze: azurelz:workload.patchRepository: "https://10.60.64.10/ubuntu" is not reached by any declared flow: allowed an address that a flow from bronze reaches on tcp/443 (landingzone:flows)`},
		{"Bronze mirror on another port", "met-bronze", strings.Replace(good, `"instanceCount":3`, `"instanceCount":2,"patchRepository":"https://10.60.128.10:8443/ubuntu"`, 1),
			`stack met-bronze: azurelz:workload.patchRepository: "https://10.60.128.10:8443/ubuntu" is not reached by any declared flow: allowed an address that a flow from bronze reaches on tcp/8443 (landingzone:flows)`},
		{"Bronze mirror by name", "met-bronze", strings.Replace(good, `"instanceCount":3`, `"instanceCount":2,"patchRepository":"https://mirror.met.internal/ubuntu"`, 1),
			`stack met-bronze: azurelz:workload.patchRepository: "https://mirror.met.internal/ubuntu" names the mirror by host name: allowed an IP address, which the declared flows can be checked against`},
		{"Bronze without a mirror", "met-bronze", strings.Replace(good, `"instanceCount":3`, `"instanceCount":2`, 1),
			"stack met-bronze: azurelz:workload (keys are the lower-camel names of the fields below):\nPatchRepository: is not the https URL of an internal package mirror: allowed https://<mirror address>/<path> (the Bronze profile patches only from an internal source, reached over a declared flow)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, _, err := runMetTier(t, tc.stack, tc.wl)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, c.Find(""), "nothing is registered")
		})
	}
	t.Run("on the foundation", func(t *testing.T) {
		t.Parallel()
		_, cfg := azureStack(t, "met-foundation")
		cfg[program.PSNSharedKeyConfig] = "test-only-pre-shared-key"
		cfg[program.WorkloadConfig] = good
		c := mockcloud.New(mockcloud.Options{Stack: "met-foundation", Config: cfg})
		err := c.Run(program.Run)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "stack met-foundation: azurelz:workload is set, but a workload runs in a tier stack, not a foundation stack")
		assert.Empty(t, c.Find(""), "nothing is registered")
	})
}

// TestAzureWindowsWorkload: osType windows with azurelz:workloadAdminPassword builds Windows machines
// whose administrator password is a secret.
func TestAzureWindowsWorkload(t *testing.T) {
	t.Parallel()
	_, cfg := azureStack(t, "met-gold")
	cfg[program.WorkloadConfig] = `{"name":"records","instanceType":"Standard_D2s_v5","imageId":"MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest","osType":"windows","instanceCount":2}`
	cfg[program.WorkloadAdminPasswordConfig] = "test-only-Passw0rd!"
	c := mockcloud.New(mockcloud.Options{Stack: "met-gold", Config: cfg, StackOutputs: map[string]map[string]any{metFoundationRef: metFoundationOutputs(t)}})
	_, err := c.RunOutputs(deployStack)
	require.NoError(t, err)
	vms := c.Find("azure-native:compute:VirtualMachine")
	require.Len(t, vms, 2)
	for _, vm := range vms {
		assert.False(t, vm.Get("osProfile", "windowsConfiguration").IsNull())
		assert.True(t, vm.Get("osProfile", "adminPassword").Secret(), "the password is a secret")
	}
}
