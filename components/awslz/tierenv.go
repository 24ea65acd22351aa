package awslz

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// TierEnvironmentType is the component type token of a TierEnvironment.
const TierEnvironmentType = "policecloud:aws:TierEnvironment"

// defaultEvidenceRetentionYears is the evidence store's Object Lock retention when none is given.
const defaultEvidenceRetentionYears = 7

// endpointServices are the interface VPC endpoints every tier gets, so that workloads (and Bronze,
// which has no internet) reach Systems Manager, KMS, CloudWatch Logs and S3 privately.
var endpointServices = []string{"ssm", "ssmmessages", "ec2messages", "kms", "logs", "s3"}

// Hub is what a tier environment needs from its foundation (read through a StackReference).
type Hub struct {
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
	// Tier is the environment's tier; Profile must be its profile.
	Tier    tier.Tier
	Profile tier.Profile
	// Plan is the landing zone's address plan; the VPC takes the tier's range.
	Plan      netplan.Plan
	Externals []netplan.External
	// Flows are the landing zone's declared flows; the tier's routes, network ACLs and security groups
	// allow exactly the flows that start or end in it.
	Flows []netplan.Flow
	// Hub is the foundation's network.
	Hub Hub
	// EvidenceRetentionYears is the evidence store's Object Lock retention (default 7).
	EvidenceRetentionYears int
	// AllowPublicIngress adds HTTPS ingress from anywhere to the workload security group. It loosens
	// the tier and is refused for an isolated tier; the isolation pack reports it everywhere else.
	AllowPublicIngress bool
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
}

func (a *TierEnvironmentArgs) validate() error {
	var errs []error
	if err := checkRegion("Region", a.Region); err != nil {
		errs = append(errs, err)
	}
	prof, err := tier.ProfileFor(a.Tier)
	switch {
	case err != nil:
		errs = append(errs, &netplan.FieldError{Path: "Tier", Value: string(a.Tier), Msg: "is not a tier", Allowed: strings.Join(tier.Names(), ", ")})
	case a.Profile.Tier != a.Tier:
		errs = append(errs, &netplan.FieldError{Path: "Profile", Msg: fmt.Sprintf("is the %q profile", a.Profile.Tier), Allowed: fmt.Sprintf("the profile of Tier %q (tier.ProfileFor)", a.Tier)})
	case a.Profile.AvailabilityZones < prof.AvailabilityZones:
		errs = append(errs, &netplan.FieldError{Path: "Profile.AvailabilityZones", Value: strconv.Itoa(a.Profile.AvailabilityZones),
			Msg: "is fewer than the " + string(a.Tier) + " tier's", Allowed: fmt.Sprintf("%d or more", prof.AvailabilityZones)})
	}
	if _, ok := a.Plan.TierRange(a.Tier); !ok && err == nil {
		errs = append(errs, &netplan.FieldError{Path: "Plan.Tiers", Msg: fmt.Sprintf("has no range for tier %q", a.Tier), Allowed: "a plan from netplan.Allocate"})
	}
	errs = append(errs, intentErrors(a.intent())...)
	if a.Hub.TransitGatewayID == nil || a.Hub.RouteTableID == nil || a.Hub.InspectionRouteTableID == nil {
		errs = append(errs, &netplan.FieldError{Path: "Hub", Msg: "TransitGatewayID, RouteTableID and InspectionRouteTableID are required", Allowed: "the foundation's outputs"})
	}
	if a.EvidenceRetentionYears < 0 || a.EvidenceRetentionYears > 100 {
		errs = append(errs, &netplan.FieldError{Path: "EvidenceRetentionYears", Value: strconv.Itoa(a.EvidenceRetentionYears), Msg: "is out of range",
			Allowed: fmt.Sprintf("1 to 100 (0 means %d)", defaultEvidenceRetentionYears)})
	}
	if a.AllowPublicIngress && a.Profile.Isolated {
		errs = append(errs, &netplan.FieldError{Path: "AllowPublicIngress", Value: "true", Msg: "is not allowed for the " + string(a.Tier) + " tier",
			Allowed: "false (the tier has no path to or from the internet)"})
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
	logsKey, err := newKey(ctx, c, name+"-logs-key", "Flow logs of the "+args.Tier.Title()+" tier", acct,
		acct.logsStatement())
	if err != nil {
		return nil, err
	}
	dataKey, err := newKey(ctx, c, name+"-data-key", "Data at rest of the "+args.Tier.Title()+" tier: backups, evidence, volumes", acct,
		acct.viaServices("AccountUsesKeyThroughServices", "ec2", "s3", "backup"))
	if err != nil {
		return nil, err
	}
	net, err := newTierNetwork(ctx, c, name, acct, args, logsKey.Arn)
	if err != nil {
		return nil, err
	}
	vault, err := newBackup(ctx, c, name, args, dataKey.Arn)
	if err != nil {
		return nil, err
	}
	years := args.EvidenceRetentionYears
	if years == 0 {
		years = defaultEvidenceRetentionYears
	}
	evidence, err := NewEvidenceStore(ctx, name+"-evidence", &EvidenceStoreArgs{
		Provider: prov, Region: args.Region, Profile: args.Profile, RetentionYears: years, KeyARN: dataKey.Arn, Tags: tags,
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
	if err := ctx.RegisterResourceOutputs(e, pulumi.Map{
		"vpcId": e.VpcID, "workloadSubnetIds": e.WorkloadSubnetIDs, "workloadSecurityGroupId": e.WorkloadSecurityGroupID,
		"transitGatewayAttachmentId": e.AttachmentID, "dataKeyArn": e.DataKeyARN, "backupVaultName": e.BackupVaultName,
		"evidenceBucket": e.EvidenceBucket,
	}); err != nil {
		return nil, err
	}
	return e, nil
}

// tierNetwork is a tier's VPC and what hangs off it.
type tierNetwork struct {
	vpc             *ec2.Vpc
	workloadSubnets pulumi.StringArrayOutput
	workloadSG      *ec2.SecurityGroup
	attachment      *ec2transitgateway.VpcAttachment
}
