package awslz

import (
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

// loadStack reads one of the repository's stack files.
func loadStack(t *testing.T, stack string) *config.Stack {
	t.Helper()
	st, err := config.LoadFile(filepath.Join("..", "..", "stacks", "Pulumi."+stack+".yaml"))
	require.NoError(t, err)
	return st
}

func runFoundation(t *testing.T, st *config.Stack, mutate func(*FoundationArgs), preview bool) (*mockcloud.Cloud, error) {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Preview: preview})
	err := c.Run(func(ctx *pulumi.Context) error {
		args := foundationArgs(st)
		if mutate != nil {
			mutate(args)
		}
		_, err := NewFoundation(ctx, st.LandingZone, args)
		return err
	})
	return c, err
}

// runStack runs the component a stack file describes: the foundation (with found applied to its
// arguments) for a foundation stack, the tier environment (with tier applied) otherwise.
func runStack(t *testing.T, st *config.Stack, found func(*FoundationArgs), tier func(*TierEnvironmentArgs), preview bool) (*mockcloud.Cloud, error) {
	t.Helper()
	if st.Role == config.RoleFoundation {
		return runFoundation(t, st, found, preview)
	}
	return runTier(t, st, tier, preview)
}

func TestFoundationSecureByDefault(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-foundation")
	c, err := runFoundation(t, st, nil, false)
	require.NoError(t, err)
	blocking := c.Blocking(stackctx.FromStack(st))
	assert.Empty(t, blocking, mockcloud.Describe(blocking))
}

// TestFirewallStructuredRules: the hub firewall passes the declared flows as structured stateful rules
// (a 5-tuple header each), not as a Suricata string, one rule per flow and port range firewallPlanFor
// decides.
func TestFirewallStructuredRules(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-foundation")
	c, err := runFoundation(t, st, nil, false)
	require.NoError(t, err)
	var flows *policy.Resource
	for _, r := range c.Find("aws:networkfirewall/ruleGroup:RuleGroup") {
		if r.Name == st.LandingZone+"-fw-flows" {
			flows = r
		}
	}
	require.NotNil(t, flows)
	assert.True(t, flows.Get("ruleGroup", "rulesSource", "rulesString").IsNull(), "no Suricata string")
	rules := flows.Get("ruleGroup", "rulesSource", "statefulRules")
	require.True(t, rules.IsArray())
	want := firewallPlanFor(st.Intent(), st.EgressDomains).Flows
	require.Len(t, rules.AsArray().AsSlice(), len(want))
	first := rules.AsArray().AsSlice()[0]
	assert.Equal(t, "PASS", first.AsMap().Get("action").AsString())
	header := first.AsMap().Get("header").AsMap()
	assert.Equal(t, want[0].Destination, header.Get("destination").AsString())
	assert.Equal(t, want[0].DestinationPort, header.Get("destinationPort").AsString())
	assert.Equal(t, "FORWARD", header.Get("direction").AsString())
}

// TestGatewayASN: the Transit Gateway takes GatewayASN, DefaultGatewayASN when it is 0.
func TestGatewayASN(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-foundation")
	for _, tt := range []struct {
		asn  uint32
		want float64
	}{{0, DefaultGatewayASN}, {4200000001, 4200000001}} {
		c, err := runFoundation(t, st, func(a *FoundationArgs) { a.GatewayASN = tt.asn }, false)
		require.NoError(t, err)
		tgws := c.Find("aws:ec2transitgateway/transitGateway:TransitGateway")
		require.Len(t, tgws, 1)
		assert.Equal(t, tt.want, tgws[0].Get("amazonSideAsn").AsNumber())
	}
}
