package main

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/internal/stackctx"
)

// mocks records the type of every resource the program registers.
type mocks struct {
	mu    sync.Mutex
	types []string
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.types = append(m.types, args.TypeToken)
	return args.Name + "-id", args.Inputs, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func (m *mocks) registered() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.types...)
}

// withConfig sets the stack's configuration as the engine would: fully qualified keys.
func withConfig(cfg map[string]string) pulumi.RunOption {
	return func(info *pulumi.RunInfo) { info.Config = cfg }
}

func run(t *testing.T, stack string, cfg map[string]string, body pulumi.RunFunc) (*mocks, error) {
	t.Helper()
	m := &mocks{}
	err := pulumi.RunErr(body, pulumi.WithMocks("police-landing-zones", stack, m), withConfig(cfg))
	return m, err
}

// TestProgramStackFiles plans every stack file offline (internal/plan: the program under the mock
// cloud, foundations first for the outputs tier stacks read) and expects no mandatory violation.
func TestProgramStackFiles(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("Pulumi.*.yaml")
	require.NoError(t, err)
	require.Len(t, files, 10)
	for _, f := range files {
		stack := strings.TrimSuffix(strings.TrimPrefix(f, "Pulumi."), ".yaml")
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			res, err := plan.Run(stack, plan.Options{StacksDir: "."})
			require.NoError(t, err)
			assert.NotEmpty(t, res.Resources)
			assert.Empty(t, res.Evaluation.Blocking(), mockcloud.Describe(res.Evaluation.Blocking()))
		})
	}
}

func TestProgramBadConfigRegistersNothing(t *testing.T) {
	t.Parallel()
	_, raw, err := config.ReadFile("Pulumi.pos-platinum.yaml")
	require.NoError(t, err)
	raw["region"] = "us-east-1"
	raw["classification"] = "SECRET"
	m, err := run(t, "pos-platinum", config.Qualified(raw), program.Run)
	require.Error(t, err)
	var errs config.Errors
	require.True(t, errors.As(err, &errs), "the config errors are wrapped: %v", err)
	assert.Equal(t, []string{
		`landingzone:classification: "SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`,
		`landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`,
	}, errs.Lines())
	assert.Contains(t, err.Error(), "stack pos-platinum: invalid landingzone: configuration")
	assert.Empty(t, m.registered(), "no resource is registered")
}

func TestRawConfig(t *testing.T) {
	t.Parallel()
	var got map[string]string
	_, err := run(t, "pos-gold", map[string]string{
		"landingzone:tier":          "gold",
		"landingzone:flows":         `[{"from":"gold"}]`,
		"landingzone:owner":         "",
		"landingzone:misspelt":      "x",
		"aws:region":                "eu-west-2",
		"police-landing-zones:tier": "bronze",
	}, func(ctx *pulumi.Context) error {
		got = stackctx.Raw(ctx)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"tier": "gold", "flows": `[{"from":"gold"}]`}, got)
}
