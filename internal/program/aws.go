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
// configuration describes, with ref as the foundation (read from its outputs): the operating system
// families of its workloads get patch baselines.
func AWSTierEnvironmentArgs(st *config.Stack, ref awslz.FoundationRef) *awslz.TierEnvironmentArgs {
	return &awslz.TierEnvironmentArgs{
		Region:           st.Region,
		Profile:          st.Profile,
		Plan:             st.Plan,
		Externals:        st.ExternalRanges,
		Flows:            st.Flows,
		Foundation:       ref,
		OperatingSystems: awsOperatingSystems(st),
		Tags:             st.Tags(),
	}
}

// deployAWS builds an AWS landing zone stack (pos-*): the foundation, or one tier environment (with its
// second backup copy in the backup account when landingzone:backupCopyRoleArn is set) and its workloads
// (landingzone:workloads, checked before anything is registered), and returns every output the
// components declare (the workloads' under "workloads", by name).
func deployAWS(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	if err := checkAWSWorkloads(st); err != nil {
		return nil, err
	}
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
	args := AWSTierEnvironmentArgs(st, foundation)
	if args.BackupCopy, err = awsBackupCopy(ctx, st); err != nil {
		return nil, err
	}
	env, err := awslz.NewTierEnvironment(ctx, st.LandingZone+"-"+string(st.Tier), args)
	if err != nil {
		return nil, err
	}
	out, err := env.Outputs()
	if err != nil {
		return nil, err
	}
	if len(st.Workloads) > 0 {
		workloads, err := deployAWSWorkloads(ctx, st, env)
		if err != nil {
			return nil, err
		}
		out["workloads"] = workloads
	}
	return out, nil
}
