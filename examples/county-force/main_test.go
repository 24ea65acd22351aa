package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/lztest"
)

// foundationOutputs stand in for the county-foundation stack's outputs.
var foundationOutputs = map[string]any{
	"transitGatewayId":       "tgw-0c0c0c0c0c0c0c0c0",
	"inspectionRouteTableId": "tgw-rtb-0c0c0c0c0c0c0c0c1",
	"tierRouteTableIds": map[string]any{
		"platinum": "tgw-rtb-0c0c0c0c0c0c0c0c2", "gold": "tgw-rtb-0c0c0c0c0c0c0c0c3", "bronze": "tgw-rtb-0c0c0c0c0c0c0c0c4",
	},
}

// TestStacks runs each of the force's stacks offline and checks it against every mandatory rule.
func TestStacks(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"county-foundation", "county-gold", "county-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st, err := landingZone(stack)
			require.NoError(t, err)
			c := lztest.New(lztest.Options{Project: "county-force-landing-zone", Stack: stack,
				StackOutputs: map[string]map[string]any{"organization/county-force-landing-zone/county-foundation": foundationOutputs}})
			require.NoError(t, c.Run(program))
			lztest.AssertNoBlocking(t, c, lztest.StackContext(st))
		})
	}
}

func TestGoldHasBodyWornVideoStore(t *testing.T) {
	t.Parallel()
	c := lztest.New(lztest.Options{Project: "county-force-landing-zone", Stack: "county-gold",
		StackOutputs: map[string]map[string]any{"organization/county-force-landing-zone/county-foundation": foundationOutputs}})
	require.NoError(t, c.Run(program))
	assert.Equal(t, 2, c.Types()["policecloud:aws:EvidenceStore"], "the tier's own store and the body-worn video store")
	assoc := c.Find("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation")
	require.Len(t, assoc, 1)
	assert.Equal(t, "tgw-rtb-0c0c0c0c0c0c0c0c3", assoc[0].Get("transitGatewayRouteTableId").AsString())
}

func TestUnknownStackRefused(t *testing.T) {
	t.Parallel()
	_, err := landingZone("county-silver")
	require.Error(t, err)
	assert.Equal(t, `stack "county-silver": allowed county-foundation, county-gold, county-bronze`, err.Error())
}
