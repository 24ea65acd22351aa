package aws

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// encStore is one "encrypted at rest under a customer-managed key" check on one resource type (or on each
// element of one of its arrays). Paths are dotted input names relative to the element.
type encStore struct {
	// Each is the array (or object) whose elements are judged one by one ("replicas"); "" judges the
	// resource itself. When EachRequired is set and the array is absent, one empty element is judged, so
	// that the service defaults apply.
	Each         string
	EachRequired bool
	// Applies, when set, limits the check: it returns false and the reason when the element holds
	// nothing to encrypt, or Unknown when that cannot be told yet.
	Applies func(r *policy.Resource, at []any) (bool, policy.Known, string)
	// Flag is a boolean (or "true"/"false" string) that must equal FlagWant; FlagDefault is its value when
	// absent.
	Flag        string
	FlagWant    bool
	FlagDefault func(r *policy.Resource) bool
	// Mode is a setting that must be one of ModeWant; ModeDefault is its value when absent ("" = none).
	Mode        string
	ModeWant    []string
	ModeDefault string
	// Key is the key input; IfAbsent says what the service does without it. AbsentUnknown makes an absent
	// key unknown rather than a failure (a copy that keeps its source's key).
	Key           string
	IfAbsent      string
	AbsentUnknown bool
}

// encStoreType is the checks of one type and the noun that names its resources in messages.
type encStoreType struct {
	Noun   string
	Checks []encStore
}

// encStoreNone is, per type, the not-applicable message for a resource that declares nothing the checks
// judge.
var encStoreNone = map[string]string{
	typeEC2Instance:        encNoVolumes,
	typeEC2LaunchTemplate:  encNoVolumes,
	typeDynamodbTable:      "no replicas (the table's own encryption is PCLZ-AWS-ENC-007's)",
	typeRDSInstance:        "neither Performance Insights nor a managed master password (storage is PCLZ-AWS-ENC-005's)",
	typeRDSCluster:         "neither Performance Insights nor a managed master password (storage is PCLZ-AWS-ENC-005's)",
	typeRDSClusterInstance: "Performance Insights is off",
}

// encTrue is a FlagDefault of true.
var encTrue = func(*policy.Resource) bool { return true }

// encStores lists every data store type PCLZ-AWS-ENC-016 holds to a customer-managed key. RDS instances and
// clusters, EBS volumes, EFS, DynamoDB tables, SNS, SQS, CloudWatch Logs, CloudTrail, Backup vaults and S3
// have their own rules (PCLZ-AWS-ENC-001 to -012).
var encStores = map[string]encStoreType{
	typeRDSGlobalCluster: {"global database clusters", []encStore{{Flag: "storageEncrypted", FlagWant: true}}},
	typeRDSSnapshotCopy: {"snapshot copies", []encStore{{Key: "kmsKeyId", AbsentUnknown: true,
		IfAbsent: "the copy keeps the source snapshot's key, which the rules cannot see"}}},
	typeRDSClusterSnapshotCopy: {"snapshot copies", []encStore{{Key: "kmsKeyId", AbsentUnknown: true,
		IfAbsent: "the copy keeps the source snapshot's key, which the rules cannot see"}}},
	typeRDSInstanceAutomatedBackupsReplic: {"replicated backups", []encStore{{Key: "kmsKeyId",
		IfAbsent: "the AWS-managed aws/rds key is used"}}},
	typeEBSSnapshotCopy: {"snapshot copies", []encStore{{Flag: "encrypted", FlagWant: true, Key: "kmsKeyId",
		IfAbsent: "the AWS-managed aws/ebs key is used"}}},
	typeEC2AmiCopy: {"AMI copies", []encStore{{Flag: "encrypted", FlagWant: true, Key: "kmsKeyId",
		IfAbsent: "the AWS-managed aws/ebs key is used"}}},
	typeEC2Instance: {"instance volumes", []encStore{
		{Each: "rootBlockDevice", Flag: "encrypted", FlagWant: true, Key: "kmsKeyId", IfAbsent: "the AWS-managed aws/ebs key is used"},
		{Each: "ebsBlockDevices", Flag: "encrypted", FlagWant: true, Key: "kmsKeyId", IfAbsent: "the AWS-managed aws/ebs key is used"},
	}},
	typeEC2LaunchTemplate: {"launch template volumes", []encStore{{Each: "blockDeviceMappings", Applies: encHasEBS,
		Flag: "ebs.encrypted", FlagWant: true, Key: "ebs.kmsKeyId", IfAbsent: "the AWS-managed aws/ebs key is used"}}},
	typeDynamodbTable: {"table replicas", []encStore{{Each: "replicas", Key: "kmsKeyArn",
		IfAbsent: "the replica uses the AWS-managed aws/dynamodb key"}}},
	typeRDSInstance: {"database secrets and Performance Insights data", []encStore{
		{Applies: encIfTrue("performanceInsightsEnabled"), Key: "performanceInsightsKmsKeyId",
			IfAbsent: "Performance Insights data (which holds SQL text) uses the AWS-managed aws/rds key"},
		{Applies: encIfTrue("manageMasterUserPassword"), Key: "masterUserSecretKmsKeyId",
			IfAbsent: "the master password secret uses the AWS-managed aws/secretsmanager key"},
	}},
	typeRDSCluster: {"database secrets and Performance Insights data", []encStore{
		{Applies: encIfTrue("performanceInsightsEnabled"), Key: "performanceInsightsKmsKeyId",
			IfAbsent: "Performance Insights data (which holds SQL text) uses the AWS-managed aws/rds key"},
		{Applies: encIfTrue("manageMasterUserPassword"), Key: "masterUserSecretKmsKeyId",
			IfAbsent: "the master password secret uses the AWS-managed aws/secretsmanager key"},
	}},
	typeRDSClusterInstance: {"Performance Insights data", []encStore{
		{Applies: encIfTrue("performanceInsightsEnabled"), Key: "performanceInsightsKmsKeyId",
			IfAbsent: "Performance Insights data (which holds SQL text) uses the AWS-managed aws/rds key"},
	}},
	typeDynamodbTableReplica: {"table replicas", []encStore{{Key: "kmsKeyArn", IfAbsent: "the AWS-managed aws/dynamodb key is used"}}},
	typeRedshiftCluster: {"Redshift clusters", []encStore{{Flag: "encrypted", FlagWant: true, Key: "kmsKeyId",
		IfAbsent: "the AWS-managed aws/redshift key is used"}}},
	typeDocDBCluster: {"DocumentDB clusters", []encStore{{Flag: "storageEncrypted", FlagWant: true, Key: "kmsKeyId",
		IfAbsent: "the AWS-managed aws/rds key is used"}}},
	typeDocDBGlobalCluster: {"global DocumentDB clusters", []encStore{{Flag: "storageEncrypted", FlagWant: true}}},
	typeNeptuneCluster: {"Neptune clusters", []encStore{{Flag: "storageEncrypted", FlagWant: true, Key: "kmsKeyArn",
		IfAbsent: "the AWS-managed aws/rds key is used"}}},
	typeNeptuneGlobalCluster: {"global Neptune clusters", []encStore{{Flag: "storageEncrypted", FlagWant: true}}},
	typeElastiCacheReplicationGroup: {"caches", []encStore{{Flag: "atRestEncryptionEnabled", FlagWant: true,
		FlagDefault: encValkey, Key: "kmsKeyId", IfAbsent: "the AWS-managed ElastiCache key is used"}}},
	typeElastiCacheServerlessCache: {"caches", []encStore{{Key: "kmsKeyId", IfAbsent: "the AWS-owned ElastiCache key is used"}}},
	typeMemoryDBCluster:            {"caches", []encStore{{Key: "kmsKeyArn", IfAbsent: "the AWS-owned MemoryDB key is used"}}},
	typeKinesisStream: {"streams", []encStore{{Mode: "encryptionType", ModeWant: []string{"KMS"}, ModeDefault: "NONE",
		Key: "kmsKeyId", IfAbsent: "the stream is not encrypted with a KMS key"}}},
	typeFirehoseDeliveryStream: {"delivery streams", []encStore{{Applies: encFirehoseDirectPut,
		Flag: "serverSideEncryption.enabled", FlagWant: true,
		Mode: "serverSideEncryption.keyType", ModeWant: []string{"CUSTOMER_MANAGED_CMK"}, ModeDefault: "AWS_OWNED_CMK",
		Key: "serverSideEncryption.keyArn", IfAbsent: "an AWS-owned key is used"}}},
	typeMSKCluster: {"Kafka clusters", []encStore{{Key: "encryptionInfo.encryptionAtRestKmsKeyArn",
		IfAbsent: "the AWS-managed aws/kafka key is used"}}},
	typeMQBroker: {"message brokers", []encStore{{Flag: "encryptionOptions.useAwsOwnedKey", FlagWant: false, FlagDefault: encTrue,
		Key: "encryptionOptions.kmsKeyId", IfAbsent: "the AWS-managed aws/mq key is used"}}},
	typeSecretsManagerSecret: {"secrets", []encStore{
		{Key: "kmsKeyId", IfAbsent: "the AWS-managed aws/secretsmanager key is used"},
		{Each: "replicas", Key: "kmsKeyId", IfAbsent: "the replica uses the AWS-managed aws/secretsmanager key"},
	}},
	typeSSMParameter: {"SecureString parameters", []encStore{{Applies: encSecureString, Key: "keyId",
		IfAbsent: "the AWS-managed aws/ssm key is used"}}},
	typeECRRepository: {"image repositories", []encStore{{Each: "encryptionConfigurations", EachRequired: true,
		Mode: "encryptionType", ModeWant: []string{"KMS", "KMS_DSSE"}, ModeDefault: "AES256",
		Key: "kmsKey", IfAbsent: "the AWS-managed aws/ecr key is used"}}},
	typeEKSCluster: {"Kubernetes clusters", []encStore{{Key: "encryptionConfig.provider.keyArn",
		IfAbsent: "Kubernetes secrets are not envelope-encrypted with a KMS key"}}},
	typeLambdaFunction: {"function environment variables", []encStore{{Applies: encHasEnvironment, Key: "kmsKeyArn",
		IfAbsent: "environment variables are encrypted with the AWS-managed aws/lambda key"}}},
	typeFSxLustreFileSystem:  {"file systems", []encStore{{Key: "kmsKeyId", IfAbsent: "the AWS-managed aws/fsx key is used"}}},
	typeFSxWindowsFileSystem: {"file systems", []encStore{{Key: "kmsKeyId", IfAbsent: "the AWS-managed aws/fsx key is used"}}},
	typeFSxOntapFileSystem:   {"file systems", []encStore{{Key: "kmsKeyId", IfAbsent: "the AWS-managed aws/fsx key is used"}}},
	typeFSxOpenZfsFileSystem: {"file systems", []encStore{{Key: "kmsKeyId", IfAbsent: "the AWS-managed aws/fsx key is used"}}},
	typeOpenSearchDomain: {"search domains", []encStore{{Flag: "encryptAtRest.enabled", FlagWant: true,
		Key: "encryptAtRest.kmsKeyId", IfAbsent: "the AWS-managed aws/es key is used"}}},
	typeAthenaWorkgroup: {"query results", []encStore{{
		Mode:     "configuration.resultConfiguration.encryptionConfiguration.encryptionOption",
		ModeWant: []string{"SSE_KMS", "CSE_KMS"},
		Key:      "configuration.resultConfiguration.encryptionConfiguration.kmsKeyArn", IfAbsent: "no KMS key is named"}}},
	typeGlueDataCatalogEncryptionSettings: {"Glue catalogue settings", []encStore{
		{Mode: "dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode",
			ModeWant: []string{"SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"}, ModeDefault: "DISABLED",
			Key: "dataCatalogEncryptionSettings.encryptionAtRest.sseAwsKmsKeyId", IfAbsent: "the AWS-managed aws/glue key is used"},
		{Flag: "dataCatalogEncryptionSettings.connectionPasswordEncryption.returnConnectionPasswordEncrypted", FlagWant: true,
			Key: "dataCatalogEncryptionSettings.connectionPasswordEncryption.awsKmsKeyId", IfAbsent: "connection passwords are not encrypted with a customer key"},
	}},
	typeGlueSecurityConfiguration: {"Glue security configurations", []encStore{
		{Each: "encryptionConfiguration.s3Encryption", EachRequired: true, Mode: "s3EncryptionMode", ModeWant: []string{"SSE-KMS"},
			ModeDefault: "DISABLED", Key: "kmsKeyArn", IfAbsent: "no KMS key is named"},
		{Mode: "encryptionConfiguration.cloudwatchEncryption.cloudwatchEncryptionMode", ModeWant: []string{"SSE-KMS"},
			ModeDefault: "DISABLED", Key: "encryptionConfiguration.cloudwatchEncryption.kmsKeyArn", IfAbsent: "no KMS key is named"},
		{Mode: "encryptionConfiguration.jobBookmarksEncryption.jobBookmarksEncryptionMode", ModeWant: []string{"CSE-KMS"},
			ModeDefault: "DISABLED", Key: "encryptionConfiguration.jobBookmarksEncryption.kmsKeyArn", IfAbsent: "no KMS key is named"},
	}},
	typeCloudWatchEventBus: {"event buses", []encStore{{Key: "kmsKeyIdentifier", IfAbsent: "events are encrypted with an AWS-owned key"}}},
	typeConfigDeliveryChannel: {"configuration deliveries", []encStore{{Key: "s3KmsKeyArn",
		IfAbsent: "configuration snapshots are encrypted with S3-managed keys"}}},
	typeSageMakerNotebookInstance: {"notebook volumes", []encStore{{Key: "kmsKeyId", IfAbsent: "an AWS-managed key is used"}}},
	typeDMSReplicationInstance: {"replication instances", []encStore{{Key: "kmsKeyArn",
		IfAbsent: "the AWS-managed aws/dms key is used"}}},
	typeNetworkFirewallFirewall: {"firewalls", []encStore{{Mode: "encryptionConfiguration.type", ModeWant: []string{"CUSTOMER_KMS"},
		ModeDefault: "AWS_OWNED_KMS_KEY", Key: "encryptionConfiguration.keyId", IfAbsent: "an AWS-owned key is used"}}},
}

// encNoVolumes is the not-applicable message of an instance or launch template that declares no volume.
const encNoVolumes = "no volumes are declared: they take the AMI's encryption and the account's EBS default (PCLZ-AWS-ENC-003)"

// encIfTrue limits a check to resources whose boolean input prop is true (absent is false).
func encIfTrue(prop string) func(r *policy.Resource, at []any) (bool, policy.Known, string) {
	return func(r *policy.Resource, _ []any) (bool, policy.Known, string) {
		on, k := policy.Bool(r.Get(prop))
		switch {
		case k == policy.Unknown:
			return false, policy.Unknown, prop + " is computed"
		case !on:
			return false, policy.Present, prop + " is not true"
		}
		return true, policy.Present, ""
	}
}

// encValkey: ElastiCache encrypts Valkey replication groups at rest by default, Redis OSS ones not.
func encValkey(r *policy.Resource) bool {
	s, _ := policy.Str(r.Get("engine"))
	return strings.EqualFold(s, "valkey")
}

// encHasEBS: a block device mapping holds an EBS volume.
func encHasEBS(r *policy.Resource, at []any) (bool, policy.Known, string) {
	v := r.Get(append(slices.Clone(at), "ebs")...)
	switch {
	case v.IsComputed():
		return false, policy.Unknown, encPath(append(slices.Clone(at), "ebs")) + " is computed"
	case v.IsNull():
		return false, policy.Present, "no EBS volume"
	}
	return true, policy.Present, ""
}

// encFirehoseDirectPut: server-side encryption applies only to Direct PUT delivery streams; a stream read
// from Kinesis or MSK keeps its source's encryption.
func encFirehoseDirectPut(r *policy.Resource, _ []any) (bool, policy.Known, string) {
	if !r.Get("kinesisSourceConfiguration").IsNull() || !r.Get("mskSourceConfiguration").IsNull() {
		return false, policy.Present, "records come from a Kinesis or MSK source, whose encryption applies"
	}
	return true, policy.Present, ""
}

// encSecureString: only SecureString parameters are encrypted.
func encSecureString(r *policy.Resource, _ []any) (bool, policy.Known, string) {
	s, k := policy.Str(r.Get("type"))
	switch {
	case k == policy.Unknown:
		return false, policy.Unknown, "type is computed"
	case s != "SecureString":
		return false, policy.Present, fmt.Sprintf("parameter type %q is not encrypted; keep secrets only in SecureString parameters", s)
	}
	return true, policy.Present, ""
}

// encHasEnvironment: a function's key protects its environment variables.
func encHasEnvironment(r *policy.Resource, _ []any) (bool, policy.Known, string) {
	v := r.Get("environment", "variables")
	switch {
	case v.IsComputed():
		return false, policy.Unknown, "environment.variables is computed"
	case !v.IsMap() || v.AsMap().Len() == 0:
		return false, policy.Present, "no environment variables"
	}
	return true, policy.Present, ""
}

// encStoresReads is what PCLZ-AWS-ENC-016 reads, for Meta.Reads.
func encStoresReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for _, typ := range slices.Sorted(maps.Keys(encStores)) {
		for _, c := range encStores[typ].Checks {
			for _, p := range []string{c.Flag, c.Mode, c.Key} {
				if p == "" {
					continue
				}
				if c.Each != "" {
					p = c.Each + "." + p
				}
				out = append(out, policy.PropertyRef{Type: typ, Path: p})
			}
		}
	}
	// The inputs the Applies and FlagDefault functions read.
	out = slices.Concat(out,
		policy.Reads(typeSSMParameter, "type"),
		policy.Reads(typeLambdaFunction, "environment.variables"),
		policy.Reads(typeEC2LaunchTemplate, "blockDeviceMappings.ebs"),
		policy.Reads(typeFirehoseDeliveryStream, "kinesisSourceConfiguration", "mskSourceConfiguration"),
		policy.Reads(typeElastiCacheReplicationGroup, "engine"),
		policy.Reads(typeRDSInstance, "performanceInsightsEnabled", "manageMasterUserPassword"),
		policy.Reads(typeRDSCluster, "performanceInsightsEnabled", "manageMasterUserPassword"),
		policy.Reads(typeRDSClusterInstance, "performanceInsightsEnabled"),
		policy.Reads(typeEMRSecurityConfiguration, "configuration"))
	return out
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-016",
		Title: "Databases, caches, streams, secrets, file systems and copies are encrypted at rest with a customer-managed KMS key",
		Description: "Every data store a police workload can create keeps its data, and every copy of it, under a KMS key " +
			"the force controls: RDS Performance Insights data and managed master passwords, global database clusters, snapshot and AMI copies, replicated backups, instance and " +
			"launch template volumes, DynamoDB replicas, Redshift, DocumentDB, Neptune, ElastiCache, MemoryDB, " +
			"Kinesis streams, Firehose, MSK, Amazon MQ, Secrets Manager (and its replicas), SecureString parameters, " +
			"ECR, EKS secrets, Lambda environment variables, FSx, OpenSearch, Athena results, the Glue Data Catalogue " +
			"and Glue jobs, EMR, S3 Glacier vaults (which can only use AWS-managed keys), EventBridge buses, AWS Config deliveries, SageMaker notebooks, DMS and Network " +
			"Firewall. An absent setting takes the service default, which is an AWS-owned or AWS-managed key (or " +
			"no encryption), never a customer key.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: append(slices.Sorted(maps.Keys(encStores)), typeEMRSecurityConfiguration, typeGlacierVault),
		Remediation: "Turn encryption on where the service has a switch, choose the customer-managed mode where it has " +
			"one (KMS, SSE-KMS, CUSTOMER_MANAGED_CMK, CUSTOMER_KMS), and pass `<customer aws.kms.Key>.arn` (or a " +
			"customer alias) as the key input the message names.",
		References: []policy.Reference{
			{Source: "Security Hub", ID: "Redshift.10"},
			{Source: "Security Hub", ID: "ElastiCache.4"},
			{Source: "Security Hub", ID: "Kinesis.1"},
			{Source: "Security Hub", ID: "SecretsManager.1"},
			{Source: "Security Hub", ID: "EKS.3"},
			{Source: "Security Hub", ID: "Opensearch.1"},
			{Source: "Checkov", ID: "CKV_AWS_64"},
			{Source: "Checkov", ID: "CKV_AWS_149"},
			{Source: "Checkov", ID: "CKV_AWS_136"},
			{Source: "Checkov", ID: "CKV_AWS_58"},
			{Source: "Checkov", ID: "CKV_AWS_191"},
		},
		Waivable: true,
		Reads:    encStoresReads(),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		switch r.Type {
		case typeEMRSecurityConfiguration:
			return encEMRSecurityConfiguration(r)
		case typeGlacierVault:
			return policy.Fail("S3 Glacier vaults encrypt only with AWS-managed keys; keep archives in an S3 bucket (Glacier " +
				"storage classes) encrypted with a customer-managed KMS key")
		}
		st, ok := encStores[r.Type]
		if !ok {
			return policy.NotApplicable("not a data store this rule covers")
		}
		return encCheckStore(r, st)
	},
})

// encCheckStore decides one resource against its type's checks.
func encCheckStore(r *policy.Resource, st encStoreType) policy.Result {
	req := st.Noun + " must be encrypted at rest with a customer-managed KMS key"
	var results []policy.Result
	var passes, skipped []string
	for _, c := range st.Checks {
		items, unknownAt := encItems(r, c)
		if unknownAt != "" {
			results = append(results, policy.Undecided("%s is computed; %s", unknownAt, req))
		}
		for _, at := range items {
			res := c.checkOne(r, at, req)
			switch res.Status {
			case policy.StatusPass:
				passes = append(passes, res.Message)
			case policy.StatusNotApplicable:
				skipped = append(skipped, res.Message)
			default:
				results = append(results, res)
			}
		}
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	if len(passes) == 0 {
		if none := encStoreNone[r.Type]; none != "" {
			return policy.NotApplicable("%s", none)
		}
		if len(skipped) > 0 {
			return policy.NotApplicable("%s", strings.Join(skipped, "; "))
		}
		return policy.NotApplicable("nothing to encrypt is declared")
	}
	return policy.Pass("%s", strings.Join(slices.Compact(passes), "; "))
}

// encItems returns the path prefixes of the elements c judges.
func encItems(r *policy.Resource, c encStore) (items [][]any, unknownAt string) {
	if c.Each == "" {
		return [][]any{nil}, ""
	}
	var base []any
	for _, s := range strings.Split(c.Each, ".") {
		base = append(base, s)
	}
	v := r.Get(base...)
	switch {
	case v.IsComputed():
		return nil, c.Each
	case v.IsArray():
		for i := range v.AsArray().Len() {
			items = append(items, append(slices.Clone(base), i))
		}
	case v.IsMap():
		items = append(items, base)
	}
	if len(items) == 0 && c.EachRequired {
		items = append(items, base)
	}
	return items, ""
}

// encDotted appends a dotted path to a prefix.
func encDotted(at []any, dotted string) []any {
	out := slices.Clone(at)
	for _, s := range strings.Split(dotted, ".") {
		out = append(out, s)
	}
	return out
}

// encBoolish reads a boolean that may arrive as a "true"/"false" string.
func encBoolish(v policy.Value) (bool, policy.Known) {
	if b, k := policy.Bool(v); k != policy.Absent {
		return b, k
	}
	s, k := policy.Str(v)
	if k != policy.Present || s == "" {
		return false, policy.Absent
	}
	return strings.EqualFold(strings.TrimSpace(s), "true"), policy.Present
}

// checkOne decides one element (at is its path prefix).
func (c encStore) checkOne(r *policy.Resource, at []any, req string) policy.Result {
	if c.Applies != nil {
		ok, k, why := c.Applies(r, at)
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s; %s", why, req)
		case !ok:
			return policy.NotApplicable("%s", why)
		}
	}
	if c.Flag != "" {
		path := encDotted(at, c.Flag)
		on, k := encBoolish(r.Get(path...))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s is computed; %s", encPath(path), req)
		case k == policy.Absent:
			def := c.FlagDefault != nil && c.FlagDefault(r)
			if def != c.FlagWant {
				return policy.Fail("%s is not set; %s", encPath(path), req)
			}
		case on != c.FlagWant:
			return policy.Fail("%s is %t; %s", encPath(path), on, req)
		}
	}
	if c.Mode != "" {
		path := encDotted(at, c.Mode)
		mode, k := policy.Str(r.Get(path...))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s is computed; %s", encPath(path), req)
		case k == policy.Absent || mode == "":
			if !slices.Contains(c.ModeWant, c.ModeDefault) {
				return policy.Fail("%s is not set; set it to %s with a customer-managed KMS key", encPath(path), strings.Join(c.ModeWant, " or "))
			}
		case !slices.Contains(c.ModeWant, mode):
			return policy.Fail("%s is %q; set it to %s with a customer-managed KMS key", encPath(path), mode, strings.Join(c.ModeWant, " or "))
		}
	}
	if c.Key == "" {
		return policy.Pass("%s is %t", encPath(encDotted(at, c.Flag)), c.FlagWant)
	}
	path := encDotted(at, c.Key)
	return encJudgeKey(encKeyAt(r, path...), encPath(path), c.IfAbsent, req, c.AbsentUnknown)
}

// encEMRSecurityConfiguration decides an EMR security configuration: its JSON must turn on at-rest
// encryption with a customer key for EBS (AwsKms) and SSE-KMS or CSE-KMS for S3.
func encEMRSecurityConfiguration(r *policy.Resource) policy.Result {
	const req = "EMR security configurations must turn on at-rest encryption with a customer-managed KMS key"
	doc, res, ok := encEMRConfig(r, req)
	if !ok {
		return res
	}
	enc := policy.AtValue(doc, "EncryptionConfiguration")
	on, bk := policy.Bool(policy.AtValue(enc, "EnableAtRestEncryption"))
	if bk != policy.Present || !on {
		return policy.Fail("configuration EncryptionConfiguration.EnableAtRestEncryption is not true; %s", req)
	}
	rest := policy.AtValue(enc, "AtRestEncryptionConfiguration")
	s3mode, _ := policy.Str(policy.AtValue(rest, "S3EncryptionConfiguration", "EncryptionMode"))
	if s3mode != "SSE-KMS" && s3mode != "CSE-KMS" {
		return policy.Fail("configuration S3EncryptionConfiguration.EncryptionMode is %q; set it to SSE-KMS or CSE-KMS with a customer-managed KMS key", s3mode)
	}
	for _, p := range [][]any{
		{"S3EncryptionConfiguration", "AwsKmsKey"},
		{"LocalDiskEncryptionConfiguration", "AwsKmsKey"},
	} {
		s, _ := policy.Str(policy.AtValue(rest, p...))
		if kind := encKeyKind(s); kind != encKeyCustomer {
			return policy.Fail("configuration %s.%s %q is not a customer-managed KMS key; %s", p[0], p[1], s, req)
		}
	}
	return policy.Pass("at-rest encryption is on with customer KMS keys")
}
