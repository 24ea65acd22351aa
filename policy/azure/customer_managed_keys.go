package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// customerKey is a field whose value must be a customer key source in any spelling (see
// semantic.ClassifyAzureKeySource).
func customerKey(path ...any) field {
	return field{path: path, keySource: true, why: "encrypts the data with a Microsoft-managed key the force cannot revoke or audit"}
}

// keyRef is a custom check that a key reference input is set.
func keyRef(path ...any) func(*policy.Context, *policy.Resource) (string, policy.Result) {
	return func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
		res := mustBeSet(r, "the customer key in the force's Key Vault", path...)
		if res.Status != "" {
			return "", res
		}
		return pathName(path) + " " + orComputed(r.Get(path...)), ok
	}
}

// customerKeys says, per type, how its data at rest is tied to a customer key.
var customerKeys = map[string]typeSpec{
	typeVM: {what: "virtual machine", reads: []string{"storageProfile.osDisk.managedDisk.diskEncryptionSet.id", "storageProfile.dataDisks.managedDisk.diskEncryptionSet.id"},
		fields: []field{{path: []any{"securityProfile", "encryptionAtHost"}, ok: []string{"true"}, def: "false",
			why: "leaves temporary disks and disk caches on the host unencrypted"}},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			// A disk created elsewhere and attached (createOption Attach) is a Disk resource of its own,
			// held to PCLZ-AZR-ENC-006.
			os := ok
			if opt, _ := policy.Str(r.Get("storageProfile", "osDisk", "createOption")); !eqFold(opt, "Attach") {
				os = mustBeSet(r, "a disk encryption set with the force's key", "storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id")
			}
			disks, k := list(r.Get("storageProfile", "dataDisks"))
			if k == policy.Unknown {
				return "", decide(ok, os, policy.Undecided("storageProfile.dataDisks is computed; every data disk must use a disk encryption set"))
			}
			results := []policy.Result{os}
			for i, d := range disks {
				if opt, _ := str(d, "createOption"); eqFold(opt, "Attach") {
					continue
				}
				results = append(results, mustBeSet(r, "a disk encryption set with the force's key", "storageProfile", "dataDisks", i, "managedDisk", "diskEncryptionSet", "id"))
			}
			return "every disk created with the machine uses a disk encryption set", decide(ok, results...)
		}},
	typeVMSS: {what: "virtual machine scale set",
		fields: []field{{path: []any{"virtualMachineProfile", "securityProfile", "encryptionAtHost"}, ok: []string{"true"}, def: "false",
			why: "leaves temporary disks and disk caches on the host unencrypted"}},
		reads:  []string{"virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id"},
		custom: keyRef("virtualMachineProfile", "storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id")},
	typeSnapshot: {what: "snapshot", reads: []string{"encryption.diskEncryptionSetId"},
		fields: []field{customerKey("encryption", "type")},
		custom: keyRef("encryption", "diskEncryptionSetId")},
	typeDiskEncryptionSet: {what: "disk encryption set", reads: []string{"activeKey.keyUrl"},
		fields: []field{{path: []any{"encryptionType"}, keySource: true, def: "EncryptionAtRestWithCustomerKey", why: "does not use the force's key"}},
		custom: keyRef("activeKey", "keyUrl")},
	typeAKS: {what: "AKS cluster", reads: []string{"diskEncryptionSetID"},
		fields: []field{{path: []any{"securityProfile", "azureKeyVaultKms", "enabled"}, ok: []string{"true"}, def: "false",
			why: "leaves Kubernetes secrets in etcd under a Microsoft-managed key"}},
		custom: keyRef("diskEncryptionSetID")},
	typeRegistry: {what: "container registry", reads: []string{"encryption.keyVaultProperties.keyIdentifier"},
		fields: []field{{path: []any{"encryption", "status"}, ok: []string{"enabled"}, def: "disabled",
			why: "encrypts images with a Microsoft-managed key"}},
		custom: keyRef("encryption", "keyVaultProperties", "keyIdentifier")},
	typeContainerGroup: {what: "container group", reads: []string{"encryptionProperties.vaultBaseUrl", "encryptionProperties.keyName"},
		custom: func(ctx *policy.Context, r *policy.Resource) (string, policy.Result) {
			a, ra := keyRef("encryptionProperties", "vaultBaseUrl")(ctx, r)
			b, rb := keyRef("encryptionProperties", "keyName")(ctx, r)
			return joinFound(a, b), decide(ok, ra, rb)
		}},
	typeCosmosAccount:      {what: "Cosmos DB account", reads: []string{"keyVaultKeyUri"}, custom: keyRef("keyVaultKeyUri")},
	typeSQLServer:          {what: "SQL server", reads: []string{"keyId"}, custom: keyRef("keyId")},
	typeSQLManagedInstance: {what: "SQL managed instance", reads: []string{"keyId"}, custom: keyRef("keyId")},
	typePGFlexible: {what: "PostgreSQL flexible server", reads: []string{"dataEncryption.primaryKeyURI"},
		fields: []field{{path: []any{"dataEncryption", "type"}, keySource: true, def: "SystemManaged", why: "encrypts the data with a Microsoft-managed key the force cannot revoke or audit"}},
		custom: keyRef("dataEncryption", "primaryKeyURI")},
	typeMySQLFlexible: {what: "MySQL flexible server", reads: []string{"dataEncryption.primaryKeyURI"},
		fields: []field{{path: []any{"dataEncryption", "type"}, keySource: true, def: "SystemManaged", why: "encrypts the data with a Microsoft-managed key the force cannot revoke or audit"}},
		custom: keyRef("dataEncryption", "primaryKeyURI")},
	typeRedisEnterprise: {what: "Redis Enterprise cluster", reads: []string{"encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl"},
		custom: keyRef("encryption", "customerManagedKeyEncryption", "keyEncryptionKeyUrl")},
	typeServiceBusNamespace: {what: "Service Bus namespace", fields: []field{customerKey("encryption", "keySource")}},
	typeEventHubNamespace:   {what: "Event Hubs namespace", fields: []field{customerKey("encryption", "keySource")}},
	typeNetAppAccount:       {what: "NetApp account", fields: []field{{path: []any{"encryption", "keySource"}, keySource: true, def: "Microsoft.NetApp", why: "encrypts volumes with a Microsoft-managed key the force cannot revoke or audit"}}},
	typeDataLakeStore:       {what: "Data Lake Store account", fields: []field{{path: []any{"encryptionConfig", "type"}, keySource: true, def: "ServiceManaged", why: "encrypts the data with a Microsoft-managed key the force cannot revoke or audit"}}},
	typeSynapseWorkspace:    {what: "Synapse workspace", reads: []string{"encryption.cmk.key.keyVaultUrl"}, custom: keyRef("encryption", "cmk", "key", "keyVaultUrl")},
	typeDatabricksWorkspace: {what: "Databricks workspace", fields: []field{customerKey("encryption", "entities", "managedServices", "keySource")}},
	typeDataFactory: {what: "data factory", reads: []string{"encryption.vaultBaseUrl", "encryption.keyName"},
		custom: func(ctx *policy.Context, r *policy.Resource) (string, policy.Result) {
			a, ra := keyRef("encryption", "vaultBaseUrl")(ctx, r)
			b, rb := keyRef("encryption", "keyName")(ctx, r)
			return joinFound(a, b), decide(ok, ra, rb)
		}},
	typeKustoCluster: {what: "Data Explorer cluster", reads: []string{"keyVaultProperties.keyVaultUri"},
		fields: []field{{path: []any{"enableDiskEncryption"}, ok: []string{"true"}, def: "false", why: "leaves the cluster's disks without disk encryption"}},
		custom: keyRef("keyVaultProperties", "keyVaultUri")},
	typeSearchService: {what: "AI Search service", fields: []field{{path: []any{"encryptionWithCmk", "enforcement"}, ok: []string{"Enabled"}, def: "Unspecified",
		why: "lets indexes be created under Microsoft-managed keys"}}},
	typeCognitiveAccount: {what: "Azure AI services account", fields: []field{customerKey("properties", "encryption", "keySource")}},
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-010",
		Title: "Data services encrypt at rest with a customer-managed key",
		Description: "Police data held by compute, container, database, messaging and analytics services is " +
			"encrypted at rest under a key the force controls in its own Key Vault or Managed HSM, so the force " +
			"can rotate, audit and revoke access to it. Key sources are read in every spelling services use " +
			"(Microsoft.Keyvault, Microsoft.KeyVault, AzureKeyVault, UserManaged, EncryptionAtRestWithCustomerKey); " +
			"Microsoft.Storage, Microsoft.NetApp, SystemManaged and ServiceManaged are platform keys. Virtual " +
			"machines and scale sets also need encryption at host, which covers temporary disks and caches. " +
			"Storage accounts, managed disks and Recovery Services vaults have their own rules (ENC-003, ENC-006, ENC-009).",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: tableTypes(customerKeys),
		Remediation: "Point the service at a key in the force's Key Vault: a disk encryption set for disks, " +
			"`encryption.keySource: Microsoft.KeyVault` with keyVaultProperties for Service Bus and Event Hubs, " +
			"`keyVaultKeyUri` for Cosmos DB, `keyId` for SQL, `dataEncryption: {type: AzureKeyVault, primaryKeyURI}` " +
			"for PostgreSQL and MySQL flexible servers, `securityProfile.encryptionAtHost: true` for virtual machines.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Cosmos DB accounts should use customer-managed keys to encrypt data at rest (1f905d99-2ab7-462c-a6b0-f709acca6c8f)"},
			{Source: "Azure Policy", ID: "Container registries should be encrypted with a customer-managed key (5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580)"},
			{Source: "Azure Policy", ID: "SQL servers should use customer-managed keys to encrypt data at rest (0a370ff3-6cab-4e85-8995-295fd854c5b8)"},
			{Source: "Azure Policy", ID: "Virtual machines and virtual machine scale sets should have encryption at host enabled (fc4d8e41-e223-45ea-9bf5-eada37891d87)"},
			{Source: "Checkov", ID: "CKV_AZURE_100"},
		},
		Waivable: true,
		Reads:    tableReads(customerKeys),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, customerKeys, r)
	},
})

// classifyKey is semantic.ClassifyAzureKeySource, for field.
func classifyKey(s string) bool {
	return semantic.ClassifyAzureKeySource(s) == semantic.KeySourceCustomer
}
