package azurelz

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/caller"
	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// PrivilegedAccessType is the component type token of PrivilegedAccess.
const PrivilegedAccessType = "policecloud:azure:PrivilegedAccess"

// Built-in role definitions the privileged access component grants.
const (
	RoleOwner  = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	RoleReader = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
)

// BreakGlassPrefix starts the description of a break-glass account's role assignment, followed by the
// break-glass procedure's reference: the mark the identity rules (PCLZ-AZR-IAM-001, PCLZ-AZR-IAM-013)
// read.
const BreakGlassPrefix = policy.AzureBreakGlassPrefix

// AuditTrailActions returns the actions that would let their holder delete or redirect the audit trail
// (policy.AzureAuditTrailActions): the tier operator role withholds them (notActions), and
// PCLZ-AZR-IAM-015 refuses any custom role that grants one.
func AuditTrailActions() []string { return slices.Clone(policy.AzureAuditTrailActions) }

// operatorActions are what the tier operator role grants: reading everything, and running the services
// a tier's workloads use.
var operatorActions = []string{
	"*/read",
	"Microsoft.Compute/*",
	"Microsoft.Network/*",
	"Microsoft.Storage/*",
	"Microsoft.KeyVault/*",
	"Microsoft.Sql/*",
	"Microsoft.Web/*",
	"Microsoft.ContainerService/*",
	"Microsoft.ContainerRegistry/*",
	"Microsoft.RecoveryServices/*",
	"Microsoft.Insights/*",
	"Microsoft.Resources/deployments/*",
	"Microsoft.Resources/subscriptions/resourceGroups/*",
	"Microsoft.Support/*",
}

// operatorNotActions are what the tier operator role withholds besides the audit trail: granting roles
// and elevating access, as the built-in Contributor role withholds them.
var operatorNotActions = []string{
	"Microsoft.Authorization/*/Delete",
	"Microsoft.Authorization/*/Write",
	"Microsoft.Authorization/elevateAccess/Action",
}

// PrivilegedAccessArgs are the arguments of NewPrivilegedAccess.
type PrivilegedAccessArgs struct {
	// LandingZone is the landing zone's name ("met"); group and role names start with it.
	LandingZone string
	// TenantID is the Entra tenant's ID.
	TenantID string
	// RootGroupID is the landing zone's root management group ID (ManagementGroupsArgs.RootGroupID);
	// tier groups are RootGroupID-<tier>.
	RootGroupID string
	// Region is where the alert's resource group, action group and rule live: uksouth or ukwest.
	Region string
	// Profiles are the tiers to create operator groups for.
	Profiles []tier.Profile
	// BreakGlassObjectIDs are the Entra object IDs of the two break-glass accounts.
	BreakGlassObjectIDs []string
	// BreakGlassProcedure is the reference of the break-glass procedure ("MPS-SEC-BG-01"), recorded on
	// their role assignments.
	BreakGlassProcedure string
	// AuditWorkspaceID is the audit Log Analytics workspace: Entra sign-in logs go there and the
	// break-glass alert queries it.
	AuditWorkspaceID string
	// AlertEmail is the mailbox the break-glass sign-in alert goes to.
	AlertEmail string
	// AzureAD is the azuread provider for the Entra ID resources; nil uses the caller's (a provider named
	// azuread among the options), else one the component builds for TenantID.
	AzureAD pulumi.ProviderResource
	// Tags are the tags every taggable resource carries: Force, Tier, Classification, Owner and
	// ManagedBy at least.
	Tags map[string]string
}

// PrivilegedAccess is a landing zone's privileged access on Azure: Entra ID groups per role, with
// PIM-eligible (never active) role assignments at the management groups they administer; two
// break-glass accounts with an active Owner assignment at the root, excluded from the landing zone's
// conditional access policy, whose every sign-in raises an alert from the audit workspace.
type PrivilegedAccess struct {
	pulumi.ResourceState

	// GroupIDs maps each role group's key ("platform-admins", "auditors", "<tier>-operators") to its
	// Entra object ID.
	GroupIDs pulumi.StringMapOutput `pulumi:"entraGroupIds"`
	// OperatorRoleID is the tier operator role definition's ID.
	OperatorRoleID pulumi.StringOutput `pulumi:"operatorRoleId"`
	// BreakGlassAlertID is the break-glass sign-in alert rule's ID.
	BreakGlassAlertID pulumi.StringOutput `pulumi:"breakGlassAlertId"`
}

func (a *PrivilegedAccessArgs) validate() error {
	var errs []error
	if a.LandingZone == "" {
		errs = append(errs, &netplan.FieldError{Path: "LandingZone", Msg: "is empty", Allowed: "the landing zone's name, such as met"})
	}
	if !netplan.IsGUID(a.TenantID) {
		errs = append(errs, &netplan.FieldError{Path: "TenantID", Value: a.TenantID, Msg: "is not a tenant ID", Allowed: allowGUID})
	}
	if a.RootGroupID == "" {
		errs = append(errs, &netplan.FieldError{Path: "RootGroupID", Msg: "is empty", Allowed: "the landing zone's root management group ID, such as pclz-met"})
	}
	if err := checkRegion("Region", a.Region); err != nil {
		errs = append(errs, err)
	}
	if len(a.Profiles) == 0 {
		errs = append(errs, &netplan.FieldError{Path: "Profiles", Msg: "is empty", Allowed: "one profile per tier, from tier.Profiles()"})
	}
	for i, p := range a.Profiles {
		if !p.Tier.Valid() {
			errs = append(errs, &netplan.FieldError{Path: fmt.Sprintf("Profiles[%d].Tier", i), Value: string(p.Tier), Msg: "is not a tier", Allowed: strings.Join(tier.Names(), ", ")})
		}
	}
	if len(a.BreakGlassObjectIDs) != 2 {
		errs = append(errs, &netplan.FieldError{Path: "BreakGlassObjectIDs", Value: fmt.Sprint(len(a.BreakGlassObjectIDs)), Msg: "is not two accounts", Allowed: "the object IDs of exactly two break-glass accounts"})
	}
	for i, id := range a.BreakGlassObjectIDs {
		switch {
		case !netplan.IsGUID(id):
			errs = append(errs, &netplan.FieldError{Path: fmt.Sprintf("BreakGlassObjectIDs[%d]", i), Value: id, Msg: "is not an object ID", Allowed: allowGUID})
		case slices.ContainsFunc(a.BreakGlassObjectIDs[:i], func(o string) bool { return strings.EqualFold(o, id) }):
			errs = append(errs, &netplan.FieldError{Path: fmt.Sprintf("BreakGlassObjectIDs[%d]", i), Value: id, Msg: "is repeated", Allowed: "two different accounts"})
		}
	}
	if strings.TrimSpace(a.BreakGlassProcedure) == "" {
		errs = append(errs, &netplan.FieldError{Path: "BreakGlassProcedure", Msg: "is empty", Allowed: "the reference of the break-glass procedure, such as MPS-SEC-BG-01"})
	}
	if !netplan.IsWorkspaceID(a.AuditWorkspaceID) {
		errs = append(errs, &netplan.FieldError{Path: "AuditWorkspaceID", Value: a.AuditWorkspaceID, Msg: "is not a Log Analytics workspace ID",
			Allowed: "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>"})
	}
	if addr, err := mail.ParseAddress(a.AlertEmail); err != nil || addr.Address != a.AlertEmail {
		errs = append(errs, &netplan.FieldError{Path: "AlertEmail", Value: a.AlertEmail, Msg: "is not an email address", Allowed: "the security team's mailbox, such as soc@met.police.uk"})
	}
	if err := checkTags("Tags", a.Tags); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// BreakGlassQuery is the Log Analytics query of the break-glass sign-in alert: every sign-in of one of
// the accounts.
func BreakGlassQuery(objectIDs []string) string {
	quoted := make([]string, len(objectIDs))
	for i, id := range objectIDs {
		quoted[i] = `"` + strings.ToLower(id) + `"`
	}
	return "SigninLogs\n| where tolower(UserId) in (" + strings.Join(quoted, ", ") + ")\n| project TimeGenerated, UserId, UserPrincipalName, IPAddress, Location, ResultType, AppDisplayName"
}

// NewPrivilegedAccess builds a landing zone's privileged access: Entra ID groups for the platform
// admins (Owner at the root management group), the auditors (Reader at the root) and each tier's
// operators (the tier operator role, which cannot touch the audit trail, at the tier's group), each
// role PIM-eligible and never active; the break-glass accounts' active Owner at the root, documented;
// a conditional access policy requiring MFA of the landing zone's groups that excludes the break-glass
// accounts; Entra ID sign-in logs to the audit workspace; and a scheduled query alert on every
// break-glass sign-in, to an action group. Invalid arguments register nothing.
//
// Entra ID resources are registered by type token (the azuread Go SDK is not served to the build
// machines): see entratoken.go.
func NewPrivilegedAccess(ctx *pulumi.Context, name string, args *PrivilegedAccessArgs, opts ...pulumi.ResourceOption) (*PrivilegedAccess, error) {
	if args == nil {
		return nil, errors.New("azurelz.NewPrivilegedAccess: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("azurelz.NewPrivilegedAccess %s: invalid arguments:\n%w", name, err)
	}
	p := &PrivilegedAccess{}
	if err := ctx.RegisterComponentResource(PrivilegedAccessType, name, p, opts...); err != nil {
		return nil, err
	}
	prov, err := provider(ctx, name, nil, opts, args.Region, p)
	if err != nil {
		return nil, err
	}
	aad := args.AzureAD
	if aad == nil {
		aad = caller.Provider("azuread", opts...)
	}
	if aad == nil {
		ap, err := register[azureadProvider](ctx, azureadProviderType, name+"-azuread", azureadProviderArgs{TenantID: pulumi.String(args.TenantID)}, pulumi.Parent(p))
		if err != nil {
			return nil, err
		}
		aad = ap
	}
	b := &builder{ctx: ctx, name: name, parent: p, prov: prov, tags: args.Tags, profile: tier.MustProfile(tier.Platinum)}
	entra := func(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
		return append([]pulumi.ResourceOption{pulumi.Parent(p), pulumi.Provider(aad)}, extra...)
	}
	root := managementGroupScope(args.RootGroupID)

	// The tier operator role: the workload services' rights less access control and the audit trail,
	// assignable under the root.
	op, err := authorization.NewRoleDefinition(ctx, name+"-tier-operator", &authorization.RoleDefinitionArgs{
		Scope:       pulumi.String(root),
		RoleName:    pulumi.String(args.LandingZone + " tier operator"),
		Description: pulumi.String("Operates a tier's workloads: the workload services, but not granting access or touching the audit trail (diagnostic settings, the audit workspace, the archive's immutability policy and delete locks)."),
		RoleType:    pulumi.String("CustomRole"),
		Permissions: authorization.PermissionArray{authorization.PermissionArgs{
			Actions:    pulumi.ToStringArray(operatorActions),
			NotActions: pulumi.ToStringArray(slices.Concat(operatorNotActions, AuditTrailActions())),
		}},
		AssignableScopes: pulumi.ToStringArray([]string{root}),
	}, b.opts()...)
	if err != nil {
		return nil, err
	}
	p.OperatorRoleID = op.ID().ToStringOutput()

	type grant struct {
		key, display, description string
		role                      pulumi.StringInput
		scope                     string
	}
	grants := []grant{
		{"platform-admins", args.LandingZone + " platform admins", "Administer the landing zone: Owner of its management groups, eligible through PIM", pulumi.String(RoleOwner), root},
		{"auditors", args.LandingZone + " auditors", "Read the landing zone for audit: Reader of its management groups, eligible through PIM", pulumi.String(RoleReader), root},
	}
	for _, prof := range args.Profiles {
		grants = append(grants, grant{string(prof.Tier) + "-operators", args.LandingZone + " " + string(prof.Tier) + " operators",
			"Operate the " + prof.Tier.Title() + " tier's workloads: the tier operator role on its management group, eligible through PIM",
			op.ID().ToStringOutput(), managementGroupScope(args.RootGroupID + "-" + string(prof.Tier))})
	}
	groupIDs := pulumi.StringMap{}
	var groupRefs pulumi.StringArray
	for _, g := range grants {
		grp, err := register[entraGroup](ctx, entraGroupType, name+"-group-"+g.key, entraGroupArgs{
			DisplayName: pulumi.String(g.display), Description: pulumi.String(g.description),
			SecurityEnabled: pulumi.Bool(true), MailEnabled: pulumi.Bool(false), PreventDuplicateName: pulumi.Bool(true),
		}, entra()...)
		if err != nil {
			return nil, err
		}
		objectID := grp.ID().ToStringOutput()
		groupIDs[g.key] = objectID
		groupRefs = append(groupRefs, objectID)
		if _, err := authorization.NewPimRoleEligibilitySchedule(ctx, name+"-eligible-"+g.key, &authorization.PimRoleEligibilityScheduleArgs{
			Scope:            pulumi.String(g.scope),
			PrincipalId:      objectID,
			RoleDefinitionId: g.role,
			Justification:    pulumi.String(g.description),
			ScheduleInfo: authorization.RoleEligibilityScheduleRequestPropertiesScheduleInfoArgs{
				Expiration: authorization.RoleEligibilityScheduleRequestPropertiesExpirationArgs{Type: pulumi.String("NoExpiration")},
			},
		}, b.opts()...); err != nil {
			return nil, err
		}
	}
	p.GroupIDs = groupIDs.ToStringMapOutput()

	// Break-glass: standing Owner at the root, documented, for when PIM or the identity provider fails.
	for i, id := range args.BreakGlassObjectIDs {
		if _, err := authorization.NewRoleAssignment(ctx, fmt.Sprintf("%s-break-glass-%d", name, i+1), &authorization.RoleAssignmentArgs{
			Scope:            pulumi.String(root),
			PrincipalId:      pulumi.String(id),
			PrincipalType:    pulumi.String("User"),
			RoleDefinitionId: pulumi.String(RoleOwner),
			Description:      pulumi.String(BreakGlassPrefix + " " + args.BreakGlassProcedure),
		}, b.opts()...); err != nil {
			return nil, err
		}
	}
	if _, err := register[conditionalAccessPolicy](ctx, conditionalAccessType, name+"-require-mfa", conditionalAccessArgs{
		DisplayName: pulumi.String(args.LandingZone + ": MFA for landing zone administrators"),
		State:       pulumi.String("enabled"),
		Conditions: pulumi.Map{
			"clientAppTypes": pulumi.ToStringArray([]string{"all"}),
			"applications":   pulumi.Map{"includedApplications": pulumi.ToStringArray([]string{"All"})},
			"users": pulumi.Map{
				"includedGroups": groupRefs,
				"excludedUsers":  pulumi.ToStringArray(args.BreakGlassObjectIDs),
			},
		},
		GrantControls: pulumi.Map{"operator": pulumi.String("OR"), "builtInControls": pulumi.ToStringArray([]string{"mfa"})},
	}, entra()...); err != nil {
		return nil, err
	}

	// Sign-in logs to the audit workspace, and an alert on every break-glass sign-in.
	if _, err := register[entraDiagnosticSetting](ctx, entraDiagnosticSettingTy, name+"-entra-logs", entraDiagnosticSettingArgs{
		Name:        pulumi.String(name + "-entra-to-audit"),
		WorkspaceID: pulumi.String(args.AuditWorkspaceID),
		Logs: pulumi.MapArray{
			pulumi.Map{"category": pulumi.String("SignInLogs"), "enabled": pulumi.Bool(true)},
			pulumi.Map{"category": pulumi.String("AuditLogs"), "enabled": pulumi.Bool(true)},
		},
	}, b.opts()...); err != nil {
		return nil, err
	}
	rg, err := resources.NewResourceGroup(ctx, name+"-identity", &resources.ResourceGroupArgs{
		Location: pulumi.String(args.Region), Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return nil, err
	}
	ag, err := insights.NewActionGroup(ctx, name+"-security-alerts", &insights.ActionGroupArgs{
		ResourceGroupName: rg.Name,
		Location:          pulumi.String("Global"),
		GroupShortName:    pulumi.String("breakglass"),
		Enabled:           pulumi.Bool(true),
		EmailReceivers: insights.EmailReceiverArray{insights.EmailReceiverArgs{
			Name: pulumi.String("security-team"), EmailAddress: pulumi.String(args.AlertEmail), UseCommonAlertSchema: pulumi.Bool(true),
		}},
		Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return nil, err
	}
	alert, err := insights.NewScheduledQueryRule(ctx, name+"-break-glass-sign-in", &insights.ScheduledQueryRuleArgs{
		ResourceGroupName:   rg.Name,
		Location:            pulumi.String(args.Region),
		DisplayName:         pulumi.String(args.LandingZone + ": break-glass account signed in"),
		Description:         pulumi.String("Every sign-in of a break-glass account (" + args.BreakGlassProcedure + ") alerts the security team."),
		Enabled:             pulumi.Bool(true),
		Severity:            pulumi.Float64(0),
		EvaluationFrequency: pulumi.String("PT5M"),
		WindowSize:          pulumi.String("PT5M"),
		Scopes:              pulumi.ToStringArray([]string{args.AuditWorkspaceID}),
		Criteria: insights.ScheduledQueryRuleCriteriaArgs{AllOf: insights.ConditionArray{insights.ConditionArgs{
			Query:           pulumi.String(BreakGlassQuery(args.BreakGlassObjectIDs)),
			TimeAggregation: pulumi.String("Count"),
			Operator:        pulumi.String("GreaterThan"),
			Threshold:       pulumi.Float64(0),
		}}},
		Actions: insights.ActionsArgs{ActionGroups: pulumi.StringArray{ag.ID().ToStringOutput()}},
		Tags:    b.tagged(),
	}, b.opts()...)
	if err != nil {
		return nil, err
	}
	p.BreakGlassAlertID = alert.ID().ToStringOutput()
	if err := outputs.Register(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// Outputs returns the component's outputs by name.
func (p *PrivilegedAccess) Outputs() (pulumi.Map, error) { return outputs.Map(p) }
