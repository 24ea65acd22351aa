package aws

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// encStoreCase replaces the checked resource with one of another type.
type encStoreCase struct {
	name    string
	typ     string
	inputs  map[string]any
	want    policy.Status
	message string
}

const encStoreReq = " must be encrypted at rest with a customer-managed KMS key"

// encStoreCases holds at least one failing case per type PCLZ-AWS-ENC-016 covers, each with its exact
// message, and the passing and not-applicable shapes that matter.
var encStoreCases = []encStoreCase{
	{"global cluster not encrypted", typeRDSGlobalCluster, map[string]any{"engine": "aurora-postgresql"}, policy.StatusFail,
		"storageEncrypted is not set; global database clusters" + encStoreReq},
	{"global cluster encrypted", typeRDSGlobalCluster, map[string]any{"storageEncrypted": true}, policy.StatusPass,
		"storageEncrypted is true"},
	{"snapshot copy with an AWS-managed key", typeRDSSnapshotCopy, map[string]any{"kmsKeyId": "alias/aws/rds"}, policy.StatusFail,
		`kmsKeyId "alias/aws/rds" is an AWS-managed key; set it to a customer-managed KMS key`},
	{"snapshot copy keeping its source key", typeRDSSnapshotCopy, map[string]any{}, policy.StatusUnknown,
		"kmsKeyId is not set, so the copy keeps the source snapshot's key, which the rules cannot see; set it to a customer-managed KMS key"},
	{"cluster snapshot copy with an AWS-managed key", typeRDSClusterSnapshotCopy, map[string]any{"kmsKeyId": "aws/rds"}, policy.StatusFail,
		`kmsKeyId "aws/rds" is an AWS-managed key; set it to a customer-managed KMS key`},
	{"replicated backups without a key", typeRDSInstanceAutomatedBackupsReplic, map[string]any{"sourceDbInstanceArn": "arn:aws:rds:eu-west-2:1:db:x"}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/rds key is used; set it to a customer-managed KMS key"},
	{"EBS snapshot copy unencrypted", typeEBSSnapshotCopy, map[string]any{"encrypted": false}, policy.StatusFail,
		"encrypted is false; snapshot copies" + encStoreReq},
	{"AMI copy without a key", typeEC2AmiCopy, map[string]any{"encrypted": true}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/ebs key is used; set it to a customer-managed KMS key"},
	{"instance root volume unencrypted", typeEC2Instance, map[string]any{"rootBlockDevice": map[string]any{"volumeSize": 50}}, policy.StatusFail,
		"rootBlockDevice.encrypted is not set; instance volumes" + encStoreReq},
	{"instance data volume with an AWS-managed key", typeEC2Instance, map[string]any{"ebsBlockDevices": []any{
		map[string]any{"deviceName": "/dev/sdf", "encrypted": true, "kmsKeyId": "alias/aws/ebs"}}}, policy.StatusFail,
		`ebsBlockDevices[0].kmsKeyId "alias/aws/ebs" is an AWS-managed key; set it to a customer-managed KMS key`},
	{"instance declaring no volumes", typeEC2Instance, map[string]any{"instanceType": "t3.micro"}, policy.StatusNotApplicable,
		"no volumes are declared: they take the AMI's encryption and the account's EBS default (PCLZ-AWS-ENC-003)"},
	{"launch template volume unencrypted", typeEC2LaunchTemplate, map[string]any{"blockDeviceMappings": []any{
		map[string]any{"deviceName": "/dev/sdb", "virtualName": "ephemeral0"},
		map[string]any{"deviceName": "/dev/xvda", "ebs": map[string]any{"encrypted": "false"}}}}, policy.StatusFail,
		"blockDeviceMappings[1].ebs.encrypted is false; launch template volumes" + encStoreReq},
	{"DynamoDB replica without a key", typeDynamodbTable, map[string]any{"replicas": []any{map[string]any{"regionName": "eu-west-2"}}}, policy.StatusFail,
		"replicas[0].kmsKeyArn is not set, so the replica uses the AWS-managed aws/dynamodb key; set it to a customer-managed KMS key"},
	{"DynamoDB table without replicas", typeDynamodbTable, map[string]any{"name": "t"}, policy.StatusNotApplicable,
		"no replicas (the table's own encryption is PCLZ-AWS-ENC-007's)"},
	{"RDS Performance Insights on the AWS-managed key", typeRDSInstance, map[string]any{"performanceInsightsEnabled": true}, policy.StatusFail,
		"performanceInsightsKmsKeyId is not set, so Performance Insights data (which holds SQL text) uses the AWS-managed aws/rds key; set it to a customer-managed KMS key"},
	{"Aurora managed master password on the AWS-managed key", typeRDSCluster, map[string]any{"manageMasterUserPassword": true}, policy.StatusFail,
		"masterUserSecretKmsKeyId is not set, so the master password secret uses the AWS-managed aws/secretsmanager key; set it to a customer-managed KMS key"},
	{"RDS with neither", typeRDSInstance, map[string]any{"storageEncrypted": true}, policy.StatusNotApplicable,
		"neither Performance Insights nor a managed master password (storage is PCLZ-AWS-ENC-005's)"},
	{"Aurora instance Performance Insights with an AWS-managed key", typeRDSClusterInstance, map[string]any{"performanceInsightsEnabled": true,
		"performanceInsightsKmsKeyId": "alias/aws/rds"}, policy.StatusFail,
		`performanceInsightsKmsKeyId "alias/aws/rds" is an AWS-managed key; set it to a customer-managed KMS key`},
	{"table replica without a key", typeDynamodbTableReplica, map[string]any{"globalTableArn": "arn"}, policy.StatusFail,
		"kmsKeyArn is not set, so the AWS-managed aws/dynamodb key is used; set it to a customer-managed KMS key"},
	{"Redshift not encrypted", typeRedshiftCluster, map[string]any{"nodeType": "ra3.xlplus"}, policy.StatusFail,
		"encrypted is not set; Redshift clusters" + encStoreReq},
	{"DocumentDB without a key", typeDocDBCluster, map[string]any{"storageEncrypted": true}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/rds key is used; set it to a customer-managed KMS key"},
	{"global DocumentDB not encrypted", typeDocDBGlobalCluster, map[string]any{"storageEncrypted": false}, policy.StatusFail,
		"storageEncrypted is false; global DocumentDB clusters" + encStoreReq},
	{"Neptune not encrypted", typeNeptuneCluster, map[string]any{}, policy.StatusFail,
		"storageEncrypted is not set; Neptune clusters" + encStoreReq},
	{"global Neptune not encrypted", typeNeptuneGlobalCluster, map[string]any{}, policy.StatusFail,
		"storageEncrypted is not set; global Neptune clusters" + encStoreReq},
	{"Redis replication group not encrypted", typeElastiCacheReplicationGroup, map[string]any{"engine": "redis"}, policy.StatusFail,
		"atRestEncryptionEnabled is not set; caches" + encStoreReq},
	{"Valkey replication group (encrypted by default) without a key", typeElastiCacheReplicationGroup, map[string]any{"engine": "valkey"}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed ElastiCache key is used; set it to a customer-managed KMS key"},
	{"serverless cache without a key", typeElastiCacheServerlessCache, map[string]any{"engine": "valkey"}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-owned ElastiCache key is used; set it to a customer-managed KMS key"},
	{"MemoryDB without a key", typeMemoryDBCluster, map[string]any{}, policy.StatusFail,
		"kmsKeyArn is not set, so the AWS-owned MemoryDB key is used; set it to a customer-managed KMS key"},
	{"Kinesis stream not encrypted", typeKinesisStream, map[string]any{}, policy.StatusFail,
		"encryptionType is not set; set it to KMS with a customer-managed KMS key"},
	{"Kinesis stream with the AWS-managed key", typeKinesisStream, map[string]any{"encryptionType": "KMS", "kmsKeyId": "alias/aws/kinesis"}, policy.StatusFail,
		`kmsKeyId "alias/aws/kinesis" is an AWS-managed key; set it to a customer-managed KMS key`},
	{"Firehose with an AWS-owned key", typeFirehoseDeliveryStream, map[string]any{"serverSideEncryption": map[string]any{"enabled": true}}, policy.StatusFail,
		"serverSideEncryption.keyType is not set; set it to CUSTOMER_MANAGED_CMK with a customer-managed KMS key"},
	{"Firehose reading a Kinesis stream", typeFirehoseDeliveryStream, map[string]any{"kinesisSourceConfiguration": map[string]any{"kinesisStreamArn": "arn"}}, policy.StatusNotApplicable,
		"records come from a Kinesis or MSK source, whose encryption applies"},
	{"MSK without a key", typeMSKCluster, map[string]any{"kafkaVersion": "3.6.0"}, policy.StatusFail,
		"encryptionInfo.encryptionAtRestKmsKeyArn is not set, so the AWS-managed aws/kafka key is used; set it to a customer-managed KMS key"},
	{"MQ broker on the AWS-owned key", typeMQBroker, map[string]any{"engineType": "RabbitMQ"}, policy.StatusFail,
		"encryptionOptions.useAwsOwnedKey is not set; message brokers" + encStoreReq},
	{"secret without a key", typeSecretsManagerSecret, map[string]any{"name": "s"}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/secretsmanager key is used; set it to a customer-managed KMS key"},
	{"secret replica without a key", typeSecretsManagerSecret, map[string]any{"kmsKeyId": encTestKeyARN,
		"replicas": []any{map[string]any{"region": "eu-west-2"}}}, policy.StatusFail,
		"replicas[0].kmsKeyId is not set, so the replica uses the AWS-managed aws/secretsmanager key; set it to a customer-managed KMS key"},
	{"SecureString without a key", typeSSMParameter, map[string]any{"type": "SecureString"}, policy.StatusFail,
		"keyId is not set, so the AWS-managed aws/ssm key is used; set it to a customer-managed KMS key"},
	{"plain String parameter", typeSSMParameter, map[string]any{"type": "String"}, policy.StatusNotApplicable,
		`parameter type "String" is not encrypted; keep secrets only in SecureString parameters`},
	{"ECR repository on AES256", typeECRRepository, map[string]any{"name": "r"}, policy.StatusFail,
		"encryptionConfigurations.encryptionType is not set; set it to KMS or KMS_DSSE with a customer-managed KMS key"},
	{"ECR repository KMS without a key", typeECRRepository, map[string]any{"encryptionConfigurations": []any{map[string]any{"encryptionType": "KMS"}}}, policy.StatusFail,
		"encryptionConfigurations[0].kmsKey is not set, so the AWS-managed aws/ecr key is used; set it to a customer-managed KMS key"},
	{"EKS secrets not envelope-encrypted", typeEKSCluster, map[string]any{"name": "c"}, policy.StatusFail,
		"encryptionConfig.provider.keyArn is not set, so Kubernetes secrets are not envelope-encrypted with a KMS key; set it to a customer-managed KMS key"},
	{"Lambda environment on the AWS-managed key", typeLambdaFunction, map[string]any{"environment": map[string]any{"variables": map[string]any{"A": "b"}}}, policy.StatusFail,
		"kmsKeyArn is not set, so environment variables are encrypted with the AWS-managed aws/lambda key; set it to a customer-managed KMS key"},
	{"Lambda without environment", typeLambdaFunction, map[string]any{"runtime": "go1.x"}, policy.StatusNotApplicable, "no environment variables"},
	{"FSx Lustre without a key", typeFSxLustreFileSystem, map[string]any{}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/fsx key is used; set it to a customer-managed KMS key"},
	{"FSx Windows without a key", typeFSxWindowsFileSystem, map[string]any{}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/fsx key is used; set it to a customer-managed KMS key"},
	{"FSx ONTAP without a key", typeFSxOntapFileSystem, map[string]any{}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/fsx key is used; set it to a customer-managed KMS key"},
	{"FSx OpenZFS without a key", typeFSxOpenZfsFileSystem, map[string]any{}, policy.StatusFail,
		"kmsKeyId is not set, so the AWS-managed aws/fsx key is used; set it to a customer-managed KMS key"},
	{"OpenSearch not encrypted", typeOpenSearchDomain, map[string]any{"domainName": "d"}, policy.StatusFail,
		"encryptAtRest.enabled is not set; search domains" + encStoreReq},
	{"Athena results on SSE_S3", typeAthenaWorkgroup, map[string]any{"configuration": map[string]any{"resultConfiguration": map[string]any{
		"encryptionConfiguration": map[string]any{"encryptionOption": "SSE_S3"}}}}, policy.StatusFail,
		`configuration.resultConfiguration.encryptionConfiguration.encryptionOption is "SSE_S3"; set it to SSE_KMS or CSE_KMS with a customer-managed KMS key`},
	{"Glue catalog not encrypted", typeGlueDataCatalogEncryptionSettings, map[string]any{"dataCatalogEncryptionSettings": map[string]any{}}, policy.StatusFail,
		"dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode is not set; set it to SSE-KMS or SSE-KMS-WITH-SERVICE-ROLE with a customer-managed KMS key"},
	{"Glue security configuration not encrypting S3", typeGlueSecurityConfiguration, map[string]any{"encryptionConfiguration": map[string]any{}}, policy.StatusFail,
		"encryptionConfiguration.s3Encryption.s3EncryptionMode is not set; set it to SSE-KMS with a customer-managed KMS key"},
	{"event bus on the AWS-owned key", typeCloudWatchEventBus, map[string]any{"name": "b"}, policy.StatusFail,
		"kmsKeyIdentifier is not set, so events are encrypted with an AWS-owned key; set it to a customer-managed KMS key"},
	{"Config delivery without a key", typeConfigDeliveryChannel, map[string]any{"s3BucketName": "b"}, policy.StatusFail,
		"s3KmsKeyArn is not set, so configuration snapshots are encrypted with S3-managed keys; set it to a customer-managed KMS key"},
	{"notebook without a key", typeSageMakerNotebookInstance, map[string]any{}, policy.StatusFail,
		"kmsKeyId is not set, so an AWS-managed key is used; set it to a customer-managed KMS key"},
	{"DMS instance without a key", typeDMSReplicationInstance, map[string]any{}, policy.StatusFail,
		"kmsKeyArn is not set, so the AWS-managed aws/dms key is used; set it to a customer-managed KMS key"},
	{"firewall on the AWS-owned key", typeNetworkFirewallFirewall, map[string]any{}, policy.StatusFail,
		"encryptionConfiguration.type is not set; set it to CUSTOMER_KMS with a customer-managed KMS key"},
	{"firewall with a customer key", typeNetworkFirewallFirewall, map[string]any{"encryptionConfiguration": map[string]any{
		"type": "CUSTOMER_KMS", "keyId": "alias/pos-data"}}, policy.StatusPass,
		`encrypted with customer KMS key "alias/pos-data"`},
	{"EMR without at-rest encryption", typeEMRSecurityConfiguration, map[string]any{"configuration": `{"EncryptionConfiguration":{"EnableAtRestEncryption":false}}`}, policy.StatusFail,
		"configuration EncryptionConfiguration.EnableAtRestEncryption is not true; EMR security configurations must turn on at-rest encryption with a customer-managed KMS key"},
	{"EMR with the AWS-managed disk key", typeEMRSecurityConfiguration, map[string]any{"configuration": `{"EncryptionConfiguration":{"EnableAtRestEncryption":true,` +
		`"AtRestEncryptionConfiguration":{"S3EncryptionConfiguration":{"EncryptionMode":"SSE-KMS","AwsKmsKey":"alias/pos-data"},` +
		`"LocalDiskEncryptionConfiguration":{"EncryptionKeyProviderType":"AwsKms","AwsKmsKey":"alias/aws/ebs"}}}}`}, policy.StatusFail,
		`configuration LocalDiskEncryptionConfiguration.AwsKmsKey "alias/aws/ebs" is not a customer-managed KMS key; EMR security configurations must turn on at-rest encryption with a customer-managed KMS key`},
	{"EMR with customer keys", typeEMRSecurityConfiguration, map[string]any{"configuration": `{"EncryptionConfiguration":{"EnableAtRestEncryption":true,` +
		`"AtRestEncryptionConfiguration":{"S3EncryptionConfiguration":{"EncryptionMode":"SSE-KMS","AwsKmsKey":"alias/pos-data"},` +
		`"LocalDiskEncryptionConfiguration":{"EncryptionKeyProviderType":"AwsKms","AwsKmsKey":"alias/pos-data"}}}}`}, policy.StatusPass,
		"at-rest encryption is on with customer KMS keys"},
	{"Glacier vault", typeGlacierVault, map[string]any{"name": "archive"}, policy.StatusFail,
		"S3 Glacier vaults encrypt only with AWS-managed keys; keep archives in an S3 bucket (Glacier storage classes) encrypted with a customer-managed KMS key"},
}

var _ = fixtures.Add(func() policytest.Fixture {
	base := func() []*policy.Resource {
		r := policytest.AWS(typeRedshiftCluster, "warehouse", map[string]any{"nodeType": "ra3.xlplus", "encrypted": true,
			"kmsKeyId": policy.UnknownSentinel})
		key := policytest.AWS(typeKMSKey, "warehouse-key", map[string]any{"enableKeyRotation": true})
		policytest.Link(r, "kmsKeyId", key)
		return []*policy.Resource{r, key}
	}
	cases := []policytest.Case{
		{
			Name:    "Redshift key computed, not from a KMS key",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[0].PropertyDependencies = nil },
			Want:    policy.StatusUnknown,
			Message: "kmsKeyId is computed and does not come from a KMS key of this stack; Redshift clusters" + encStoreReq,
		},
		{
			Name:    "Redshift encryption flag computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "encrypted") },
			Want:    policy.StatusUnknown,
			Message: "encrypted is computed; Redshift clusters" + encStoreReq,
		},
		{
			Name:   "Redshift key malformed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "my-key", "kmsKeyId") },
			Want:   policy.StatusFail,
			Message: `kmsKeyId "my-key" is not a KMS key ID, key ARN, alias or alias ARN; set it to a customer-managed ` +
				"KMS key",
		},
		{
			Name: "instance volumes computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(typeEC2Instance, "warehouse", map[string]any{"ebsBlockDevices": policy.UnknownSentinel})
			},
			Want:    policy.StatusUnknown,
			Message: "ebsBlockDevices is computed; instance volumes" + encStoreReq,
		},
	}
	for _, c := range encStoreCases {
		cases = append(cases, policytest.Case{
			Name: c.name,
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0] = policytest.AWS(c.typ, "warehouse", c.inputs)
			},
			Want:    c.want,
			Message: c.message,
		})
	}
	return policytest.Fixture{
		RuleID:          "PCLZ-AWS-ENC-016",
		Resources:       base,
		BaselineMessage: "encrypted with customer KMS key warehouse-key (aws:kms/key:Key)",
		Cases:           cases,
	}
}())
