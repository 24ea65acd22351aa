package awslz

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// keyAdminActions are the actions the account (through IAM) may take to administer a key. They exclude
// every cryptographic operation: using a key is granted per service below.
var keyAdminActions = []string{
	"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
	"kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
	"kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
}

// keyUseActions are the cryptographic operations granted to the services that use a key.
var keyUseActions = []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}

// account holds the account and region key policies are written for.
type account struct{ id, region string }

// lookupAccount reads the account ID through the component's provider.
func lookupAccount(ctx *pulumi.Context, prov pulumi.ProviderResource, region string) (account, error) {
	id, err := aws.GetCallerIdentity(ctx, &aws.GetCallerIdentityArgs{}, pulumi.Provider(prov))
	if err != nil {
		return account{}, fmt.Errorf("reading the account ID: %w", err)
	}
	return account{id: id.AccountId, region: region}, nil
}

// logsStatement lets CloudWatch Logs in the region use the key for this account's log groups only.
func (a account) logsStatement() map[string]any {
	return a.servicePrincipal("CloudWatchLogsEncrypts", "logs."+a.region+".amazonaws.com", keyUseActions,
		map[string]any{"ArnLike": map[string]any{
			"kms:EncryptionContext:aws:logs:arn": "arn:" + partition + ":logs:" + a.region + ":" + a.id + ":log-group:*",
		}})
}

func (a account) root() string { return "arn:" + partition + ":iam::" + a.id + ":root" }

// adminStatement lets the account's IAM administrators manage (not use) the key.
func (a account) adminStatement() map[string]any {
	return map[string]any{
		"Sid": "AccountAdministersKey", "Effect": "Allow",
		"Principal": map[string]any{"AWS": a.root()},
		"Action":    keyAdminActions, "Resource": "*",
	}
}

// viaServices lets the account's principals use the key only through the named AWS services
// ("s3", "ec2", "backup"), never directly.
func (a account) viaServices(sid string, services ...string) map[string]any {
	via := make([]string, len(services))
	for i, s := range services {
		via[i] = s + "." + a.region + ".amazonaws.com"
	}
	return map[string]any{
		"Sid": sid, "Effect": "Allow",
		"Principal": map[string]any{"AWS": a.root()},
		"Action":    keyUseActions, "Resource": "*",
		"Condition": map[string]any{
			"StringEquals": map[string]any{"kms:CallerAccount": a.id, "kms:ViaService": via},
		},
	}
}

// viaServicesGrants lets the account's principals create grants on the key through the named services,
// only for AWS resources (kms:GrantIsForAWSResource): EBS volumes, RDS and Secrets Manager hold a grant
// on the key for as long as they use it.
func (a account) viaServicesGrants(sid string, services ...string) map[string]any {
	st := a.viaServices(sid, services...)
	st["Action"] = []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}
	st["Condition"].(map[string]any)["Bool"] = map[string]any{"kms:GrantIsForAWSResource": "true"}
	return st
}

// otherAccountViaServices lets another account's principals use the key through the named services of
// this region, and create grants on it for AWS resources only: the backup account's AWS Backup copies
// the tier's encrypted snapshots and recovery points into its own vault, which needs the source key.
func (a account) otherAccountViaServices(sid string, other account, services ...string) []map[string]any {
	via := make([]string, len(services))
	for i, s := range services {
		via[i] = s + "." + a.region + ".amazonaws.com"
	}
	cond := func() map[string]any {
		return map[string]any{"StringEquals": map[string]any{"kms:CallerAccount": other.id, "kms:ViaService": via}}
	}
	grants := cond()
	grants["Bool"] = map[string]any{"kms:GrantIsForAWSResource": "true"}
	return []map[string]any{
		{"Sid": sid, "Effect": "Allow", "Principal": map[string]any{"AWS": other.root()}, "Action": keyUseActions, "Resource": "*", "Condition": cond()},
		{"Sid": sid + "Grants", "Effect": "Allow", "Principal": map[string]any{"AWS": other.root()}, "Action": []string{"kms:CreateGrant"}, "Resource": "*", "Condition": grants},
	}
}

// serviceLinkedRoles lets the account's service-linked roles at the given paths (for example
// "autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling") use the key and create grants for AWS
// resources: EC2 Auto Scaling launches encrypted volumes with its service-linked role, not the caller's.
func (a account) serviceLinkedRoles(sid string, paths ...string) []map[string]any {
	arns := make([]string, len(paths))
	for i, p := range paths {
		arns[i] = "arn:" + partition + ":iam::" + a.id + ":role/aws-service-role/" + p
	}
	return []map[string]any{
		{"Sid": sid, "Effect": "Allow", "Principal": map[string]any{"AWS": arns}, "Action": keyUseActions, "Resource": "*"},
		{"Sid": sid + "Grants", "Effect": "Allow", "Principal": map[string]any{"AWS": arns},
			"Action": []string{"kms:CreateGrant"}, "Resource": "*",
			"Condition": map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": "true"}}},
	}
}

// servicePrincipal lets an AWS service principal use the key for this account only.
func (a account) servicePrincipal(sid, service string, actions []string, extra map[string]any) map[string]any {
	cond := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": a.id}}
	for k, v := range extra {
		cond[k] = v
	}
	return map[string]any{
		"Sid": sid, "Effect": "Allow",
		"Principal": map[string]any{"Service": service},
		"Action":    actions, "Resource": "*",
		"Condition": cond,
	}
}

// newKey creates a symmetric customer KMS key with rotation, the profile's deletion window, a key
// policy of the given statements (after the administration statement) and an alias.
func newKey(ctx *pulumi.Context, c child, name, description string, a account, statements ...map[string]any) (*kms.Key, error) {
	return newKeyWithPolicy(ctx, c, name, description, pulumi.String(policyJSON(append([]map[string]any{a.adminStatement()}, statements...)...)))
}

// newKeyWithPolicy is newKey with the whole key policy given, for a key whose policy depends on outputs
// (the ID of an account the same program creates).
func newKeyWithPolicy(ctx *pulumi.Context, c child, name, description string, policy pulumi.StringInput) (*kms.Key, error) {
	key, err := kms.NewKey(ctx, name, &kms.KeyArgs{
		Description:          pulumi.String(description),
		KeyUsage:             pulumi.String("ENCRYPT_DECRYPT"),
		EnableKeyRotation:    pulumi.Bool(true),
		MultiRegion:          pulumi.Bool(false),
		DeletionWindowInDays: pulumi.Int(c.profile.KeyDeletionWindowDays),
		Policy:               policy,
		Tags:                 c.tagged(name),
	}, c.stateful()...)
	if err != nil {
		return nil, err
	}
	if _, err := kms.NewAlias(ctx, name+"-alias", &kms.AliasArgs{
		Name:        pulumi.String("alias/" + name),
		TargetKeyId: key.KeyId,
	}, c.opts()...); err != nil {
		return nil, err
	}
	return key, nil
}
