package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/inspector2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// inspectorResourceTypes are the Amazon Inspector scan types every account of the landing zone enables:
// EC2 instances (auto scaling groups' included), ECR images and Lambda functions.
var inspectorResourceTypes = []string{"EC2", "ECR", "LAMBDA"}

// newInspector enables Amazon Inspector's continuous vulnerability scanning in the account the children
// live in. Findings go to Security Hub, which the foundation enables.
func newInspector(ctx *pulumi.Context, c child, name string) error {
	_, err := inspector2.NewEnabler(ctx, name+"-inspector", &inspector2.EnablerArgs{
		AccountIds:    pulumi.ToStringArray([]string{c.accountID}),
		ResourceTypes: pulumi.ToStringArray(inspectorResourceTypes),
	}, c.opts()...)
	return err
}

// patching is what a tier's patching built: the maintenance window and its target.
type patching struct {
	window *ssm.MaintenanceWindow
	// groups are the patch groups the window patches.
	groups []string
}

// newPatching creates a tier's Systems Manager Patch Manager set-up: a patch baseline per operating
// system family (patchBaselinesFor; from the tier's patch repository when repoBucket is set) registered
// for its patch group, a maintenance window at the tier's reboot window (patchWindowFor) whose target
// selects the instances of those patch groups by their `Patch Group` tag and whose task runs
// AWS-RunPatchBaseline (Install, reboot if needed), and an association that scans them for compliance
// (AWS-RunPatchBaseline Scan) at the tier's scan cadence, so Systems Manager Compliance (and Security
// Hub's SSM.2) reports every missing approved patch.
func newPatching(ctx *pulumi.Context, c child, name, region string, baselines []patchBaseline, w patchWindow, repoBucket pulumi.StringInput) (*patching, error) {
	for _, b := range baselines {
		var rules ssm.PatchBaselineApprovalRuleArray
		for _, r := range b.Rules {
			var filters ssm.PatchBaselineApprovalRulePatchFilterArray
			for _, f := range r.Filters {
				filters = append(filters, &ssm.PatchBaselineApprovalRulePatchFilterArgs{Key: pulumi.String(f.Key), Values: pulumi.ToStringArray(f.Values)})
			}
			rules = append(rules, &ssm.PatchBaselineApprovalRuleArgs{
				ApproveAfterDays: pulumi.Int(r.ApproveAfterDays),
				ComplianceLevel:  pulumi.String(r.ComplianceLevel),
				PatchFilters:     filters,
			})
		}
		args := &ssm.PatchBaselineArgs{
			Name:            pulumi.String(name + "-" + b.OS),
			Description:     pulumi.String("Patch baseline of patch group " + b.Group),
			OperatingSystem: pulumi.String(b.OperatingSystem),
			ApprovalRules:   rules,
			Tags:            c.tagged(name + "-baseline-" + b.OS),
		}
		if b.InternalSource && repoBucket != nil {
			b := b
			args.Sources = ssm.PatchBaselineSourceArray{&ssm.PatchBaselineSourceArgs{
				Name:     pulumi.String("landingzone-patches"),
				Products: pulumi.ToStringArray([]string{b.Product}),
				Configuration: repoBucket.ToStringOutput().ApplyT(func(bucket string) string {
					return patchRepositoryConfig(bucket, region, b)
				}).(pulumi.StringOutput),
			}}
		}
		baseline, err := ssm.NewPatchBaseline(ctx, name+"-baseline-"+b.OS, args, c.opts()...)
		if err != nil {
			return nil, err
		}
		if _, err := ssm.NewPatchGroup(ctx, name+"-patch-group-"+b.OS, &ssm.PatchGroupArgs{
			BaselineId: baseline.ID(), PatchGroup: pulumi.String(b.Group),
		}, c.opts()...); err != nil {
			return nil, err
		}
	}
	groups := patchGroups(baselines)
	win, err := ssm.NewMaintenanceWindow(ctx, name+"-patch-window", &ssm.MaintenanceWindowArgs{
		Name:                     pulumi.String(name + "-patch-window"),
		Description:              pulumi.String("Patches the tier's workloads at its reboot window"),
		Schedule:                 pulumi.String(w.Schedule),
		ScheduleTimezone:         pulumi.String("UTC"),
		Duration:                 pulumi.Int(w.Duration),
		Cutoff:                   pulumi.Int(w.Cutoff),
		AllowUnassociatedTargets: pulumi.Bool(false),
		Enabled:                  pulumi.Bool(true),
		Tags:                     c.tagged(name + "-patch-window"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	target, err := ssm.NewMaintenanceWindowTarget(ctx, name+"-patch-target", &ssm.MaintenanceWindowTargetArgs{
		WindowId:     win.ID(),
		Name:         pulumi.String(name + "-patch-target"),
		ResourceType: pulumi.String("INSTANCE"),
		Targets: ssm.MaintenanceWindowTargetTargetArray{&ssm.MaintenanceWindowTargetTargetArgs{
			Key: pulumi.String("tag:Patch Group"), Values: pulumi.ToStringArray(groups),
		}},
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	if _, err := ssm.NewMaintenanceWindowTask(ctx, name+"-patch-task", &ssm.MaintenanceWindowTaskArgs{
		WindowId:       win.ID(),
		Name:           pulumi.String(name + "-patch-install"),
		TaskType:       pulumi.String("RUN_COMMAND"),
		TaskArn:        pulumi.String("AWS-RunPatchBaseline"),
		Priority:       pulumi.Int(1),
		MaxConcurrency: pulumi.String(w.MaxConcurrency),
		MaxErrors:      pulumi.String(w.MaxErrors),
		CutoffBehavior: pulumi.String("CANCEL_TASK"),
		Targets: ssm.MaintenanceWindowTaskTargetArray{&ssm.MaintenanceWindowTaskTargetArgs{
			Key: pulumi.String("WindowTargetIds"), Values: pulumi.StringArray{target.ID()},
		}},
		TaskInvocationParameters: &ssm.MaintenanceWindowTaskTaskInvocationParametersArgs{
			RunCommandParameters: &ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersArgs{
				TimeoutSeconds: pulumi.Int(600),
				Parameters: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArray{
					&ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs{Name: pulumi.String("Operation"), Values: pulumi.ToStringArray([]string{"Install"})},
					&ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs{Name: pulumi.String("RebootOption"), Values: pulumi.ToStringArray([]string{"RebootIfNeeded"})},
				},
			},
		},
	}, c.opts()...); err != nil {
		return nil, err
	}
	if _, err := ssm.NewAssociation(ctx, name+"-patch-scan", &ssm.AssociationArgs{
		Name:               pulumi.String("AWS-RunPatchBaseline"),
		AssociationName:    pulumi.String(name + "-patch-scan"),
		ScheduleExpression: pulumi.String(w.ScanSchedule),
		ComplianceSeverity: pulumi.String("HIGH"),
		Parameters:         pulumi.StringMap{"Operation": pulumi.String("Scan")},
		Targets: ssm.AssociationTargetArray{&ssm.AssociationTargetArgs{
			Key: pulumi.String("tag:Patch Group"), Values: pulumi.ToStringArray(groups),
		}},
	}, c.opts()...); err != nil {
		return nil, err
	}
	return &patching{window: win, groups: groups}, nil
}

// newPatchRepository creates a tier's internal patch repository: an S3 bucket encrypted with the tier's data key, versioned, TLS only and public access
// blocked, whose objects are read only through the tier's own S3 endpoint (vpceID) by principals of the
// tier's account: its instances, with their instance role, over the VPC's private path. Every read from
// anywhere else is denied, so the repository is reachable only over the tier's declared network.
func newPatchRepository(ctx *pulumi.Context, c child, name string, a account, keyARN pulumi.StringInput, vpceID pulumi.StringOutput) (*s3.BucketV2, error) {
	return newBucket(ctx, c, bucketSpec{
		name: name + "-patches", purpose: "patches", keyARN: keyARN, via: vpceID,
		viaStatements: func(arn, vpce string) []map[string]any {
			return []map[string]any{
				{
					"Sid": "TierReadsThroughItsEndpoint", "Effect": "Allow", "Principal": "*",
					"Action":   []string{"s3:GetObject", "s3:ListBucket"},
					"Resource": []string{arn, arn + "/*"},
					"Condition": map[string]any{"StringEquals": map[string]any{
						"aws:SourceVpce": vpce, "aws:PrincipalAccount": a.id,
					}},
				},
				{
					"Sid": "DenyReadsOutsideTheTier", "Effect": "Deny", "Principal": "*",
					"Action":    []string{"s3:GetObject", "s3:ListBucket"},
					"Resource":  []string{arn, arn + "/*"},
					"Condition": map[string]any{"StringNotEquals": map[string]any{"aws:SourceVpce": vpce}},
				},
			}
		},
	})
}
