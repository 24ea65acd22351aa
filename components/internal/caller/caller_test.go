package caller_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/internal/caller"
	"github.com/policecloud/landingzones/lztest"
)

type prov struct{ pulumi.ProviderResourceState }

func TestProvider(t *testing.T) {
	t.Parallel()
	require.NoError(t, lztest.New(lztest.Options{}).Run(func(ctx *pulumi.Context) error {
		var aws, azure prov
		require.NoError(t, ctx.RegisterResource("pulumi:providers:aws", "member", pulumi.Map{}, &aws))
		require.NoError(t, ctx.RegisterResource("pulumi:providers:azure-native", "sub", pulumi.Map{}, &azure))
		parent := &struct{ pulumi.ResourceState }{}
		require.NoError(t, ctx.RegisterComponentResource("county:index:Group", "group", parent, pulumi.Providers(&aws)))

		assert.Nil(t, caller.Provider("aws"), "no options: none given")
		assert.Equal(t, &aws, caller.Provider("aws", pulumi.Provider(&aws)))
		assert.Nil(t, caller.Provider("aws", pulumi.Provider(&azure)), "another package's provider is not the caller's AWS provider")
		assert.Equal(t, &azure, caller.Provider("azure-native", pulumi.Providers(&aws, &azure)))
		assert.Equal(t, &aws, caller.Provider("aws", pulumi.Parent(parent)), "inherited from the parent")
		assert.Nil(t, caller.Provider("azure-native", pulumi.Parent(parent)))
		return nil
	}))
}
