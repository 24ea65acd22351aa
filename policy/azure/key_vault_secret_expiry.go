package azure

import (
	"time"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-011",
		Title: "Key Vault secrets expire",
		Description: "A secret with no expiry (`properties.attributes.expires`, seconds since the epoch) is a " +
			"credential that works for ever, long after the person or system it was issued to has gone. Every " +
			"secret the landing zone stores should carry an expiry, so that it is rotated. The rule is " +
			"advisory: a secret in an RBAC, purge-protected, private vault with no expiry is hygiene to fix, " +
			"not an exposure (Azure Policy's own built-in audits it rather than denying it).",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Advisory,
		Principles:    []string{"10", "9"},
		ResourceTypes: []string{typeSecret},
		Remediation:   "Set `properties.attributes.expires` on the secret (for example a year ahead) and rotate it before then.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Key Vault secrets should have an expiration date (98728c90-32c7-4049-8429-847dc0f4fe37)"},
			{Source: "Checkov", ID: "CKV_AZURE_41"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeSecret, "properties.attributes.expires"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		v := r.Get("properties", "attributes", "expires")
		secs, k := policy.Num(v)
		switch {
		case k == policy.Unknown:
			return policy.Undecided("properties.attributes.expires is computed; the secret must expire")
		case k == policy.Absent || secs <= 0:
			return policy.Fail("properties.attributes.expires is not set, so the secret never expires; set an expiry and rotate it before then")
		}
		return policy.Pass("the secret expires at %s", time.Unix(int64(secs), 0).UTC().Format(time.RFC3339))
	},
})
