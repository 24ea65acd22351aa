package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/accessanalyzer"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cfg"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ebs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/guardduty"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/securityhub"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// securityHubStandards are the Security Hub standards the foundation subscribes to.
var securityHubStandards = map[string]string{
	"fsbp": "standards/aws-foundational-security-best-practices/v/1.0.0",
	"cis":  "standards/cis-aws-foundations-benchmark/v/3.0.0",
}

// newGuardServices turns on the account's detective and preventive guard rails.
func newGuardServices(ctx *pulumi.Context, c child, name string, a account, _ *FoundationArgs, keys *foundationKeys, au *audit) error {
	if _, err := guardduty.NewDetector(ctx, name+"-guardduty", &guardduty.DetectorArgs{
		Enable:                     pulumi.Bool(true),
		FindingPublishingFrequency: pulumi.String("FIFTEEN_MINUTES"),
		Tags:                       c.tagged(name + "-guardduty"),
	}, c.opts()...); err != nil {
		return err
	}
	hub, err := securityhub.NewAccount(ctx, name+"-securityhub", &securityhub.AccountArgs{
		EnableDefaultStandards: pulumi.Bool(false),
		AutoEnableControls:     pulumi.Bool(true),
	}, c.opts()...)
	if err != nil {
		return err
	}
	for _, key := range []string{"fsbp", "cis"} {
		if _, err := securityhub.NewStandardsSubscription(ctx, name+"-securityhub-"+key, &securityhub.StandardsSubscriptionArgs{
			StandardsArn: pulumi.String("arn:" + partition + ":securityhub:" + a.region + "::" + securityHubStandards[key]),
		}, c.opts(pulumi.DependsOn([]pulumi.Resource{hub}))...); err != nil {
			return err
		}
	}
	configRole, err := iam.NewRole(ctx, name+"-config-role", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(policyJSON(map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole",
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": a.id}},
		})),
		Tags: c.tagged(name + "-config-role"),
	}, c.opts()...)
	if err != nil {
		return err
	}
	if _, err := iam.NewRolePolicyAttachment(ctx, name+"-config-role-managed", &iam.RolePolicyAttachmentArgs{
		Role:      configRole.Name,
		PolicyArn: pulumi.String("arn:" + partition + ":iam::aws:policy/service-role/AWS_ConfigRole"),
	}, c.opts()...); err != nil {
		return err
	}
	recorder, err := cfg.NewRecorder(ctx, name+"-config", &cfg.RecorderArgs{
		RoleArn: configRole.Arn,
		RecordingGroup: &cfg.RecorderRecordingGroupArgs{
			AllSupported:               pulumi.Bool(true),
			IncludeGlobalResourceTypes: pulumi.Bool(true),
		},
	}, c.opts()...)
	if err != nil {
		return err
	}
	channel, err := cfg.NewDeliveryChannel(ctx, name+"-config-delivery", &cfg.DeliveryChannelArgs{
		S3BucketName: au.bucket.Bucket,
		S3KeyPrefix:  pulumi.String("config"),
		S3KmsKeyArn:  keys.audit.Arn,
		SnapshotDeliveryProperties: &cfg.DeliveryChannelSnapshotDeliveryPropertiesArgs{
			DeliveryFrequency: pulumi.String("Six_Hours"),
		},
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{recorder}))...)
	if err != nil {
		return err
	}
	if _, err := cfg.NewRecorderStatus(ctx, name+"-config-status", &cfg.RecorderStatusArgs{
		Name:      recorder.Name,
		IsEnabled: pulumi.Bool(true),
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{channel}))...); err != nil {
		return err
	}
	if _, err := accessanalyzer.NewAnalyzer(ctx, name+"-access-analyzer", &accessanalyzer.AnalyzerArgs{
		AnalyzerName: pulumi.String(name + "-access-analyzer"),
		Type:         pulumi.String("ACCOUNT"),
		Tags:         c.tagged(name + "-access-analyzer"),
	}, c.opts()...); err != nil {
		return err
	}
	if err := newInspector(ctx, c, name); err != nil {
		return err
	}
	if _, err := ebs.NewEncryptionByDefault(ctx, name+"-ebs-encryption", &ebs.EncryptionByDefaultArgs{
		Enabled: pulumi.Bool(true),
	}, c.opts()...); err != nil {
		return err
	}
	if _, err := ebs.NewDefaultKmsKey(ctx, name+"-ebs-key", &ebs.DefaultKmsKeyArgs{KeyArn: keys.data.Arn}, c.opts()...); err != nil {
		return err
	}
	if _, err := s3.NewAccountPublicAccessBlock(ctx, name+"-s3-public-access", &s3.AccountPublicAccessBlockArgs{
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, c.opts()...); err != nil {
		return err
	}
	_, err = iam.NewAccountPasswordPolicy(ctx, name+"-password-policy", &iam.AccountPasswordPolicyArgs{
		MinimumPasswordLength:      pulumi.Int(14),
		RequireLowercaseCharacters: pulumi.Bool(true),
		RequireUppercaseCharacters: pulumi.Bool(true),
		RequireNumbers:             pulumi.Bool(true),
		RequireSymbols:             pulumi.Bool(true),
		AllowUsersToChangePassword: pulumi.Bool(true),
		PasswordReusePrevention:    pulumi.Int(24),
		MaxPasswordAge:             pulumi.Int(90),
		HardExpiry:                 pulumi.Bool(false),
	}, c.opts()...)
	return err
}
