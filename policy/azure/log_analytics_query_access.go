package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-005",
		Title: "Log Analytics workspaces are queried only over private link",
		Description: "The workspace holds the landing zone's audit trail; reading it from the internet " +
			"(`publicNetworkAccessForQuery: Enabled`) would expose it to anyone holding a stolen token. Queries " +
			"must go through an Azure Monitor private link scope (`publicNetworkAccessForQuery: Disabled`). " +
			"Ingestion may stay Enabled (`publicNetworkAccessForIngestion`): it is write-only and authenticated, " +
			"and the platform's sources (activity log and resource diagnostic settings, flow-log traffic " +
			"analytics, Defender) deliver over Microsoft's backbone; disabling it too is better where every " +
			"agent sends through the private link scope. Advisory: the private link scope is a foundation " +
			"prerequisite an accreditor may accept later.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Advisory,
		Principles:    []string{"11", "13"},
		ResourceTypes: []string{typeWorkspace},
		Remediation: "Set `publicNetworkAccessForQuery: \"Disabled\"` and add the workspace to an Azure Monitor " +
			"private link scope (azure-native:insights:PrivateLinkScope + PrivateLinkScopedResource) with a private endpoint in the hub.",
		Waivable: true,
		Reads:    policy.Reads(typeWorkspace, "publicNetworkAccessForQuery", "publicNetworkAccessForIngestion"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		v, k := policy.Str(r.Get("publicNetworkAccessForQuery"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("publicNetworkAccessForQuery is computed; it must be Disabled")
		case k == policy.Absent:
			return policy.Fail("publicNetworkAccessForQuery is not set (Azure's default is Enabled); it must be Disabled")
		case !eqFold(v, "Disabled"):
			return policy.Fail("publicNetworkAccessForQuery is %q; the audit workspace must be queried only through a private link scope", v)
		}
		ingest, ik := policy.Str(r.Get("publicNetworkAccessForIngestion"))
		if ik != policy.Present {
			ingest = "not set"
		}
		return policy.Pass("public query access Disabled (ingestion %s, which is allowed)", ingest)
	},
})
