package policy

// AzureBreakGlassPrefix starts the description of a documented break-glass account's Azure role
// assignment, followed by the break-glass procedure's reference ("break-glass: MPS-SEC-BG-01"). The
// identity rules (PCLZ-AZR-IAM-001, -013, -014, -016) read it; components/azurelz writes it.
const AzureBreakGlassPrefix = "break-glass:"

// AzureAuditTrailActions are the Azure actions that delete or redirect a landing zone's audit trail: the
// diagnostic settings that feed the audit workspace, the workspace and its data, and the audit archive's
// immutability policy and delete lock. PCLZ-AZR-IAM-015 refuses a custom role that grants any of them;
// the landing zone's tier operator role (components/azurelz) withholds them all in its notActions.
var AzureAuditTrailActions = []string{
	"Microsoft.Insights/diagnosticSettings/write",
	"Microsoft.Insights/diagnosticSettings/delete",
	"Microsoft.OperationalInsights/workspaces/write",
	"Microsoft.OperationalInsights/workspaces/delete",
	"Microsoft.OperationalInsights/workspaces/purge/action",
	"Microsoft.OperationalInsights/workspaces/tables/delete",
	"Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/delete",
	"Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/write",
	"Microsoft.Authorization/locks/delete",
}
