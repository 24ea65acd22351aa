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

// deployAWS builds an AWS landing zone stack (pos-*): the foundation or one tier environment.
func deployAWS(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error) {
	if st.Role == config.RoleFoundation {
		f, err := awslz.NewFoundation(ctx, st.LandingZone, awslz.FoundationArgsFromStack(st))
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			awsOutTransitGateway:  f.TransitGatewayID,
			awsOutTierTables:      f.TierRouteTableIDs,
			awsOutInspectionTable: f.InspectionRouteTableID,
			"hubVpcId":            f.HubVpcID,
			"firewallArn":         f.FirewallARN,
			"psnVpnConnectionId":  f.PSNVpnConnectionID,
			"auditBucket":         f.AuditBucket,
			"trailArn":            f.TrailARN,
			"auditKeyArn":         f.AuditKeyARN,
			"dataKeyArn":          f.DataKeyARN,
			"backupKeyArn":        f.BackupKeyARN,
			"logsKeyArn":          f.LogsKeyARN,
			"breakGlassRoleArn":   f.BreakGlassRoleARN,
			"stateBucket":         f.StateBucket,
			"stateKeyArn":         f.StateKeyARN,
		}, nil
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
	hub := awslz.Hub{
		TransitGatewayID:       ref.GetStringOutput(pulumi.String(awsOutTransitGateway)),
		RouteTableID:           tierTable,
		InspectionRouteTableID: ref.GetStringOutput(pulumi.String(awsOutInspectionTable)),
	}
	env, err := awslz.NewTierEnvironment(ctx, st.LandingZone+"-"+string(st.Tier), awslz.TierEnvironmentArgsFromStack(st, hub))
	if err != nil {
		return nil, err
	}
	return pulumi.Map{
		"vpcId":                      env.VpcID,
		"workloadSubnetIds":          env.WorkloadSubnetIDs,
		"workloadSecurityGroupId":    env.WorkloadSecurityGroupID,
		"transitGatewayAttachmentId": env.AttachmentID,
		"dataKeyArn":                 env.DataKeyARN,
		"backupVaultName":            env.BackupVaultName,
		"evidenceBucket":             env.EvidenceBucket,
	}, nil
}
