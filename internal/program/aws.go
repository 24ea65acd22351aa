package program

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/config"
)

// The foundation outputs AWS tier stacks read by StackReference.
const (
	awsOutTransitGateway  = "transitGatewayId"
	awsOutTierTables      = "tierRouteTableIds"
	awsOutInspectionTable = "inspectionRouteTableId"
)

// AWSFoundationArgs returns the foundation arguments a validated AWS foundation stack configuration
// describes.
func AWSFoundationArgs(st *config.Stack) *awslz.FoundationArgs {
	args := &awslz.FoundationArgs{
		Region:        st.Region,
		Profile:       st.Profile,
		Plan:          st.Plan,
		Externals:     st.ExternalRanges,
		Flows:         st.Flows,
		EgressDomains: st.EgressDomains,
		Tags:          st.Tags(),
	}
	if st.PSNEdge != nil {
		args.PSNEdge = &awslz.PSNEdge{PeerAddress: st.PSNEdge.PeerAddress.String(), ASN: st.PSNEdge.ASN}
	}
	return args
}

// AWSTierEnvironmentArgs returns the tier environment arguments a validated AWS tier stack
// configuration describes, with ref as the foundation (read from its outputs).
func AWSTierEnvironmentArgs(st *config.Stack, ref awslz.FoundationRef) *awslz.TierEnvironmentArgs {
	return &awslz.TierEnvironmentArgs{
		Region:     st.Region,
		Profile:    st.Profile,
		Plan:       st.Plan,
		Externals:  st.ExternalRanges,
		Flows:      st.Flows,
		Foundation: ref,
		Tags:       st.Tags(),
	}
}

// deployAWS builds an AWS landing zone stack (pos-*): the foundation or one tier environment, and
// returns every output the component declares.
func deployAWS(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	if st.Role == config.RoleFoundation {
		f, err := awslz.NewFoundation(ctx, st.LandingZone, AWSFoundationArgs(st))
		if err != nil {
			return nil, err
		}
		return f.Outputs()
	}
	ref, err := pulumi.NewStackReference(ctx, "foundation", &pulumi.StackReferenceArgs{Name: pulumi.String(st.FoundationStack)})
	if err != nil {
		return nil, fmt.Errorf("reading foundation stack %s: %w", st.FoundationStack, err)
	}
	tierTable := ref.GetOutput(pulumi.String(awsOutTierTables)).ApplyT(func(v any) (string, error) {
		m, ok := v.(map[string]any)
		if !ok {
			return "", fmt.Errorf("foundation stack %s: output %s is %T, not a map of tier route table IDs", st.FoundationStack, awsOutTierTables, v)
		}
		id, ok := m[string(st.Tier)].(string)
		if !ok || id == "" {
			return "", fmt.Errorf("foundation stack %s: output %s has no route table for tier %s", st.FoundationStack, awsOutTierTables, st.Tier)
		}
		return id, nil
	}).(pulumi.StringOutput)
	foundation := awslz.FoundationRef{
		TransitGatewayID:       ref.GetStringOutput(pulumi.String(awsOutTransitGateway)),
		RouteTableID:           tierTable,
		InspectionRouteTableID: ref.GetStringOutput(pulumi.String(awsOutInspectionTable)),
	}
	env, err := awslz.NewTierEnvironment(ctx, st.LandingZone+"-"+string(st.Tier), AWSTierEnvironmentArgs(st, foundation))
	if err != nil {
		return nil, err
	}
	return env.Outputs()
}
