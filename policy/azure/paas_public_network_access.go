package azure

import (
	"slices"
	"strconv"

	"github.com/policecloud/landingzones/policy"
)

// publicAccessPath is where each PaaS type holds its public network access switch.
var publicAccessPath = map[string][]any{
	typeStorageAccount:      {"publicNetworkAccess"},
	typeKeyVault:            {"properties", "publicNetworkAccess"},
	typeSQLServer:           {"publicNetworkAccess"},
	typeRecoveryVault:       {"properties", "publicNetworkAccess"},
	typeRegistry:            {"publicNetworkAccess"},
	typeCosmosAccount:       {"publicNetworkAccess"},
	typeRedis:               {"publicNetworkAccess"},
	typeServiceBusNamespace: {"publicNetworkAccess"},
	typeEventHubNamespace:   {"publicNetworkAccess"},
	typeEventGridTopic:      {"publicNetworkAccess"},
	typeEventGridDomain:     {"publicNetworkAccess"},
	typeWebApp:              {"publicNetworkAccess"},
	typeWebAppSlot:          {"publicNetworkAccess"},
	typeStaticSite:          {"publicNetworkAccess"},
	typeSynapseWorkspace:    {"publicNetworkAccess"},
	typeDatabricksWorkspace: {"publicNetworkAccess"},
	typeDataFactory:         {"publicNetworkAccess"},
	typeKustoCluster:        {"publicNetworkAccess"},
	typeSearchService:       {"publicNetworkAccess"},
	typeCognitiveAccount:    {"properties", "publicNetworkAccess"},
	typeManagedHSM:          {"properties", "publicNetworkAccess"},
}

// diskExport is the check of a managed disk's or snapshot's export and import access: both its public
// network access and its network access policy (default AllowAll: a SAS URL from anywhere).
var diskExport = typeSpec{what: "disk access", fields: []field{
	{path: []any{"networkAccessPolicy"}, ok: []string{"DenyAll", "AllowPrivate"}, def: "AllowAll", why: "lets anyone holding a SAS URL export the disk from the internet"},
	{path: []any{"publicNetworkAccess"}, ok: []string{"Disabled"}, def: "Enabled", why: "lets the disk be exported over the internet"},
}}

// flexibleNetwork decides a PostgreSQL or MySQL flexible server: absent, public access is Disabled when
// the server is injected into a delegated subnet and Enabled otherwise.
func flexibleNetwork(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
	v, k := policy.Str(r.Get("network", "publicNetworkAccess"))
	sub := r.Get("network", "delegatedSubnetResourceId")
	switch {
	case k == policy.Unknown:
		return "", policy.Undecided("network.publicNetworkAccess is computed; it must be Disabled")
	case k == policy.Absent && (present(sub) || sub.IsComputed()):
		return "network.publicNetworkAccess Disabled (default for a server in a delegated subnet)", ok
	case k == policy.Absent:
		return "", policy.Fail("network.publicNetworkAccess is not set and the server is in no delegated subnet (Azure's default is Enabled); it must be Disabled")
	case !eqFold(v, "Disabled"):
		return "", policy.Fail("network.publicNetworkAccess is %q; it must be Disabled, with access through a private endpoint or a delegated subnet", v)
	}
	return "network.publicNetworkAccess Disabled", ok
}

// publicAccessOther are the types whose public exposure is not a single publicNetworkAccess switch.
var publicAccessOther = map[string]typeSpec{
	typeDisk:     diskExport,
	typeSnapshot: diskExport,
	typeAKS: {what: "AKS cluster", fields: []field{{path: []any{"apiServerAccessProfile", "enablePrivateCluster"}, ok: []string{"true"}, def: "false",
		why: "puts the Kubernetes API server on a public endpoint"}}},
	typeSQLManagedInstance: {what: "SQL managed instance", fields: []field{{path: []any{"publicDataEndpointEnabled"}, ok: []string{"false"}, def: "false",
		why: "opens a public data endpoint on port 3342"}}},
	typeManagedEnvironment: {what: "container apps environment", fields: []field{{path: []any{"vnetConfiguration", "internal"}, ok: []string{"true"}, def: "false",
		why: "gives the environment a public ingress endpoint"}}},
	typePGFlexible:    {what: "PostgreSQL flexible server", reads: []string{"network.publicNetworkAccess", "network.delegatedSubnetResourceId"}, custom: flexibleNetwork},
	typeMySQLFlexible: {what: "MySQL flexible server", reads: []string{"network.publicNetworkAccess", "network.delegatedSubnetResourceId"}, custom: flexibleNetwork},
}

// publicAccessTypes are every type the rule inspects.
func publicAccessTypes() []string {
	out := tableTypes(publicAccessOther)
	for t := range publicAccessPath {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// publicAccessReads are every input the rule reads.
func publicAccessReads() []policy.PropertyRef {
	out := tableReads(publicAccessOther)
	for t, p := range publicAccessPath {
		out = append(out, policy.PropertyRef{Type: t, Path: pathName(p)})
	}
	return sortedReads(out)
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-004",
		Title: "PaaS services refuse public network access",
		Description: "Every PaaS service must be reachable only through private endpoints (or, for PostgreSQL " +
			"and MySQL flexible servers, a delegated subnet): `publicNetworkAccess` (or " +
			"`properties.publicNetworkAccess`) must be \"Disabled\" (\"SecuredByPerimeter\" is accepted too) on " +
			"storage accounts, Key Vaults, Managed HSMs, SQL servers, Recovery Services vaults, container " +
			"registries, Cosmos DB, Redis, Service Bus, Event Hubs, Event Grid, web apps, static web apps, Synapse, " +
			"Databricks, Data Factory, Data Explorer, AI Search and Azure AI services. Azure's " +
			"default is Enabled, so the input must be set. Managed disks and snapshots must refuse export from the " +
			"internet (`networkAccessPolicy` DenyAll or AllowPrivate, default AllowAll); AKS clusters are private " +
			"clusters; SQL managed instances keep the public data endpoint off; container apps environments are " +
			"internal. Log Analytics workspaces are covered by PCLZ-AZR-NET-005.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: publicAccessTypes(),
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
		Reads:    publicAccessReads(),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if _, other := publicAccessOther[r.Type]; other {
			return assess(ctx, publicAccessOther, r)
		}
		path := publicAccessPath[r.Type]
		name := pathName(path)
		v, k := policy.Str(r.Get(path...))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s is computed; it must be Disabled", name)
		case k == policy.Absent:
			return policy.Fail("%s is not set (Azure's default is Enabled); it must be Disabled", name)
		case !eqFold(v, "Disabled") && !eqFold(v, "SecuredByPerimeter"):
			return policy.Fail("%s is %q; it must be Disabled, with access through a private endpoint", name, v)
		}
		return policy.Pass("%s is %s", name, v)
	},
})

// pathName writes an input path as "properties.publicNetworkAccess"; array indexes as "dataDisks[0]".
func pathName(path []any) string {
	s := ""
	for i, p := range path {
		if _, index := p.(int); index {
			s += "[" + toString(p) + "]"
			continue
		}
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
