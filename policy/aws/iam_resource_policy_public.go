package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// iamResourcePolicyInputs maps each type that carries a resource policy to the input holding it
// (pulumi-aws v6.83.2 argument names).
var iamResourcePolicyInputs = map[string]string{
	typeS3BucketPolicy:                          "policy",
	typeS3Bucket:                                "policy",
	typeKMSKey:                                  "policy",
	typeKMSReplicaKey:                           "policy",
	typeKMSExternalKey:                          "policy",
	typeKMSReplicaExternalKey:                   "policy",
	typeSNSTopicPolicy:                          "policy",
	typeSNSTopic:                                "policy",
	typeSQSQueuePolicy:                          "policy",
	typeSQSQueue:                                "policy",
	typeECRRepositoryPolicy:                     "policy",
	typeSecretsManagerSecretPolicy:              "policy",
	typeSecretsManagerSecret:                    "policy",
	typeGlacierVault:                            "accessPolicy",
	typeGlacierVaultLock:                        "policy",
	typeOpenSearchDomainPolicy:                  "accessPolicies",
	typeOpenSearchDomain:                        "accessPolicies",
	typeEFSFileSystemPolicy:                     "policy",
	typeBackupVaultPolicy:                       "policy",
	typeAPIGatewayRestAPIPolicy:                 "policy",
	typeAPIGatewayRestAPI:                       "policy",
	typeCloudWatchLogResourcePolicy:             "policyDocument",
	typeCloudWatchEventBusPolicy:                "policy",
	typeS3ControlAccessPointPolicy:              "policy",
	typeS3AccessPoint:                           "policy",
	typeKinesisResourcePolicy:                   "policy",
	typeElasticsearchDomainPolicy:               "accessPolicies",
	typeCodeArtifactRepositoryPermissionsPolicy: "policyDocument",
}

// iamRestrictWith ends every public-principal failure.
const iamRestrictWith = "name the principals or restrict the statement with a condition such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceVpc"

func iamResourcePolicyTypes() []string {
	out := []string{typeLambdaPermission}
	for t := range iamResourcePolicyInputs {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

func iamResourcePolicyReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, t := range iamResourcePolicyTypes() {
		if t == typeLambdaPermission {
			out = append(out, policy.Reads(t, "principal", "sourceArn", "sourceAccount", "principalOrgId", "functionUrlAuthType")...)
			continue
		}
		out = append(out, policy.Reads(t, iamResourcePolicyInputs[t])...)
	}
	return out
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-008",
		Title: "Resource policies do not allow anyone without a condition that confines the caller",
		Description: "A resource policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}, alone or in a " +
			"list), or that allows with NotPrincipal (everyone but those listed), opens the resource to " +
			"every AWS account and, for some services, to anonymous callers. Such an Allow must carry a " +
			"condition that confines the caller: aws:PrincipalOrgID, aws:PrincipalOrgPaths, " +
			"aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, " +
			"aws:SourceVpce, aws:SourceVpc, aws:SourceIp (not the whole internet), kms:CallerAccount or " +
			"s3:DataAccessPointAccount, tested with StringEquals, StringLike, ArnEquals or ArnLike on " +
			"concrete values (a Like wildcard only inside ARNs of a literal account or a named S3 bucket, or " +
			"after an organisation path's o-<id>/: \"arn:aws:s3:::*\" or \"arn:aws:sns:*:*:alerts\" confine " +
			"nothing). Conditions that do not confine the caller (aws:SecureTransport, request " +
			"tags), negated operators, IfExists forms (true when the key is absent) and ForAllValues (true " +
			"for an empty set) do not count. Read on every type that carries a resource policy: S3 bucket " +
			"policies, KMS key policies, SNS topic and SQS queue policies, ECR repository policies, Secrets " +
			"Manager secret policies, Glacier vault and vault lock policies, OpenSearch domain access " +
			"and Elasticsearch domain access policies, EFS file system policies, Backup vault policies, API " +
			"Gateway REST API policies, S3 access point policies, CloudWatch Logs resource policies, EventBridge " +
			"event bus policies, Kinesis resource policies and CodeArtifact repository permissions policies. " +
			"An aws:lambda/permission:Permission with principal \"*\" must set sourceArn, sourceAccount or " +
			"principalOrgId, and must not open a function URL with functionUrlAuthType NONE. Deny " +
			"statements with a wildcard principal (the TLS-only deny) and the default key policy granting " +
			"the account's own root are fine.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "11"},
		ResourceTypes: iamResourcePolicyTypes(),
		Remediation: "Name the principals (account or role ARNs, service principals) in every Allow statement, or " +
			"restrict a wildcard principal with a Condition such as StringEquals aws:PrincipalOrgID, " +
			"aws:SourceAccount, aws:SourceArn or aws:SourceVpce; for a Lambda permission set sourceArn or " +
			"sourceAccount.",
		References: []policy.Reference{
			{Source: "Checkov", ID: "CKV_AWS_70"},
			{Source: "Checkov", ID: "CKV_AWS_33"},
			{Source: "AWS Config", ID: "s3-bucket-policy-grantee-check"},
			{Source: "AWS Config", ID: "lambda-function-public-access-prohibited"},
			{Source: "Security Hub", ID: "Lambda.1"},
			{Source: "Security Hub", ID: "S3.2"},
			{Source: "Security Hub", ID: "SNS.4"},
			{Source: "Security Hub", ID: "SQS.3"},
			{Source: "Security Hub", ID: "KMS.5"},
			{Source: "Prowler", ID: "awslambda_function_not_publicly_accessible"},
			{Source: "Prowler", ID: "s3_bucket_policy_public_write_access"},
			{Source: "Prowler", ID: "sqs_queues_not_publicly_accessible"},
			{Source: "Prowler", ID: "sns_topics_not_publicly_accessible"},
		},
		Waivable: true,
		Reads:    iamResourcePolicyReads(),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		if r.Type == typeLambdaPermission {
			return iamCheckLambdaPermission(r)
		}
		prop := iamResourcePolicyInputs[r.Type]
		doc, k, err := iamDoc(r.Get(prop))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("policy document is computed; it must not allow a wildcard principal without a condition")
		case k == policy.Absent && (r.Type == typeKMSKey || r.Type == typeKMSReplicaKey || r.Type == typeKMSExternalKey || r.Type == typeKMSReplicaExternalKey):
			return policy.NotApplicable("key sets no policy, so AWS's default key policy (the account only) applies")
		case k == policy.Absent:
			return policy.NotApplicable("no policy document to check")
		case err != nil:
			return policy.Fail("%v", err)
		}
		if pub := semantic.PublicAllows(doc); len(pub) > 0 {
			p := pub[0]
			switch {
			case p.Statement.HasNotPrincipal:
				return policy.Fail("statement %s allows everyone except its NotPrincipal; %s", p.Statement.Label, iamRestrictWith)
			case len(p.Ignored) > 0:
				return policy.Fail("statement %s allows principal * under conditions that do not confine the caller (%s); %s", p.Statement.Label, strings.Join(p.Ignored, ", "), iamRestrictWith)
			}
			return policy.Fail("statement %s allows principal * without a Condition; name the principals or restrict the statement with a condition", p.Statement.Label)
		}
		if u := iamUnknownAllow(doc); u != "" {
			return policy.Undecided("statement %s holds computed values; it must not allow a wildcard principal without a condition", u)
		}
		return policy.Pass("no statement allows a wildcard principal without a condition")
	},
})

// iamUnknownAllow returns the first statement with computed values (its condition included) that is
// not a known Deny.
func iamUnknownAllow(doc semantic.IAMPolicy) string {
	for _, s := range doc.Statements {
		if (s.Unknown || s.ConditionUnknown) && !s.Denies() {
			return s.Label
		}
	}
	return ""
}

func iamCheckLambdaPermission(r *policy.Resource) policy.Result {
	principal, pk := policy.Str(r.Get("principal"))
	switch {
	case pk == policy.Unknown:
		return policy.Undecided("principal is computed; a Lambda permission must not allow everyone")
	case pk == policy.Absent || strings.TrimSpace(principal) != "*":
		return policy.Pass("permission is granted to %s, not everyone", orNone(principal))
	}
	if auth, ak := policy.Str(r.Get("functionUrlAuthType")); ak == policy.Present && strings.EqualFold(auth, "NONE") {
		return policy.Fail("permission lets anyone invoke the function URL without authentication (principal *, functionUrlAuthType NONE); use functionUrlAuthType AWS_IAM and name the principals")
	} else if ak == policy.Unknown {
		return policy.Undecided("functionUrlAuthType is computed; a function URL open to principal * must require AWS_IAM")
	}
	unknown := ""
	for _, prop := range []string{"sourceArn", "sourceAccount", "principalOrgId"} {
		v, k := policy.Str(r.Get(prop))
		if k == policy.Present && strings.TrimSpace(v) != "" {
			return policy.Pass("permission to principal * is confined by %s", prop)
		}
		if k == policy.Unknown && unknown == "" {
			unknown = prop
		}
	}
	if unknown != "" {
		return policy.Undecided("%s is computed; a permission to principal * must be confined by sourceArn, sourceAccount or principalOrgId", unknown)
	}
	return policy.Fail("permission lets any AWS account invoke the function (principal *) with no sourceArn, sourceAccount or principalOrgId; name the principal or set one of them")
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "no principal"
	}
	return s
}
