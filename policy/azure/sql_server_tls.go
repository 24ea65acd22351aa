package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-007",
		Title: "Azure SQL servers require TLS 1.2 or later",
		Description: "An Azure SQL logical server must refuse client connections below TLS 1.2 " +
			"(`minimalTlsVersion: \"1.2\"`), so queries and results are never sent over broken protocol versions.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: []string{typeSQLServer},
		Remediation:   "Set `minimalTlsVersion: \"1.2\"` on the azure-native:sql:Server.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure SQL Database should be running TLS version 1.2 or newer (32e6bbec-16b6-44c2-be37-c5b672d103cf)"},
			{Source: "Checkov", ID: "CKV_AZURE_52"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeSQLServer, "minimalTlsVersion"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		return decide(policy.Pass("minimal TLS version %s", strOr(r.Get("minimalTlsVersion"))),
			tlsCheck(r.Get("minimalTlsVersion"), "minimalTlsVersion", []string{"1.2", "1.3"}))
	},
})
