package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudtrail"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// auditArchiveAfterDays is when audit logs move to archive storage.
const auditArchiveAfterDays = 90

// audit is the foundation's audit trail: archive bucket, its access-log bucket, CloudTrail to the
// archive and to CloudWatch Logs, and the break-glass role with an alarm on its use.
type audit struct {
	bucket, accessLogs *s3.BucketV2
	trail              *cloudtrail.Trail
	trailLogs          *cloudwatch.LogGroup
	breakGlass         *iam.Role
}

func newAudit(ctx *pulumi.Context, c child, name string, a account, args *FoundationArgs, keys *foundationKeys) (*audit, error) {
	var out audit
	var err error
	if out.accessLogs, err = newAccessLogBucket(ctx, c, name+"-access-logs", a.id); err != nil {
		return nil, err
	}
	trailName := name + "-trail"
	trailARN := "arn:" + partition + ":cloudtrail:" + a.region + ":" + a.id + ":trail/" + trailName
	if out.bucket, err = newBucket(ctx, c, bucketSpec{
		name: name + "-audit", purpose: "audit", keyARN: keys.audit.Arn,
		lockDays: c.profile.LogRetentionDays, logBucket: out.accessLogs.ID(), archiveAfterDays: auditArchiveAfterDays,
		statements: func(arn string) []map[string]any {
			source := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": a.id}}
			return []map[string]any{
				{"Sid": "CloudTrailChecksAcl", "Effect": "Allow", "Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
					"Action": "s3:GetBucketAcl", "Resource": arn,
					"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceArn": trailARN}}},
				{"Sid": "CloudTrailWrites", "Effect": "Allow", "Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
					"Action": "s3:PutObject", "Resource": arn + "/AWSLogs/" + a.id + "/*",
					"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceArn": trailARN, "s3:x-amz-acl": "bucket-owner-full-control"}}},
				{"Sid": "ConfigChecksAcl", "Effect": "Allow", "Principal": map[string]any{"Service": "config.amazonaws.com"},
					"Action": []string{"s3:GetBucketAcl", "s3:ListBucket"}, "Resource": arn, "Condition": source},
				{"Sid": "ConfigWrites", "Effect": "Allow", "Principal": map[string]any{"Service": "config.amazonaws.com"},
					"Action": "s3:PutObject", "Resource": arn + "/config/AWSLogs/" + a.id + "/*", "Condition": source},
			}
		},
	}); err != nil {
		return nil, err
	}
	if out.trailLogs, err = cloudwatch.NewLogGroup(ctx, name+"-trail-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(c.logRetentionDays()),
		KmsKeyId:        keys.logs.Arn,
		Tags:            c.tagged(name + "-trail-logs"),
	}, c.stateful()...); err != nil {
		return nil, err
	}
	trailRole, err := iam.NewRole(ctx, name+"-trail-role", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(policyJSON(map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole",
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": a.id}},
		})),
		Tags: c.tagged(name + "-trail-role"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-trail-role-logs", &iam.RolePolicyArgs{
		Role: trailRole.ID(),
		Policy: policyOutput(func(v []any) []map[string]any {
			return []map[string]any{{"Effect": "Allow", "Action": []string{"logs:CreateLogStream", "logs:PutLogEvents"},
				"Resource": v[0].(string) + ":log-stream:*"}}
		}, out.trailLogs.Arn),
	}, c.opts()...); err != nil {
		return nil, err
	}
	if out.trail, err = cloudtrail.NewTrail(ctx, trailName, &cloudtrail.TrailArgs{
		Name:                       pulumi.String(trailName),
		S3BucketName:               out.bucket.Bucket,
		IsMultiRegionTrail:         pulumi.Bool(true),
		IncludeGlobalServiceEvents: pulumi.Bool(true),
		EnableLogFileValidation:    pulumi.Bool(true),
		EnableLogging:              pulumi.Bool(true),
		KmsKeyId:                   keys.audit.Arn,
		CloudWatchLogsGroupArn:     pulumi.Sprintf("%s:*", out.trailLogs.Arn),
		CloudWatchLogsRoleArn:      trailRole.Arn,
		Tags:                       c.tagged(trailName),
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{out.bucket}))...); err != nil {
		return nil, err
	}
	if out.breakGlass, err = newBreakGlass(ctx, c, name, a, keys, out.trailLogs); err != nil {
		return nil, err
	}
	return &out, nil
}

// newBreakGlass creates the emergency administrator role: assumable by the account's administrators
// with MFA only, tagged BreakGlass=true, with a CloudWatch alarm (to an encrypted SNS topic) whenever it
// is assumed.
func newBreakGlass(ctx *pulumi.Context, c child, name string, a account, keys *foundationKeys, trailLogs *cloudwatch.LogGroup) (*iam.Role, error) {
	roleName := name + "-break-glass"
	role, err := iam.NewRole(ctx, roleName, &iam.RoleArgs{
		Name:               pulumi.String(roleName),
		MaxSessionDuration: pulumi.Int(3600),
		AssumeRolePolicy: pulumi.String(policyJSON(map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"AWS": a.root()}, "Action": "sts:AssumeRole",
			"Condition": map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}},
		})),
		Tags: c.tagged(roleName, "BreakGlass", "true"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	if _, err := iam.NewRolePolicyAttachment(ctx, roleName+"-admin", &iam.RolePolicyAttachmentArgs{
		Role:      role.Name,
		PolicyArn: pulumi.String("arn:" + partition + ":iam::aws:policy/AdministratorAccess"),
	}, c.opts()...); err != nil {
		return nil, err
	}
	topic, err := sns.NewTopic(ctx, roleName+"-alerts", &sns.TopicArgs{
		KmsMasterKeyId: keys.logs.Arn,
		Tags:           c.tagged(roleName + "-alerts"),
	}, c.opts()...)
	if err != nil {
		return nil, err
	}
	if _, err := sns.NewTopicPolicy(ctx, roleName+"-alerts-policy", &sns.TopicPolicyArgs{
		Arn: topic.Arn,
		Policy: policyOutput(func(v []any) []map[string]any {
			return []map[string]any{{"Sid": "CloudWatchAlarmsPublish", "Effect": "Allow",
				"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish", "Resource": v[0].(string),
				"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": a.id}}}}
		}, topic.Arn),
	}, c.opts()...); err != nil {
		return nil, err
	}
	const metric = "BreakGlassRoleAssumed"
	namespace := "PoliceCloud/" + name
	if _, err := cloudwatch.NewLogMetricFilter(ctx, roleName+"-assumed", &cloudwatch.LogMetricFilterArgs{
		LogGroupName: trailLogs.Name,
		Pattern:      pulumi.Sprintf(`{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "%s") }`, role.Arn),
		MetricTransformation: &cloudwatch.LogMetricFilterMetricTransformationArgs{
			Name: pulumi.String(metric), Namespace: pulumi.String(namespace), Value: pulumi.String("1"),
		},
	}, c.opts()...); err != nil {
		return nil, err
	}
	if _, err := cloudwatch.NewMetricAlarm(ctx, roleName+"-alarm", &cloudwatch.MetricAlarmArgs{
		AlarmDescription:   pulumi.String("The break-glass role was assumed: confirm the emergency with the SIRO"),
		MetricName:         pulumi.String(metric),
		Namespace:          pulumi.String(namespace),
		Statistic:          pulumi.String("Sum"),
		Period:             pulumi.Int(300),
		EvaluationPeriods:  pulumi.Int(1),
		Threshold:          pulumi.Float64(1),
		ComparisonOperator: pulumi.String("GreaterThanOrEqualToThreshold"),
		TreatMissingData:   pulumi.String("notBreaching"),
		AlarmActions:       pulumi.Array{topic.Arn},
		Tags:               c.tagged(roleName + "-alarm"),
	}, c.opts()...); err != nil {
		return nil, err
	}
	return role, nil
}
