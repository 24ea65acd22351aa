package semantic

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClassifyAzureKeySource(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want AzureKeySource
	}{
		{"Microsoft.Keyvault", KeySourceCustomer},
		{"Microsoft.KeyVault", KeySourceCustomer},
		{"microsoft.keyvault", KeySourceCustomer},
		{" MICROSOFT.KEYVAULT ", KeySourceCustomer},
		{"AzureKeyVault", KeySourceCustomer},
		{"UserManaged", KeySourceCustomer},
		{"CustomerManaged", KeySourceCustomer},
		{"EncryptionAtRestWithCustomerKey", KeySourceCustomer},
		{"EncryptionAtRestWithPlatformAndCustomerKeys", KeySourceCustomer},
		{"ConfidentialVmEncryptedWithCustomerKey", KeySourceCustomer},
		{"Microsoft.Storage", KeySourcePlatform},
		{"microsoft.storage", KeySourcePlatform},
		{"Microsoft.NetApp", KeySourcePlatform},
		{"Microsoft.CognitiveServices", KeySourcePlatform},
		{"SystemManaged", KeySourcePlatform},
		{"ServiceManaged", KeySourcePlatform},
		{"EncryptionAtRestWithPlatformKey", KeySourcePlatform},
		{"", KeySourceUnrecognised},
		{"Microsoft.Sql", KeySourceUnrecognised},
		{"Microsoft.Key", KeySourceUnrecognised},
		{"Keyvault.Microsoft", KeySourceUnrecognised},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ClassifyAzureKeySource(tt.in), "%q", tt.in)
	}
	assert.Equal(t, "customer-managed key", KeySourceCustomer.String())
	assert.Equal(t, "platform-managed key", KeySourcePlatform.String())
	assert.Equal(t, "unrecognised key source", KeySourceUnrecognised.String())
}

func TestParseAzureKeyURI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want AzureKeyURI
		ok   bool
	}{
		{"https://kv-evidence.vault.azure.net/keys/cmk", AzureKeyURI{Host: "kv-evidence.vault.azure.net", Name: "cmk"}, true},
		{"https://KV-Evidence.vault.azure.net/keys/cmk/0123abcd/", AzureKeyURI{Host: "kv-evidence.vault.azure.net", Name: "cmk", Version: "0123abcd"}, true},
		{"https://hsm-met.managedhsm.azure.net/keys/tde", AzureKeyURI{Host: "hsm-met.managedhsm.azure.net", Name: "tde", ManagedHSM: true}, true},
		{"https://kv.vault.azure.net/secrets/cmk", AzureKeyURI{}, false},
		{"http://kv.vault.azure.net/keys/cmk", AzureKeyURI{}, false},
		{"https://kv.vault.azure.net.evil.example/keys/cmk", AzureKeyURI{}, false},
		{"https://a.b.vault.azure.net/keys/cmk", AzureKeyURI{}, false},
		{"https://kv.vault.azure.net/keys/", AzureKeyURI{}, false},
		{"https://kv.vault.azure.net/keys/a/b/c", AzureKeyURI{}, false},
		{"https://user@kv.vault.azure.net/keys/cmk", AzureKeyURI{}, false},
		{"", AzureKeyURI{}, false},
		{"::::", AzureKeyURI{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseAzureKeyURI(tt.in)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

func ExampleClassifyAzureKeySource() {
	for _, s := range []string{"Microsoft.KeyVault", "Microsoft.Keyvault", "Microsoft.Storage", "Microsoft.Sql"} {
		fmt.Println(s, "=>", ClassifyAzureKeySource(s))
	}
	// Output:
	// Microsoft.KeyVault => customer-managed key
	// Microsoft.Keyvault => customer-managed key
	// Microsoft.Storage => platform-managed key
	// Microsoft.Sql => unrecognised key source
}

func FuzzClassifyAzureKeySource(f *testing.F) {
	for _, s := range []string{"Microsoft.Keyvault", "Microsoft.Storage", "", "AzureKeyVault", "https://kv.vault.azure.net/keys/k/v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := ClassifyAzureKeySource(s)
		// Case never changes whose key it is.
		if k2 := ClassifyAzureKeySource(strings.ToUpper(s)); strings.ToValidUTF8(s, "") == s && k2 != k && strings.EqualFold(strings.ToUpper(s), s) {
			t.Fatalf("%q is %v but its upper case is %v", s, k, k2)
		}
		if k != KeySourceUnrecognised && strings.TrimSpace(s) == "" {
			t.Fatalf("empty %q classified as %v", s, k)
		}
		u, ok := ParseAzureKeyURI(s)
		if ok && (u.Name == "" || u.Host == "") {
			t.Fatalf("%q parsed without a name or host: %+v", s, u)
		}
	})
}
