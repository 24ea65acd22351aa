package azure

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// storageTLS are the minimumTlsVersion values a storage account may use.
var storageTLS = []string{"TLS1_2", "TLS1_3"}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-001",
		Title: "Storage accounts accept only HTTPS with TLS 1.2 or later",
		Description: "A storage account must refuse plain HTTP (`enableHttpsTrafficOnly: true`) and TLS " +
			"versions before 1.2 (`minimumTlsVersion: TLS1_2`), so police data is never sent in clear or over " +
			"broken protocol versions.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: []string{typeStorageAccount},
		Remediation:   "Set `enableHttpsTrafficOnly: true` and `minimumTlsVersion: \"TLS1_2\"` on the storage account.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Secure transfer to storage accounts should be enabled (404c3081-a854-4457-ae30-26a93ef643f9)"},
			{Source: "Azure Policy", ID: "Storage accounts should have the specified minimum TLS version"},
			{Source: "Checkov", ID: "CKV_AZURE_3"},
			{Source: "Checkov", ID: "CKV_AZURE_44"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeStorageAccount, "enableHttpsTrafficOnly", "minimumTlsVersion"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return decide(policy.Pass("HTTPS only, minimum TLS version %s", strOr(r.Get("minimumTlsVersion"))),
			mustBeTrue(r.Get("enableHttpsTrafficOnly"), "enableHttpsTrafficOnly", "storage accounts must accept HTTPS only"),
			tlsCheck(r.Get("minimumTlsVersion"), "minimumTlsVersion", storageTLS))
	},
})

// mustBeTrue checks that a boolean input is explicitly true; why says what the rule requires.
func mustBeTrue(v policy.Value, name, why string) policy.Result {
	b, k := policy.Bool(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; it must be true", name)
	case k == policy.Absent:
		return policy.Fail("%s is not set; it must be true (%s)", name, why)
	case !b:
		return policy.Fail("%s is false; %s", name, why)
	}
	return ok
}

// mustBeFalse checks that a boolean input is explicitly false.
func mustBeFalse(v policy.Value, name, why string) policy.Result {
	b, k := policy.Bool(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; it must be false", name)
	case k == policy.Absent:
		return policy.Fail("%s is not set; it must be false (%s)", name, why)
	case b:
		return policy.Fail("%s is true; %s", name, why)
	}
	return ok
}

// tlsCheck checks a minimum TLS version input against the allowed values.
func tlsCheck(v policy.Value, name string, allowed []string) policy.Result {
	s, k := policy.Str(v)
	switch {
	case k == policy.Unknown:
		return policy.Undecided("%s is computed; it must be %s", name, strings.Join(allowed, " or "))
	case k == policy.Absent || s == "":
		return policy.Fail("%s is not set; it must be %s", name, strings.Join(allowed, " or "))
	case !slices.ContainsFunc(allowed, func(a string) bool { return eqFold(a, s) }):
		return policy.Fail("%s %q is below %s; only TLS 1.2 or later is allowed", name, s, allowed[0])
	}
	return ok
}

// strOr is the value's string for a pass message, or "" when it is not a known string.
func strOr(v policy.Value) string {
	s, _ := policy.Str(v)
	return s
}
