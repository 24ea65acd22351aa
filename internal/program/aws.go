package program

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/tier"
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
	if st.Role == config.RoleOrganization {
		o, err := awslz.NewOrganization(ctx, st.LandingZone, AWSOrganizationArgs(st))
		if err != nil {
			return nil, err
		}
		return o.Outputs()
	}
	if err := checkAWSWorkloads(st); err != nil {
		return nil, err
	}
	opts, err := awsDeployRole(ctx, st)
	if err != nil {
		return nil, err
	}
	if st.Role == config.RoleFoundation {
		f, err := awslz.NewFoundation(ctx, st.LandingZone, AWSFoundationArgs(st), opts...)
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
	env, err := awslz.NewTierEnvironment(ctx, st.LandingZone+"-"+string(st.Tier), args, opts...)
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

// AWSOrganizationArgs returns the organisation arguments a validated AWS organisation stack
// configuration describes: every tier profile, the declared accounts and the log archive bucket.
func AWSOrganizationArgs(st *config.Stack) *awslz.OrganizationArgs {
	o := st.Organization
	acct := func(a config.OrgAccount) awslz.OrgAccount {
		return awslz.OrgAccount{ID: a.ID, Name: a.Name, Email: a.Email}
	}
	args := &awslz.OrganizationArgs{
		LandingZone:         st.LandingZone,
		Region:              st.Region,
		RootID:              o.RootID,
		Profiles:            tier.Profiles(),
		Accounts:            map[string]awslz.OrgAccount{},
		LogArchive:          acct(o.Accounts[config.AccountLogArchive]),
		SecurityTooling:     acct(o.Accounts[config.AccountSecurityTooling]),
		Infrastructure:      acct(o.Accounts[config.AccountInfrastructure]),
		LogArchiveBucketARN: "arn:aws:s3:::" + o.LogArchiveBucket,
		AccessRoleName:      o.AccessRoleName,
		Tags:                st.Tags(),
	}
	for _, t := range tier.Names() {
		args.Accounts[t] = acct(o.Accounts[t])
	}
	if id := o.Identity; id != nil {
		args.Identity = &awslz.IdentityCenter{
			InstanceARN: id.InstanceARN, IdentityProvider: id.Provider,
			PlatformAdminGroup: id.PlatformAdminGroup, AuditorGroup: id.AuditorGroup, TierOperatorGroups: id.TierOperatorGroups,
		}
	}
	return args
}

// awsDeployRole returns the resource options that deploy a foundation or tier stack into its account: a
// provider assuming landingzone:deployRoleArn (the organisation stack's deployRoleArns output), pinned
// to the role's account, which the components take as the caller's provider. Without the key, none:
// the components build their own provider with the caller's credentials.
func awsDeployRole(ctx *pulumi.Context, st *config.Stack) ([]pulumi.ResourceOption, error) {
	if st.DeployRoleARN == "" {
		return nil, nil
	}
	// arn:aws:iam::<account>:role/<name>, checked by config.Load.
	account := strings.Split(st.DeployRoleARN, ":")[4]
	p, err := aws.NewProvider(ctx, st.LandingZone+"-deploy", &aws.ProviderArgs{
		Region:            pulumi.String(st.Region),
		AllowedAccountIds: pulumi.StringArray{pulumi.String(account)},
		AssumeRole: &aws.ProviderAssumeRoleArgs{
			RoleArn:     pulumi.String(st.DeployRoleARN),
			SessionName: pulumi.String(st.Name),
		},
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(st.Tags())},
	})
	if err != nil {
		return nil, err
	}
	return []pulumi.ResourceOption{pulumi.Provider(p)}, nil
}
