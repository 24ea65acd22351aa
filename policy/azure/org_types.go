package azure

// The resource types of an organization stack (components/azurelz NewManagementGroups and
// NewPrivilegedAccess). Management groups and Entra ID diagnostic settings are registered by type token
// (their azure-native modules are not served to the build machines), with azure-native's tokens.
const (
	typeManagementGroup             = "azure-native:management:ManagementGroup"
	typeManagementGroupSubscription = "azure-native:management:ManagementGroupSubscription"
	typePolicyDefinitionAtMG        = "azure-native:authorization:PolicyDefinitionAtManagementGroup"
	typePolicyExemption             = "azure-native:authorization:PolicyExemption"
	typePimRoleEligibility          = "azure-native:authorization:PimRoleEligibilitySchedule"
	typeScheduledQueryRule          = "azure-native:insights:ScheduledQueryRule"
	typeActionGroup                 = "azure-native:insights:ActionGroup"
	typeEntraDiagnosticSetting      = "azure-native:aadiam:DiagnosticSetting"
)
