// Package e2e is the real-engine end-to-end harness (the tests behind `//go:build e2e`, run by
// `make e2e`; see docs/e2e.md) and the small inline programs it runs beside the eight stacks: a compliant
// baseline and one deliberately non-compliant variant per mission pack (region, encryption, isolation).
//
// The variants are plain Pulumi programs so that the same program is checked twice: offline under the
// mock cloud (variants_test.go, in every `go test`) and under the real engine with the policy pack
// (e2e_test.go), and both must name exactly the rule IDs in Want.
package e2e

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/stackctx"
)

// Variant is a small inline program run under one stack's landing-zone configuration.
type Variant struct {
	// Name is the variant's stack name (unique in the e2e backend).
	Name string
	// ConfigStack is the stack whose Pulumi.<stack>.yaml configuration the variant runs under.
	ConfigStack string
	// Program registers the variant's resources.
	Program pulumi.RunFunc
	// Want are the mandatory rule IDs the variant must fail, sorted; empty for a compliant baseline.
	Want []string
	// Faulty is the logical name of the resource at fault (the one to change), "" for a baseline.
	Faulty string
	// AfterCreate says that only a stack rule judges the fault: the engine runs stack rules after an
	// update's steps, so an `up` without a preview creates Faulty before it is refused. When false, a
	// resource rule (a stack rule's resource-level twin, or a resource rule of its own) refuses Faulty
	// before the engine creates it.
	AfterCreate bool
}

// Variants are the compliant baselines, one non-compliant variant per mission pack, and one variant per
// resource-level twin of a stack rule (e2e-twin-*), whose fault `up` must refuse before it is created.
func Variants() []Variant {
	return append([]Variant{
		{Name: "e2e-baseline-bucket", ConfigStack: "pos-gold", Program: bucketProgram(bucketOptions{})},
		{
			Name: "e2e-region-us-east-1", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{region: "us-east-1"}),
			Want:    []string{"PCLZ-AWS-REG-001", "PCLZ-AWS-REG-002"},
			Faulty:  "aws", // the us-east-1 provider
		},
		{
			Name: "e2e-encryption-no-cmk", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{noCMK: true}),
			Want:    []string{"PCLZ-AWS-ENC-001"},
			// AES256 is allowed on a server access log target, which only the stack shows.
			Faulty: "bucket-encryption", AfterCreate: true,
		},
		{Name: "e2e-baseline-bronze-routes", ConfigStack: "pos-bronze", Program: bronzeRoutesProgram("")},
		{
			Name: "e2e-isolation-bronze-default-route", ConfigStack: "pos-bronze",
			Program: bronzeRoutesProgram("0.0.0.0/0"),
			Want:    []string{"PCLZ-AWS-NET-009", "PCLZ-AWS-NET-014"},
			Faulty:  "bronze-out",
		},
		{
			Name: "e2e-twin-sse-aws-managed-key", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{awsManagedKey: true}),
			Want:    []string{"PCLZ-AWS-ENC-018"},
			Faulty:  "bucket-encryption",
		},
		{
			Name: "e2e-twin-public-access-block-open", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{publicPolicyAllowed: true}),
			Want:    []string{"PCLZ-AWS-NET-015"},
			Faulty:  "bucket-public-access",
		},
		{
			Name: "e2e-twin-access-key", ConfigStack: "pos-gold",
			Program: bucketProgram(bucketOptions{accessKey: true}),
			Want:    []string{"PCLZ-AWS-IAM-004"},
			Faulty:  "ci-key",
		},
	}, twinVariants()...)
}

// UnprotectedBucket is the baseline bucket program with nothing protected (breaking PCLZ-COM-RES-001 in
// a Platinum or Gold stack): `destroy` removes it. The harness uses it to prove that its destroy check
// fails when a protected resource becomes deletable.
func UnprotectedBucket() pulumi.RunFunc { return bucketProgram(bucketOptions{unprotected: true}) }

type bucketOptions struct {
	region      string // provider region; "" is eu-west-2
	noCMK       bool   // encrypt with S3-managed keys (AES256) instead of the customer key
	unprotected bool   // protect nothing, whatever the tier profile says
	// awsManagedKey encrypts with aws:kms and no kmsMasterKeyId (the AWS-managed aws/s3 key).
	awsManagedKey bool
	// publicPolicyAllowed leaves blockPublicPolicy false on the bucket's public access block.
	publicPolicyAllowed bool
	// accessKey adds an IAM access key for a user outside the program.
	accessKey bool
	// multiRegionKey makes the KMS key a multi-region primary.
	multiRegionKey bool
	// lockMode, when set, is the vault lock mode instead of the tier profile's.
	lockMode tier.VaultLock
	// extra registers more resources after the bucket's (variants_twins.go).
	extra func(ctx *pulumi.Context, key *kms.Key, opts []pulumi.ResourceOption) error
}

// provider returns the explicit AWS provider every variant uses, with the required default tags.
func provider(ctx *pulumi.Context, region string) (*aws.Provider, error) {
	if region == "" {
		region = "eu-west-2"
	}
	tierTag := "Platinum" // a foundation is held to the platinum profile
	if t, ok := ctx.GetConfig("landingzone:tier"); ok && t != "" {
		tierTag = strings.ToUpper(t[:1]) + t[1:]
	}
	return aws.NewProvider(ctx, "aws", &aws.ProviderArgs{
		Region: pulumi.String(region),
		// The account the variants stand for, so that rules that compare accounts (a backup's second
		// copy in another account) can tell.
		AllowedAccountIds: pulumi.ToStringArray([]string{variantAccount}),
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.StringMap{
			"Force":          pulumi.String("HO"),
			"Tier":           pulumi.String(tierTag),
			"Classification": pulumi.String("OFFICIAL"),
			"Owner":          pulumi.String("cloud-platform@homeoffice.police.uk"),
			"ManagedBy":      pulumi.String("pulumi"),
		}},
	})
}

// bucketProgram registers a KMS key and one S3 bucket with its settings.
func bucketProgram(o bucketOptions) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		p, err := provider(ctx, o.region)
		if err != nil {
			return err
		}
		opts := []pulumi.ResourceOption{pulumi.Provider(p)}
		stateful, err := statefulOpts(ctx, opts, o.unprotected)
		if err != nil {
			return err
		}
		key, err := kms.NewKey(ctx, "key", &kms.KeyArgs{
			Description:          pulumi.String("e2e bucket key"),
			EnableKeyRotation:    pulumi.Bool(true),
			DeletionWindowInDays: pulumi.Int(30),
			MultiRegion:          pulumi.Bool(o.multiRegionKey),
		}, stateful...)
		if err != nil {
			return err
		}
		if err := backups(ctx, key, opts, o.unprotected, o.lockMode); err != nil {
			return err
		}
		b, err := s3.NewBucketV2(ctx, "bucket", &s3.BucketV2Args{
			ObjectLockEnabled: pulumi.Bool(true),
			ForceDestroy:      pulumi.Bool(false),
		}, stateful...)
		if err != nil {
			return err
		}
		if _, err := s3.NewBucketOwnershipControls(ctx, "bucket-ownership", &s3.BucketOwnershipControlsArgs{
			Bucket: b.ID(),
			Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
		}, opts...); err != nil {
			return err
		}
		pab, err := s3.NewBucketPublicAccessBlock(ctx, "bucket-public-access", &s3.BucketPublicAccessBlockArgs{
			Bucket:                b.ID(),
			BlockPublicAcls:       pulumi.Bool(true),
			BlockPublicPolicy:     pulumi.Bool(!o.publicPolicyAllowed),
			IgnorePublicAcls:      pulumi.Bool(true),
			RestrictPublicBuckets: pulumi.Bool(true),
		}, opts...)
		if err != nil {
			return err
		}
		versioning, err := s3.NewBucketVersioningV2(ctx, "bucket-versioning", &s3.BucketVersioningV2Args{
			Bucket:                  b.ID(),
			VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
		}, opts...)
		if err != nil {
			return err
		}
		sse := &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
			SseAlgorithm:   pulumi.String("aws:kms"),
			KmsMasterKeyId: key.Arn,
		}
		bucketKey := pulumi.BoolPtr(true)
		if o.awsManagedKey {
			sse = &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{SseAlgorithm: pulumi.String("aws:kms")}
		}
		if o.noCMK {
			sse = &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{SseAlgorithm: pulumi.String("AES256")}
			bucketKey = pulumi.BoolPtr(false)
		}
		if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, "bucket-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
			Bucket: b.ID(),
			Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
				ApplyServerSideEncryptionByDefault: sse,
				BucketKeyEnabled:                   bucketKey,
			}},
		}, opts...); err != nil {
			return err
		}
		if _, err := s3.NewBucketObjectLockConfigurationV2(ctx, "bucket-object-lock", &s3.BucketObjectLockConfigurationV2Args{
			Bucket: b.ID(),
			Rule: &s3.BucketObjectLockConfigurationV2RuleArgs{DefaultRetention: &s3.BucketObjectLockConfigurationV2RuleDefaultRetentionArgs{
				Mode: pulumi.String("COMPLIANCE"), Days: pulumi.IntPtr(400),
			}},
		}, append([]pulumi.ResourceOption{pulumi.DependsOn([]pulumi.Resource{versioning})}, opts...)...); err != nil {
			return err
		}
		doc := b.Arn.ApplyT(func(arn string) (string, error) {
			out, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []map[string]any{{
				"Sid":       "DenyInsecureTransport",
				"Effect":    "Deny",
				"Principal": "*",
				"Action":    "s3:*",
				"Resource":  []string{arn, arn + "/*"},
				"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
			}}})
			return string(out), err
		}).(pulumi.StringOutput)
		if _, err := s3.NewBucketPolicy(ctx, "bucket-policy", &s3.BucketPolicyArgs{
			Bucket: b.ID(),
			Policy: doc,
		}, append([]pulumi.ResourceOption{pulumi.DependsOn([]pulumi.Resource{pab})}, opts...)...); err != nil {
			return err
		}
		if o.extra != nil {
			if err := o.extra(ctx, key, opts); err != nil {
				return err
			}
		}
		if o.accessKey {
			if _, err := iam.NewAccessKey(ctx, "ci-key", &iam.AccessKeyArgs{User: pulumi.String("ci")}, opts...); err != nil {
				return err
			}
		}
		ctx.Export("bucket", b.ID())
		return nil
	}
}

// bronzeRoutesProgram registers a Bronze route table (of a VPC outside the program) that routes only
// within the stack's planned Bronze range; extraRoute, when set, adds a route to that range through a
// transit gateway.
func bronzeRoutesProgram(extraRoute string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		st, err := stackctx.Load(ctx)
		if err != nil {
			return err
		}
		bronze, ok := st.Plan.TierRange(tier.Bronze)
		if !ok {
			return fmt.Errorf("stack %s plans no bronze range", ctx.Stack())
		}
		p, err := provider(ctx, "")
		if err != nil {
			return err
		}
		opts := []pulumi.ResourceOption{pulumi.Provider(p)}
		stateful, err := statefulOpts(ctx, opts, false)
		if err != nil {
			return err
		}
		key, err := kms.NewKey(ctx, "key", &kms.KeyArgs{
			Description:          pulumi.String("e2e backup key"),
			EnableKeyRotation:    pulumi.Bool(true),
			DeletionWindowInDays: pulumi.Int(30),
		}, stateful...)
		if err != nil {
			return err
		}
		if err := backups(ctx, key, opts, false, ""); err != nil {
			return err
		}
		// The route table routes within the Bronze range only: one route to it through the transit gateway.
		rt, err := ec2.NewRouteTable(ctx, "bronze-private", &ec2.RouteTableArgs{
			VpcId: pulumi.String("vpc-0123456789abcdef0"),
			Routes: ec2.RouteTableRouteArray{&ec2.RouteTableRouteArgs{
				CidrBlock:        pulumi.String(bronze.CIDR.String()),
				TransitGatewayId: pulumi.String("tgw-0123456789abcdef0"),
			}},
		}, opts...)
		if err != nil {
			return err
		}
		if extraRoute != "" {
			if _, err := ec2.NewRoute(ctx, "bronze-out", &ec2.RouteArgs{
				RouteTableId:         rt.ID(),
				DestinationCidrBlock: pulumi.String(extraRoute),
				TransitGatewayId:     pulumi.String("tgw-0123456789abcdef0"),
			}, opts...); err != nil {
				return err
			}
		}
		ctx.Export("routeTable", rt.ID())
		return nil
	}
}

// statefulOpts returns opts plus protect and retain-on-delete as the stack's tier profile requires for
// stateful resources (a foundation is held to the platinum profile); unprotected drops protect.
func statefulOpts(ctx *pulumi.Context, opts []pulumi.ResourceOption, unprotected bool) ([]pulumi.ResourceOption, error) {
	st, err := stackctx.Load(ctx)
	if err != nil {
		return nil, err
	}
	profile := tier.MustProfile(tier.Platinum)
	if st.Role != config.RoleFoundation {
		if profile, err = tier.ProfileFor(st.Tier); err != nil {
			return nil, err
		}
	}
	return append([]pulumi.ResourceOption{
		pulumi.Protect(profile.ProtectStateful && !unprotected),
		pulumi.RetainOnDelete(profile.RetainStatefulOnDelete),
	}, opts...), nil
}

// variantAccount is the AWS account the variants run in; variantBackupAccount keeps their backups'
// second copy.
const (
	variantAccount       = "123456789012"
	variantBackupAccount = "444455556666"
)

// backups registers what a tier stack must have whatever else it holds: an AWS Backup vault under the
// customer key, locked in the tier's mode for the tier's retention, and a plan on the tier's schedule and
// retention that copies to a vault in the backup account, with a selection, and weekly restore tests. A foundation stack needs none. unprotected drops protect from the vault; lockMode, when
// set, locks the vault in that mode instead of the profile's.
func backups(ctx *pulumi.Context, key *kms.Key, opts []pulumi.ResourceOption, unprotected bool, lockMode tier.VaultLock) error {
	st, err := stackctx.Load(ctx)
	if err != nil {
		return err
	}
	pctx := stackctx.FromStack(st)
	if !pctx.HasTier() || st.Role == config.RoleFoundation {
		return nil
	}
	b := pctx.Profile.Backup
	stateful, err := statefulOpts(ctx, opts, unprotected)
	if err != nil {
		return err
	}
	vault, err := backup.NewVault(ctx, "backup-vault", &backup.VaultArgs{KmsKeyArn: key.Arn}, stateful...)
	if err != nil {
		return err
	}
	lock := &backup.VaultLockConfigurationArgs{BackupVaultName: vault.Name, MinRetentionDays: pulumi.Int(b.RetentionDays)}
	if lockMode == "" {
		lockMode = b.VaultLock
	}
	if lockMode == tier.VaultLockCompliance {
		lock.ChangeableForDays = pulumi.Int(3)
	}
	if _, err := backup.NewVaultLockConfiguration(ctx, "backup-vault-lock", lock, opts...); err != nil {
		return err
	}
	schedule := map[tier.BackupFrequency]string{
		tier.BackupEvery4Hours: "cron(0 */4 * * ? *)",
		tier.BackupDaily:       "cron(0 1 * * ? *)",
		tier.BackupWeekly:      "cron(0 1 ? * SUN *)",
	}[b.Frequency]
	lifecycle := &backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(b.RetentionDays)}
	if b.ArchiveAfterDays > 0 {
		lifecycle.ColdStorageAfter = pulumi.Int(b.ArchiveAfterDays)
		lifecycle.DeleteAfter = pulumi.Int(max(b.RetentionDays, b.ArchiveAfterDays+90))
	}
	plan, err := backup.NewPlan(ctx, "backup-plan", &backup.PlanArgs{Rules: backup.PlanRuleArray{&backup.PlanRuleArgs{
		RuleName:        pulumi.String("scheduled"),
		TargetVaultName: vault.Name,
		Schedule:        pulumi.String(schedule),
		Lifecycle:       lifecycle,
		CopyActions: backup.PlanRuleCopyActionArray{&backup.PlanRuleCopyActionArgs{
			DestinationVaultArn: pulumi.String("arn:aws:backup:" + b.SecondCopy.AWSRegion + ":" + variantBackupAccount + ":backup-vault:second-copy"),
			Lifecycle:           &backup.PlanRuleCopyActionLifecycleArgs{DeleteAfter: pulumi.Int(b.SecondCopy.RetentionDays)},
		}},
	}}}, opts...)
	if err != nil {
		return err
	}
	if _, err = backup.NewSelection(ctx, "backup-selection", &backup.SelectionArgs{
		PlanId:     plan.ID(),
		IamRoleArn: pulumi.String("arn:aws:iam::123456789012:role/backup"),
		Resources:  pulumi.StringArray{pulumi.String("*")},
	}, opts...); err != nil {
		return err
	}
	// Restores are tested weekly, which every tier's cadence allows.
	testing, err := backup.NewRestoreTestingPlan(ctx, "restore-testing", &backup.RestoreTestingPlanArgs{
		Name:               pulumi.String("restore_testing"),
		ScheduleExpression: pulumi.String("cron(0 3 ? * MON *)"),
		RecoveryPointSelection: &backup.RestoreTestingPlanRecoveryPointSelectionArgs{
			Algorithm: pulumi.String("LATEST_WITHIN_WINDOW"), IncludeVaults: pulumi.StringArray{vault.Arn},
			RecoveryPointTypes: pulumi.ToStringArray([]string{"SNAPSHOT"}),
		},
	}, opts...)
	if err != nil {
		return err
	}
	_, err = backup.NewRestoreTestingSelection(ctx, "restore-testing-ec2", &backup.RestoreTestingSelectionArgs{
		Name: pulumi.String("restore_testing_ec2"), RestoreTestingPlanName: testing.Name, ProtectedResourceType: pulumi.String("EC2"),
		IamRoleArn: pulumi.String("arn:aws:iam::123456789012:role/backup"), ProtectedResourceArns: pulumi.ToStringArray([]string{"*"}),
	}, opts...)
	return err
}
