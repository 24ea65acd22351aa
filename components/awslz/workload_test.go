package awslz

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

// workloadArgs are a representative workload for stack st: a three-instance service and a PostgreSQL
// database in the tier environment env.
func workloadArgs(st *config.Stack, env *TierEnvironment) *WorkloadArgs {
	return &WorkloadArgs{
		Region: st.Region, Profile: st.Profile,
		Environment: TierEnvironmentRef{
			VpcID: env.VpcID, WorkloadSubnetIDs: env.WorkloadSubnetIDs,
			WorkloadSecurityGroupID: env.WorkloadSecurityGroupID, DataKeyARN: env.DataKeyARN,
		},
		InstanceType: "m7i.large", ImageID: "ami-0123456789abcdef0",
		MinSize: st.Profile.AvailabilityZones, MaxSize: 2 * st.Profile.AvailabilityZones,
		Database: &Database{Engine: "postgres", EngineVersion: "16.4", InstanceClass: "db.m7g.large", AllocatedStorage: 100},
		Tags:     st.Tags(),
	}
}

// workloadStack is what a tier stack with a workload holds: the tier environment (which enables Amazon
// Inspector and patches its patch groups at the tier's reboot window) and the workload. env and mutate
// change the environment's and the workload's arguments.
type workloadStack struct {
	env     func(*TierEnvironmentArgs)
	mutate  func(*WorkloadArgs)
	preview bool
}

func (s workloadStack) run(t *testing.T, st *config.Stack) (*mockcloud.Cloud, error) {
	t.Helper()
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Preview: s.preview})
	err := c.Run(func(ctx *pulumi.Context) error {
		name := st.LandingZone + "-" + string(st.Tier)
		eargs := tierArgs(st, testFoundation())
		if err := withBackupCopy(ctx, eargs); err != nil {
			return err
		}
		if s.env != nil {
			s.env(eargs)
		}
		env, err := NewTierEnvironment(ctx, name, eargs)
		if err != nil {
			return err
		}
		args := workloadArgs(st, env)
		if s.mutate != nil {
			s.mutate(args)
		}
		_, err = NewWorkload(ctx, name+"-custody", args)
		return err
	})
	return c, err
}

// findings returns the findings of rule id on the resources of type typ.
func findings(ev policy.Evaluation, id, typ string) []policy.Finding {
	var out []policy.Finding
	for _, f := range ev.Findings {
		if f.RuleID == id && f.ResourceType == typ {
			out = append(out, f)
		}
	}
	return out
}

// TestWorkloadSecureByDefault: at every tier, a tier environment with a workload and its database passes
// every mandatory rule; each mandatory rule that judges a resource of the workload passes it (none is
// left unknown), and the workload-specific rules pass for the reasons the component builds in.
func TestWorkloadSecureByDefault(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-platinum", "pos-gold", "pos-bronze"} {
		for _, preview := range []bool{false, true} {
			t.Run(stack+map[bool]string{true: "-preview"}[preview], func(t *testing.T) {
				t.Parallel()
				st := loadStack(t, stack)
				c, err := workloadStack{preview: preview}.run(t, st)
				require.NoError(t, err)
				pctx := stackctx.FromStack(st)
				lztest.AssertNoBlocking(t, c, pctx)
				if preview {
					return
				}
				ev := c.Evaluate(pctx)
				var judged int
				for _, f := range ev.Findings {
					if !strings.Contains(f.URN, WorkloadType+"$") || f.Enforcement != policy.Mandatory {
						continue
					}
					judged++
					assert.Contains(t, []policy.Status{policy.StatusPass, policy.StatusNotApplicable}, f.Status,
						"%s on %s: %s %s", f.RuleID, f.ResourceName, f.Status, f.Message)
				}
				assert.Greater(t, judged, 20, "mandatory findings on the workload's resources")
				pass := func(id, typ, contains string) {
					t.Helper()
					fs := findings(ev, id, typ)
					require.Len(t, fs, 1, "%s on %s", id, typ)
					assert.Equal(t, policy.StatusPass, fs[0].Status, "%s on %s: %s", id, typ, fs[0].Message)
					assert.Contains(t, fs[0].Message, contains, id)
				}
				pass("PCLZ-AWS-AUD-009", "aws:autoscaling/group:Group", "target "+st.LandingZone+"-"+string(st.Tier)+"-patch-target by tag Patch Group="+string(st.Tier)+"-amazon-linux-2023")
				pass("PCLZ-AWS-AUD-010", "aws:autoscaling/group:Group", "enables EC2 scanning")
				pass("PCLZ-AWS-RES-009", "aws:rds/instance:Instance", "selected by backup selection "+st.LandingZone+"-"+string(st.Tier)+"-backup-selection")
				pass("PCLZ-AWS-ENC-021", "aws:rds/instance:Instance", "rds.force_ssl is 1")
				pass("PCLZ-AWS-NET-004", "aws:ec2/launchTemplate:LaunchTemplate", "no network interface asks for a public IP address")
				pass("PCLZ-AWS-NET-004", "aws:rds/instance:Instance", "publiclyAccessible is not true")
			})
		}
	}
}

// TestWorkloadResources pins what the workload builds: the instance role and what it may do, the launch
// template's metadata, network and volume settings and launch tags, the auto scaling group's subnets and
// propagated tags, and the database's settings and protection.
func TestWorkloadResources(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-platinum", "pos-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			st := loadStack(t, stack)
			c, err := workloadStack{mutate: func(a *WorkloadArgs) { a.MaxSize = 9; a.DesiredCapacity = 4 }}.run(t, st)
			require.NoError(t, err)
			one := func(typ string) *policy.Resource {
				t.Helper()
				rs := c.Find(typ)
				var mine []*policy.Resource
				for _, r := range rs {
					if strings.Contains(r.URN, WorkloadType+"$") {
						mine = append(mine, r)
					}
				}
				require.Len(t, mine, 1, typ)
				return mine[0]
			}
			str := func(r *policy.Resource, path ...any) string {
				t.Helper()
				s, k := policy.Str(r.Get(path...))
				require.Equal(t, policy.Present, k, "%s %v", r.Type, path)
				return s
			}

			role := one("aws:iam/role:Role")
			var trust map[string]any
			require.NoError(t, json.Unmarshal([]byte(str(role, "assumeRolePolicy")), &trust))
			assert.Equal(t, []any{map[string]any{
				"Effect": "Allow", "Principal": map[string]any{"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
				"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": lztest.DefaultAWSAccount}},
			}}, trust["Statement"])
			att := one("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
			assert.Equal(t, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", str(att, "policyArn"))
			for _, typ := range []string{"aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive"} {
				for _, r := range c.Find(typ) {
					assert.NotContains(t, r.URN, WorkloadType+"$", "the instance role has no other policy: %s", r.Name)
				}
			}

			lt := one("aws:ec2/launchTemplate:LaunchTemplate")
			assert.Equal(t, "required", str(lt, "metadataOptions", "httpTokens"))
			hops, _ := policy.Num(lt.Get("metadataOptions", "httpPutResponseHopLimit"))
			assert.Equal(t, 1.0, hops)
			assert.Equal(t, "false", str(lt, "networkInterfaces", 0, "associatePublicIpAddress"))
			assert.Equal(t, "/dev/xvda", str(lt, "blockDeviceMappings", 0, "deviceName"))
			assert.Equal(t, "true", str(lt, "blockDeviceMappings", 0, "ebs", "encrypted"))
			// The tier's data key: the environment's dataKeyArn output, which the mock cloud names by key name.
			keyARN := str(lt, "blockDeviceMappings", 0, "ebs", "kmsKeyId")
			assert.Regexp(t, `^arn:aws:kms:eu-west-2:`+lztest.DefaultAWSAccount+`:key/`, keyARN)
			assert.Equal(t, 1, len(lt.PropertyDependencies["blockDeviceMappings"]), "the key ARN comes from one resource")
			for _, dep := range lt.PropertyDependencies["blockDeviceMappings"] {
				assert.True(t, strings.HasSuffix(dep, "-data-key"), dep)
			}
			specs, _ := policy.List(lt.Get("tagSpecifications"))
			require.Len(t, specs, 3)
			for i, want := range []string{"instance", "volume", "network-interface"} {
				assert.Equal(t, want, str(lt, "tagSpecifications", i, "resourceType"))
				assert.Equal(t, string(st.Tier)+"-amazon-linux-2023", str(lt, "tagSpecifications", i, "tags", "Patch Group"))
				assert.Equal(t, st.Tier.Title(), str(lt, "tagSpecifications", i, "tags", "Tier"))
				assert.Equal(t, "true", str(lt, "tagSpecifications", i, "tags", "Backup"))
				assert.Equal(t, st.Tags()["Force"], str(lt, "tagSpecifications", i, "tags", "Force"), "launched resources carry the required tags")
			}

			asg := one("aws:autoscaling/group:Group")
			subnets, k := policy.Strings(asg.Get("vpcZoneIdentifiers"))
			require.Equal(t, policy.Present, k)
			assert.Len(t, subnets, st.Profile.AvailabilityZones, "one workload subnet per availability zone")
			for _, s := range subnets {
				assert.True(t, strings.HasPrefix(s, "subnet-"), s)
			}
			for field, want := range map[string]float64{"minSize": float64(st.Profile.AvailabilityZones), "maxSize": 9, "desiredCapacity": 4} {
				n, _ := policy.Num(asg.Get(field))
				assert.Equal(t, want, n, field)
			}
			tags := propagatedTags(t, asg)
			assert.Equal(t, string(st.Tier)+"-amazon-linux-2023", tags["Patch Group"])
			assert.Equal(t, "true", tags["Backup"])

			db := one("aws:rds/instance:Instance")
			for field, want := range map[string]bool{"storageEncrypted": true, "multiAz": st.Profile.MultiAZDatabases, "deletionProtection": true,
				"publiclyAccessible": false, "manageMasterUserPassword": true, "iamDatabaseAuthenticationEnabled": true, "skipFinalSnapshot": false} {
				b, k := policy.Bool(db.Get(field))
				assert.Equal(t, policy.Present, k, field)
				assert.Equal(t, want, b, field)
			}
			assert.Equal(t, keyARN, str(db, "kmsKeyId"))
			assert.Equal(t, keyARN, str(db, "masterUserSecretKmsKeyId"))
			logs, _ := policy.Strings(db.Get("enabledCloudwatchLogsExports"))
			assert.Equal(t, []string{"postgresql", "upgrade"}, logs)
			assert.Equal(t, "true", str(db, "tags", "Backup"))
			assert.Equal(t, st.Tier.Title(), str(db, "tags", "Tier"))
			params := one("aws:rds/parameterGroup:ParameterGroup")
			assert.Equal(t, "postgres16", str(params, "family"))
			assert.Equal(t, "rds.force_ssl", str(params, "parameters", 0, "name"))
			assert.Equal(t, "1", str(params, "parameters", 0, "value"))
			assert.True(t, db.Refers("parameterGroupName", params), "the database uses the parameter group")
			assert.True(t, db.Refers("dbSubnetGroupName", one("aws:rds/subnetGroup:SubnetGroup")), "the database is in the workload subnets' group")

			// The database is stateful: protected and retained on delete as the profile says; the rest is not.
			for _, r := range c.Resources() {
				if !strings.Contains(r.URN, WorkloadType+"$") {
					continue
				}
				stateful := r.Type == "aws:rds/instance:Instance"
				assert.Equal(t, stateful && st.Profile.ProtectStateful, r.Protect, "%s protect", r.Name)
				assert.Equal(t, stateful && st.Profile.RetainStatefulOnDelete, r.RetainOnDelete, "%s retainOnDelete", r.Name)
			}
		})
	}
}

// propagatedTags returns the tags an auto scaling group gives the instances it launches
// (propagateAtLaunch).
func propagatedTags(t *testing.T, r *policy.Resource) map[string]string {
	t.Helper()
	tags := map[string]string{}
	items, k := policy.List(r.Get("tags"))
	require.Equal(t, policy.Present, k, "the group's tags")
	for i := range items {
		key, _ := policy.Str(r.Get("tags", i, "key"))
		v, _ := policy.Str(r.Get("tags", i, "value"))
		if on, _ := policy.Bool(r.Get("tags", i, "propagateAtLaunch")); on {
			tags[key] = v
		}
	}
	return tags
}

// TestWorkloadMySQL: a MySQL database gets a parameter group of its major.minor family that sets
// require_secure_transport, which PCLZ-AWS-ENC-021 passes.
func TestWorkloadMySQL(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c, err := workloadStack{mutate: func(a *WorkloadArgs) {
		a.Database = &Database{Engine: "mysql", EngineVersion: "8.0.39", InstanceClass: "db.r7g.large", AllocatedStorage: 50}
	}}.run(t, st)
	require.NoError(t, err)
	params := c.Find("aws:rds/parameterGroup:ParameterGroup")
	require.Len(t, params, 1)
	fam, _ := policy.Str(params[0].Get("family"))
	assert.Equal(t, "mysql8.0", fam)
	fs := findings(c.Evaluate(stackctx.FromStack(st)), "PCLZ-AWS-ENC-021", "aws:rds/instance:Instance")
	require.Len(t, fs, 1)
	assert.Equal(t, policy.StatusPass, fs[0].Status, fs[0].Message)
	assert.Contains(t, fs[0].Message, "require_secure_transport is ON")
	logs, _ := policy.Strings(c.Find("aws:rds/instance:Instance")[0].Get("enabledCloudwatchLogsExports"))
	assert.Equal(t, []string{"error", "general", "slowquery"}, logs)
}

// TestWorkloadWithoutDatabase: no database builds no RDS resource, and the database outputs are empty.
func TestWorkloadWithoutDatabase(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	var out map[string]any
	out, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		eargs := tierArgs(st, testFoundation())
		if err := withBackupCopy(ctx, eargs); err != nil {
			return nil, err
		}
		env, err := NewTierEnvironment(ctx, "pos-gold", eargs)
		if err != nil {
			return nil, err
		}
		args := workloadArgs(st, env)
		args.Database = nil
		w, err := NewWorkload(ctx, "pos-gold-app", args)
		if err != nil {
			return nil, err
		}
		return w.Outputs()
	})
	require.NoError(t, err)
	for typ := range c.Types() {
		assert.False(t, strings.HasPrefix(typ, "aws:rds/"), typ)
	}
	assert.Equal(t, "", out["databaseEndpoint"])
	assert.Equal(t, "", out["databaseArn"])
	assert.Equal(t, "gold-amazon-linux-2023", out["patchGroup"])
	assert.Contains(t, out, "autoScalingGroupName")
	assert.NotEmpty(t, out["launchTemplateId"])
	assert.NotEmpty(t, out["instanceRoleArn"])
}

// TestWorkloadScanningAndPatchingAreJudged: the workload is what PCLZ-AWS-AUD-009 and AUD-010 judge. A
// workload whose operating system family the tier environment does not patch is in a patch group no
// maintenance window targets, and fails; listed in the environment's OperatingSystems, it passes.
func TestWorkloadScanningAndPatchingAreJudged(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-bronze")
	status := func(s workloadStack, id string) policy.Finding {
		t.Helper()
		c, err := s.run(t, st)
		require.NoError(t, err)
		fs := findings(c.Evaluate(stackctx.FromStack(st)), id, "aws:autoscaling/group:Group")
		require.Len(t, fs, 1)
		return fs[0]
	}
	rhel := func(a *WorkloadArgs) { a.OperatingSystem = OSRHEL9 }
	f := status(workloadStack{mutate: rhel}, "PCLZ-AWS-AUD-009")
	assert.Equal(t, policy.StatusFail, f.Status)
	assert.Equal(t, "no maintenance window target (aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget) selects this workload, by a tag its instances carry or by instance ID, so no maintenance window patches it; the bronze profile patches every workload at least every 7 days", f.Message)
	f = status(workloadStack{mutate: rhel, env: func(a *TierEnvironmentArgs) { a.OperatingSystems = []string{OSAmazonLinux2023, OSRHEL9} }}, "PCLZ-AWS-AUD-009")
	assert.Equal(t, policy.StatusPass, f.Status, f.Message)
	assert.Contains(t, f.Message, "by tag Patch Group=bronze-rhel-9")
	f = status(workloadStack{}, "PCLZ-AWS-AUD-010")
	assert.Equal(t, policy.StatusPass, f.Status, f.Message)
	assert.Equal(t, "scanned by Amazon Inspector: enabler pos-bronze-inspector enables EC2 scanning", f.Message)
}

// TestWorkloadCallerProvider: a workload given the caller's provider for a member account builds no
// provider of its own, creates every child through the caller's, trusts the instance role for that
// account only, and tags every child itself.
func TestWorkloadCallerProvider(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c := lztest.New(lztest.Options{Stack: "pos"})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		gp, err := aws.NewProvider(ctx, "gold-account", &aws.ProviderArgs{
			Region:     pulumi.String("eu-west-2"),
			AssumeRole: &aws.ProviderAssumeRoleArgs{RoleArn: pulumi.String("arn:aws:iam::" + goldAccount + ":role/landing-zone-deployer")},
		})
		if err != nil {
			return err
		}
		args := &WorkloadArgs{
			Region: "eu-west-2", Profile: st.Profile,
			Environment: TierEnvironmentRef{
				VpcID: pulumi.String("vpc-0a1b2c3d4e5f60718"), WorkloadSubnetIDs: pulumi.ToStringArray([]string{"subnet-0a", "subnet-0b"}),
				WorkloadSecurityGroupID: pulumi.String("sg-0a1b2c3d4e5f60718"), DataKeyARN: pulumi.String("arn:aws:kms:eu-west-2:" + goldAccount + ":key/x"),
			},
			InstanceType: "m7i.large", ImageID: "ami-0123abcd", MinSize: 2, MaxSize: 2,
			Database: &Database{Engine: "postgres", EngineVersion: "16", InstanceClass: "db.t4g.medium", AllocatedStorage: 20},
			Tags:     st.Tags(),
		}
		w, err := NewWorkload(ctx, "app", args, pulumi.Provider(gp))
		if err != nil {
			return err
		}
		assert.Equal(t, gp, w.Provider)
		return nil
	}))
	provs := c.Find("pulumi:providers:aws")
	require.Len(t, provs, 1, "the workload built no provider of its own")
	assert.Empty(t, c.ResourcesNotUsing(provs[0].URN), "every child through the caller's provider")
	role := c.Find("aws:iam/role:Role")
	require.Len(t, role, 1)
	trust, _ := policy.Str(role[0].Get("assumeRolePolicy"))
	assert.Contains(t, trust, `"aws:SourceAccount":"`+goldAccount+`"`)
	var custom int
	for _, r := range c.Resources() {
		if strings.HasPrefix(r.Type, "aws:") {
			custom++
			if r.Get("tags").IsNull() || r.Type == "aws:autoscaling/group:Group" {
				continue // IAM attachments take no tags; the group's are a list, checked by TestWorkloadResources
			}
			for _, k := range requiredTags {
				v, _ := policy.Str(r.Get("tags", k))
				assert.Equal(t, st.Tags()[k], v, "%s %s tag %s", r.Type, r.Name, k)
			}
		}
	}
	assert.Equal(t, 8, custom, "role, attachment, instance profile, launch template, group, subnet group, parameter group, database")
}

// TestWorkloadArgumentErrors pins each argument error word for word; invalid arguments register
// nothing.
func TestWorkloadArgumentErrors(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	valid := func() *WorkloadArgs {
		return &WorkloadArgs{
			Region: "eu-west-2", Profile: st.Profile,
			Environment: TierEnvironmentRef{
				VpcID: pulumi.String("vpc-1"), WorkloadSubnetIDs: pulumi.ToStringArray([]string{"subnet-1"}),
				WorkloadSecurityGroupID: pulumi.String("sg-1"), DataKeyARN: pulumi.String("arn:aws:kms:eu-west-2:1:key/x"),
			},
			InstanceType: "m7i.large", ImageID: "ami-0123456789abcdef0", MinSize: 2, MaxSize: 4,
			Database: &Database{Engine: "postgres", EngineVersion: "16.4", InstanceClass: "db.m7g.large", AllocatedStorage: 100},
			Tags:     st.Tags(),
		}
	}
	require.NoError(t, valid().validate())
	tests := []struct {
		name   string
		mutate func(*WorkloadArgs)
		want   string
	}{
		{"outside London", func(a *WorkloadArgs) { a.Region = "us-east-1" }, `Region: "us-east-1" is not an allowed region: allowed eu-west-2 (London)`},
		{"unknown tier", func(a *WorkloadArgs) { a.Profile.Tier = "silver" }, `Profile.Tier: "silver" is not a tier: allowed platinum, gold, bronze (tier.ProfileFor)`},
		{"fewer zones", func(a *WorkloadArgs) { a.Profile.AvailabilityZones = 1 }, `Profile.AvailabilityZones: "1" is fewer than the gold tier's: allowed 2 or more`},
		{"no environment", func(a *WorkloadArgs) { a.Environment.DataKeyARN = nil },
			"Environment: VpcID, WorkloadSubnetIDs, WorkloadSecurityGroupID and DataKeyARN are required: allowed the tier environment's outputs"},
		{"instance type", func(a *WorkloadArgs) { a.InstanceType = "large" }, `InstanceType: "large" is not an EC2 instance type: allowed family.size, for example m7i.large`},
		{"image", func(a *WorkloadArgs) { a.ImageID = "ami-xyz" }, `ImageID: "ami-xyz" is not an AMI ID: allowed ami- and 8 or 17 hexadecimal digits`},
		{"root device", func(a *WorkloadArgs) { a.RootDeviceName = "C:" }, `RootDeviceName: "C:" is not a device name: allowed "" (/dev/xvda), /dev/xvd*, /dev/sd* or /dev/nvme*`},
		{"no instances", func(a *WorkloadArgs) { a.MinSize = 0 }, `MinSize: "0" is out of range: allowed 1 or more`},
		{"max below min", func(a *WorkloadArgs) { a.MaxSize = 1 }, `MaxSize: "1" is out of range: allowed MinSize (2) to 100`},
		{"max too large", func(a *WorkloadArgs) { a.MaxSize = 101 }, `MaxSize: "101" is out of range: allowed MinSize (2) to 100`},
		{"desired above max", func(a *WorkloadArgs) { a.DesiredCapacity = 5 }, `DesiredCapacity: "5" is out of range: allowed 0 (MinSize) or MinSize (2) to MaxSize (4)`},
		{"engine", func(a *WorkloadArgs) { a.Database.Engine = "oracle-ee" }, `Database.Engine: "oracle-ee" is not a supported engine: allowed mysql, postgres`},
		{"postgres version", func(a *WorkloadArgs) { a.Database.EngineVersion = "latest" }, `Database.EngineVersion: "latest" is not a postgres version: allowed major[.minor], for example 16.4`},
		{"mysql version", func(a *WorkloadArgs) { a.Database.Engine = "mysql"; a.Database.EngineVersion = "8" },
			`Database.EngineVersion: "8" is not a mysql version: allowed major.minor[.patch], for example 8.0.39`},
		{"instance class", func(a *WorkloadArgs) { a.Database.InstanceClass = "m7g.large" }, `Database.InstanceClass: "m7g.large" is not an RDS instance class: allowed db.family.size, for example db.m7g.large`},
		{"storage", func(a *WorkloadArgs) { a.Database.AllocatedStorage = 10 }, `Database.AllocatedStorage: "10" is out of range: allowed 20 to 65536 GiB`},
		{"operating system", func(a *WorkloadArgs) { a.OperatingSystem = "ubuntu" }, `OperatingSystem: "ubuntu" is not a supported operating system family: allowed amazon-linux-2023, rhel-9, windows`},
		{"windows without internet", func(a *WorkloadArgs) { a.Profile = tier.MustProfile(tier.Bronze); a.OperatingSystem = OSWindows },
			`OperatingSystem: "windows" cannot be patched from the bronze tier's internal patch repository (the tier has no internet): allowed amazon-linux-2023, rhel-9`},
		{"tags", func(a *WorkloadArgs) { delete(a.Tags, "Owner") },
			`Tags: "Owner" is missing or empty: allowed a non-empty value (every resource carries Force, Tier, Classification, Owner, ManagedBy)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := valid()
			tt.mutate(a)
			c := mockcloud.New(mockcloud.Options{})
			err := c.Run(func(ctx *pulumi.Context) error {
				_, err := NewWorkload(ctx, "app", a)
				return err
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "awslz.NewWorkload app: invalid arguments:\n"+tt.want+"\n")
			assert.EqualError(t, a.validate(), tt.want)
			assert.Empty(t, c.Resources(), "nothing registered")
		})
	}
	t.Run("every problem at once", func(t *testing.T) {
		a := valid()
		a.ImageID, a.MinSize = "", 0
		err := a.validate()
		assert.EqualError(t, err, "ImageID: is not an AMI ID: allowed ami- and 8 or 17 hexadecimal digits\nMinSize: \"0\" is out of range: allowed 1 or more")
	})
	t.Run("nil args", func(t *testing.T) {
		c := mockcloud.New(mockcloud.Options{})
		err := c.Run(func(ctx *pulumi.Context) error { _, err := NewWorkload(ctx, "app", nil); return err })
		assert.ErrorContains(t, err, "awslz.NewWorkload: args are required")
	})
}

// TestCheckWorkload: CheckWorkload validates everything but Environment, which a stack program fills in
// later, and reports the same problems NewWorkload would.
func TestCheckWorkload(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	args := &WorkloadArgs{Region: "eu-west-2", Profile: st.Profile, InstanceType: "m7i.large", ImageID: "ami-0123456789abcdef0",
		MinSize: 2, MaxSize: 4, Tags: st.Tags()}
	require.NoError(t, CheckWorkload(args))
	assert.Nil(t, args.Environment.VpcID, "the caller's arguments are left as they were")
	args.ImageID = "ami-xyz"
	assert.EqualError(t, CheckWorkload(args), `ImageID: "ami-xyz" is not an AMI ID: allowed ami- and 8 or 17 hexadecimal digits`)
}
