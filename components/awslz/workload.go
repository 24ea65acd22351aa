package awslz

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// WorkloadType is the component type token of a Workload.
const WorkloadType = "policecloud:aws:Workload"

// DefaultRootDeviceName is the root device of a workload's instances when RootDeviceName is "": that of
// Amazon Linux and most Linux AMIs.
const DefaultRootDeviceName = "/dev/xvda"

// ssmCorePolicy is the only policy a workload's instances hold: what the Systems Manager agent needs to
// be managed (Session Manager, Run Command, Patch Manager, inventory).
const ssmCorePolicy = "arn:" + partition + ":iam::aws:policy/AmazonSSMManagedInstanceCore"

// databaseMasterUsername is the master user of a workload's database; its password is managed by RDS in
// Secrets Manager, encrypted with the tier's data key, and never appears in the program or its state.
const databaseMasterUsername = "lzadmin"

// databaseEngines are the RDS engines a workload's database may use, each with the parameter that forces
// TLS on every connection and its value, the log types exported to CloudWatch Logs, and how many parts of
// the engine version name the parameter group family (postgres16, mysql8.0).
var databaseEngines = map[string]struct {
	tlsParameter, tlsValue string
	logs                   []string
	familyParts            int
}{
	"postgres": {"rds.force_ssl", "1", []string{"postgresql", "upgrade"}, 1},
	"mysql":    {"require_secure_transport", "ON", []string{"error", "general", "slowquery"}, 2},
}

// Allocated storage bounds of a database in GiB (RDS gp3 for PostgreSQL and MySQL).
const (
	minDatabaseStorageGiB = 20
	maxDatabaseStorageGiB = 65536
)

// maxWorkloadInstances is the largest MaxSize a workload's auto scaling group may have.
const maxWorkloadInstances = 100

var (
	imageIDPattern       = regexp.MustCompile(`^ami-([0-9a-f]{8}|[0-9a-f]{17})$`)
	instanceTypePattern  = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9]+$`)
	instanceClassPattern = regexp.MustCompile(`^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$`)
	engineVersionPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)
	deviceNamePattern    = regexp.MustCompile(`^/dev/(xvd|sd|nvme)[a-z0-9]+$`)
)

// TierEnvironmentRef is what a workload uses of its tier environment, usually read from the tier
// stack's outputs (TierEnvironment.Outputs: vpcId, workloadSubnetIds, workloadSecurityGroupId,
// dataKeyArn).
type TierEnvironmentRef struct {
	// VpcID is the tier's VPC.
	VpcID pulumi.StringInput
	// WorkloadSubnetIDs are the tier's private workload subnets, one per availability zone of the
	// profile: the auto scaling group and the database subnet group span them.
	WorkloadSubnetIDs pulumi.StringArrayInput
	// WorkloadSecurityGroupID is the tier's workload security group, which allows exactly the tier's
	// declared flows; the instances and the database are in it.
	WorkloadSecurityGroupID pulumi.StringInput
	// DataKeyARN is the tier's customer KMS key for data at rest: the instances' volumes, the database's
	// storage and its master password secret.
	DataKeyARN pulumi.StringInput
}

// Database is a workload's optional RDS database.
type Database struct {
	// Engine is the RDS engine: postgres or mysql.
	Engine string
	// EngineVersion is the engine version, for example 16.4 (postgres) or 8.0.39 (mysql); its major
	// version (postgres) or major.minor (mysql) names the parameter group family.
	EngineVersion string
	// InstanceClass is the RDS instance class, for example db.m7g.large.
	InstanceClass string
	// AllocatedStorage is the storage in GiB, 20 to 65536.
	AllocatedStorage int
}

// WorkloadArgs are the arguments of NewWorkload. Nothing in them loosens the tier: a workload is always
// private, encrypted with the tier's key, managed by Systems Manager and in the tier's patch group and
// backup selection.
type WorkloadArgs struct {
	// Region is the AWS region: eu-west-2.
	Region string
	// Profile is the tier's profile (tier.ProfileFor): its availability zones, protection of stateful
	// resources and multi-AZ databases.
	Profile tier.Profile
	// Environment is the tier environment the workload runs in: its network and data key.
	Environment TierEnvironmentRef
	// InstanceType is the EC2 instance type, for example m7i.large.
	InstanceType string
	// ImageID is the AMI the instances boot, for example ami-0123456789abcdef0; it must run the Systems
	// Manager agent.
	ImageID string
	// OperatingSystem is the AMI's operating system family (OSAmazonLinux2023, OSRHEL9, OSWindows); ""
	// means DefaultOperatingSystem. The instances join the tier's patch group for it, "<tier>-<family>",
	// which the tier environment's OperatingSystems must include.
	OperatingSystem string
	// RootDeviceName is the AMI's root device; "" means DefaultRootDeviceName (/dev/xvda).
	RootDeviceName string
	// MinSize is the fewest instances, 1 or more.
	MinSize int
	// MaxSize is the most instances, MinSize to 100.
	MaxSize int
	// DesiredCapacity is the instances to run, MinSize to MaxSize; 0 means MinSize.
	DesiredCapacity int
	// Database is the workload's RDS database; nil builds none.
	Database *Database
	// Tags are the provider's default tags: Force, Tier, Classification, Owner and ManagedBy at least.
	// The instances and volumes the auto scaling group launches carry them too.
	Tags map[string]string
}

// Workload is a tier's workload: an auto scaling group of private, SSM-managed instances across the
// tier's workload subnets, and optionally an RDS database.
type Workload struct {
	pulumi.ResourceState

	// Provider is the AWS provider every child was created through: the caller's, or the workload's own
	// when the caller gave none.
	Provider pulumi.ProviderResource

	AutoScalingGroupName pulumi.StringOutput `pulumi:"autoScalingGroupName"`
	LaunchTemplateID     pulumi.StringOutput `pulumi:"launchTemplateId"`
	InstanceRoleARN      pulumi.StringOutput `pulumi:"instanceRoleArn"`
	// PatchGroup is the Systems Manager patch group the instances are in (their `Patch Group` tag).
	PatchGroup pulumi.StringOutput `pulumi:"patchGroup"`
	// DatabaseEndpoint is the database's host:port; "" without a database.
	DatabaseEndpoint pulumi.StringOutput `pulumi:"databaseEndpoint"`
	// DatabaseARN is the database's ARN; "" without a database.
	DatabaseARN pulumi.StringOutput `pulumi:"databaseArn"`
}

// checkProfile validates a Profile field: a known tier, with at least its tier's availability zones.
func checkProfile(field string, p tier.Profile) error {
	prof, err := tier.ProfileFor(p.Tier)
	switch {
	case err != nil:
		return &netplan.FieldError{Path: field + ".Tier", Value: string(p.Tier), Msg: "is not a tier", Allowed: strings.Join(tier.Names(), ", ") + " (tier.ProfileFor)"}
	case p.AvailabilityZones < prof.AvailabilityZones:
		return &netplan.FieldError{Path: field + ".AvailabilityZones", Value: strconv.Itoa(p.AvailabilityZones),
			Msg: "is fewer than the " + string(p.Tier) + " tier's", Allowed: fmt.Sprintf("%d or more", prof.AvailabilityZones)}
	}
	return nil
}

func (a *WorkloadArgs) validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkRegion("Region", a.Region))
	add(checkProfile("Profile", a.Profile))
	if a.OperatingSystem != "" {
		add(checkOperatingSystem("OperatingSystem", a.OperatingSystem, a.Profile))
	}
	e := a.Environment
	if e.VpcID == nil || e.WorkloadSubnetIDs == nil || e.WorkloadSecurityGroupID == nil || e.DataKeyARN == nil {
		add(&netplan.FieldError{Path: "Environment", Msg: "VpcID, WorkloadSubnetIDs, WorkloadSecurityGroupID and DataKeyARN are required", Allowed: "the tier environment's outputs"})
	}
	if !instanceTypePattern.MatchString(a.InstanceType) {
		add(&netplan.FieldError{Path: "InstanceType", Value: a.InstanceType, Msg: "is not an EC2 instance type", Allowed: "family.size, for example m7i.large"})
	}
	if !imageIDPattern.MatchString(a.ImageID) {
		add(&netplan.FieldError{Path: "ImageID", Value: a.ImageID, Msg: "is not an AMI ID", Allowed: "ami- and 8 or 17 hexadecimal digits"})
	}
	if a.RootDeviceName != "" && !deviceNamePattern.MatchString(a.RootDeviceName) {
		add(&netplan.FieldError{Path: "RootDeviceName", Value: a.RootDeviceName, Msg: "is not a device name", Allowed: `"" (` + DefaultRootDeviceName + "), /dev/xvd*, /dev/sd* or /dev/nvme*"})
	}
	switch {
	case a.MinSize < 1:
		add(&netplan.FieldError{Path: "MinSize", Value: strconv.Itoa(a.MinSize), Msg: "is out of range", Allowed: "1 or more"})
	case a.MaxSize < a.MinSize || a.MaxSize > maxWorkloadInstances:
		add(&netplan.FieldError{Path: "MaxSize", Value: strconv.Itoa(a.MaxSize), Msg: "is out of range", Allowed: fmt.Sprintf("MinSize (%d) to %d", a.MinSize, maxWorkloadInstances)})
	case a.DesiredCapacity != 0 && (a.DesiredCapacity < a.MinSize || a.DesiredCapacity > a.MaxSize):
		add(&netplan.FieldError{Path: "DesiredCapacity", Value: strconv.Itoa(a.DesiredCapacity), Msg: "is out of range",
			Allowed: fmt.Sprintf("0 (MinSize) or MinSize (%d) to MaxSize (%d)", a.MinSize, a.MaxSize)})
	}
	if db := a.Database; db != nil {
		if _, ok := databaseEngines[db.Engine]; !ok {
			add(&netplan.FieldError{Path: "Database.Engine", Value: db.Engine, Msg: "is not a supported engine", Allowed: strings.Join(databaseEngineNames(), ", ")})
		} else if _, err := db.family(); err != nil {
			add(err)
		}
		if !instanceClassPattern.MatchString(db.InstanceClass) {
			add(&netplan.FieldError{Path: "Database.InstanceClass", Value: db.InstanceClass, Msg: "is not an RDS instance class", Allowed: "db.family.size, for example db.m7g.large"})
		}
		if db.AllocatedStorage < minDatabaseStorageGiB || db.AllocatedStorage > maxDatabaseStorageGiB {
			add(&netplan.FieldError{Path: "Database.AllocatedStorage", Value: strconv.Itoa(db.AllocatedStorage), Msg: "is out of range",
				Allowed: fmt.Sprintf("%d to %d GiB", minDatabaseStorageGiB, maxDatabaseStorageGiB)})
		}
	}
	errs = append(errs, checkTags("Tags", a.Tags)...)
	return errors.Join(errs...)
}

// CheckWorkload validates a workload's arguments as NewWorkload does, except Environment, which a stack
// program fills in from the tier environment it creates next: a program calls it for every workload
// before it registers anything, so that a bad workload registers nothing. Every problem is a
// netplan.FieldError (joined), naming the field, the value and what is allowed.
func CheckWorkload(args *WorkloadArgs) error {
	if args == nil {
		return errors.New("awslz.CheckWorkload: args are required")
	}
	a := *args
	a.Environment = TierEnvironmentRef{VpcID: pulumi.String(""), WorkloadSubnetIDs: pulumi.StringArray{},
		WorkloadSecurityGroupID: pulumi.String(""), DataKeyARN: pulumi.String("")}
	return a.validate()
}

// databaseEngineNames lists the supported engines, sorted.
func databaseEngineNames() []string {
	var out []string
	for k := range databaseEngines {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// family returns the database's parameter group family: the engine and its major version (postgres16)
// or major.minor version (mysql8.0). The engine is one of databaseEngines.
func (d *Database) family() (string, error) {
	parts := databaseEngines[d.Engine].familyParts
	v := strings.Split(d.EngineVersion, ".")
	if !engineVersionPattern.MatchString(d.EngineVersion) || len(v) < parts {
		return "", &netplan.FieldError{Path: "Database.EngineVersion", Value: d.EngineVersion, Msg: "is not a " + d.Engine + " version",
			Allowed: map[int]string{1: "major[.minor], for example 16.4", 2: "major.minor[.patch], for example 8.0.39"}[parts]}
	}
	return d.Engine + strings.Join(v[:parts], "."), nil
}

// operatingSystem returns the workload's operating system family: OperatingSystem or
// DefaultOperatingSystem.
func (a *WorkloadArgs) operatingSystem() string {
	if a.OperatingSystem == "" {
		return DefaultOperatingSystem
	}
	return a.OperatingSystem
}

// workloadTags are the tags of everything a workload launches and stores (instances, volumes, the
// database): the required tags, Tier as the tier's backup selection matches it (Tier=<Title>,
// Backup=true) and the Systems Manager patch group of the tier and operating system family
// (patchGroupName).
func workloadTags(args *WorkloadArgs) map[string]string {
	m := map[string]string{}
	for k, v := range args.Tags {
		m[k] = v
	}
	m["Tier"] = args.Profile.Tier.Title()
	m["Backup"] = "true"
	m["Patch Group"] = patchGroupName(args.Profile.Tier, args.operatingSystem())
	return m
}

// NewWorkload builds a workload in a tier environment: an instance role with only
// AmazonSSMManagedInstanceCore and its instance profile; a launch template (IMDSv2 only, no public IP
// address, the root volume encrypted with the tier's data key, instances and volumes tagged for the
// tier's patch group and backup selection); an auto scaling group across the tier's workload subnets;
// and, with Database, an RDS subnet group, a parameter group that forces TLS and an encrypted, private
// database with logs exported, tagged for the tier's backup selection. Invalid arguments register
// nothing.
//
// Every child is created through the caller's AWS provider when the caller gives one (pulumi.Provider or
// pulumi.Providers on the workload, or one its parent holds), and then carries Tags itself; when the
// caller gives none, the workload builds its own provider for Region with Tags as default tags.
func NewWorkload(ctx *pulumi.Context, name string, args *WorkloadArgs, opts ...pulumi.ResourceOption) (*Workload, error) {
	if args == nil {
		return nil, errors.New("awslz.NewWorkload: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("awslz.NewWorkload %s: invalid arguments:\n%w", name, err)
	}
	w := &Workload{}
	if err := ctx.RegisterComponentResource(WorkloadType, name, w, opts...); err != nil {
		return nil, err
	}
	prov, tags, err := provider(ctx, name, nil, opts, args.Region, args.Tags, w)
	if err != nil {
		return nil, err
	}
	w.Provider = prov
	c := child{parent: w, provider: prov, profile: args.Profile, tags: tags}
	acct, err := lookupAccount(ctx, prov, args.Region)
	if err != nil {
		return nil, fmt.Errorf("awslz.NewWorkload %s: %w", name, err)
	}
	c.accountID = acct.id
	env := args.Environment
	launched := workloadTags(args)

	role, err := newServiceRole(ctx, c, name+"-instance-role", "ec2.amazonaws.com")
	if err != nil {
		return nil, err
	}
	if _, err := iam.NewRolePolicyAttachment(ctx, name+"-instance-role-ssm", &iam.RolePolicyAttachmentArgs{
		Role: role.Name, PolicyArn: pulumi.String(ssmCorePolicy),
	}, c.opts()...); err != nil {
		return nil, err
	}
	instanceProfile, err := iam.NewInstanceProfile(ctx, name+"-instance-profile", &iam.InstanceProfileArgs{
		Role: role.Name, Tags: c.tagged(name + "-instance-profile"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	rootDevice := args.RootDeviceName
	if rootDevice == "" {
		rootDevice = DefaultRootDeviceName
	}
	tagSpec := func(resourceType string) ec2.LaunchTemplateTagSpecificationInput {
		return &ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String(resourceType), Tags: pulumi.ToStringMap(launched)}
	}
	lt, err := ec2.NewLaunchTemplate(ctx, name+"-launch-template", &ec2.LaunchTemplateArgs{
		ImageId:              pulumi.String(args.ImageID),
		InstanceType:         pulumi.String(args.InstanceType),
		EbsOptimized:         pulumi.String("true"),
		UpdateDefaultVersion: pulumi.Bool(true),
		IamInstanceProfile:   &ec2.LaunchTemplateIamInstanceProfileArgs{Arn: instanceProfile.Arn},
		MetadataOptions: &ec2.LaunchTemplateMetadataOptionsArgs{
			HttpEndpoint:            pulumi.String("enabled"),
			HttpTokens:              pulumi.String("required"),
			HttpPutResponseHopLimit: pulumi.Int(1),
			InstanceMetadataTags:    pulumi.String("disabled"),
		},
		Monitoring: &ec2.LaunchTemplateMonitoringArgs{Enabled: pulumi.Bool(true)},
		NetworkInterfaces: ec2.LaunchTemplateNetworkInterfaceArray{&ec2.LaunchTemplateNetworkInterfaceArgs{
			DeviceIndex:              pulumi.Int(0),
			AssociatePublicIpAddress: pulumi.String("false"),
			DeleteOnTermination:      pulumi.String("true"),
			SecurityGroups:           pulumi.StringArray{env.WorkloadSecurityGroupID},
		}},
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{&ec2.LaunchTemplateBlockDeviceMappingArgs{
			DeviceName: pulumi.String(rootDevice),
			Ebs: &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
				Encrypted:           pulumi.String("true"),
				KmsKeyId:            env.DataKeyARN,
				VolumeType:          pulumi.String("gp3"),
				DeleteOnTermination: pulumi.String("true"),
			},
		}},
		TagSpecifications: ec2.LaunchTemplateTagSpecificationArray{tagSpec("instance"), tagSpec("volume"), tagSpec("network-interface")},
		Tags:              c.tagged(name + "-launch-template"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	desired := args.DesiredCapacity
	if desired == 0 {
		desired = args.MinSize
	}
	asgTags := autoscaling.GroupTagArray{&autoscaling.GroupTagArgs{Key: pulumi.String("Name"), Value: pulumi.String(name), PropagateAtLaunch: pulumi.Bool(true)}}
	for _, k := range sortedKeys(launched) {
		asgTags = append(asgTags, &autoscaling.GroupTagArgs{Key: pulumi.String(k), Value: pulumi.String(launched[k]), PropagateAtLaunch: pulumi.Bool(true)})
	}
	asg, err := autoscaling.NewGroup(ctx, name+"-asg", &autoscaling.GroupArgs{
		VpcZoneIdentifiers: env.WorkloadSubnetIDs,
		MinSize:            pulumi.Int(args.MinSize),
		MaxSize:            pulumi.Int(args.MaxSize),
		DesiredCapacity:    pulumi.Int(desired),
		HealthCheckType:    pulumi.String("EC2"),
		LaunchTemplate: &autoscaling.GroupLaunchTemplateArgs{
			Id:      lt.ID(),
			Version: lt.LatestVersion.ApplyT(strconv.Itoa).(pulumi.StringOutput),
		},
		Tags: asgTags,
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	w.AutoScalingGroupName = asg.Name
	w.LaunchTemplateID = lt.ID().ToStringOutput()
	w.InstanceRoleARN = role.Arn
	w.PatchGroup = pulumi.String(launched["Patch Group"]).ToStringOutput()
	w.DatabaseEndpoint = pulumi.String("").ToStringOutput()
	w.DatabaseARN = pulumi.String("").ToStringOutput()
	if args.Database != nil {
		db, err := newDatabase(ctx, c, name, args, launched)
		if err != nil {
			return nil, err
		}
		w.DatabaseEndpoint = db.Endpoint
		w.DatabaseARN = db.Arn
	}
	if err := outputs.Register(ctx, w); err != nil {
		return nil, err
	}
	return w, nil
}

// newDatabase creates a workload's database: a subnet group over the tier's workload subnets, a
// parameter group that forces TLS, and the instance (encrypted with the tier's data key, multi-AZ as the
// profile says, private, deletion-protected, logs exported, tagged for the tier's backup selection),
// protected and retained on delete as the profile says.
func newDatabase(ctx *pulumi.Context, c child, name string, args *WorkloadArgs, launched map[string]string) (*rds.Instance, error) {
	d := args.Database
	engine := databaseEngines[d.Engine]
	family, _ := d.family() // validated
	env := args.Environment
	subnets, err := rds.NewSubnetGroup(ctx, name+"-db-subnets", &rds.SubnetGroupArgs{
		Description: pulumi.String("Workload subnets of the " + args.Profile.Tier.Title() + " tier"),
		SubnetIds:   env.WorkloadSubnetIDs,
		Tags:        c.tagged(name + "-db-subnets"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	params, err := rds.NewParameterGroup(ctx, name+"-db-params", &rds.ParameterGroupArgs{
		Family:      pulumi.String(family),
		Description: pulumi.String("Forces TLS on every connection"),
		Parameters: rds.ParameterGroupParameterArray{&rds.ParameterGroupParameterArgs{
			Name: pulumi.String(engine.tlsParameter), Value: pulumi.String(engine.tlsValue), ApplyMethod: pulumi.String("pending-reboot"),
		}},
		Tags: c.tagged(name + "-db-params"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	kv := make([]string, 0, 2*len(launched))
	for _, k := range sortedKeys(launched) {
		if k != "Patch Group" {
			kv = append(kv, k, launched[k])
		}
	}
	return rds.NewInstance(ctx, name+"-db", &rds.InstanceArgs{
		Engine:                           pulumi.String(d.Engine),
		EngineVersion:                    pulumi.String(d.EngineVersion),
		InstanceClass:                    pulumi.String(d.InstanceClass),
		AllocatedStorage:                 pulumi.Int(d.AllocatedStorage),
		StorageType:                      pulumi.String("gp3"),
		StorageEncrypted:                 pulumi.Bool(true),
		KmsKeyId:                         env.DataKeyARN,
		Username:                         pulumi.String(databaseMasterUsername),
		ManageMasterUserPassword:         pulumi.Bool(true),
		MasterUserSecretKmsKeyId:         env.DataKeyARN,
		IamDatabaseAuthenticationEnabled: pulumi.Bool(true),
		MultiAz:                          pulumi.Bool(args.Profile.MultiAZDatabases),
		DeletionProtection:               pulumi.Bool(true),
		PubliclyAccessible:               pulumi.Bool(false),
		DbSubnetGroupName:                subnets.Name,
		ParameterGroupName:               params.Name,
		VpcSecurityGroupIds:              pulumi.StringArray{env.WorkloadSecurityGroupID},
		EnabledCloudwatchLogsExports:     pulumi.ToStringArray(engine.logs),
		BackupRetentionPeriod:            pulumi.Int(7),
		CopyTagsToSnapshot:               pulumi.Bool(true),
		AutoMinorVersionUpgrade:          pulumi.Bool(true),
		SkipFinalSnapshot:                pulumi.Bool(false),
		FinalSnapshotIdentifier:          pulumi.String(name + "-db-final"),
		Tags:                             c.tagged(name+"-db", kv...),
	}, c.stateful()...)
}

// sortedKeys returns a map's keys in order, so resources' inputs do not change from run to run.
func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Outputs returns the workload's outputs by name: every field with a `pulumi:` tag, the map it
// registered with RegisterResourceOutputs and the stack program exports.
func (w *Workload) Outputs() (pulumi.Map, error) { return outputs.Map(w) }
