package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID:  "PCLZ-AZR-AUD-003",
	Subject: policytest.URN(typeStorageAccount, "evidence"),
	Resources: func() []*policy.Resource {
		acct := storageAccount("evidence", tier.Gold)
		return []*policy.Resource{
			acct,
			az(typeDiagnosticSetting, "diag-evidence-blob", tier.Gold, map[string]any{
				"name": "diag-evidence-blob", "resourceUri": acct.ID + "/blobServices/default", "workspaceId": workspace().ID,
				"logs": []any{map[string]any{"categoryGroup": "audit", "enabled": true}},
			}),
		}
	},
	BaselineMessage: `diagnostic setting "diag-evidence-blob" sends the storage account's audit logs to Log Analytics`,
	Cases: []policytest.Case{
		{
			Name: "no setting for the account",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], rgID("rg-data")+"/providers/Microsoft.Storage/storageAccounts/other/blobServices/default", "resourceUri")
			},
			Want:    policy.StatusFail,
			Message: "no diagnostic setting sends this storage account's audit logs to Log Analytics; add one with resourceUri <account ID>/blobServices/default, workspaceId and logs categoryGroup audit enabled",
		},
		{
			Name:    "audit logs disabled",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], false, "logs", 0, "enabled") },
			Want:    policy.StatusFail,
			Message: `diagnostic setting "diag-evidence-blob" does not enable the audit logs StorageRead, StorageWrite, StorageDelete (or categoryGroup audit)`,
		},
		{
			Name: "writes only",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[1], []any{map[string]any{"category": "StorageWrite", "enabled": true}}, "logs")
			},
			Want:    policy.StatusFail,
			Message: `diagnostic setting "diag-evidence-blob" does not enable the audit logs StorageRead, StorageDelete (or categoryGroup audit)`,
		},
		{
			Name:    "no workspace",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[1], "workspaceId") },
			Want:    policy.StatusFail,
			Message: `diagnostic setting "diag-evidence-blob" has no workspaceId; the storage account's audit logs must reach Log Analytics`,
		},
		{
			Name: "resource URI computed from the account (preview)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.SetComputed(rs[1], "resourceUri")
				policytest.Link(rs[1], "resourceUri", rs[0])
				rs[0].ID = ""
			},
			Want:    policy.StatusPass,
			Message: `diagnostic setting "diag-evidence-blob" sends the storage account's audit logs to Log Analytics`,
		},
		{
			Name:    "logs computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "logs") },
			Want:    policy.StatusUnknown,
			Message: `diagnostic setting "diag-evidence-blob" has computed logs; it must enable categoryGroup audit`,
		},
		{
			Name: "key vault with AuditEvent (the vault is the subject's stand-in)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeKeyVault
				policytest.Set(rs[1], rs[0].ID, "resourceUri")
				policytest.Set(rs[1], []any{map[string]any{"category": "AuditEvent", "enabled": true}}, "logs")
			},
			Want:    policy.StatusPass,
			Message: `diagnostic setting "diag-evidence-blob" sends the key vault's audit logs to Log Analytics`,
		},
	},
})
