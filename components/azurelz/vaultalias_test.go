package azurelz_test

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
)

// aliasSpy is the mock cloud, recording the alias types each registration asks for.
type aliasSpy struct {
	*mockcloud.Cloud
	mu      sync.Mutex
	aliases map[string][]string // type token -> alias types
}

func (s *aliasSpy) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	s.mu.Lock()
	for _, a := range args.RegisterRPC.GetAliases() {
		if spec := a.GetSpec(); spec != nil {
			s.aliases[args.TypeToken] = append(s.aliases[args.TypeToken], spec.GetType())
		}
	}
	for _, urn := range args.RegisterRPC.GetAliasURNs() {
		s.aliases[args.TypeToken] = append(s.aliases[args.TypeToken], resource.URN(urn).Type().String())
	}
	s.mu.Unlock()
	return s.Cloud.NewResource(args)
}

// TestVaultAliasesOldType: the tier's vault moved to API version 2024-04-01's type token; it is
// registered with an alias to the default token, so a vault created under it is updated, not replaced.
func TestVaultAliasesOldType(t *testing.T) {
	t.Parallel()
	st := tierStack(t, tier.Gold)
	spy := &aliasSpy{Cloud: mockcloud.New(mockcloud.Options{Stack: st.Name}), aliases: map[string][]string{}}
	require.NoError(t, pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := azurelz.NewTierEnvironment(ctx, st.Name, tierArgs(st))
		return err
	}, pulumi.WithMocks(mockcloud.DefaultProject, st.Name, spy)))
	assert.Contains(t, spy.aliases["azure-native:recoveryservices/v20240401:Vault"], "azure-native:recoveryservices:Vault")
}
