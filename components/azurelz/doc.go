// Package azurelz builds the Azure landing zone for UK police workloads in UK South (paired with UK
// West): a Foundation (Log Analytics, Key Vault and customer keys, the immutable audit archive, Azure
// Policy assignments, Defender for Cloud plans, the hub network with Azure Firewall and the PSN edge VPN
// gateway, and the Pulumi state backend) and one TierEnvironment per tier (a spoke peered with the hub
// only, NSGs that deny by default and allow the declared flows, routes through the hub firewall or, for a
// tier without internet egress, to nothing, flow logs with traffic analytics, a Recovery Services vault
// and backup policy, the workloads' data key, the tier's Update Manager maintenance configuration and
// Defender plans for its workloads, and an EvidenceStore), and Workloads in a tier (private Linux virtual
// machines across the tier's zones, encrypted at host and with the tier's key, patched by Update Manager,
// scanned by Defender, backed up by the tier's vault, and an optional Azure SQL database).
//
// Every constructor follows the same contract: NewX(ctx, name, args, opts...) (*X, error); the arguments
// are validated before anything is registered, with errors that name the field, the bad value and what is
// allowed; every child is parented to the component, named name+"-<role>" and created with one explicit
// azure-native provider: the caller's when the caller gives one (pulumi.Provider or pulumi.Providers on
// the component, or one its parent holds), else one the component builds for its Region. The arguments have the same names and types as
// awslz's for the same idea (Region, Profile, Foundation, PSNEdge, RetentionYears, Tags), and the outputs
// are declared once, by the `pulumi:` tags of each component's fields: RegisterResourceOutputs and the
// Outputs method both read them. Components read tier.Profile fields (AvailabilityZones,
// InternetEgress, PSNAccess, Backup, ProtectStateful, RetainStatefulOnDelete, DeleteLocks,
// LogRetentionDays, ZoneRedundantStorage) and the netplan address plan; they never branch on the tier's
// name.
//
// The organisation stack's components are NewManagementGroups (the management group hierarchy under the
// tenant root, subscriptions placed by tier, and the Azure Policy of package guardrails) and
// NewPrivilegedAccess (Entra ID groups with PIM-eligible roles, the break-glass accounts and their
// sign-in alert).
//
// The azure-native security module is not downloadable on the build machines, so Defender for Cloud
// plans are registered by type token (azure-native:security:Pricing) with a small typed struct; so are
// management groups (azure-native:management), the Entra ID diagnostic setting (azure-native:aadiam)
// and the Entra ID groups and conditional access policy (the azuread provider, whose Go SDK is not
// served either). The compute, sql, maintenance, insights and recoveryservices modules are served and
// used typed.
package azurelz
