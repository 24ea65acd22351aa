package awslz

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// TierEnvironmentType is the component type token of a TierEnvironment.
const TierEnvironmentType = "policecloud:aws:TierEnvironment"

// DefaultEvidenceRetentionYears is an evidence store's Object Lock retention when RetentionYears (or a
// tier environment's EvidenceRetentionYears) is 0.
const DefaultEvidenceRetentionYears = 7

// maxEvidenceRetentionYears is the longest evidence retention allowed (S3 Object Lock's limit).
const maxEvidenceRetentionYears = 100

// endpointServices are the interface VPC endpoints every tier gets, so that workloads (and Bronze,
// which has no internet) reach Systems Manager, KMS, CloudWatch Logs and S3 privately.
var endpointServices = []string{"ssm", "ssmmessages", "ec2messages", "kms", "logs", "s3"}

// FoundationRef is what a tier environment uses of its landing zone's foundation, usually read from the
// foundation stack's outputs (see internal/program).
type FoundationRef struct {
	// TransitGatewayID is the foundation's Transit Gateway.
	TransitGatewayID pulumi.StringInput
	// RouteTableID is the foundation's Transit Gateway route table for this tier.
	RouteTableID pulumi.StringInput
	// InspectionRouteTableID is the foundation's inspection route table; the tier adds the return
	// route to its range there.
	InspectionRouteTableID pulumi.StringInput
}

// TierEnvironmentArgs are the arguments of NewTierEnvironment. The zero value of every switch is the
// secure one.
type TierEnvironmentArgs struct {
	// Region is the AWS region: eu-west-2.
	Region string
	// Profile is the tier's profile (tier.ProfileFor); Profile.Tier is the environment's tier and picks
	// its range in Plan.
	Profile tier.Profile
	// Plan is the landing zone's address plan; the VPC takes the tier's range.
	Plan netplan.Plan
	// Externals are the named ranges outside the landing zone (PSN, legacy data centre, ...).
	Externals []netplan.External
	// Flows are the landing zone's declared flows; the tier's routes, network ACLs and security groups
	// allow exactly the flows that start or end in it.
	Flows []netplan.Flow
	// Foundation is the landing zone's foundation: its Transit Gateway and route tables.
	Foundation FoundationRef
	// EvidenceRetentionYears is the evidence store's Object Lock retention in years, 1 to 100; 0 means
	// DefaultEvidenceRetentionYears.
	EvidenceRetentionYears int
	// AllowPublicIngress adds HTTPS ingress from anywhere to the workload security group. It loosens
	// the tier and is refused for an isolated tier; the isolation pack reports it everywhere else.
	AllowPublicIngress bool
	// BackupCopy is where the tier keeps the second copy of its backups (another account); nil keeps
	// none, which PCLZ-AWS-RES-011 fails.
	BackupCopy *BackupCopy
	// OperatingSystems are the operating system families the tier's workloads run (OSAmazonLinux2023,
	// OSRHEL9, OSWindows); each gets a patch baseline and the patch group "<tier>-<family>". Empty means
	// DefaultOperatingSystem only. A tier that patches from its internal repository
	// (Profile.Patching.InternalSource) allows the Linux families only.
	OperatingSystems []string
	// Tags are the provider's default tags: Force, Tier, Classification, Owner and ManagedBy at least.
	Tags map[string]string
}

// TierEnvironment is one tier's environment: a VPC attached to the hub, private subnets across the
// profile's availability zones, flow-derived network controls, private endpoints, backup and an
// evidence store.
type TierEnvironment struct {
	pulumi.ResourceState

	// Provider is the AWS provider every child was created through: the caller's, or the tier
	// environment's own when the caller gave none.
	Provider pulumi.ProviderResource

	VpcID pulumi.StringOutput `pulumi:"vpcId"`
	// WorkloadSubnetIDs are the private subnets for workloads, one per availability zone.
	WorkloadSubnetIDs pulumi.StringArrayOutput `pulumi:"workloadSubnetIds"`
	// WorkloadSecurityGroupID allows exactly the tier's declared flows.
	WorkloadSecurityGroupID pulumi.StringOutput `pulumi:"workloadSecurityGroupId"`
	AttachmentID            pulumi.StringOutput `pulumi:"transitGatewayAttachmentId"`
	DataKeyARN              pulumi.StringOutput `pulumi:"dataKeyArn"`
	BackupVaultName         pulumi.StringOutput `pulumi:"backupVaultName"`
	EvidenceBucket          pulumi.StringOutput `pulumi:"evidenceBucket"`
	// PatchGroups are the Systems Manager patch groups the tier's maintenance window patches, one per
	// operating system family ("gold-amazon-linux-2023"); a workload's instances carry one as their
	// `Patch Group` tag.
	PatchGroups pulumi.StringArrayOutput `pulumi:"patchGroups"`
	// PatchWindowID is the maintenance window that patches the tier at its reboot window.
	PatchWindowID pulumi.StringOutput `pulumi:"patchWindowId"`
	// PatchRepositoryBucket is the tier's internal patch repository (the bucket its baselines install
	// from) on a tier that patches from one (Profile.Patching.InternalSource); "" elsewhere.
	PatchRepositoryBucket pulumi.StringOutput `pulumi:"patchRepositoryBucket"`
}

// operatingSystems returns the tier's operating system families: OperatingSystems, or
// DefaultOperatingSystem alone.
func (a *TierEnvironmentArgs) operatingSystems() []string {
	if len(a.OperatingSystems) == 0 {
		return []string{DefaultOperatingSystem}
	}
	return a.OperatingSystems
}

func (a *TierEnvironmentArgs) validate() error {
	var errs []error
	if err := checkRegion("Region", a.Region); err != nil {
		errs = append(errs, err)
	}
	t := a.Profile.Tier
	_, tierErr := tier.ProfileFor(t)
	if err := checkProfile("Profile", a.Profile); err != nil {
		errs = append(errs, err)
	}
	if _, ok := a.Plan.TierRange(t); !ok && tierErr == nil {
		errs = append(errs, &netplan.FieldError{Path: "Plan.Tiers", Msg: fmt.Sprintf("has no range for tier %q", t), Allowed: "a plan from netplan.Allocate"})
	}
	errs = append(errs, intentErrors(a.intent())...)
	if a.Foundation.TransitGatewayID == nil || a.Foundation.RouteTableID == nil || a.Foundation.InspectionRouteTableID == nil {
		errs = append(errs, &netplan.FieldError{Path: "Foundation", Msg: "TransitGatewayID, RouteTableID and InspectionRouteTableID are required", Allowed: "the foundation's outputs"})
	}
	if err := checkRetentionYears("EvidenceRetentionYears", a.EvidenceRetentionYears); err != nil {
		errs = append(errs, err)
	}
	if a.AllowPublicIngress && a.Profile.Isolated {
		errs = append(errs, &netplan.FieldError{Path: "AllowPublicIngress", Value: "true", Msg: "is not allowed for the " + string(t) + " tier",
			Allowed: "false (the tier has no path to or from the internet)"})
	}
	if tierErr == nil {
		if _, err := logRetentionDays(a.Profile); err != nil {
			errs = append(errs, err)
		}
		if _, err := backupPlanFor(a.Profile); err != nil {
			errs = append(errs, err)
		}
		if _, err := patchBaselinesFor(a.Profile, a.operatingSystems()); err != nil {
			errs = append(errs, err)
		}
		if _, err := patchWindowFor(a.Profile); err != nil {
			errs = append(errs, err)
		}
		if _, err := restoreTestFor(a.Profile, ""); err != nil {
			errs = append(errs, err)
		}
	}
	if a.BackupCopy != nil && a.BackupCopy.Provider == nil {
		errs = append(errs, &netplan.FieldError{Path: "BackupCopy.Provider", Msg: "is missing", Allowed: "an AWS provider for the backup account in " + a.Profile.Backup.SecondCopy.AWSRegion})
	}
	for i, os := range a.OperatingSystems {
		if slices.Contains(a.OperatingSystems[:i], os) {
			errs = append(errs, &netplan.FieldError{Path: fmt.Sprintf("OperatingSystems[%d]", i), Value: os, Msg: "is listed twice", Allowed: "each family once"})
		}
	}
	errs = append(errs, checkTags("Tags", a.Tags)...)
	return errors.Join(errs...)
}

// NewTierEnvironment builds one tier's environment. Invalid arguments register nothing.
//
// Every child, the evidence store included, is created through the caller's AWS provider when the
// caller gives one (pulumi.Provider or pulumi.Providers on the environment, or one its parent holds):
// typically an assume-role provider into the tier's account, which must be for Region; each child then
// carries Tags itself. When the caller gives none, the environment builds its own provider for Region
// with Tags as default tags.
func NewTierEnvironment(ctx *pulumi.Context, name string, args *TierEnvironmentArgs, opts ...pulumi.ResourceOption) (*TierEnvironment, error) {
	if args == nil {
		return nil, errors.New("awslz.NewTierEnvironment: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("awslz.NewTierEnvironment %s: invalid arguments:\n%w", name, err)
	}
	e := &TierEnvironment{}
	if err := ctx.RegisterComponentResource(TierEnvironmentType, name, e, opts...); err != nil {
		return nil, err
	}
	prov, tags, err := provider(ctx, name, nil, opts, args.Region, args.Tags, e)
	if err != nil {
		return nil, err
	}
	e.Provider = prov
	c := child{parent: e, provider: prov, profile: args.Profile, tags: tags}
	acct, err := lookupAccount(ctx, prov, args.Region)
	if err != nil {
		return nil, fmt.Errorf("awslz.NewTierEnvironment %s: %w", name, err)
	}
	c.accountID = acct.id
	logsKey, err := newKey(ctx, c, name+"-logs-key", "Flow logs of the "+args.Profile.Tier.Title()+" tier", acct,
		acct.logsStatement())
	if err != nil {
		return nil, err
	}
	// The data key serves the tier's volumes, databases (and their managed master secrets), evidence and
	// backups: the services that use it hold grants on it, and Auto Scaling launches encrypted volumes
	// with its service-linked role.
	dataServices := []string{"ec2", "s3", "backup", "rds", "secretsmanager"}
	dataStatements := append([]map[string]any{
		acct.viaServices("AccountUsesKeyThroughServices", dataServices...),
		acct.viaServicesGrants("AccountGrantsKeyToServices", dataServices...),
	}, acct.serviceLinkedRoles("AutoScalingUsesKey", "autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")...)
	// The backup account copies the tier's recovery points (EBS and RDS snapshots encrypted with this key)
	// into its own vault, through AWS Backup, EC2 and RDS only.
	var copyAcct *account
	if args.BackupCopy != nil {
		a, err := lookupAccount(ctx, args.BackupCopy.Provider, args.Profile.Backup.SecondCopy.AWSRegion)
		if err != nil {
			return nil, fmt.Errorf("awslz.NewTierEnvironment %s: the backup account: %w", name, err)
		}
		copyAcct = &a
		dataStatements = append(dataStatements, acct.otherAccountViaServices("BackupAccountCopiesRecoveryPoints", a, "backup", "ec2", "rds")...)
	}
	dataKey, err := newKey(ctx, c, name+"-data-key", "Data at rest of the "+args.Profile.Tier.Title()+" tier: backups, evidence, volumes, databases", acct,
		dataStatements...)
	if err != nil {
		return nil, err
	}
	net, err := newTierNetwork(ctx, c, name, acct, args, logsKey.Arn)
	if err != nil {
		return nil, err
	}
	vault, err := newBackup(ctx, c, name, args, dataKey.Arn, copyAcct)
	if err != nil {
		return nil, err
	}
	if err := newInspector(ctx, c, name); err != nil {
		return nil, err
	}
	baselines, _ := patchBaselinesFor(args.Profile, args.operatingSystems()) // validated
	window, _ := patchWindowFor(args.Profile)                                // validated
	var repo pulumi.StringInput
	if args.Profile.Patching.InternalSource {
		bucket, err := newPatchRepository(ctx, c, name, acct, dataKey.Arn, net.endpoints["s3"].ID().ToStringOutput())
		if err != nil {
			return nil, err
		}
		repo = bucket.Bucket
		e.PatchRepositoryBucket = bucket.Bucket
	} else {
		e.PatchRepositoryBucket = pulumi.String("").ToStringOutput()
	}
	patch, err := newPatching(ctx, c, name, args.Region, baselines, window, repo)
	if err != nil {
		return nil, err
	}
	evidence, err := NewEvidenceStore(ctx, name+"-evidence", &EvidenceStoreArgs{
		Provider: prov, Region: args.Region, Profile: args.Profile, RetentionYears: args.EvidenceRetentionYears, KeyARN: dataKey.Arn, Tags: tags,
	}, pulumi.Parent(e))
	if err != nil {
		return nil, err
	}
	e.VpcID = net.vpc.ID().ToStringOutput()
	e.WorkloadSubnetIDs = net.workloadSubnets
	e.WorkloadSecurityGroupID = net.workloadSG.ID().ToStringOutput()
	e.AttachmentID = net.attachment.ID().ToStringOutput()
	e.DataKeyARN = dataKey.Arn
	e.BackupVaultName = vault.Name
	e.EvidenceBucket = evidence.Bucket
	e.PatchGroups = pulumi.ToStringArray(patch.groups).ToStringArrayOutput()
	e.PatchWindowID = patch.window.ID().ToStringOutput()
	if err := outputs.Register(ctx, e); err != nil {
		return nil, err
	}
	return e, nil
}

// Outputs returns the tier environment's outputs by name: every field with a `pulumi:` tag, the map it
// registered with RegisterResourceOutputs and the stack program exports.
func (e *TierEnvironment) Outputs() (pulumi.Map, error) { return outputs.Map(e) }

// tierNetwork is a tier's VPC and what hangs off it.
type tierNetwork struct {
	vpc             *ec2.Vpc
	workloadSubnets pulumi.StringArrayOutput
	workloadSG      *ec2.SecurityGroup
	attachment      *ec2transitgateway.VpcAttachment
	// endpoints are the tier's interface endpoints by service ("s3", "ssm", ...).
	endpoints map[string]*ec2.VpcEndpoint
}
