package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-006",
		Title: "Storage accounts and containers forbid anonymous blob access",
		Description: "With `allowBlobPublicAccess: true` any container can be made readable by anyone " +
			"without credentials. Police evidence and audit archives must never be one setting away from " +
			"anonymous access. A blob container's own `publicAccess` must be None (or absent): Container or Blob " +
			"would publish it to anyone wherever the account setting is loosened.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "2.3"},
		ResourceTypes: []string{typeStorageAccount, typeBlobContainer},
		Remediation:   "Set `allowBlobPublicAccess: false` on the storage account and leave `publicAccess` unset (None) on containers.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Storage account public access should be disallowed (4fa4b6c0-31ca-4c0d-b10d-24b96f62a751)"},
			{Source: "Checkov", ID: "CKV_AZURE_190"},
		},
		Waivable: false,
		Reads:    sortedReads(append(policy.Reads(typeStorageAccount, "allowBlobPublicAccess"), policy.Reads(typeBlobContainer, "publicAccess")...)),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		if r.Type == typeBlobContainer {
			v, k := policy.Str(r.Get("publicAccess"))
			switch {
			case k == policy.Unknown:
				return policy.Undecided("publicAccess is computed; it must be None")
			case k == policy.Absent || eqFold(v, "None"):
				return policy.Pass("the container allows no anonymous access")
			}
			return policy.Fail("publicAccess is %q, which lets anyone read the container's blobs without credentials; it must be None", v)
		}
		return decide(policy.Pass("anonymous blob access is forbidden"),
			mustBeFalse(r.Get("allowBlobPublicAccess"), "allowBlobPublicAccess", "containers must never allow anonymous access"))
	},
})
