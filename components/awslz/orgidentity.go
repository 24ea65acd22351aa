package awslz

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssoadmin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/awsname"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// IdentityCenter is how people reach the organisation's accounts: IAM Identity Center permission sets
// assigned to the force's identity provider groups. Break-glass stays the foundation's IAM role, outside
// Identity Center, for when federation is down.
type IdentityCenter struct {
	// InstanceARN is the organisation's IAM Identity Center instance
	// ("arn:aws:sso:::instance/ssoins-1234567890abcdef").
	InstanceARN string
	// IdentityProvider names the force's identity provider federated to Identity Center, as
	// "saml:<name>" or "oidc:<name>" ("saml:entra-id"). Federation itself (the SAML metadata exchange
	// and SCIM provisioning) is set up in Identity Center's console; the value is recorded on every
	// permission set as the IdentityProvider tag.
	IdentityProvider string
	// PlatformAdminGroup is the identity store group ID of the platform administrators: assigned
	// platform-admin in the tier and infrastructure accounts.
	PlatformAdminGroup string
	// AuditorGroup is the group ID of the auditors: assigned auditor (read only) in every account.
	AuditorGroup string
	// TierOperatorGroups maps each tier name to the group ID of its operators: assigned its tier's
	// operator permission set in its tier's account only.
	TierOperatorGroups map[string]string
}

// The permission sets' session lengths (ISO 8601): administrators re-authenticate hourly.
const (
	adminSessionDuration    = "PT1H"
	operatorSessionDuration = "PT4H"
)

// validate checks the Identity Center arguments against the organisation's profiles.
func (ic *IdentityCenter) validate(profiles []tier.Profile) []error {
	var errs []error
	if !awsname.SSOInstanceARN(ic.InstanceARN) {
		errs = append(errs, &netplan.FieldError{Path: "Identity.InstanceARN", Value: ic.InstanceARN, Msg: "is not an IAM Identity Center instance ARN",
			Allowed: "arn:aws:sso:::instance/ssoins- and 16 characters (aws sso-admin list-instances)"})
	}
	if !awsname.IdentityProvider(ic.IdentityProvider) {
		errs = append(errs, &netplan.FieldError{Path: "Identity.IdentityProvider", Value: ic.IdentityProvider, Msg: "is not an identity provider name",
			Allowed: "saml:<name> or oidc:<name>, such as saml:entra-id"})
	}
	group := func(path, id string) {
		if !awsname.GroupID(id) {
			errs = append(errs, &netplan.FieldError{Path: path, Value: id, Msg: "is not an identity store group ID",
				Allowed: "a group ID such as 906722b8b1-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901 (aws identitystore list-groups)"})
		}
	}
	group("Identity.PlatformAdminGroup", ic.PlatformAdminGroup)
	group("Identity.AuditorGroup", ic.AuditorGroup)
	for _, p := range profiles {
		if id, ok := ic.TierOperatorGroups[string(p.Tier)]; ok {
			group("Identity.TierOperatorGroups["+string(p.Tier)+"]", id)
		} else {
			errs = append(errs, &netplan.FieldError{Path: "Identity.TierOperatorGroups", Value: string(p.Tier), Msg: "has no group for the tier",
				Allowed: "an operator group for every tier in Profiles"})
		}
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range ic.TierOperatorGroups {
			if !yield(k) {
				return
			}
		}
	}) {
		if !slices.ContainsFunc(profiles, func(p tier.Profile) bool { return string(p.Tier) == k }) {
			errs = append(errs, &netplan.FieldError{Path: "Identity.TierOperatorGroups", Value: k, Msg: "is not a tier in Profiles", Allowed: "the tiers of Profiles"})
		}
	}
	return errs
}

// auditTamperActions are the actions no permission set may take on the audit trail: stopping or
// changing the trails, deleting or re-configuring the log archive bucket and its objects, and disabling
// or deleting keys. Every permission set denies them explicitly (PCLZ-AWS-IAM-014).
var (
	auditTrailActions = []string{"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"}
	auditBucketDeny   = []string{
		"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy",
		"s3:PutLifecycleConfiguration", "s3:PutBucketObjectLockConfiguration", "s3:PutBucketVersioning", "s3:BypassGovernanceRetention",
	}
	auditKeyActions = []string{"kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"}
)

// auditDenyStatements are the explicit denials every permission set carries: the trail actions and the
// key actions on every resource (no operator schedules key deletion; the deploy role does, through the
// pipeline), the bucket actions on the log archive bucket.
func auditDenyStatements(bucketARN string) []map[string]any {
	return []map[string]any{
		{"Sid": "DenyAuditTrailChanges", "Effect": "Deny", "Action": auditTrailActions, "Resource": "*"},
		{"Sid": "DenyLogArchiveChanges", "Effect": "Deny", "Action": auditBucketDeny, "Resource": []string{bucketARN, bucketARN + "/*"}},
		{"Sid": "DenyKeyDestruction", "Effect": "Deny", "Action": auditKeyActions, "Resource": "*"},
	}
}

// permissionSetSpec is one permission set the organisation creates.
type permissionSetSpec struct {
	key, description, session string
	managed                   []string
	statements                []map[string]any
}

// permissionSets returns the permission sets for the profiles: platform-admin, one operator set per tier
// and auditor. None grants administrator access or any IAM write; each denies touching the audit trail.
func permissionSets(profiles []tier.Profile, bucketARN string) []permissionSetSpec {
	viewOnly := "arn:" + partition + ":iam::aws:policy/job-function/ViewOnlyAccess"
	securityAudit := "arn:" + partition + ":iam::aws:policy/SecurityAudit"
	deny := auditDenyStatements(bucketARN)
	out := []permissionSetSpec{{
		key: "platform-admin", session: adminSessionDuration,
		description: "Platform administrators: run compute, network and databases; no IAM, no deleting storage, logs or alerts",
		managed:     []string{viewOnly},
		// Compute, network and databases in full; storage, logs, metrics, alerts and backups without
		// deleting or re-configuring them (that goes through the pipeline's deploy role), so no
		// administrator can erase evidence in any bucket, log group, alarm or vault.
		statements: append([]map[string]any{{"Sid": "OperateLandingZoneServices", "Effect": "Allow", "Action": []string{
			"ec2:*", "elasticloadbalancing:*", "autoscaling:*", "rds:*", "network-firewall:*",
			"s3:Get*", "s3:List*", "s3:PutObject", "s3:PutObjectTagging",
			"logs:Describe*", "logs:Get*", "logs:FilterLogEvents", "logs:StartQuery", "logs:StopQuery",
			"cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "sns:Get*", "sns:List*",
			"backup:Describe*", "backup:Get*", "backup:List*", "backup:StartBackupJob", "backup:StartRestoreJob",
			"ssm:StartSession", "ssm:TerminateSession", "ssm:ResumeSession", "ssm:Describe*", "ssm:Get*", "ssm:List*",
			"kms:Describe*", "kms:List*", "kms:Get*", "tag:Get*",
		}, "Resource": "*"}}, deny...),
	}}
	for _, p := range profiles {
		out = append(out, permissionSetSpec{
			key: string(p.Tier) + "-operator", session: operatorSessionDuration,
			description: p.Tier.Title() + " operators: start, stop and reach the tier's instances, read its logs and metrics",
			managed:     []string{viewOnly},
			statements: append([]map[string]any{{"Sid": "OperateTierInstances", "Effect": "Allow", "Action": []string{
				"ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances", "rds:RebootDBInstance",
				"ssm:StartSession", "ssm:TerminateSession", "ssm:ResumeSession",
				"logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults",
				"cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms",
			}, "Resource": "*"}}, deny...),
		})
	}
	return append(out, permissionSetSpec{
		key: "auditor", session: operatorSessionDuration,
		description: "Auditors: read-only, security configuration and the log archive",
		managed:     []string{viewOnly, securityAudit},
		statements: append([]map[string]any{{"Sid": "ReadLogArchive", "Effect": "Allow",
			"Action": []string{"s3:GetObject", "s3:ListBucket"}, "Resource": []string{bucketARN, bucketARN + "/*"}}}, deny...),
	})
}

// assignmentTargets says which accounts each permission set is assigned in, by account key: platform
// administrators in the tier and infrastructure accounts, each tier's operators in its account, auditors
// everywhere. No one holds a standing assignment in the log-archive or security-tooling accounts but the
// auditors.
func assignmentTargets(spec string, accountKeys []string, profiles []tier.Profile) []string {
	var tiers []string
	for _, p := range profiles {
		tiers = append(tiers, string(p.Tier))
	}
	switch {
	case spec == "auditor":
		return accountKeys
	case spec == "platform-admin":
		out := slices.Clone(tiers)
		if slices.Contains(accountKeys, infrastructureAccountKey) {
			out = append(out, infrastructureAccountKey)
		}
		return out
	default:
		return []string{strings.TrimSuffix(spec, "-operator")}
	}
}

// groupFor returns the group a permission set is assigned to.
func (ic *IdentityCenter) groupFor(spec string) string {
	switch spec {
	case "platform-admin":
		return ic.PlatformAdminGroup
	case "auditor":
		return ic.AuditorGroup
	}
	return ic.TierOperatorGroups[strings.TrimSuffix(spec, "-operator")]
}

// newIdentityCenter creates the permission sets in the management account and assigns each to its group
// in its accounts. It returns the permission set ARNs by key.
func newIdentityCenter(ctx *pulumi.Context, mgmt child, name string, args *OrganizationArgs, accountIDs pulumi.StringMap) (pulumi.StringMap, error) {
	ic := args.Identity
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range accountIDs {
			if !yield(k) {
				return
			}
		}
	})
	arns := pulumi.StringMap{}
	instance := pulumi.String(ic.InstanceARN)
	for _, spec := range permissionSets(args.Profiles, args.LogArchiveBucketARN) {
		psName := name + "-" + spec.key
		ps, err := ssoadmin.NewPermissionSet(ctx, name+"-ps-"+spec.key, &ssoadmin.PermissionSetArgs{
			InstanceArn: instance, Name: pulumi.String(psName), Description: pulumi.String(spec.description),
			SessionDuration: pulumi.String(spec.session),
			Tags:            mgmt.tagged(psName, "IdentityProvider", ic.IdentityProvider),
		}, mgmt.opts()...)
		if err != nil {
			return nil, err
		}
		arns[spec.key] = ps.Arn
		deps := []pulumi.Resource{}
		inline, err := ssoadmin.NewPermissionSetInlinePolicy(ctx, name+"-ps-"+spec.key+"-inline", &ssoadmin.PermissionSetInlinePolicyArgs{
			InstanceArn: instance, PermissionSetArn: ps.Arn, InlinePolicy: pulumi.String(policyJSON(spec.statements...)),
		}, mgmt.opts()...)
		if err != nil {
			return nil, err
		}
		deps = append(deps, inline)
		for i, m := range spec.managed {
			att, err := ssoadmin.NewManagedPolicyAttachment(ctx, fmt.Sprintf("%s-ps-%s-managed-%d", name, spec.key, i), &ssoadmin.ManagedPolicyAttachmentArgs{
				InstanceArn: instance, PermissionSetArn: ps.Arn, ManagedPolicyArn: pulumi.String(m),
			}, mgmt.opts()...)
			if err != nil {
				return nil, err
			}
			deps = append(deps, att)
		}
		for _, target := range assignmentTargets(spec.key, keys, args.Profiles) {
			if _, err := ssoadmin.NewAccountAssignment(ctx, name+"-assign-"+spec.key+"-"+target, &ssoadmin.AccountAssignmentArgs{
				InstanceArn: instance, PermissionSetArn: ps.Arn,
				PrincipalType: pulumi.String("GROUP"), PrincipalId: pulumi.String(ic.groupFor(spec.key)),
				TargetType: pulumi.String("AWS_ACCOUNT"), TargetId: accountIDs[target],
			}, mgmt.opts(pulumi.DependsOn(deps))...); err != nil {
				return nil, err
			}
		}
	}
	return arns, nil
}
