package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-006",
	Resources: func() []*policy.Resource {
		des := az("azure-native:compute:DiskEncryptionSet", "des", tier.Gold, map[string]any{"location": "uksouth"})
		disk := az(typeDisk, "data", tier.Gold, map[string]any{
			"location": "uksouth", "creationData": map[string]any{"createOption": "Empty"}, "diskSizeGB": 128,
			"encryption": map[string]any{
				"type":                "EncryptionAtRestWithPlatformAndCustomerKeys",
				"diskEncryptionSetId": rgID("rg-keys") + "/providers/Microsoft.Compute/diskEncryptionSets/des-gold",
			},
		})
		return []*policy.Resource{disk, des}
	},
	BaselineMessage: "disk encrypted (EncryptionAtRestWithPlatformAndCustomerKeys) through a disk encryption set",
	Cases: []policytest.Case{
		{
			Name: "platform key",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "EncryptionAtRestWithPlatformKey", "encryption", "type")
			},
			Want:    policy.StatusFail,
			Message: `encryption.type "EncryptionAtRestWithPlatformKey" does not use a customer key; it must be EncryptionAtRestWithCustomerKey or EncryptionAtRestWithPlatformAndCustomerKeys`,
		},
		{
			Name:    "no encryption block",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "encryption") },
			Want:    policy.StatusFail,
			Message: "encryption.type is not set (platform-managed key); it must be EncryptionAtRestWithCustomerKey or EncryptionAtRestWithPlatformAndCustomerKeys",
		},
		{
			Name: "no disk encryption set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], "encryption", "diskEncryptionSetId")
			},
			Want:    policy.StatusFail,
			Message: "encryption.diskEncryptionSetId is not set; a customer-managed key needs it",
		},
		{
			Name: "disk encryption set computed from the stack's set (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[0], "encryption", "diskEncryptionSetId")
				policytest.Link(rs[0], "encryption", rs[1])
			},
			Want:    policy.StatusPass,
			Message: "disk encrypted (EncryptionAtRestWithPlatformAndCustomerKeys) through a disk encryption set",
		},
		{
			Name:    "type computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "encryption", "type") },
			Want:    policy.StatusUnknown,
			Message: "encryption.type is computed; it must use a customer key",
		},
	},
})
