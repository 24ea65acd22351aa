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

// TestAccountProvider: with county:accountRoleArn set, each stack deploys into that account through one
// assume-role provider: the components build none of their own, every resource uses it, key policies
// name the account, and the stack still passes every mandatory rule.
func TestAccountProvider(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"county-foundation", "county-gold"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st, err := landingZone(stack)
			require.NoError(t, err)
			c := lztest.New(lztest.Options{Project: "county-force-landing-zone", Stack: stack,
				Config:       map[string]string{AccountRoleConfig: "arn:aws:iam::444455556666:role/county-deployer"},
				StackOutputs: map[string]map[string]any{"organization/county-force-landing-zone/county-foundation": foundationOutputs}})
			require.NoError(t, c.Run(program))
			provs := c.Find("pulumi:providers:aws")
			require.Len(t, provs, 1, "the account's provider only")
			assert.Equal(t, "account", provs[0].Name)
			for _, r := range c.ResourcesNotUsing(provs[0].URN) {
				t.Errorf("%s does not use the account's provider", r.URN)
			}
			keys := c.Find("aws:kms/key:Key")
			require.NotEmpty(t, keys)
			for _, k := range keys {
				assert.Contains(t, k.Get("policy").AsString(), "arn:aws:iam::444455556666:root", k.URN)
			}
			lztest.AssertNoBlocking(t, c, lztest.StackContext(st))
		})
	}
}
