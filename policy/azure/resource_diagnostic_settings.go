package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// auditLogs says, per resource type, which log categories a diagnostic setting must enable and where it
// attaches.
var auditLogs = map[string]struct {
	What       string
	Categories []string
	URI        string
}{
	typeKeyVault:       {"key vault", []string{"AuditEvent"}, "<vault ID>"},
	typeStorageAccount: {"storage account", []string{"StorageRead", "StorageWrite", "StorageDelete"}, "<account ID>/blobServices/default"},
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-003",
		Title: "Key Vaults and storage accounts send their audit logs to Log Analytics",
		Description: "Every use of a key and every read, write or delete of evidence must be recorded. Each " +
			"Key Vault and storage account of the stack needs an azure-native:insights:DiagnosticSetting whose " +
			"`resourceUri` is the resource (a vault) or one of its services (`<account ID>/blobServices/default`), " +
			"with `workspaceId` set and `logs` enabling categoryGroup audit or allLogs (or the categories " +
			"AuditEvent for vaults; StorageRead, StorageWrite and StorageDelete for storage).",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeKeyVault, typeStorageAccount, typeDiagnosticSetting},
		Remediation: "Add a DiagnosticSetting per vault (`resourceUri: vault.id`) and per storage account " +
			"(`resourceUri: account.id + \"/blobServices/default\"`) with `workspaceId: <workspace ID>` and " +
			"`logs: [{categoryGroup: \"audit\", enabled: true}]`.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Resource logs in Key Vault should be enabled (cf820ca0-f99e-4f3e-84fb-66e913812d21)"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeDiagnosticSetting, "resourceUri", "workspaceId", "logs"),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, t := range ofType(rs, typeKeyVault, typeStorageAccount) {
			out = append(out, withURN(diagnosticsFor(t, rs), t))
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no Key Vaults or storage accounts in this stack")}
		}
		return out
	},
})

func diagnosticsFor(t *policy.Resource, rs []*policy.Resource) policy.Result {
	want := auditLogs[t.Type]
	var results []policy.Result
	for _, d := range ofType(rs, typeDiagnosticSetting) {
		if !refersAt(d, t, true, "resourceUri") {
			continue
		}
		name := displayName(d, "name")
		if !hasWorkspace(d) {
			results = append(results, policy.Fail("diagnostic setting %q has no workspaceId; the %s's audit logs must reach Log Analytics", name, want.What))
			continue
		}
		cats, groups, k := enabledLogs(d)
		if k == policy.Unknown {
			results = append(results, policy.Undecided("diagnostic setting %q has computed logs; it must enable categoryGroup audit", name))
			continue
		}
		if miss := missingLogs(cats, groups, want.Categories, "audit", "allLogs"); len(miss) > 0 {
			results = append(results, policy.Fail("diagnostic setting %q does not enable the audit logs %s (or categoryGroup audit)", name, strings.Join(miss, ", ")))
			continue
		}
		return policy.Pass("diagnostic setting %q sends the %s's audit logs to Log Analytics", name, want.What)
	}
	if len(results) == 0 {
		return policy.Fail("no diagnostic setting sends this %s's audit logs to Log Analytics; add one with resourceUri %s, workspaceId and logs categoryGroup audit enabled", want.What, want.URI)
	}
	return decide(policy.Result{}, results...)
}
