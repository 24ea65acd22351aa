package semantic

import (
	"net/url"
	"strings"
)

// AzureKeySource is who holds the key that encrypts an Azure resource's data at rest.
type AzureKeySource int

// The key sources, from least to most known.
const (
	// KeySourceUnrecognised is a value no Azure service documents as a key source: the rule cannot tell
	// whose key it is, and says so.
	KeySourceUnrecognised AzureKeySource = iota
	// KeySourcePlatform is a Microsoft-managed (platform) key: Microsoft.Storage, Microsoft.NetApp,
	// Microsoft.CognitiveServices, SystemManaged, ServiceManaged, EncryptionAtRestWithPlatformKey.
	KeySourcePlatform
	// KeySourceCustomer is a customer-managed key held in the force's Key Vault or Managed HSM:
	// Microsoft.Keyvault (every casing), AzureKeyVault, UserManaged, EncryptionAtRestWithCustomerKey,
	// EncryptionAtRestWithPlatformAndCustomerKeys, ConfidentialVmEncryptedWithCustomerKey.
	KeySourceCustomer
)

// String names the key source for messages.
func (k AzureKeySource) String() string {
	switch k {
	case KeySourcePlatform:
		return "platform-managed key"
	case KeySourceCustomer:
		return "customer-managed key"
	default:
		return "unrecognised key source"
	}
}

// azureKeySources maps each documented key-source spelling, folded (lower case, without spaces,
// underscores, hyphens and dots), to whose key it is. Services spell the same idea differently: storage
// and Cognitive Services say "Microsoft.Keyvault", Service Bus and Event Hubs "Microsoft.KeyVault",
// Databricks "Microsoft.Keyvault", PostgreSQL and MySQL flexible servers "AzureKeyVault", Data Lake
// "UserManaged", managed disks and disk encryption sets "EncryptionAtRestWith...".
var azureKeySources = map[string]AzureKeySource{
	"microsoftkeyvault":               KeySourceCustomer,
	"keyvault":                        KeySourceCustomer,
	"azurekeyvault":                   KeySourceCustomer,
	"customermanaged":                 KeySourceCustomer,
	"customermanagedkey":              KeySourceCustomer,
	"customermanagedkeys":             KeySourceCustomer,
	"usermanaged":                     KeySourceCustomer,
	"encryptionatrestwithcustomerkey": KeySourceCustomer,
	"encryptionatrestwithplatformandcustomerkeys": KeySourceCustomer,
	"confidentialvmencryptedwithcustomerkey":      KeySourceCustomer,
	"microsoftstorage":                            KeySourcePlatform,
	"microsoftnetapp":                             KeySourcePlatform,
	"microsoftcognitiveservices":                  KeySourcePlatform,
	"microsoftmanaged":                            KeySourcePlatform,
	"microsoftmanagedkeys":                        KeySourcePlatform,
	"systemmanaged":                               KeySourcePlatform,
	"servicemanaged":                              KeySourcePlatform,
	"platformmanaged":                             KeySourcePlatform,
	"platformmanagedkey":                          KeySourcePlatform,
	"encryptionatrestwithplatformkey":             KeySourcePlatform,
}

// foldKeySource lower-cases s and drops the separators services use inconsistently.
func foldKeySource(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch r {
		case ' ', '_', '-', '.':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ClassifyAzureKeySource says whose key an Azure key-source (or encryption-type) value names. It is
// case-insensitive and ignores the separators services spell differently ("Microsoft.KeyVault",
// "Microsoft.Keyvault", "microsoft.keyvault" are the same customer key source; "Microsoft.Storage" is
// the platform's). An empty or undocumented value is KeySourceUnrecognised.
func ClassifyAzureKeySource(s string) AzureKeySource {
	return azureKeySources[foldKeySource(s)]
}

// AzureKeyURI is a Key Vault or Managed HSM key identifier, split.
type AzureKeyURI struct {
	// Host is the vault's host name ("kv-evidence.vault.azure.net").
	Host string
	// Name is the key's name.
	Name string
	// Version is the key's version, or "" for a versionless identifier (which follows rotation).
	Version string
	// ManagedHSM is true for a key in a Managed HSM (*.managedhsm.azure.net).
	ManagedHSM bool
}

// ParseAzureKeyURI reads a key identifier "https://<vault>.vault.azure.net/keys/<name>[/<version>]" (or
// the managedhsm.azure.net form; sovereign clouds' vault domains too). ok is false for anything else,
// including a secret or certificate identifier.
func ParseAzureKeyURI(s string) (AzureKeyURI, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || !strings.EqualFold(u.Scheme, "https") || u.Host == "" || u.User != nil {
		return AzureKeyURI{}, false
	}
	host := strings.ToLower(u.Hostname())
	hsm := false
	switch {
	case isVaultHost(host, ".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net", ".vault.microsoftazure.de"):
	case isVaultHost(host, ".managedhsm.azure.net", ".managedhsm.azure.cn", ".managedhsm.usgovcloudapi.net"):
		hsm = true
	default:
		return AzureKeyURI{}, false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) < 2 || len(parts) > 3 || !strings.EqualFold(parts[0], "keys") || parts[1] == "" {
		return AzureKeyURI{}, false
	}
	k := AzureKeyURI{Host: host, Name: parts[1], ManagedHSM: hsm}
	if len(parts) == 3 {
		k.Version = parts[2]
	}
	return k, true
}

func isVaultHost(host string, suffixes ...string) bool {
	for _, s := range suffixes {
		if len(host) > len(s) && strings.HasSuffix(host, s) && !strings.Contains(host[:len(host)-len(s)], ".") {
			return true
		}
	}
	return false
}
