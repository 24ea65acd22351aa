package azurelz_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
)

// fieldErrors returns every netplan.FieldError in an error tree (fmt.Errorf %w and errors.Join).
func fieldErrors(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		// The walk unwraps the tree itself, so it looks at each node as it is, not through errors.As.
		if e, ok := err.(*netplan.FieldError); ok { //nolint:errorlint // one node of the tree, unwrapped below
			out = append(out, e.Error())
			return
		}
		switch u := err.(type) { //nolint:errorlint // unwrapping the tree by hand
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

// TestBothCloudsRefuseTheSameIntent: awslz and azurelz run the same network intent checks
// (netplan.Intent.Validate), so a plan one cloud refuses the other refuses too, with the same errors.
func TestBothCloudsRefuseTheSameIntent(t *testing.T) {
	t.Parallel()
	st := tierStack(t, tier.Bronze)
	ep := func(s string) netplan.Endpoint {
		e, err := netplan.ParseEndpoint(s, st.ExternalRanges)
		require.NoError(t, err)
		return e
	}
	tcp := func(from, to netplan.Endpoint, lo, hi uint16) netplan.Flow {
		return netplan.Flow{From: from, To: to, Protocol: netplan.ProtocolTCP, Ports: []netplan.PortRange{{From: lo, To: hi}}, Reason: "needed"}
	}
	addFlow := func(f netplan.Flow) func(*netplan.Intent) {
		return func(in *netplan.Intent) { in.Flows = append(in.Flows, f) }
	}
	n := len(st.Flows)
	for _, tc := range []struct {
		name   string
		mutate func(*netplan.Intent)
		want   []string
	}{
		{"Bronze to the internet", addFlow(tcp(ep("bronze"), ep("internet"), 443, 443)), []string{
			flowPath(n) + `: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`}},
		{"Bronze to PSN", addFlow(tcp(ep("bronze"), ep("psn"), 443, 443)), []string{
			flowPath(n) + `: "bronze -> psn tcp/443" tier bronze has no PSN access; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`}},
		{"from the internet", addFlow(tcp(ep("internet"), ep("gold"), 443, 443)), []string{
			flowPath(n) + `: "internet -> gold tcp/443" inbound flows from the internet are not allowed: the internet may only be a destination, through the hub firewall`}},
		{"a tier to itself", addFlow(tcp(ep("gold"), ep("gold"), 443, 443)), []string{
			flowPath(n) + `: "gold -> gold tcp/443" from and to are both gold: a flow must join two different endpoints`}},
		{"an undeclared external", addFlow(tcp(ep("gold"), netplan.Endpoint{Kind: netplan.EndpointExternal, Name: "nhs"}, 443, 443)), []string{
			flowPath(n) + `.To: "nhs" is not a declared external range: allowed a declared external range (psn, legacy-dc, pos)`}},
		{"a wide port range on Bronze", addFlow(tcp(ep("gold"), ep("bronze"), 1, 2000)), []string{
			flowPath(n) + `: "gold -> bronze tcp/1-2000" port range 1-2000 spans 2000 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly`}},
		{"no reason", func(in *netplan.Intent) { in.Flows[0].Reason = " " }, []string{
			`Flows[0].Reason: is missing: allowed a sentence saying why the connection is needed, shown to reviewers`}},
		{"an external inside the supernet", func(in *netplan.Intent) { in.Externals[1].CIDR = in.Plan.Tiers[0].CIDR }, []string{
			`Externals[1].CIDR: "` + st.Plan.Tiers[0].CIDR.String() + `" overlaps the landing zone supernet ` + st.Plan.Supernet.String() + `: allowed a range outside the supernet`}},
		{"an IPv6 external", func(in *netplan.Intent) { in.Externals[1].CIDR = netip.MustParsePrefix("fd00::/8") }, []string{
			`Externals[1].CIDR: "fd00::/8" is not IPv4: allowed an IPv4 prefix such as 10.0.0.0/8`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := netplan.Intent{Plan: st.Plan, Externals: append([]netplan.External(nil), st.ExternalRanges...), Flows: append([]netplan.Flow(nil), st.Flows...)}
			require.Empty(t, in.Validate(), "the stack's own intent is valid")
			tc.mutate(&in)
			var want []string
			for _, e := range in.Validate() {
				want = append(want, e.Error())
			}
			require.Equal(t, tc.want, want, "the intent's own errors")

			az := tierArgs(st)
			az.Plan, az.Externals, az.Flows = in.Plan, in.Externals, in.Flows
			assertRefused(t, "azurelz", want, func(ctx *pulumi.Context) error {
				_, err := azurelz.NewTierEnvironment(ctx, "met-bronze", az)
				return err
			})
			aws := &awslz.TierEnvironmentArgs{
				Region: "eu-west-2", Profile: st.Profile,
				Plan: in.Plan, Externals: in.Externals, Flows: in.Flows,
				Foundation: awslz.FoundationRef{TransitGatewayID: pulumi.String("tgw-1"), RouteTableID: pulumi.String("tgw-rtb-1"), InspectionRouteTableID: pulumi.String("tgw-rtb-2")},
				Tags:       st.Tags(),
			}
			assertRefused(t, "awslz", want, func(ctx *pulumi.Context) error {
				_, err := awslz.NewTierEnvironment(ctx, "met-bronze", aws)
				return err
			})
		})
	}
}

// assertRefused runs a program that builds one component and asserts it is refused with exactly the
// field errors want, registering nothing.
func assertRefused(t *testing.T, component string, want []string, program func(*pulumi.Context) error) {
	t.Helper()
	cloud := mockcloud.New(mockcloud.Options{})
	err := cloud.Run(program)
	require.Error(t, err, "%s refuses", component)
	assert.Equal(t, want, fieldErrors(err), "%s: %v", component, err)
	assert.Empty(t, cloud.Find(""), "%s registers nothing", component)
}

func flowPath(i int) string { return fmt.Sprintf("Flows[%d]", i) }
