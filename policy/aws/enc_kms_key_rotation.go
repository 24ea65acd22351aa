package aws

import (
	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-013",
		Title: "Symmetric customer KMS keys rotate their key material automatically",
		Description: "Automatic rotation limits how much data any one version of key material protects and how long a " +
			"leaked copy stays useful. AWS KMS rotates symmetric encryption keys held in KMS when enableKeyRotation " +
			"is true (yearly by default); its default is false. Asymmetric and HMAC keys, and keys in a custom key " +
			"store, cannot rotate automatically and are not checked.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeKMSKey},
		Remediation:   "Set `enableKeyRotation: true` on every symmetric `aws:kms/key:Key` (optionally `rotationPeriodInDays`, 90 to 2560).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "cmk-backing-key-rotation-enabled"},
			{Source: "Security Hub", ID: "KMS.4"},
			{Source: "Checkov", ID: "CKV_AWS_7"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeKMSKey, "enableKeyRotation", "customerMasterKeySpec", "keyUsage", "customKeyStoreId"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		spec, sk := policy.Str(r.Get("customerMasterKeySpec"))
		usage, uk := policy.Str(r.Get("keyUsage"))
		store, ck := policy.Str(r.Get("customKeyStoreId"))
		switch {
		case sk == policy.Unknown || uk == policy.Unknown || ck == policy.Unknown:
			return policy.Undecided("key spec, usage or custom key store is computed, so it is not known whether the key " +
				"can rotate; symmetric keys must set enableKeyRotation true")
		case sk == policy.Present && spec != "" && spec != "SYMMETRIC_DEFAULT":
			return policy.NotApplicable("key spec %s cannot rotate automatically", spec)
		case uk == policy.Present && usage != "" && usage != "ENCRYPT_DECRYPT":
			return policy.NotApplicable("key usage %s cannot rotate automatically", usage)
		case ck == policy.Present && store != "":
			return policy.NotApplicable("keys in a custom key store cannot rotate automatically")
		}
		on, k := policy.Bool(r.Get("enableKeyRotation"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("enableKeyRotation is computed; symmetric keys must set it true")
		case k == policy.Absent:
			return policy.Fail("enableKeyRotation is not set (AWS default false); set it true")
		case !on:
			return policy.Fail("enableKeyRotation is false; set it true")
		}
		return policy.Pass("automatic key rotation is enabled")
	},
})
