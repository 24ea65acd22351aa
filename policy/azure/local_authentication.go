package azure

import "github.com/policecloud/landingzones/policy"

// noLocalAuth is a field that must be true to turn off keys and local accounts.
func noLocalAuth(path ...any) field {
	return field{path: path, ok: []string{"true"}, def: "false", why: "lets shared keys or local accounts in without an Entra ID identity"}
}

// localAuth says, per type, which inputs turn local authentication (keys, local accounts, passwords)
// off.
var localAuth = map[string]typeSpec{
	typeRegistry: {what: "container registry", fields: []field{
		{path: []any{"adminUserEnabled"}, ok: []string{"false"}, def: "false", why: "enables the shared admin account"},
		// Anonymous pull is an input only in newer API versions; a program that sets it is judged.
		{path: []any{"anonymousPullEnabled"}, ok: []string{"false"}, def: "false", why: "lets anyone pull images without signing in"},
	}},
	// Linux machines: SSH keys only. Windows machines sign in with passwords by design and are judged by
	// the identity they join, not here.
	typeVM: {what: "virtual machine", fields: []field{{path: []any{"osProfile", "linuxConfiguration", "disablePasswordAuthentication"}, ok: []string{"true"}, def: "false",
		why: "lets users sign in over SSH with a password", when: func(r *policy.Resource) bool { return !r.Get("osProfile", "linuxConfiguration").IsNull() }}}},
	typeVMSS: {what: "virtual machine scale set", fields: []field{{path: []any{"virtualMachineProfile", "osProfile", "linuxConfiguration", "disablePasswordAuthentication"}, ok: []string{"true"}, def: "false",
		why: "lets users sign in over SSH with a password", when: func(r *policy.Resource) bool {
			return !r.Get("virtualMachineProfile", "osProfile", "linuxConfiguration").IsNull()
		}}}},
	typeServiceBusNamespace: {what: "Service Bus namespace", fields: []field{noLocalAuth("disableLocalAuth")}},
	typeEventHubNamespace:   {what: "Event Hubs namespace", fields: []field{noLocalAuth("disableLocalAuth")}},
	typeEventGridTopic:      {what: "Event Grid topic", fields: []field{noLocalAuth("disableLocalAuth")}},
	typeEventGridDomain:     {what: "Event Grid domain", fields: []field{noLocalAuth("disableLocalAuth")}},
	typeCosmosAccount:       {what: "Cosmos DB account", fields: []field{noLocalAuth("disableLocalAuth")}},
	typeSearchService:       {what: "AI Search service", fields: []field{noLocalAuth("disableLocalAuth")}},
	typeCognitiveAccount:    {what: "Azure AI services account", fields: []field{noLocalAuth("properties", "disableLocalAuth")}},
	typeWorkspace:           {what: "Log Analytics workspace", fields: []field{noLocalAuth("features", "disableLocalAuth")}},
	typeAKS:                 {what: "AKS cluster", fields: []field{noLocalAuth("disableLocalAccounts")}},
	typeSQLServer: {what: "SQL server", fields: []field{{path: []any{"administrators", "azureADOnlyAuthentication"}, ok: []string{"true"}, def: "false",
		why: "lets SQL logins with passwords in"}}},
	typeSQLManagedInstance: {what: "SQL managed instance", fields: []field{{path: []any{"administrators", "azureADOnlyAuthentication"}, ok: []string{"true"}, def: "false",
		why: "lets SQL logins with passwords in"}}},
	typeSynapseWorkspace: {what: "Synapse workspace", fields: []field{{path: []any{"azureADOnlyAuthentication"}, ok: []string{"true"}, def: "false",
		why: "lets SQL logins with passwords in"}}},
	typePGFlexible: {what: "PostgreSQL flexible server", fields: []field{{path: []any{"authConfig", "passwordAuth"}, ok: []string{"Disabled"}, def: "Enabled",
		why: "lets database users with passwords in"}}},
	// Local users sign in only over SFTP, which is off unless isSftpEnabled is true: with SFTP off the
	// local-user setting grants nothing, and leaving it at its default is sound.
	typeStorageAccount: {what: "storage account", reads: []string{"isSftpEnabled"}, fields: []field{{path: []any{"isLocalUserEnabled"}, ok: []string{"false"}, def: "true",
		why: "lets SFTP local users in with passwords or SSH keys", when: func(r *policy.Resource) bool {
			on, k := policy.Bool(r.Get("isSftpEnabled"))
			return k == policy.Unknown || (k == policy.Present && on)
		}}}},
	typeVNetGateway: {what: "virtual network gateway", reads: []string{"vpnClientConfiguration.vpnAuthenticationTypes"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			cfg := r.Get("vpnClientConfiguration")
			if cfg.IsNull() {
				return "no point-to-site VPN", ok
			}
			types, k := policy.Strings(at(cfg, "vpnAuthenticationTypes"))
			switch {
			case cfg.IsComputed() || k == policy.Unknown:
				return "", policy.Undecided("vpnClientConfiguration.vpnAuthenticationTypes is computed; point-to-site VPN clients must authenticate with Entra ID (AAD) only")
			case len(types) == 0:
				return "", policy.Fail("vpnClientConfiguration.vpnAuthenticationTypes is not set; point-to-site VPN clients must authenticate with Entra ID (AAD) only")
			}
			for _, t := range types {
				if !eqFold(t, "AAD") {
					return "", policy.Fail("vpnClientConfiguration.vpnAuthenticationTypes includes %s, which admits VPN clients without an Entra ID identity; use AAD only", t)
				}
			}
			return "point-to-site VPN with Entra ID authentication", ok
		}},
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-IAM-010",
		Title: "Services accept Entra ID identities only, not keys, local accounts or passwords",
		Description: "Shared keys, admin users, local accounts and SQL passwords grant access with no person " +
			"behind them, no PIM, no conditional access and no per-person audit. Each service must turn them off: " +
			"`disableLocalAuth: true` (Service Bus, Event Hubs, Event Grid, Cosmos DB, AI Search, Azure AI " +
			"services, Log Analytics `features.disableLocalAuth`), `adminUserEnabled: false` on container " +
			"registries, `disableLocalAccounts: true` on AKS, Entra-only authentication on SQL and Synapse, " +
			"`authConfig.passwordAuth: Disabled` on PostgreSQL flexible servers, `isLocalUserEnabled: false` on " +
			"storage accounts (shared keys are PCLZ-AZR-IAM-003), and Entra ID authentication for point-to-site VPN.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"10", "9"},
		ResourceTypes: tableTypes(localAuth),
		Remediation: "Set the service's local authentication switch off (see the description) and give workloads " +
			"managed identities with data-plane roles.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Service Bus namespaces should have local authentication methods disabled (cfb11c26-f069-4c14-8e36-56c394dae5af)"},
			{Source: "Azure Policy", ID: "Cosmos DB database accounts should have local authentication methods disabled (5450f5bd-9c72-4390-a9c4-a7aba4edfdd2)"},
			{Source: "Azure Policy", ID: "Container registries should have local admin account disabled (dc921057-6b28-4fbe-9b83-f7bec05db6c2)"},
			{Source: "Azure Policy", ID: "Azure SQL Database should have Microsoft Entra-only authentication enabled (b3a22bc9-66de-45fb-98fa-00f5df42f41a)"},
			{Source: "Checkov", ID: "CKV_AZURE_137"},
		},
		Waivable: true,
		Reads:    tableReads(localAuth),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, localAuth, r)
	},
})
