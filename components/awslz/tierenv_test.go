package awslz

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
)

func runTier(t *testing.T, st *config.Stack, mutate func(*TierEnvironmentArgs), preview bool) (*mockcloud.Cloud, error) {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Preview: preview})
	err := c.Run(func(ctx *pulumi.Context) error {
		args := tierArgs(st, testFoundation())
		if mutate != nil {
			mutate(args)
		}
		_, err := NewTierEnvironment(ctx, st.LandingZone+"-"+string(st.Tier), args)
		return err
	})
	return c, err
}

func TestTierEnvironmentSecureByDefault(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-platinum", "pos-gold", "pos-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, stack)
			c, err := runTier(t, st, nil, false)
			require.NoError(t, err)
			blocking := c.Blocking(stackctx.FromStack(st))
			assert.Empty(t, blocking, mockcloud.Describe(blocking))
		})
	}
}
