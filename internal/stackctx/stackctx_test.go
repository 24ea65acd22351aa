package stackctx

import (
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

func TestFromStackBronze(t *testing.T) {
	t.Parallel()
	st, err := config.LoadFile(filepath.Join("..", "..", "stacks", "Pulumi.pos-bronze.yaml"))
	require.NoError(t, err)
	ctx := FromStack(st)
	assert.Equal(t, "pos-bronze", ctx.Stack)
	assert.Equal(t, "aws", ctx.Cloud)
	assert.Equal(t, "tier", ctx.Role)
	assert.Equal(t, tier.Bronze, ctx.Tier)
	assert.Equal(t, tier.MustProfile(tier.Bronze), ctx.Profile)
	assert.Equal(t, policy.DefaultAWSRegions, ctx.AWSRegions)
	require.NotNil(t, ctx.Network)
	assert.Equal(t, netip.MustParsePrefix("10.20.0.0/16"), ctx.Network.Supernet)
	assert.Equal(t, netip.MustParsePrefix("10.20.192.0/18"), ctx.Network.Ranges["bronze"])
	assert.Len(t, ctx.Network.Ranges, 4)
	assert.Len(t, ctx.Network.Flows, len(st.Flows))

	var legacy *policy.Flow
	for i, f := range ctx.Network.Flows {
		if f.From == "gold" && f.To == "bronze" {
			legacy = &ctx.Network.Flows[i]
		}
		assert.True(t, f.FromCIDR.IsValid() && f.ToCIDR.IsValid(), "flow %s -> %s resolved", f.From, f.To)
	}
	require.NotNil(t, legacy, "the Gold -> Bronze legacy flow")
	assert.Equal(t, ctx.Network.Ranges["gold"], legacy.FromCIDR)
	assert.Equal(t, ctx.Network.Ranges["bronze"], legacy.ToCIDR)
	assert.Equal(t, []policy.PortRange{{From: 1433, To: 1433}}, legacy.Ports)
	assert.True(t, legacy.Covers(netip.MustParsePrefix("10.20.128.0/24"), netip.MustParsePrefix("10.20.192.0/21"), "tcp", 1433, 1433))
	assert.False(t, legacy.Covers(netip.MustParsePrefix("10.20.128.0/24"), netip.MustParsePrefix("10.20.192.0/21"), "tcp", 22, 22))
	for _, f := range ctx.Network.Flows {
		if f.To == "internet" {
			assert.Equal(t, netip.MustParsePrefix("0.0.0.0/0"), f.ToCIDR)
			assert.NotEqual(t, "bronze", f.From, "Bronze never reaches the internet")
		}
	}
}
