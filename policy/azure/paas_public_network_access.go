package azure

import (
	"strconv"

	"github.com/policecloud/landingzones/policy"
)

// publicAccessPath is where each PaaS type holds its public network access switch.
var publicAccessPath = map[string][]any{
	typeStorageAccount: {"publicNetworkAccess"},
	typeKeyVault:       {"properties", "publicNetworkAccess"},
	typeSQLServer:      {"publicNetworkAccess"},
	typeRecoveryVault:  {"properties", "publicNetworkAccess"},
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-004",
		Title: "PaaS services refuse public network access",
		Description: "Storage accounts (`publicNetworkAccess`), Key Vaults (`properties.publicNetworkAccess`), " +
			"SQL servers (`publicNetworkAccess`) and Recovery Services vaults (`properties.publicNetworkAccess`) " +
			"must be reachable only through private endpoints: the value must be \"Disabled\". Azure's default " +
			"is Enabled, so the input must be set. Log Analytics workspaces are covered by PCLZ-AZR-NET-005.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: []string{typeStorageAccount, typeKeyVault, typeSQLServer, typeRecoveryVault},
		Remediation: "Set the public network access input to \"Disabled\" and reach the service through a private " +
			"endpoint in the tier's endpoints subnet.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Storage accounts should disable public network access (b2982f36-99f2-4db5-8eff-283140c09693)"},
			{Source: "Azure Policy", ID: "Azure Key Vault should disable public network access (405c5871-3e91-4644-8a63-58e19d68ff5b)"},
			{Source: "Azure Policy", ID: "Public network access on Azure SQL Database should be disabled (1b8ca024-1d5c-4dec-8995-b1a932b41780)"},
			{Source: "Checkov", ID: "CKV_AZURE_59"},
			{Source: "Checkov", ID: "CKV_AZURE_189"},
			{Source: "Checkov", ID: "CKV_AZURE_113"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		path := publicAccessPath[r.Type]
		name := pathName(path)
		v, k := policy.Str(r.Get(path...))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s is computed; it must be Disabled", name)
		case k == policy.Absent:
			return policy.Fail("%s is not set (Azure's default is Enabled); it must be Disabled", name)
		case !eqFold(v, "Disabled"):
			return policy.Fail("%s is %q; it must be Disabled, with access through a private endpoint", name, v)
		}
		return policy.Pass("%s is Disabled", name)
	},
})

// pathName writes an input path as "properties.publicNetworkAccess".
func pathName(path []any) string {
	s := ""
	for i, p := range path {
		if i > 0 {
			s += "."
		}
		s += toString(p)
	}
	return s
}

func toString(p any) string {
	switch x := p.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	default:
		return "?"
	}
}
