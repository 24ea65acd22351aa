package stackctx

import (
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/netplan"
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
	assert.Equal(t, st.Intent(), *ctx.Network, "the rules read the stack's own network intent")
	assert.Equal(t, netip.MustParsePrefix("10.20.0.0/16"), ctx.Network.Plan.Supernet)
	bronze, ok := ctx.Network.RangeCIDR("bronze")
	require.True(t, ok)
	assert.Equal(t, netip.MustParsePrefix("10.20.192.0/18"), bronze)
	assert.Len(t, ctx.Network.Flows, len(st.Flows))

	var legacy *netplan.TierFlow
	for _, f := range ctx.Network.FlowsOf(tier.Bronze) {
		assert.True(t, f.FarCIDR.IsValid(), "flow %s resolved", f.Flow)
		if !f.Outbound && f.Far.Tier == tier.Gold {
			legacy = &f
		}
	}
	require.NotNil(t, legacy, "the Gold -> Bronze legacy flow")
	gold, _ := ctx.Network.RangeCIDR("gold")
	assert.Equal(t, gold, legacy.FarCIDR)
	assert.Equal(t, []netplan.PortRange{{From: 1433, To: 1433}}, legacy.Flow.Ports)
	assert.True(t, ctx.Network.Covers(legacy.Flow, netip.MustParsePrefix("10.20.128.0/24"), netip.MustParsePrefix("10.20.192.0/21"), netplan.ProtocolTCP, 1433, 1433))
	assert.False(t, ctx.Network.Covers(legacy.Flow, netip.MustParsePrefix("10.20.128.0/24"), netip.MustParsePrefix("10.20.192.0/21"), netplan.ProtocolTCP, 22, 22))
	assert.False(t, ctx.Network.MayReach(tier.Bronze, netip.MustParsePrefix("0.0.0.0/0")), "Bronze never reaches the internet")
	assert.True(t, ctx.Network.MayReach(tier.Bronze, gold))
}
