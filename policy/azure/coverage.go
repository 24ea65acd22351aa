package azure

import "github.com/policecloud/landingzones/policy"

// Coverage is the catalogue of azure-native v2 resource types a Metropolitan Police workload would use,
// each with every input that can move data out of the UK (location, replica and partner locations,
// replication destinations), expose it (public network access, open firewall rules, public frontends,
// anonymous access), or weaken encryption (platform keys, TLS below 1.2, plaintext channels) or identity
// (local keys and passwords instead of Entra ID). Every listed property is read by at least one rule
// (Meta.Reads); a type that is not listed here is "not assessed" in reports, never "pass".
//
// Property paths are input names joined by "." (array elements are not indexed:
// "locations.locationName" is the locationName of every element of locations).
func Coverage() policy.Coverage {
	return policy.Coverage{
		// Delete locks, access policies, routes, backup policies, Defender plans and TDE settings: the
		// resources rules read to judge the resources they govern.
		entry(typeLockGroup, "resilience"),
		entry(typeLockResource, "resilience"),
		entry(typeLockSubscription, "resilience"),
		entry(typeLockByScope, "resilience"),
		entry(typeAccessPolicy, "secrets", identity("policy.permissions")),
		entry(typeRoute, "networking", exposure("addressPrefix"), exposure("nextHopType")),
		entry(typeProtectionPolicy, "backup"),
		// Governance and private DNS wiring: a policy definition restricts, a DNS zone group links a
		// private endpoint to its zone; neither holds nor exposes data.
		entry(typePolicyDefinition, "identity"),
		entry(typePrivateDNSZoneGroup, "networking"),
		entry(typeDefenderPricing, "monitoring"),
		// Azure Update Manager schedules and their assignments: they schedule patch runs and hold no data
		// (PCLZ-AZR-AUD-008 reads them).
		entry(typeMaintenanceConfiguration, "operations"),
		entry(typeMaintenanceAssignment, "operations"),
		entry(typeMaintenanceAssignmentSub, "operations"),
		entry(typeMaintenanceAssignmentRG, "operations"),
		entry(typeSQLTDE, "databases", encryption("state")),
		// Azure Monitor private link of a tier with no internet egress (PCLZ-AZR-AUD-009 reads them): the
		// data collection endpoint ingests the machines' logs and the scope decides whether its networks may
		// still send to public endpoints; the scoped resource only links a resource into the scope. The data
		// collection rule itself, whose destinations can send logs anywhere, is not assessed yet.
		entry(typeDataCollectionEndpoint, "monitoring", residency("location"), exposure("networkAcls.publicNetworkAccess")),
		entry(typeMonitorPrivateLink, "monitoring", residency("location"), exposure("accessModeSettings.ingestionAccessMode")),
		entry(typeMonitorScopedResource, "monitoring"),
		// Backup wiring of workloads: a protected item puts a machine under a vault's policy (PCLZ-AZR-RES-007
		// reads it) and Azure SQL's retention policies say how long its own backups are kept; the data stays
		// in the vault or the database's backup storage, which their own rules judge.
		entry(typeProtectedItem, "backup"),
		entry("azure-native:sql:BackupShortTermRetentionPolicy", "backup"),
		entry("azure-native:sql:LongTermRetentionPolicy", "backup"),
		// A data collection rule association binds a machine to a rule and holds no data (the rule itself,
		// whose destinations can send logs anywhere, is not assessed yet), and the SQL vulnerability
		// assessment setting switches Defender for SQL's scans on or off.
		entry("azure-native:insights:DataCollectionRuleAssociation", "monitoring"),
		entry("azure-native:sql:SqlVulnerabilityAssessmentsSetting", "monitoring"),

		// Compute.
		entry(typeVM, "compute",
			residency("location"),
			encryption("storageProfile.osDisk.managedDisk.diskEncryptionSet.id"),
			encryption("storageProfile.dataDisks.managedDisk.diskEncryptionSet.id"),
			encryption("securityProfile.encryptionAtHost"),
			exposure("networkProfile.networkInterfaceConfigurations.ipConfigurations.publicIPAddressConfiguration")),
		entry(typeVMSS, "compute",
			residency("location"),
			encryption("virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id"),
			encryption("virtualMachineProfile.securityProfile.encryptionAtHost"),
			exposure("virtualMachineProfile.networkProfile.networkInterfaceConfigurations.ipConfigurations.publicIPAddressConfiguration")),
		entry(typeDisk, "compute",
			residency("location"),
			encryption("encryption.type"), encryption("encryption.diskEncryptionSetId"),
			exposure("networkAccessPolicy"), exposure("publicNetworkAccess")),
		entry(typeSnapshot, "compute",
			residency("location"),
			encryption("encryption.type"), encryption("encryption.diskEncryptionSetId"),
			exposure("networkAccessPolicy"), exposure("publicNetworkAccess")),
		entry(typeDiskEncryptionSet, "compute",
			residency("location"),
			encryption("encryptionType"), encryption("activeKey.keyUrl")),
		entry(typeGalleryImageVersion, "compute",
			residency("location"),
			residency("publishingProfile.targetRegions.name"),
			residency("publishingProfile.targetExtendedLocations.name")),

		// Containers.
		entry(typeAKS, "containers",
			residency("location"),
			encryption("diskEncryptionSetID"), encryption("securityProfile.azureKeyVaultKms.enabled"),
			exposure("apiServerAccessProfile.enablePrivateCluster"),
			exposure("agentPoolProfiles.enableNodePublicIP"),
			identity("disableLocalAccounts")),
		entry(typeRegistry, "containers",
			residency("location"),
			exposure("publicNetworkAccess"), exposure("networkRuleSet.defaultAction"),
			encryption("encryption.status"), encryption("encryption.keyVaultProperties.keyIdentifier"),
			identity("adminUserEnabled")),
		entry(typeRegistryReplication, "containers", residency("location")),
		entry(typeContainerApp, "containers",
			residency("location"),
			encryption("configuration.ingress.allowInsecure")),
		entry(typeManagedEnvironment, "containers",
			residency("location"),
			exposure("vnetConfiguration.internal")),
		entry(typeContainerGroup, "containers",
			residency("location"),
			exposure("ipAddress.type"),
			encryption("encryptionProperties.vaultBaseUrl"), encryption("encryptionProperties.keyName")),

		// Web.
		entry(typeWebApp, "web",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("httpsOnly"), encryption("siteConfig.ftpsState"), encryption("siteConfig.minTlsVersion"), encryption("siteConfig.scmMinTlsVersion")),
		entry(typeWebAppSlot, "web",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("httpsOnly"), encryption("siteConfig.ftpsState"), encryption("siteConfig.minTlsVersion"), encryption("siteConfig.scmMinTlsVersion")),
		entry(typeAppServicePlan, "web", residency("location")),
		entry(typeStaticSite, "web", residency("location"), exposure("publicNetworkAccess")),

		// Databases.
		entry(typeSQLServer, "databases",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("minimalTlsVersion"), encryption("keyId"),
			identity("administrators.azureADOnlyAuthentication")),
		entry(typeSQLDatabase, "databases", residency("location"), residency("requestedBackupStorageRedundancy")),
		entry(typeSQLFailoverGroup, "databases", residency("partnerServers.id")),
		entry(typeSQLAlertPolicy, "databases", residency("storageEndpoint")),
		entry(typeSQLVulnAssessment, "databases", residency("storageContainerPath")),
		entry(typeSQLFirewallRule, "databases", exposure("startIpAddress"), exposure("endIpAddress")),
		entry(typeSQLManagedInstance, "databases",
			residency("location"), residency("requestedBackupStorageRedundancy"),
			exposure("publicDataEndpointEnabled"),
			encryption("minimalTlsVersion"), encryption("keyId"),
			identity("administrators.azureADOnlyAuthentication")),
		entry(typeSQLInstanceFailover, "databases",
			residency("locationName"), residency("partnerRegions.location"), residency("managedInstancePairs.partnerManagedInstanceId")),
		entry(typePGFlexible, "databases",
			residency("location"), residency("backup.geoRedundantBackup"),
			exposure("network.publicNetworkAccess"), exposure("network.delegatedSubnetResourceId"),
			encryption("dataEncryption.type"), encryption("dataEncryption.primaryKeyURI"),
			identity("authConfig.passwordAuth")),
		entry(typePGConfiguration, "databases", encryption("value")),
		entry(typePGFirewallRule, "databases", exposure("startIpAddress"), exposure("endIpAddress")),
		entry(typeMySQLFlexible, "databases",
			residency("location"), residency("backup.geoRedundantBackup"),
			exposure("network.publicNetworkAccess"), exposure("network.delegatedSubnetResourceId"),
			encryption("dataEncryption.type"), encryption("dataEncryption.primaryKeyURI")),
		entry(typeMySQLConfiguration, "databases", encryption("value")),
		entry(typeMySQLFirewallRule, "databases", exposure("startIpAddress"), exposure("endIpAddress")),
		entry(typeCosmosAccount, "databases",
			residency("location"), residency("locations.locationName"), residency("backupPolicy.periodicModeProperties.backupStorageRedundancy"),
			exposure("publicNetworkAccess"), exposure("ipRules.ipAddressOrRange"),
			encryption("minimalTlsVersion"), encryption("keyVaultKeyUri"),
			identity("disableLocalAuth")),
		entry(typeRedis, "databases",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("enableNonSslPort"), encryption("minimumTlsVersion")),
		entry(typeRedisLinkedServer, "databases", residency("linkedRedisCacheLocation"), residency("linkedRedisCacheId")),
		entry(typeRedisEnterprise, "databases",
			residency("location"),
			encryption("minimumTlsVersion"), encryption("encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl")),
		entry(typeRedisEnterpriseDB, "databases", residency("geoReplication.linkedDatabases.id"), encryption("clientProtocol")),

		// Messaging.
		entry(typeServiceBusNamespace, "messaging",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("minimumTlsVersion"), encryption("encryption.keySource"),
			identity("disableLocalAuth")),
		entry(typeServiceBusDR, "messaging", residency("partnerNamespace")),
		entry(typeEventHubNamespace, "messaging",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("minimumTlsVersion"), encryption("encryption.keySource"),
			identity("disableLocalAuth")),
		entry(typeEventHubDR, "messaging", residency("partnerNamespace")),
		entry(typeEventGridTopic, "messaging", residency("location"), exposure("publicNetworkAccess"), identity("disableLocalAuth")),
		entry(typeEventGridDomain, "messaging", residency("location"), exposure("publicNetworkAccess"), identity("disableLocalAuth")),

		// Secrets and keys.
		entry(typeKeyVault, "secrets and keys",
			residency("location"),
			exposure("properties.publicNetworkAccess"), exposure("properties.networkAcls.defaultAction"),
			encryption("properties.enablePurgeProtection"), encryption("properties.softDeleteRetentionInDays")),
		entry(typeKey, "secrets and keys", encryption("properties.rotationPolicy.lifetimeActions")),
		entry(typeSecret, "secrets and keys", identity("properties.attributes.expires")),
		entry(typeManagedHSM, "secrets and keys",
			residency("location"), residency("properties.regions.name"),
			exposure("properties.publicNetworkAccess"), exposure("properties.networkAcls.defaultAction")),

		// Storage.
		entry(typeStorageAccount, "storage",
			residency("location"), residency("sku.name"), residency("allowCrossTenantReplication"),
			exposure("publicNetworkAccess"), exposure("allowBlobPublicAccess"), exposure("networkRuleSet.defaultAction"),
			exposure("networkRuleSet.ipRules.iPAddressOrRange"),
			encryption("encryption.keySource"), encryption("encryption.keyVaultProperties.keyVaultUri"),
			encryption("encryption.keyVaultProperties.keyName"), encryption("encryption.requireInfrastructureEncryption"),
			encryption("enableHttpsTrafficOnly"), encryption("minimumTlsVersion"), encryption("enableNfsV3"),
			identity("allowSharedKeyAccess"), identity("isLocalUserEnabled")),
		entry(typeBlobContainer, "storage", exposure("publicAccess")),
		entry(typeFileShare, "storage", encryption("enabledProtocols")),
		entry(typeObjectReplication, "storage", residency("destinationAccount"), residency("sourceAccount")),
		entry(typeNetAppAccount, "storage", residency("location"), encryption("encryption.keySource")),
		entry(typeNetAppVolume, "storage", residency("location"), residency("dataProtection.replication.remoteVolumeRegion")),
		entry(typeDataLakeStore, "storage", residency("location"), exposure("firewallState"), encryption("encryptionConfig.type")),

		// Analytics and AI.
		entry(typeSynapseWorkspace, "analytics",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("encryption.cmk.key.keyVaultUrl"),
			identity("azureADOnlyAuthentication")),
		entry(typeSynapseFirewallRule, "analytics", exposure("startIpAddress"), exposure("endIpAddress")),
		entry(typeDatabricksWorkspace, "analytics",
			residency("location"),
			exposure("publicNetworkAccess"), exposure("parameters.enableNoPublicIp.value"),
			encryption("encryption.entities.managedServices.keySource")),
		entry(typeDataFactory, "analytics",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("encryption.vaultBaseUrl"), encryption("encryption.keyName")),
		entry(typeKustoCluster, "analytics",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("enableDiskEncryption"), encryption("keyVaultProperties.keyVaultUri")),
		entry(typeSearchService, "analytics",
			residency("location"),
			exposure("publicNetworkAccess"),
			encryption("encryptionWithCmk.enforcement"),
			identity("disableLocalAuth")),
		entry(typeCognitiveAccount, "analytics",
			residency("location"),
			exposure("properties.publicNetworkAccess"), exposure("properties.networkAcls.defaultAction"),
			encryption("properties.encryption.keySource"),
			identity("properties.disableLocalAuth")),

		// Networking. Rules of the isolation pack read the network topology (NSG rules, routes, peerings,
		// NIC public IPs); the catalogue lists here what leaves the UK or the private network.
		entry(typeResourceGroup, "networking", residency("location")),
		entry(typeVNet, "networking", residency("location")),
		entry(typeSubnet, "networking", exposure("networkSecurityGroup.id")),
		entry(typePeering, "networking", exposure("remoteVirtualNetwork.id")),
		entry(typeRouteTable, "networking", residency("location")),
		entry(typeNetworkWatcher, "networking", residency("location")),
		entry(typeFlowLog, "networking", residency("location")),
		entry(typeLocalNetworkGateway, "networking", residency("location")),
		entry(typeVNetGatewayConnection, "networking", residency("location"), encryption("connectionProtocol"), encryption("ipsecPolicies")),
		entry(typePrivateZone, "networking", residency("location")),
		entry(typeVNetLink, "networking", residency("location")),
		entry(typeNSG, "networking", residency("location"), exposure("securityRules")),
		entry(typeSecurityRule, "networking", exposure("sourceAddressPrefix"), exposure("sourceAddressPrefixes")),
		entry(typePublicIP, "networking", residency("location")),
		entry(typeNIC, "networking", residency("location"), exposure("ipConfigurations.publicIPAddress")),
		entry(typeAppGateway, "networking",
			residency("location"),
			exposure("frontendIPConfigurations.publicIPAddress"),
			encryption("sslPolicy"), encryption("httpListeners.protocol")),
		entry(typeLoadBalancer, "networking", residency("location"), exposure("frontendIPConfigurations.publicIPAddress")),
		entry(typeAzureFirewall, "networking", residency("location"), exposure("ipConfigurations.publicIPAddress"), exposure("threatIntelMode")),
		entry(typeFirewallPolicy, "networking", residency("location"), exposure("threatIntelMode"), exposure("intrusionDetection.mode")),
		entry(typePrivateEndpoint, "networking", residency("location")),
		entry(typeVNetGateway, "networking",
			residency("location"),
			exposure("ipConfigurations.publicIPAddress"),
			identity("vpnClientConfiguration.vpnAuthenticationTypes")),
		entry(typeFrontDoor, "networking",
			residency("location"),
			encryption("routingRules.acceptedProtocols"), encryption("backendPoolsSettings.enforceCertificateNameCheck")),
		entry(typeCDNProfile, "networking", residency("location")),
		entry(typeAFDCustomDomain, "networking", encryption("tlsSettings.minimumTlsVersion")),
		entry(typeAFDRoute, "networking", encryption("httpsRedirect"), encryption("supportedProtocols"), encryption("forwardingProtocol")),

		// Identity.
		entry(typeUserAssignedIdentity, "identity", residency("location")),
		entry(typePolicyAssignment, "identity", residency("location")),
		entry(typeRoleAssignment, "identity", identity("roleDefinitionId"), identity("principalType")),
		entry(typeRoleDefinition, "identity", identity("permissions.actions"), identity("permissions.notActions")),
		// The organization stack: management groups and placements, policy at management group scope and
		// its exemptions, PIM eligibility, and the break-glass sign-in alert. None holds data; the
		// alert rule is located (PCLZ-AZR-REG-001) and PCLZ-AZR-IAM-014 reads it.
		entry(typeManagementGroup, "identity"),
		entry(typeManagementGroupSubscription, "identity"),
		entry(typePolicyDefinitionAtMG, "identity"),
		entry(typePolicyExemption, "identity"),
		entry(typePimRoleEligibility, "identity"),
		entry(typeScheduledQueryRule, "monitoring", residency("location")),
		entry(typeActionGroup, "monitoring"),
		entry(typeEntraDiagnosticSetting, "monitoring"),

		// Monitoring.
		entry(typeDiagnosticSetting, "monitoring",
			residency("storageAccountId"), residency("eventHubAuthorizationRuleId"), residency("serviceBusRuleId"),
			residency("marketplacePartnerId")),
		entry(typeSubDiagSetting, "monitoring",
			residency("storageAccountId"), residency("eventHubAuthorizationRuleId"), residency("serviceBusRuleId"),
			residency("marketplacePartnerId")),
		entry(typeWorkspace, "monitoring",
			residency("location"),
			exposure("publicNetworkAccessForQuery"), exposure("publicNetworkAccessForIngestion"),
			identity("features.disableLocalAuth")),

		// Backup.
		// The vault's default API (2023-04-01) has no redundancySettings input: its storage is
		// geo-redundant, so its location decides where the copy goes (PCLZ-AZR-REG-003).
		entry(typeRecoveryVault, "backup",
			residency("location"),
			exposure("properties.publicNetworkAccess"),
			encryption("properties.encryption.keyVaultProperties.keyUri")),
		entry(typeBackupVault, "backup",
			residency("location"),
			residency("properties.storageSettings.type"),
			residency("properties.featureSettings.crossRegionRestoreSettings.state")),
	}.Sorted()
}

func entry(typ, category string, props ...policy.CoveredProperty) policy.CoverageEntry {
	return policy.CoverageEntry{Type: typ, Category: category, Properties: props}
}

func residency(path string) policy.CoveredProperty {
	return policy.CoveredProperty{Path: path, Risk: policy.RiskResidency}
}

func exposure(path string) policy.CoveredProperty {
	return policy.CoveredProperty{Path: path, Risk: policy.RiskExposure}
}

func encryption(path string) policy.CoveredProperty {
	return policy.CoveredProperty{Path: path, Risk: policy.RiskEncryption}
}

func identity(path string) policy.CoveredProperty {
	return policy.CoveredProperty{Path: path, Risk: policy.RiskIdentity}
}
