package awslz

import (
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/accessanalyzer"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cfg"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudtrail"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/guardduty"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/organizations"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/securityhub"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/tier"
)

// DefaultAccessRoleName is the role AWS Organizations creates in every account it creates, which the
// organisation's own automation and the landing zone's stacks assume into member accounts.
const DefaultAccessRoleName = "OrganizationAccountAccessRole"

// The service principals the security-tooling account is the delegated administrator for.
const (
	configServicePrincipal         = "config.amazonaws.com"
	accessAnalyzerServicePrincipal = "access-analyzer.amazonaws.com"
)

// accessRoleName is the role assumed into member accounts: AccessRoleName, else DefaultAccessRoleName.
func (a *OrganizationArgs) accessRoleName() string {
	if a.AccessRoleName != "" {
		return a.AccessRoleName
	}
	return DefaultAccessRoleName
}

// memberAccount is a member account the component deploys into through a provider assuming the access
// role.
type memberAccount struct {
	id pulumi.StringOutput
	c  child
}

// roleARN is the ARN of role in the account with the given ID.
func roleARN(accountID pulumi.StringOutput, role string) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:iam::%s:role/%s", partition, accountID, role)
}

// newMemberAccount builds the provider that assumes the access role into the account with the given ID,
// for the component's region, pinned to that account (allowedAccountIds) and carrying the component's
// tags as default tags. An adopted account's ID is known before the update, so its provider is
// configured at preview; a created account's is known once the account exists.
func newMemberAccount(ctx *pulumi.Context, o *Organization, name, key string, id pulumi.StringOutput, args *OrganizationArgs) (memberAccount, error) {
	m := memberAccount{id: id}
	p, err := aws.NewProvider(ctx, name+"-"+key, &aws.ProviderArgs{
		Region:            pulumi.String(args.Region),
		AllowedAccountIds: pulumi.StringArray{id},
		AssumeRole: &aws.ProviderAssumeRoleArgs{
			RoleArn:     roleARN(id, args.accessRoleName()),
			SessionName: pulumi.String(name + "-" + key),
		},
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(args.Tags)},
	}, pulumi.Parent(o))
	if err != nil {
		return memberAccount{}, err
	}
	// The shared accounts are held to the strictest profile's stateful-resource rules.
	m.c = child{parent: o, provider: p, profile: tier.MustProfile(tier.Platinum)}
	return m, nil
}

// orgAudit is the organisation's audit trail: the log archive in the log-archive account and the
// organisation trail in the management account.
type orgAudit struct {
	bucket              *s3.BucketV2
	bucketKey, trailKey *kms.Key
	trail               *cloudtrail.Trail
}

// orgTrailName is the organisation trail's name.
func orgTrailName(name string) string { return name + "-org-trail" }

// newOrgAudit builds the log archive (a bucket with object lock, its own key and access logging, in the
// log-archive account; a second key for CloudTrail's log files) and the organisation trail into it
// (multi-region, global events, log file validation, delivered to CloudWatch Logs in the management
// account). The bucket and key policies admit CloudTrail only for the organisation trail (aws:SourceArn).
func newOrgAudit(ctx *pulumi.Context, mgmt child, mgmtAcct account, la memberAccount, name string, args *OrganizationArgs) (*orgAudit, error) {
	out := &orgAudit{}
	trailName := orgTrailName(name)
	trailARN := "arn:" + partition + ":cloudtrail:" + mgmtAcct.region + ":" + mgmtAcct.id + ":trail/" + trailName
	trailContext := "arn:" + partition + ":cloudtrail:*:" + mgmtAcct.id + ":trail/*"
	laAccount := func(id string) account { return account{id: id, region: args.Region} }

	var err error
	bucketKeyPolicy := la.id.ApplyT(func(id string) string {
		a := laAccount(id)
		return policyJSON(a.adminStatement(), a.viaServices("LogArchiveAccountUsesKeyThroughS3", "s3"))
	}).(pulumi.StringOutput)
	if out.bucketKey, err = newKeyWithPolicy(ctx, la.c, name+"-log-archive-key", "Encrypts the organisation's log archive bucket", bucketKeyPolicy); err != nil {
		return nil, err
	}
	trailKeyPolicy := la.id.ApplyT(func(id string) string {
		a := laAccount(id)
		return policyJSON(a.adminStatement(),
			map[string]any{"Sid": "CloudTrailEncryptsOrganizationTrail", "Effect": "Allow",
				"Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
				"Action":    "kms:GenerateDataKey*", "Resource": "*",
				"Condition": map[string]any{
					"StringEquals": map[string]any{"aws:SourceArn": trailARN},
					"StringLike":   map[string]any{"kms:EncryptionContext:aws:cloudtrail:arn": trailContext},
				}},
			map[string]any{"Sid": "CloudTrailDescribesKey", "Effect": "Allow",
				"Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
				"Action":    "kms:DescribeKey", "Resource": "*",
				"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceArn": trailARN}}},
			map[string]any{"Sid": "LogArchiveAccountReadsTrailLogs", "Effect": "Allow",
				"Principal": map[string]any{"AWS": a.root()},
				"Action":    []string{"kms:Decrypt", "kms:ReEncryptFrom"}, "Resource": "*",
				"Condition": map[string]any{
					"StringEquals": map[string]any{"kms:CallerAccount": id},
					"StringLike":   map[string]any{"kms:EncryptionContext:aws:cloudtrail:arn": trailContext},
				}},
		)
	}).(pulumi.StringOutput)
	if out.trailKey, err = newKeyWithPolicy(ctx, la.c, name+"-org-trail-key", "Encrypts the organisation trail's log files", trailKeyPolicy); err != nil {
		return nil, err
	}

	// The log-archive account holds buckets: block public access account-wide.
	if _, err := s3.NewAccountPublicAccessBlock(ctx, name+"-log-archive-s3-public-access", &s3.AccountPublicAccessBlockArgs{
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, la.c.opts()...); err != nil {
		return nil, err
	}
	accessLogs, err := newBucket(ctx, la.c, bucketSpec{
		name: name + "-log-archive-access-logs", purpose: "access-logs", archiveAfterDays: auditArchiveAfterDays,
		statements: func(arn string) []map[string]any {
			return []map[string]any{{
				"Sid": "S3ServerAccessLogsDeliver", "Effect": "Allow",
				"Principal": map[string]any{"Service": "logging.s3.amazonaws.com"},
				"Action":    "s3:PutObject", "Resource": arn + "/*",
			}}
		},
	})
	if err != nil {
		return nil, err
	}
	if out.bucket, err = newBucket(ctx, la.c, bucketSpec{
		name: name + "-log-archive", bucketName: bucketNameFromARN(args.LogArchiveBucketARN), purpose: "audit",
		keyARN: out.bucketKey.Arn, lockDays: la.c.profile.LogRetentionDays, logBucket: accessLogs.ID(),
		archiveAfterDays: auditArchiveAfterDays,
		statements: func(arn string) []map[string]any {
			return []map[string]any{
				{"Sid": "CloudTrailChecksAcl", "Effect": "Allow", "Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
					"Action": "s3:GetBucketAcl", "Resource": arn,
					"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceArn": trailARN}}},
				{"Sid": "CloudTrailWritesOrganizationTrail", "Effect": "Allow", "Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
					"Action": "s3:PutObject", "Resource": arn + "/AWSLogs/*",
					"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceArn": trailARN, "s3:x-amz-acl": "bucket-owner-full-control"}}},
			}
		},
	}); err != nil {
		return nil, err
	}

	// The trail's CloudWatch Logs delivery, in the management account (where the trail lives).
	logsKey, err := newKey(ctx, mgmt, name+"-org-trail-logs-key", "Encrypts the organisation trail's CloudWatch Logs", mgmtAcct, mgmtAcct.logsStatement())
	if err != nil {
		return nil, err
	}
	trailLogs, err := cloudwatch.NewLogGroup(ctx, name+"-org-trail-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(mgmt.logRetentionDays()),
		KmsKeyId:        logsKey.Arn,
		Tags:            mgmt.tagged(name + "-org-trail-logs"),
	}, mgmt.stateful()...)
	if err != nil {
		return nil, err
	}
	trailRole, err := iam.NewRole(ctx, name+"-org-trail-role", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(policyJSON(map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole",
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": mgmtAcct.id}},
		})),
		Tags: mgmt.tagged(name + "-org-trail-role"),
	}, mgmt.opts()...)
	if err != nil {
		return nil, err
	}
	trailRolePolicy, err := iam.NewRolePolicy(ctx, name+"-org-trail-role-logs", &iam.RolePolicyArgs{
		Role: trailRole.ID(),
		Policy: policyOutput(func(v []any) []map[string]any {
			return []map[string]any{{"Effect": "Allow", "Action": []string{"logs:CreateLogStream", "logs:PutLogEvents"},
				"Resource": v[0].(string) + ":log-stream:*"}}
		}, trailLogs.Arn),
	}, mgmt.opts()...)
	if err != nil {
		return nil, err
	}
	if out.trail, err = cloudtrail.NewTrail(ctx, trailName, &cloudtrail.TrailArgs{
		Name:                       pulumi.String(trailName),
		IsOrganizationTrail:        pulumi.Bool(true),
		S3BucketName:               out.bucket.Bucket,
		IsMultiRegionTrail:         pulumi.Bool(true),
		IncludeGlobalServiceEvents: pulumi.Bool(true),
		EnableLogFileValidation:    pulumi.Bool(true),
		EnableLogging:              pulumi.Bool(true),
		KmsKeyId:                   out.trailKey.Arn,
		CloudWatchLogsGroupArn:     pulumi.Sprintf("%s:*", trailLogs.Arn),
		CloudWatchLogsRoleArn:      trailRole.Arn,
		Tags:                       mgmt.tagged(trailName),
	}, mgmt.opts(pulumi.DependsOn([]pulumi.Resource{out.bucket, out.trailKey, trailRolePolicy}))...); err != nil {
		return nil, err
	}
	return out, nil
}

// bucketNameFromARN is the bucket name of an S3 bucket ARN (arn:aws:s3:::<bucket>); validate checked it.
func bucketNameFromARN(arn string) string {
	name, _ := strings.CutPrefix(arn, "arn:"+partition+":s3:::")
	return name
}

// newOrgSecurityServices delegates GuardDuty, Security Hub, AWS Config and IAM Access Analyzer to the
// security-tooling account (registrations in the management account), and in that account turns on
// GuardDuty and Security Hub for every member with organisation auto-enable, builds the organisation's
// AWS Config aggregator and its IAM Access Analyzer organisation analyzer.
//
// The order is the one AWS requires: GuardDuty's detector exists in the security-tooling account before
// that account becomes GuardDuty's administrator, and Security Hub is on in the management account before
// it delegates Security Hub (designating the administrator turns Security Hub on there).
func newOrgSecurityServices(ctx *pulumi.Context, mgmt child, sec memberAccount, name string) error {
	c := sec.c
	detector, err := guardduty.NewDetector(ctx, name+"-org-guardduty", &guardduty.DetectorArgs{
		Enable:                     pulumi.Bool(true),
		FindingPublishingFrequency: pulumi.String("FIFTEEN_MINUTES"),
		Tags:                       c.tagged(name + "-org-guardduty"),
	}, c.opts()...)
	if err != nil {
		return err
	}
	guardAdmin, err := guardduty.NewOrganizationAdminAccount(ctx, name+"-guardduty-admin", &guardduty.OrganizationAdminAccountArgs{
		AdminAccountId: sec.id,
	}, mgmt.opts(pulumi.DependsOn([]pulumi.Resource{detector}))...)
	if err != nil {
		return err
	}
	mgmtHub, err := securityhub.NewAccount(ctx, name+"-management-securityhub", &securityhub.AccountArgs{
		EnableDefaultStandards: pulumi.Bool(false),
		AutoEnableControls:     pulumi.Bool(true),
	}, mgmt.opts()...)
	if err != nil {
		return err
	}
	hubAdmin, err := securityhub.NewOrganizationAdminAccount(ctx, name+"-securityhub-admin", &securityhub.OrganizationAdminAccountArgs{
		AdminAccountId: sec.id,
	}, mgmt.opts(pulumi.DependsOn([]pulumi.Resource{mgmtHub}))...)
	if err != nil {
		return err
	}
	delegated := map[string]*organizations.DelegatedAdministrator{}
	for _, sp := range []struct{ key, principal string }{{"config", configServicePrincipal}, {"access-analyzer", accessAnalyzerServicePrincipal}} {
		d, err := organizations.NewDelegatedAdministrator(ctx, name+"-delegated-"+sp.key, &organizations.DelegatedAdministratorArgs{
			AccountId: sec.id, ServicePrincipal: pulumi.String(sp.principal),
		}, mgmt.opts()...)
		if err != nil {
			return err
		}
		delegated[sp.key] = d
	}

	if _, err := guardduty.NewOrganizationConfiguration(ctx, name+"-org-guardduty-members", &guardduty.OrganizationConfigurationArgs{
		DetectorId:                    detector.ID(),
		AutoEnableOrganizationMembers: pulumi.String("ALL"),
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{guardAdmin}))...); err != nil {
		return err
	}
	if _, err := securityhub.NewOrganizationConfiguration(ctx, name+"-org-securityhub-members", &securityhub.OrganizationConfigurationArgs{
		AutoEnable:          pulumi.Bool(true),
		AutoEnableStandards: pulumi.String("DEFAULT"),
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{hubAdmin}))...); err != nil {
		return err
	}
	aggRole, err := iam.NewRole(ctx, name+"-config-aggregator-role", &iam.RoleArgs{
		AssumeRolePolicy: policyOutput(func(v []any) []map[string]any {
			return []map[string]any{{
				"Effect": "Allow", "Principal": map[string]any{"Service": configServicePrincipal}, "Action": "sts:AssumeRole",
				"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": v[0].(string)}},
			}}
		}, sec.id),
		Tags: c.tagged(name + "-config-aggregator-role"),
	}, c.opts()...)
	if err != nil {
		return err
	}
	aggPolicy, err := iam.NewRolePolicyAttachment(ctx, name+"-config-aggregator-role-managed", &iam.RolePolicyAttachmentArgs{
		Role:      aggRole.Name,
		PolicyArn: pulumi.String("arn:" + partition + ":iam::aws:policy/service-role/AWSConfigRoleForOrganizations"),
	}, c.opts()...)
	if err != nil {
		return err
	}
	if _, err := cfg.NewConfigurationAggregator(ctx, name+"-config-aggregator", &cfg.ConfigurationAggregatorArgs{
		Name: pulumi.String(name + "-organization"),
		OrganizationAggregationSource: &cfg.ConfigurationAggregatorOrganizationAggregationSourceArgs{
			AllRegions: pulumi.Bool(true),
			RoleArn:    aggRole.Arn,
		},
		Tags: c.tagged(name + "-config-aggregator"),
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{delegated["config"], aggPolicy}))...); err != nil {
		return err
	}
	_, err = accessanalyzer.NewAnalyzer(ctx, name+"-org-access-analyzer", &accessanalyzer.AnalyzerArgs{
		AnalyzerName: pulumi.String(name + "-organization"),
		Type:         pulumi.String("ORGANIZATION"),
		Tags:         c.tagged(name + "-org-access-analyzer"),
	}, c.opts(pulumi.DependsOn([]pulumi.Resource{delegated["access-analyzer"]}))...)
	return err
}
