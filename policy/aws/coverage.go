package aws

import "github.com/policecloud/landingzones/policy"

// Coverage is the catalogue of AWS resource types a police workload would use, each with every input that
// can move data out of the UK (residency), expose it (exposure), or weaken encryption at rest or in transit
// (encryption) or identity and access control (identity). Every catalogued property is read by a rule
// (Meta.Reads); a type outside the catalogue is reported as not assessed, never as passing. A type with no
// properties is assessed by its presence alone (for example internet gateways, which PCLZ-AWS-NET-003
// allows only in the hub) or carries nothing risky of its own (an Auto Scaling group launches from a
// launch template, which is judged itself).
func Coverage() policy.Coverage {
	return policy.Coverage{
		// Compute.
		covEntry(typeEC2Instance, "compute",
			covEnc("rootBlockDevice.encrypted", "rootBlockDevice.kmsKeyId", "ebsBlockDevices.encrypted", "ebsBlockDevices.kmsKeyId"),
			covExp("associatePublicIpAddress"), covIdn("metadataOptions.httpTokens", "metadataOptions.httpEndpoint")),
		covEntry(typeEC2LaunchTemplate, "compute",
			covEnc("blockDeviceMappings.ebs.encrypted", "blockDeviceMappings.ebs.kmsKeyId"),
			covExp("networkInterfaces.associatePublicIpAddress"),
			covIdn("metadataOptions.httpTokens", "metadataOptions.httpEndpoint")),
		covEntry(typeEBSVolume, "compute", covEnc("encrypted", "kmsKeyId")),
		covEntry(typeEBSSnapshotCopy, "compute", covRes("sourceRegion"), covEnc("encrypted", "kmsKeyId")),
		covEntry(typeEC2AmiCopy, "compute", covRes("sourceAmiRegion"), covEnc("encrypted", "kmsKeyId")),
		covEntry(typeEBSEncryptionByDefault, "compute", covEnc("enabled")),
		covEntry(typeEBSDefaultKmsKey, "compute", covEnc("keyArn")),
		covEntry(typeAutoscalingGroup, "compute"),
		covEntry(typeLambdaFunction, "compute", covEnc("kmsKeyArn")),
		covEntry(typeLambdaPermission, "compute", covExp("functionUrlAuthType", "principal", "sourceArn", "sourceAccount", "principalOrgId")),
		covEntry(typeLambdaFunctionURL, "compute", covExp("authorizationType")),

		// Containers.
		covEntry(typeECRRepository, "containers", covEnc("encryptionConfigurations.encryptionType", "encryptionConfigurations.kmsKey")),
		covEntry(typeECRReplicationConfiguration, "containers", covRes("replicationConfiguration.rules.destinations.region")),
		covEntry(typeECSCluster, "containers"),
		covEntry(typeECSTaskDefinition, "containers", covEnc("volumes.efsVolumeConfiguration.transitEncryption")),
		covEntry(typeECSService, "containers", covExp("networkConfiguration.assignPublicIp")),
		covEntry(typeEKSCluster, "containers", covEnc("encryptionConfig.provider.keyArn"),
			covExp("vpcConfig.endpointPublicAccess", "vpcConfig.publicAccessCidrs")),
		covEntry(typeEKSNodeGroup, "containers", covExp("remoteAccess.ec2SshKey", "remoteAccess.sourceSecurityGroupIds")),

		// Databases.
		covEntry(typeRDSInstance, "databases",
			covEnc("storageEncrypted", "kmsKeyId", "performanceInsightsKmsKeyId", "masterUserSecretKmsKeyId"),
			covRes("replicateSourceDb"), covExp("publiclyAccessible")),
		covEntry(typeRDSCluster, "databases",
			covEnc("storageEncrypted", "kmsKeyId", "performanceInsightsKmsKeyId", "masterUserSecretKmsKeyId"),
			covRes("replicationSourceIdentifier", "sourceRegion", "globalClusterIdentifier")),
		covEntry(typeRDSClusterInstance, "databases", covExp("publiclyAccessible"), covEnc("performanceInsightsKmsKeyId")),
		covEntry(typeRDSGlobalCluster, "databases", covRes("sourceDbClusterIdentifier"), covEnc("storageEncrypted")),
		covEntry(typeRDSParameterGroup, "databases", covEnc("parameters")),
		covEntry(typeRDSClusterParameterGroup, "databases", covEnc("parameters")),
		covEntry(typeRDSSnapshotCopy, "databases", covRes("destinationRegion"), covEnc("kmsKeyId")),
		covEntry(typeRDSClusterSnapshotCopy, "databases", covRes("destinationRegion"), covEnc("kmsKeyId")),
		covEntry(typeRDSInstanceAutomatedBackupsReplic, "databases", covRes("sourceDbInstanceArn"), covEnc("kmsKeyId")),
		covEntry(typeDynamodbTable, "databases", covEnc("serverSideEncryption.enabled", "serverSideEncryption.kmsKeyArn", "replicas.kmsKeyArn"),
			covRes("replicas.regionName", "restoreSourceTableArn")),
		covEntry(typeDynamodbGlobalTable, "databases", covRes("replicas.regionName")),
		covEntry(typeDynamodbTableReplica, "databases", covRes("globalTableArn"), covEnc("kmsKeyArn")),
		covEntry(typeRedshiftCluster, "databases", covEnc("encrypted", "kmsKeyId"), covRes("snapshotCopy.destinationRegion"),
			covExp("publiclyAccessible", "elasticIp")),
		covEntry(typeRedshiftParameterGroup, "databases", covEnc("parameters")),
		covEntry(typeRedshiftSnapshotCopy, "databases", covRes("destinationRegion")),
		covEntry(typeDocDBCluster, "databases", covEnc("storageEncrypted", "kmsKeyId"), covRes("globalClusterIdentifier")),
		covEntry(typeDocDBGlobalCluster, "databases", covEnc("storageEncrypted"), covRes("sourceDbClusterIdentifier")),
		covEntry(typeDocDBClusterParameterGroup, "databases", covEnc("parameters")),
		covEntry(typeNeptuneCluster, "databases", covEnc("storageEncrypted", "kmsKeyArn"),
			covRes("globalClusterIdentifier", "replicationSourceIdentifier")),
		covEntry(typeNeptuneGlobalCluster, "databases", covEnc("storageEncrypted"), covRes("sourceDbClusterIdentifier")),
		covEntry(typeNeptuneClusterParameterGroup, "databases", covEnc("parameters")),
		covEntry(typeDMSReplicationInstance, "databases", covEnc("kmsKeyArn"), covExp("publiclyAccessible")),
		covEntry(typeDMSEndpoint, "databases", covEnc("sslMode")),

		// Caches.
		covEntry(typeElastiCacheReplicationGroup, "caches",
			covEnc("atRestEncryptionEnabled", "kmsKeyId", "transitEncryptionEnabled", "transitEncryptionMode"),
			covIdn("authToken", "userGroupIds"),
			covRes("globalReplicationGroupId")),
		covEntry(typeElastiCacheCluster, "caches", covEnc("transitEncryptionEnabled")),
		covEntry(typeElastiCacheServerlessCache, "caches", covEnc("kmsKeyId"), covIdn("userGroupId")),
		covEntry(typeElastiCacheGlobalReplicationGroup, "caches", covRes("primaryReplicationGroupId")),
		covEntry(typeMemoryDBCluster, "caches", covEnc("kmsKeyArn", "tlsEnabled"), covRes("multiRegionClusterName"), covIdn("aclName")),

		// Queues and streams.
		covEntry(typeSQSQueue, "queues and streams", covEnc("kmsMasterKeyId", "sqsManagedSseEnabled")),
		covEntry(typeSQSQueuePolicy, "queues and streams", covIdn("policy")),
		covEntry(typeSNSTopic, "queues and streams", covEnc("kmsMasterKeyId")),
		covEntry(typeSNSTopicPolicy, "queues and streams", covIdn("policy")),
		covEntry(typeSNSTopicSubscription, "queues and streams", covRes("endpoint")),
		covEntry(typeKinesisStream, "queues and streams", covEnc("encryptionType", "kmsKeyId")),
		covEntry(typeFirehoseDeliveryStream, "queues and streams",
			covEnc("serverSideEncryption.enabled", "serverSideEncryption.keyType", "serverSideEncryption.keyArn"),
			covRes("extendedS3Configuration.bucketArn", "httpEndpointConfiguration.url")),
		covEntry(typeMSKCluster, "queues and streams",
			covEnc("encryptionInfo.encryptionAtRestKmsKeyArn", "encryptionInfo.encryptionInTransit.clientBroker",
				"encryptionInfo.encryptionInTransit.inCluster"),
			covExp("brokerNodeGroupInfo.connectivityInfo.publicAccess.type"),
			covIdn("clientAuthentication.unauthenticated", "clientAuthentication.sasl", "clientAuthentication.tls")),
		covEntry(typeMQBroker, "queues and streams", covEnc("encryptionOptions.useAwsOwnedKey", "encryptionOptions.kmsKeyId"),
			covExp("publiclyAccessible"), covRes("dataReplicationPrimaryBrokerArn")),
		covEntry(typeCloudWatchEventBus, "queues and streams", covEnc("kmsKeyIdentifier")),
		covEntry(typeCloudWatchEventTarget, "queues and streams", covRes("arn")),

		// Secrets and keys.
		covEntry(typeSecretsManagerSecret, "secrets", covEnc("kmsKeyId", "replicas.kmsKeyId"), covRes("replicas.region")),
		covEntry(typeSecretsManagerSecretPolicy, "secrets", covExp("blockPublicPolicy")),
		covEntry(typeSSMParameter, "secrets", covEnc("type", "keyId")),
		covEntry(typeKMSKey, "secrets", covRes("multiRegion"),
			covEnc("enableKeyRotation", "deletionWindowInDays"), covIdn("policy")),
		covEntry(typeKMSExternalKey, "secrets", covRes("multiRegion"), covEnc("deletionWindowInDays")),
		covEntry(typeKMSReplicaKey, "secrets", covRes("primaryKeyArn"), covEnc("deletionWindowInDays")),
		covEntry(typeKMSReplicaExternalKey, "secrets", covRes("primaryKeyArn"), covEnc("deletionWindowInDays")),
		covEntry(typeKMSAlias, "secrets"),

		// Storage.
		covEntry(typeS3BucketV2, "storage",
			covRes("replicationConfigurations.rules.destinations.bucket"),
			covEnc("serverSideEncryptionConfigurations.rules.applyServerSideEncryptionByDefaults.sseAlgorithm",
				"serverSideEncryptionConfigurations.rules.applyServerSideEncryptionByDefaults.kmsMasterKeyId",
				"serverSideEncryptionConfigurations.rules.bucketKeyEnabled", "policy"),
			covExp("acl", "grants.uri", "websites"), covRes("accelerationStatus")),
		covEntry(typeS3Bucket, "storage",
			covRes("replicationConfiguration.rules.destination.bucket"),
			covEnc("serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm",
				"serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId",
				"serverSideEncryptionConfiguration.rule.bucketKeyEnabled", "policy"),
			covExp("acl", "grants.uri", "website"), covRes("accelerationStatus")),
		covEntry(typeS3BucketServerSideEncryptionConfigurationV2, "storage",
			covEnc("bucket", "rules.applyServerSideEncryptionByDefault.sseAlgorithm",
				"rules.applyServerSideEncryptionByDefault.kmsMasterKeyId", "rules.bucketKeyEnabled")),
		covEntry(typeS3BucketPolicy, "storage", covEnc("policy")),
		covEntry(typeS3BucketPublicAccessBlock, "storage",
			covExp("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")),
		covEntry(typeS3AccountPublicAccessBlock, "storage",
			covExp("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")),
		covEntry(typeS3BucketReplicationConfig, "storage", covRes("rules.destination.bucket")),
		covEntry(typeS3BucketVersioningV2, "storage"),
		covEntry(typeS3BucketLoggingV2, "storage"),
		covEntry(typeS3BucketObjectLockConfigurationV2, "storage"),
		covEntry(typeS3BucketLifecycleConfigurationV2, "storage"),
		covEntry(typeS3BucketACLV2, "storage", covExp("acl", "accessControlPolicy.grants.grantee.uri")),
		covEntry(typeS3BucketOwnershipControls, "storage", covExp("rule.objectOwnership")),
		covEntry(typeS3BucketWebsiteConfigurationV2, "storage", covExp("indexDocument", "redirectAllRequestsTo")),
		covEntry(typeS3AccessPoint, "storage", covExp("publicAccessBlockConfiguration")),
		covEntry(typeS3BucketAccelerateConfigurationV2, "storage", covRes("status")),
		covEntry(typeS3Inventory, "storage", covRes("destination.bucket.bucketArn")),
		covEntry(typeS3AnalyticsConfiguration, "storage", covRes("storageClassAnalysis.dataExport.destination.s3BucketDestination.bucketArn")),
		covEntry(typeS3BucketCorsConfigurationV2, "storage"),
		covEntry(typeS3BucketNotification, "storage"),
		covEntry(typeS3BucketRequestPaymentConfigurationV2, "storage"),
		covEntry(typeS3BucketIntelligentTieringConfiguration, "storage"),
		covEntry(typeS3BucketMetric, "storage"),
		covEntry(typeEFSFileSystem, "storage", covEnc("encrypted", "kmsKeyId")),
		covEntry(typeEFSReplicationConfiguration, "storage", covRes("destination.region")),
		covEntry(typeFSxLustreFileSystem, "storage", covEnc("kmsKeyId")),
		covEntry(typeFSxWindowsFileSystem, "storage", covEnc("kmsKeyId")),
		covEntry(typeFSxOntapFileSystem, "storage", covEnc("kmsKeyId")),
		covEntry(typeFSxOpenZfsFileSystem, "storage", covEnc("kmsKeyId")),
		covEntry(typeBackupVault, "storage", covEnc("kmsKeyArn")),
		covEntry(typeBackupPlan, "storage", covRes("rules.copyActions.destinationVaultArn")),
		covEntry(typeBackupSelection, "storage"),
		covEntry(typeBackupVaultLockConfiguration, "storage"),
		// Restore tests restore into the vault's own account and region, and delete what they restored.
		covEntry(typeBackupRestoreTestingPlan, "storage"),
		covEntry(typeBackupRestoreTestingSelection, "storage"),
		covEntry(typeGlacierVault, "storage"),

		// Analytics and machine learning.
		covEntry(typeAthenaWorkgroup, "analytics",
			covEnc("configuration.resultConfiguration.encryptionConfiguration.encryptionOption",
				"configuration.resultConfiguration.encryptionConfiguration.kmsKeyArn")),
		covEntry(typeGlueDataCatalogEncryptionSettings, "analytics",
			covEnc("dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode",
				"dataCatalogEncryptionSettings.encryptionAtRest.sseAwsKmsKeyId",
				"dataCatalogEncryptionSettings.connectionPasswordEncryption.returnConnectionPasswordEncrypted",
				"dataCatalogEncryptionSettings.connectionPasswordEncryption.awsKmsKeyId")),
		covEntry(typeGlueSecurityConfiguration, "analytics",
			covEnc("encryptionConfiguration.s3Encryption.s3EncryptionMode", "encryptionConfiguration.s3Encryption.kmsKeyArn",
				"encryptionConfiguration.cloudwatchEncryption.cloudwatchEncryptionMode",
				"encryptionConfiguration.cloudwatchEncryption.kmsKeyArn",
				"encryptionConfiguration.jobBookmarksEncryption.jobBookmarksEncryptionMode",
				"encryptionConfiguration.jobBookmarksEncryption.kmsKeyArn")),
		covEntry(typeOpenSearchDomain, "analytics",
			covEnc("encryptAtRest.enabled", "encryptAtRest.kmsKeyId", "domainEndpointOptions.enforceHttps",
				"domainEndpointOptions.tlsSecurityPolicy", "nodeToNodeEncryption.enabled"),
			covExp("vpcOptions")),
		covEntry(typeEMRSecurityConfiguration, "analytics", covEnc("configuration")),
		covEntry(typeSageMakerNotebookInstance, "analytics", covEnc("kmsKeyId"), covExp("directInternetAccess")),
		covEntry(typeBedrockInferenceProfile, "analytics", covRes("modelSource.copyFrom")),

		// Networking.
		covEntry(typeEC2Vpc, "networking"),
		covEntry(typeEC2Subnet, "networking", covExp("mapPublicIpOnLaunch")),
		covEntry(typeEC2RouteTable, "networking", covExp("routes")),
		covEntry(typeEC2DefaultRouteTable, "networking", covExp("routes")),
		covEntry(typeEC2Route, "networking", covExp("destinationCidrBlock", "gatewayId")),
		covEntry(typeEC2VpcPeeringConnectionAccepter, "networking"),
		covEntry(typeEC2VpnGateway, "networking"),
		covEntry(typeTGWRouteTableAssociation, "networking"),
		covEntry(typeTGWRouteTablePropagation, "networking"),
		covEntry(typeTGWRoute, "networking"),
		covEntry(typeEC2SecurityGroup, "networking", covExp("ingress")),
		covEntry(typeEC2SecurityGroupRule, "networking", covExp("type", "cidrBlocks", "ipv6CidrBlocks")),
		covEntry(typeVPCSecurityGroupIngressRule, "networking", covExp("cidrIpv4", "cidrIpv6")),
		covEntry(typeEC2DefaultSecurityGroup, "networking", covExp("ingress", "egress")),
		covEntry(typeEC2NetworkACL, "networking", covExp("ingress")),
		covEntry(typeEC2NetworkACLRule, "networking", covExp("egress", "ruleAction", "cidrBlock", "ipv6CidrBlock")),
		covEntry(typeEC2DefaultNetworkACL, "networking", covExp("ingress")),
		covEntry(typeEC2InternetGateway, "networking"),
		covEntry(typeEC2EgressOnlyInternetGateway, "networking"),
		covEntry(typeEC2NatGateway, "networking"),
		covEntry(typeEC2Eip, "networking"),
		covEntry(typeEC2VpcEndpoint, "networking", covRes("serviceRegion")),
		covEntry(typeEC2VpcPeeringConnection, "networking", covRes("peerRegion")),
		covEntry(typeTGWTransitGateway, "networking"),
		covEntry(typeTGWVpcAttachment, "networking"),
		covEntry(typeTGWRouteTable, "networking"),
		covEntry(typeTGWPeeringAttachment, "networking", covRes("peerRegion")),
		covEntry(typeNetworkFirewallFirewall, "networking", covEnc("encryptionConfiguration.type", "encryptionConfiguration.keyId")),
		covEntry(typeLBLoadBalancer, "networking", covExp("internal")),
		covEntry(typeALBLoadBalancer, "networking", covExp("internal")),
		covEntry(typeLBListener, "networking", covEnc("protocol", "sslPolicy", "defaultActions")),
		covEntry(typeALBListener, "networking", covEnc("protocol", "sslPolicy", "defaultActions")),
		covEntry(typeLBListenerRule, "networking", covEnc("actions")),
		covEntry(typeALBListenerRule, "networking", covEnc("actions")),
		covEntry(typeAPIGatewayDomainName, "networking", covEnc("securityPolicy")),
		covEntry(typeAPIGatewayV2DomainName, "networking", covEnc("domainNameConfiguration.securityPolicy")),
		covEntry(typeCloudFrontDistribution, "networking", covRes("origins"),
			covEnc("viewerCertificate.cloudfrontDefaultCertificate", "viewerCertificate.minimumProtocolVersion",
				"defaultCacheBehavior.viewerProtocolPolicy", "orderedCacheBehaviors.viewerProtocolPolicy",
				"origins.customOriginConfig.originProtocolPolicy", "origins.customOriginConfig.originSslProtocols")),
		covEntry(typeEC2CustomerGateway, "networking"),

		// Identity.
		covEntry(typeIAMRole, "identity", covIdn("assumeRolePolicy", "inlinePolicies")),
		covEntry(typeIAMPolicy, "identity", covIdn("policy")),
		covEntry(typeIAMRolePolicy, "identity", covIdn("policy")),
		covEntry(typeIAMUserPolicy, "identity", covIdn("policy")),
		covEntry(typeIAMGroupPolicy, "identity", covIdn("policy")),
		covEntry(typeIAMUser, "identity"),
		covEntry(typeIAMAccessKey, "identity"),
		covEntry(typeIAMUserLoginProfile, "identity", covIdn("user")),
		covEntry(typeIAMAccountPasswordPolicy, "identity", covIdn("maxPasswordAge")),

		// Logging and audit.
		covEntry(typeCloudTrailTrail, "logging", covEnc("kmsKeyId")),
		covEntry(typeCloudWatchLogGroup, "logging", covEnc("kmsKeyId")),
		covEntry(typeCloudWatchLogSubscriptionFilter, "logging", covRes("destinationArn")),
		covEntry(typeCloudWatchLogDestination, "logging", covRes("targetArn")),
		covEntry(typeEC2FlowLog, "logging"),
		covEntry(typeConfigDeliveryChannel, "logging", covEnc("s3KmsKeyArn")),
		covEntry(typeConfigRecorder, "logging"),
		covEntry(typeGuardDutyDetector, "logging"),
		covEntry(typeConfigRecorderStatus, "logging"),
		covEntry(typeSecurityHubAccount, "logging"),
		covEntry(typeSecurityHubStandardsSubscription, "logging"),
		// Vulnerability scanning and patching: they turn protections on and schedule patch runs; none of
		// them holds or moves data (PCLZ-AWS-AUD-010, PCLZ-AWS-AUD-009 read them).
		covEntry(typeInspector2Enabler, "operations"),
		covEntry(typeInspector2OrgConfiguration, "operations"),
		covEntry(typeSSMPatchGroup, "operations"),
		covEntry(typeSSMPatchBaseline, "operations"),
		covEntry(typeSSMMaintenanceWindow, "operations"),
		covEntry(typeSSMMaintenanceWindowTarget, "operations"),
		covEntry(typeSSMMaintenanceWindowTask, "operations"),
		covEntry(typeAccessAnalyzerAnalyzer, "identity"),
		// Alerting on the audit trail: a metric and an alarm state, no data leaves and nothing is exposed.
		covEntry(typeCloudWatchLogMetricFilter, "logging"),
		covEntry(typeCloudWatchMetricAlarm, "logging"),
		// EventBridge rules alert on the break-glass role's use (PCLZ-AWS-IAM-013); the event pattern
		// selects events, it moves or exposes nothing.
		covEntry(typeCloudWatchEventRule, "logging"),

		// Resource policies and every route that attaches a policy to an identity.
		covEntry(typeIAMRolePolicyAttachment, "identity", covIdn("policyArn", "role")),
		covEntry(typeIAMUserPolicyAttachment, "identity", covIdn("policyArn")),
		covEntry(typeIAMGroupPolicyAttachment, "identity", covIdn("policyArn")),
		covEntry(typeIAMPolicyAttachment, "identity", covIdn("policyArn", "roles", "users", "groups")),
		covEntry(typeSSOManagedPolicyAttachment, "identity", covIdn("managedPolicyArn")),
		covEntry(typeSSOPermissionSetInlinePolicy, "identity", covIdn("inlinePolicy")),
		// IAM Identity Center: a permission set is judged by what is attached to it, an assignment by
		// the permission set it gives (PCLZ-AWS-IAM-012, PCLZ-AWS-IAM-014).
		covEntry(typeSSOPermissionSet, "identity"),
		covEntry(typeSSOAccountAssignment, "identity", covIdn("permissionSetArn")),
		covEntry(typeAPIGatewayRestAPI, "networking", covIdn("policy")),
		covEntry(typeAPIGatewayRestAPIPolicy, "networking", covIdn("policy")),
		covEntry(typeBackupVaultPolicy, "storage", covIdn("policy")),
		covEntry(typeCloudWatchEventBusPolicy, "queues", covIdn("policy")),
		covEntry(typeCloudWatchLogResourcePolicy, "logging", covIdn("policyDocument")),
		covEntry(typeCodeArtifactRepositoryPermissionsPolicy, "registries", covIdn("policyDocument")),
		covEntry(typeECRRepositoryPolicy, "registries", covIdn("policy")),
		covEntry(typeEFSFileSystemPolicy, "storage", covIdn("policy")),
		covEntry(typeElasticsearchDomainPolicy, "analytics", covIdn("accessPolicies")),
		covEntry(typeOpenSearchDomainPolicy, "analytics", covIdn("accessPolicies")),
		covEntry(typeGlacierVaultLock, "storage", covIdn("policy")),
		covEntry(typeKinesisResourcePolicy, "queues", covIdn("policy")),
		covEntry(typeS3ControlAccessPointPolicy, "storage", covIdn("policy")),

		// Network pieces the isolation and exposure rules read.
		covEntry(typeVPCSecurityGroupEgressRule, "networking", covExp("cidrIpv4", "cidrIpv6", "prefixListId", "ipProtocol", "fromPort", "toPort")),
		covEntry(typeEC2ManagedPrefixList, "networking", covExp("entries.cidr")),
		covEntry(typeEC2ManagedPrefixListEntry, "networking", covExp("cidr", "prefixListId")),
		covEntry(typeEC2NetworkACLAssociation, "networking", covExp("networkAclId")),
	}.Sorted()
}

func covEntry(typ, category string, groups ...[]policy.CoveredProperty) policy.CoverageEntry {
	e := policy.CoverageEntry{Type: typ, Category: category, Properties: []policy.CoveredProperty{}}
	for _, g := range groups {
		e.Properties = append(e.Properties, g...)
	}
	return e
}

func covProps(risk policy.Risk, paths []string) []policy.CoveredProperty {
	out := make([]policy.CoveredProperty, len(paths))
	for i, p := range paths {
		out[i] = policy.CoveredProperty{Path: p, Risk: risk}
	}
	return out
}

func covRes(paths ...string) []policy.CoveredProperty { return covProps(policy.RiskResidency, paths) }
func covExp(paths ...string) []policy.CoveredProperty { return covProps(policy.RiskExposure, paths) }
func covEnc(paths ...string) []policy.CoveredProperty { return covProps(policy.RiskEncryption, paths) }
func covIdn(paths ...string) []policy.CoveredProperty { return covProps(policy.RiskIdentity, paths) }
