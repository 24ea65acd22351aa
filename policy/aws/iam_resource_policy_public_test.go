package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const iamBucketPolicyDoc = `{"Version":"2012-10-17","Statement":[
 {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::pos-evidence","arn:aws:s3:::pos-evidence/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},
 {"Sid":"AuditRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*"}
]}`

func iamSetDoc(doc string) func([]*policy.Resource, *policy.Context) {
	return func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], doc, "policy") }
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-IAM-008",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.AWS(typeS3BucketPolicy, "evidence-policy", map[string]any{
			"bucket": "pos-evidence",
			"policy": iamBucketPolicyDoc,
		})}
	},
	BaselineMessage: "no statement allows a wildcard principal without a condition",
	Cases: []policytest.Case{
		{
			Name:    "public read",
			Mutate:  iamSetDoc(`{"Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*"}]}`),
			Want:    policy.StatusFail,
			Message: `statement "PublicRead" allows principal * without a Condition; name the principals or restrict the statement with a condition`,
		},
		{
			Name:    "AWS * in a list",
			Mutate:  iamSetDoc(`{"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*"}}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name:    "wildcard principal with an organisation condition",
			Mutate:  iamSetDoc(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::pos-evidence/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}`),
			Want:    policy.StatusPass,
			Message: "no statement allows a wildcard principal without a condition",
		},
		{
			Name: "public KMS key policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeKMSKey, "evidence-key", map[string]any{
					"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}`,
				})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "KMS key without a policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeKMSKey, "evidence-key", map[string]any{"enableKeyRotation": true})
			},
			Want:    policy.StatusNotApplicable,
			Message: "key sets no policy, so AWS's default key policy (the account only) applies",
		},
		{
			Name: "public queue policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeSQSQueuePolicy, "alerts-queue-policy", map[string]any{
					"queueUrl": "https://sqs.eu-west-2.amazonaws.com/111122223333/alerts",
					"policy":   `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}`,
				})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name:    "document computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "policy") },
			Want:    policy.StatusUnknown,
			Message: "policy document is computed; it must not allow a wildcard principal without a condition",
		},
		{
			Name: "principal computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Principal": map[string]any{"AWS": policy.UnknownSentinel}, "Action": "s3:GetObject", "Resource": "*",
				}}}, "policy")
			},
			Want:    policy.StatusUnknown,
			Message: "statement 1 holds computed values; it must not allow a wildcard principal without a condition",
		},
		{
			Name:    "document missing",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "policy") },
			Want:    policy.StatusNotApplicable,
			Message: "no policy document to check",
		},
		{
			Name:    "document not JSON",
			Mutate:  iamSetDoc(`[`),
			Want:    policy.StatusFail,
			Message: "policy document is not valid JSON",
		},
		{
			Name: "conditions that do not confine the caller",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeSNSTopicPolicy, "alerts-policy", map[string]any{"arn": "arn:aws:sns:eu-west-2:111122223333:alerts", "policy": `{"Statement":[{"Sid":"Tls","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Publish","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`})
			},
			Want:    policy.StatusFail,
			Message: `statement "Tls" allows principal * under conditions that do not confine the caller (Bool aws:SecureTransport); name the principals or restrict the statement with a condition such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceVpc`,
		},
		{
			Name: "IfExists condition on a queue",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeSQSQueue, "alerts", map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * under conditions that do not confine the caller (StringEqualsIfExists aws:SourceAccount); name the principals or restrict the statement with a condition such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceVpc",
		},
		{
			Name: "allow with NotPrincipal",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeS3BucketPolicy, "evidence-policy", map[string]any{"bucket": "pos-evidence", "policy": `{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows everyone except its NotPrincipal; name the principals or restrict the statement with a condition such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceVpc",
		},
		{
			Name: "default key policy: the own account root",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeKMSKey, "evidence-key", map[string]any{"policy": `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`})
			},
			Want:    policy.StatusPass,
			Message: "no statement allows a wildcard principal without a condition",
		},
		{
			Name: "key for use through a service by the own account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeKMSKey, "evidence-key", map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"s3.eu-west-2.amazonaws.com"}}}]}`})
			},
			Want:    policy.StatusPass,
			Message: "no statement allows a wildcard principal without a condition",
		},
		{
			Name: "public ECR repository policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeECRRepositoryPolicy, "images-policy", map[string]any{"repository": "pos-images", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "public secret policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeSecretsManagerSecretPolicy, "db-secret-policy", map[string]any{"secretArn": "arn:aws:secretsmanager:eu-west-2:111122223333:secret:db", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "public secret inline policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeSecretsManagerSecret, "db-secret", map[string]any{"name": "db", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "public Glacier vault",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeGlacierVault, "archive", map[string]any{"accessPolicy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "public OpenSearch domain policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeOpenSearchDomainPolicy, "search-policy", map[string]any{"domainName": "pos", "accessPolicies": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "public EFS file system policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEFSFileSystemPolicy, "files-policy", map[string]any{"fileSystemId": "fs-1", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "public Backup vault policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeBackupVaultPolicy, "vault-policy", map[string]any{"backupVaultName": "pos", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "private API confined to a VPC endpoint",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeAPIGatewayRestAPIPolicy, "api-policy", map[string]any{"restApiId": "a1", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0abc"}}}]}`})
			},
			Want:    policy.StatusPass,
			Message: "no statement allows a wildcard principal without a condition",
		},
		{
			Name: "API open to the whole internet by address",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeAPIGatewayRestAPI, "api", map[string]any{"name": "pos", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * under conditions that do not confine the caller (IpAddress aws:SourceIp); name the principals or restrict the statement with a condition such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceVpc",
		},
		{
			Name: "Lambda permission to everyone",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeLambdaPermission, "invoke", map[string]any{"function": "handler", "action": "lambda:InvokeFunction", "principal": "*"})
			},
			Want:    policy.StatusFail,
			Message: "permission lets any AWS account invoke the function (principal *) with no sourceArn, sourceAccount or principalOrgId; name the principal or set one of them",
		},
		{
			Name: "Lambda permission to the organisation",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeLambdaPermission, "invoke", map[string]any{"function": "handler", "action": "lambda:InvokeFunction", "principal": "*", "principalOrgId": "o-abc123"})
			},
			Want:    policy.StatusPass,
			Message: "permission to principal * is confined by principalOrgId",
		},
		{
			Name: "public function URL",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeLambdaPermission, "invoke", map[string]any{"function": "handler", "action": "lambda:InvokeFunctionUrl", "principal": "*", "functionUrlAuthType": "NONE", "sourceAccount": "111122223333"})
			},
			Want:    policy.StatusFail,
			Message: "permission lets anyone invoke the function URL without authentication (principal *, functionUrlAuthType NONE); use functionUrlAuthType AWS_IAM and name the principals",
		},
		{
			Name: "Lambda permission to a service",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeLambdaPermission, "invoke", map[string]any{"function": "handler", "action": "lambda:InvokeFunction", "principal": "s3.amazonaws.com", "sourceArn": "arn:aws:s3:::pos-evidence"})
			},
			Want:    policy.StatusPass,
			Message: "permission is granted to s3.amazonaws.com, not everyone",
		},
		{
			Name:    "source ARN of any account",
			Mutate:  iamSetDoc(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::pos-evidence/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-2:*:alerts"}}}]}`),
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * under conditions that do not confine the caller (ArnLike aws:SourceArn); name the principals or restrict the statement with a condition such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceVpc",
		},
		{
			Name: "public event bus policy",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeCloudWatchEventBusPolicy, "bus-policy", map[string]any{"eventBusName": "pos", "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*"}]}`})
			},
			Want:    policy.StatusFail,
			Message: "statement 1 allows principal * without a Condition; name the principals or restrict the statement with a condition",
		},
		{
			Name: "log resource policy for a service, source confined",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeCloudWatchLogResourcePolicy, "logs-policy", map[string]any{"policyName": "route53", "policyDocument": `{"Statement":[{"Effect":"Allow","Principal":{"Service":"route53.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`})
			},
			Want:    policy.StatusPass,
			Message: "no statement allows a wildcard principal without a condition",
		},
		{
			Name: "wildcard principal under a computed condition",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
					"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceVpce": policy.UnknownSentinel}},
				}}}, "policy")
			},
			Want:    policy.StatusUnknown,
			Message: "statement 1 holds computed values; it must not allow a wildcard principal without a condition",
		},
	},
})
