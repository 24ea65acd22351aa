package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-006",
		Title: "Managed disks are encrypted with a customer key through a disk encryption set",
		Description: "Managed disks hold police workloads' data; they must be encrypted at rest with a key the " +
			"force controls, through a disk encryption set (`encryption.diskEncryptionSetId`) and an encryption " +
			"type of EncryptionAtRestWithCustomerKey or EncryptionAtRestWithPlatformAndCustomerKeys.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeDisk},
		Remediation: "Set `encryption: {type: \"EncryptionAtRestWithPlatformAndCustomerKeys\", diskEncryptionSetId: " +
			"<disk encryption set ID>}` on the disk.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Managed disks should be double encrypted with both platform-managed and customer-managed keys (ca91455f-eace-4f96-be59-e6e2c35b4816)"},
			{Source: "Checkov", ID: "CKV_AZURE_93"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeDisk, "encryption.type", "encryption.diskEncryptionSetId"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		typ, k := policy.Str(r.Get("encryption", "type"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("encryption.type is computed; it must use a customer key")
		case k == policy.Absent:
			return policy.Fail("encryption.type is not set (platform-managed key); it must be EncryptionAtRestWithCustomerKey or EncryptionAtRestWithPlatformAndCustomerKeys")
		case semantic.ClassifyAzureKeySource(typ) != semantic.KeySourceCustomer:
			return policy.Fail("encryption.type %q does not use a customer key; it must be EncryptionAtRestWithCustomerKey or EncryptionAtRestWithPlatformAndCustomerKeys", typ)
		}
		return decide(policy.Pass("disk encrypted (%s) through a disk encryption set", typ),
			fromVault(r, "encryption", []any{"encryption", "diskEncryptionSetId"}, "encryption.diskEncryptionSetId"))
	},
})
