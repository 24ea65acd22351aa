package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const (
	desID  = sub + "/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-gold"
	cmkURI = "https://kv-lz.vault.azure.net/keys/cmk-data"
)

func cmkVM() map[string]any {
	return map[string]any{"location": "uksouth",
		"securityProfile": map[string]any{"encryptionAtHost": true},
		"storageProfile": map[string]any{
			"osDisk":    map[string]any{"managedDisk": map[string]any{"diskEncryptionSet": map[string]any{"id": desID}}},
			"dataDisks": []any{map[string]any{"lun": 0, "managedDisk": map[string]any{"diskEncryptionSet": map[string]any{"id": desID}}}},
		}}
}

func cmkInputs(typ string) func() map[string]any {
	return func() map[string]any {
		switch typ {
		case typeVMSS:
			return map[string]any{"location": "uksouth", "virtualMachineProfile": map[string]any{
				"securityProfile": map[string]any{"encryptionAtHost": true},
				"storageProfile":  map[string]any{"osDisk": map[string]any{"managedDisk": map[string]any{"diskEncryptionSet": map[string]any{"id": desID}}}}}}
		case typeSnapshot:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": desID}}
		case typeDiskEncryptionSet:
			return map[string]any{"location": "uksouth", "encryptionType": "EncryptionAtRestWithPlatformAndCustomerKeys", "activeKey": map[string]any{"keyUrl": cmkURI + "/v1"}}
		case typeAKS:
			return map[string]any{"location": "uksouth", "diskEncryptionSetID": desID,
				"securityProfile": map[string]any{"azureKeyVaultKms": map[string]any{"enabled": true, "keyId": cmkURI + "/v1"}}}
		case typeRegistry:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"status": "enabled", "keyVaultProperties": map[string]any{"keyIdentifier": cmkURI}}}
		case typeContainerGroup:
			return map[string]any{"location": "uksouth", "encryptionProperties": map[string]any{"vaultBaseUrl": "https://kv-lz.vault.azure.net", "keyName": "cmk-data", "keyVersion": "v1"}}
		case typeCosmosAccount:
			return map[string]any{"location": "uksouth", "keyVaultKeyUri": cmkURI}
		case typeSQLServer, typeSQLManagedInstance:
			return map[string]any{"location": "uksouth", "keyId": cmkURI + "/v1"}
		case typePGFlexible, typeMySQLFlexible:
			return map[string]any{"location": "uksouth", "dataEncryption": map[string]any{"type": "AzureKeyVault", "primaryKeyURI": cmkURI + "/v1"}}
		case typeRedisEnterprise:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"customerManagedKeyEncryption": map[string]any{"keyEncryptionKeyUrl": cmkURI + "/v1"}}}
		case typeServiceBusNamespace, typeEventHubNamespace:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"keySource": "Microsoft.KeyVault",
				"keyVaultProperties": []any{map[string]any{"keyName": "cmk-data", "keyVaultUri": "https://kv-lz.vault.azure.net"}}}}
		case typeNetAppAccount:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"keySource": "Microsoft.KeyVault"}}
		case typeDataLakeStore:
			return map[string]any{"location": "uksouth", "encryptionState": "Enabled", "encryptionConfig": map[string]any{"type": "UserManaged"}}
		case typeSynapseWorkspace:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"cmk": map[string]any{"key": map[string]any{"name": "cmk-data", "keyVaultUrl": cmkURI}}}}
		case typeDatabricksWorkspace:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"entities": map[string]any{"managedServices": map[string]any{"keySource": "Microsoft.Keyvault"}}}}
		case typeDataFactory:
			return map[string]any{"location": "uksouth", "encryption": map[string]any{"vaultBaseUrl": "https://kv-lz.vault.azure.net", "keyName": "cmk-data"}}
		case typeKustoCluster:
			return map[string]any{"location": "uksouth", "enableDiskEncryption": true, "keyVaultProperties": map[string]any{"keyName": "cmk-data", "keyVaultUri": "https://kv-lz.vault.azure.net"}}
		case typeSearchService:
			return map[string]any{"location": "uksouth", "encryptionWithCmk": map[string]any{"enforcement": "Enabled"}}
		case typeCognitiveAccount:
			return map[string]any{"location": "uksouth", "properties": map[string]any{"encryption": map[string]any{"keySource": "Microsoft.KeyVault"}}}
		}
		return cmkVM()
	}
}

const keyWhy = "it must be a customer-managed key source (Microsoft.KeyVault)"

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-ENC-010",
	Resources:       func() []*policy.Resource { return []*policy.Resource{policytest.Azure(typeVM, "vm", cmkVM())} },
	BaselineMessage: "virtual machine: securityProfile.encryptionAtHost true, every disk created with the machine uses a disk encryption set",
	Cases: []policytest.Case{
		variant("vm without encryption at host", typeVM, cmkInputs(typeVM), del("securityProfile"), policy.StatusFail,
			"securityProfile.encryptionAtHost is not set (Azure's default is false, which leaves temporary disks and disk caches on the host unencrypted); it must be true"),
		variant("vm data disk without a disk encryption set", typeVM, cmkInputs(typeVM), set(map[string]any{}, "storageProfile", "dataDisks", 0, "managedDisk"), policy.StatusFail,
			"storageProfile.dataDisks[0].managedDisk.diskEncryptionSet.id is not set; it must name a disk encryption set with the force's key"),
		variant("vm os disk set computed from another resource", typeVM, cmkInputs(typeVM), func(r *policy.Resource) {
			policytest.SetComputed(r, "storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id")
			policytest.Link(r, "storageProfile", r)
		}, policy.StatusPass, "virtual machine: securityProfile.encryptionAtHost true, every disk created with the machine uses a disk encryption set"),
		variant("vm with attached disks (held to ENC-006)", typeVM, cmkInputs(typeVM), func(r *policy.Resource) {
			policytest.Set(r, map[string]any{"createOption": "Attach", "managedDisk": map[string]any{"id": "disk-id"}}, "storageProfile", "osDisk")
			policytest.Set(r, []any{map[string]any{"lun": 0, "createOption": "Attach", "managedDisk": map[string]any{"id": "data-id"}}}, "storageProfile", "dataDisks")
		}, policy.StatusPass, "virtual machine: securityProfile.encryptionAtHost true, every disk created with the machine uses a disk encryption set"),
		variant("vmss platform key", typeVMSS, cmkInputs(typeVMSS), del("virtualMachineProfile", "storageProfile"), policy.StatusFail,
			"virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id is not set; it must name the customer key in the force's Key Vault"),
		variant("snapshot platform key", typeSnapshot, cmkInputs(typeSnapshot), set("EncryptionAtRestWithPlatformKey", "encryption", "type"), policy.StatusFail,
			`encryption.type is "EncryptionAtRestWithPlatformKey", which encrypts the data with a Microsoft-managed key the force cannot revoke or audit; `+keyWhy),
		variant("disk encryption set default type", typeDiskEncryptionSet, cmkInputs(typeDiskEncryptionSet), del("encryptionType"), policy.StatusPass,
			"disk encryption set: encryptionType EncryptionAtRestWithCustomerKey (default), activeKey.keyUrl https://kv-lz.vault.azure.net/keys/cmk-data/v1"),
		variant("disk encryption set without key", typeDiskEncryptionSet, cmkInputs(typeDiskEncryptionSet), del("activeKey"), policy.StatusFail,
			"activeKey.keyUrl is not set; it must name the customer key in the force's Key Vault"),
		variant("aks without kms", typeAKS, cmkInputs(typeAKS), del("securityProfile"), policy.StatusFail,
			"securityProfile.azureKeyVaultKms.enabled is not set (Azure's default is false, which leaves Kubernetes secrets in etcd under a Microsoft-managed key); it must be true"),
		variant("registry encryption disabled", typeRegistry, cmkInputs(typeRegistry), set("disabled", "encryption", "status"), policy.StatusFail,
			`encryption.status is "disabled", which encrypts images with a Microsoft-managed key; it must be enabled`),
		variant("container group platform key", typeContainerGroup, cmkInputs(typeContainerGroup), del("encryptionProperties"), policy.StatusFail,
			"encryptionProperties.vaultBaseUrl is not set; it must name the customer key in the force's Key Vault"),
		variant("cosmos platform key", typeCosmosAccount, cmkInputs(typeCosmosAccount), del("keyVaultKeyUri"), policy.StatusFail,
			"keyVaultKeyUri is not set; it must name the customer key in the force's Key Vault"),
		variant("cosmos key computed from nothing", typeCosmosAccount, cmkInputs(typeCosmosAccount), computed("keyVaultKeyUri"), policy.StatusUnknown,
			"keyVaultKeyUri is computed and comes from no other resource; it must name the customer key in the force's Key Vault"),
		variant("sql server service-managed TDE", typeSQLServer, cmkInputs(typeSQLServer), del("keyId"), policy.StatusFail,
			"keyId is not set; it must name the customer key in the force's Key Vault"),
		variant("sql managed instance service-managed TDE", typeSQLManagedInstance, cmkInputs(typeSQLManagedInstance), del("keyId"), policy.StatusFail,
			"keyId is not set; it must name the customer key in the force's Key Vault"),
		variant("postgres flexible system managed", typePGFlexible, cmkInputs(typePGFlexible), del("dataEncryption"), policy.StatusFail,
			"dataEncryption.type is not set (Azure's default is SystemManaged, which encrypts the data with a Microsoft-managed key the force cannot revoke or audit); "+keyWhy),
		variant("mysql flexible system managed", typeMySQLFlexible, cmkInputs(typeMySQLFlexible), set("SystemManaged", "dataEncryption", "type"), policy.StatusFail,
			`dataEncryption.type is "SystemManaged", which encrypts the data with a Microsoft-managed key the force cannot revoke or audit; `+keyWhy),
		variant("redis enterprise platform key", typeRedisEnterprise, cmkInputs(typeRedisEnterprise), del("encryption"), policy.StatusFail,
			"encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl is not set; it must name the customer key in the force's Key Vault"),
		variant("service bus Microsoft.KeyVault", typeServiceBusNamespace, cmkInputs(typeServiceBusNamespace), nil, policy.StatusPass,
			"Service Bus namespace: encryption.keySource Microsoft.KeyVault"),
		variant("service bus platform key", typeServiceBusNamespace, cmkInputs(typeServiceBusNamespace), del("encryption"), policy.StatusFail,
			"encryption.keySource is not set; it must be a customer-managed key source (Microsoft.KeyVault) (encrypts the data with a Microsoft-managed key the force cannot revoke or audit otherwise)"),
		variant("event hubs platform key", typeEventHubNamespace, cmkInputs(typeEventHubNamespace), set("Microsoft.EventHub", "encryption", "keySource"), policy.StatusFail,
			`encryption.keySource is "Microsoft.EventHub", which encrypts the data with a Microsoft-managed key the force cannot revoke or audit; `+keyWhy),
		variant("netapp Microsoft.NetApp", typeNetAppAccount, cmkInputs(typeNetAppAccount), set("Microsoft.NetApp", "encryption", "keySource"), policy.StatusFail,
			`encryption.keySource is "Microsoft.NetApp", which encrypts volumes with a Microsoft-managed key the force cannot revoke or audit; `+keyWhy),
		variant("data lake service managed", typeDataLakeStore, cmkInputs(typeDataLakeStore), set("ServiceManaged", "encryptionConfig", "type"), policy.StatusFail,
			`encryptionConfig.type is "ServiceManaged", which encrypts the data with a Microsoft-managed key the force cannot revoke or audit; `+keyWhy),
		variant("synapse platform key", typeSynapseWorkspace, cmkInputs(typeSynapseWorkspace), del("encryption"), policy.StatusFail,
			"encryption.cmk.key.keyVaultUrl is not set; it must name the customer key in the force's Key Vault"),
		variant("databricks lower-case key vault spelling", typeDatabricksWorkspace, cmkInputs(typeDatabricksWorkspace), set("microsoft.keyvault", "encryption", "entities", "managedServices", "keySource"), policy.StatusPass,
			"Databricks workspace: encryption.entities.managedServices.keySource microsoft.keyvault"),
		variant("databricks platform key", typeDatabricksWorkspace, cmkInputs(typeDatabricksWorkspace), del("encryption"), policy.StatusFail,
			"encryption.entities.managedServices.keySource is not set; it must be a customer-managed key source (Microsoft.KeyVault) (encrypts the data with a Microsoft-managed key the force cannot revoke or audit otherwise)"),
		variant("data factory platform key", typeDataFactory, cmkInputs(typeDataFactory), del("encryption"), policy.StatusFail,
			"encryption.vaultBaseUrl is not set; it must name the customer key in the force's Key Vault"),
		variant("kusto disk encryption off", typeKustoCluster, cmkInputs(typeKustoCluster), set(false, "enableDiskEncryption"), policy.StatusFail,
			"enableDiskEncryption is false, which leaves the cluster's disks without disk encryption; it must be true"),
		variant("search cmk not enforced", typeSearchService, cmkInputs(typeSearchService), del("encryptionWithCmk"), policy.StatusFail,
			"encryptionWithCmk.enforcement is not set (Azure's default is Unspecified, which lets indexes be created under Microsoft-managed keys); it must be Enabled"),
		variant("cognitive services platform key", typeCognitiveAccount, cmkInputs(typeCognitiveAccount), set("Microsoft.CognitiveServices", "properties", "encryption", "keySource"), policy.StatusFail,
			`properties.encryption.keySource is "Microsoft.CognitiveServices", which encrypts the data with a Microsoft-managed key the force cannot revoke or audit; `+keyWhy),
	},
})
