package azurelz

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/guardrails"
	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// ManagementGroupsType is the component type token of ManagementGroups.
const ManagementGroupsType = "policecloud:azure:ManagementGroups"

// The platform management groups, under <root>-platform, as Azure Landing Zones names them: management
// (the audit workspace and the foundation's shared services), connectivity (the hub network) and
// security (security tooling). Tier groups (<root>-platinum, ...) hang directly from the root, where
// the guardrails' tier assignments expect them.
const (
	PlatformGroup     = "platform"
	ManagementGroup   = "management"
	ConnectivityGroup = "connectivity"
	SecurityGroup     = "security"
)

// PlatformGroups are the platform management groups a subscription may be placed in.
var PlatformGroups = []string{ManagementGroup, ConnectivityGroup, SecurityGroup}

// managementGroupScope is the ARM ID of management group id.
func managementGroupScope(id string) string {
	return "/providers/Microsoft.Management/managementGroups/" + id
}

// ManagementGroupsArgs are the arguments of NewManagementGroups. It runs with a principal that may
// create management groups under the tenant root and assign policy and roles there.
type ManagementGroupsArgs struct {
	// TenantID is the Entra tenant's ID: the tenant root management group the landing zone's root hangs
	// from.
	TenantID string
	// RootGroupID is the landing zone's root management group ID ("pclz-met"); tier groups are
	// RootGroupID-<tier> and platform groups RootGroupID-platform, RootGroupID-management, ...
	RootGroupID string
	// DisplayName is the root group's display name ("Metropolitan Police landing zone").
	DisplayName string
	// Region is where the deployIfNotExists assignments' managed identities live: uksouth or ukwest.
	Region string
	// Profiles are the tier profiles to create tier groups for, one per tier.
	Profiles []tier.Profile
	// Subscriptions maps a tier name ("gold") or platform group ("management", "connectivity",
	// "security") to the subscription ID placed in that group. Every tier in Profiles needs one; the
	// platform groups are optional.
	Subscriptions map[string]string
	// AuditWorkspaceID is the audit Log Analytics workspace's resource ID, to which the diagnostics
	// assignments deploy diagnostic settings.
	AuditWorkspaceID string
	// Exemptions are the policy exemptions of the exemption register: guardrails.Exemptions over
	// Policies() and the waiver file. Each names an assignment of Policies().
	Exemptions []guardrails.AzureExemption
	// Tags are the landing zone's tags: Force, Tier, Classification, Owner and ManagedBy at least.
	// Management groups and policy objects carry no tags; the tags are checked so that the stack's
	// tagged resources (the identity component's) carry the same.
	Tags map[string]string
}

// ManagementGroups is a landing zone's management group hierarchy under the tenant root, the
// subscriptions placed in it, and the Azure Policy definitions, assignments and exemptions package
// guardrails generates, attached at the scopes it names.
type ManagementGroups struct {
	pulumi.ResourceState

	// Provider is the azure-native provider every child was created through.
	Provider pulumi.ProviderResource

	// RootGroupID is the landing zone's root management group's resource ID.
	RootGroupID pulumi.StringOutput `pulumi:"rootGroupId"`
	// GroupIDs maps each group's key ("root", "platform", "management", "connectivity", "security",
	// and each tier name) to its resource ID.
	GroupIDs pulumi.StringMapOutput `pulumi:"groupIds"`
	// SubscriptionGroups maps each placed subscription ID to its group's key.
	SubscriptionGroups pulumi.StringMapOutput `pulumi:"subscriptionGroups"`
	// AssignmentIDs maps each policy assignment's name to its resource ID.
	AssignmentIDs pulumi.StringMapOutput `pulumi:"policyAssignmentIds"`
	// AssignmentPrincipalIDs maps each deployIfNotExists assignment's name to its managed identity's
	// principal ID.
	AssignmentPrincipalIDs pulumi.StringMapOutput `pulumi:"policyAssignmentPrincipalIds"`
}

// groupNode is one management group of the hierarchy: its key, ID and parent's key ("" for the root,
// whose parent is the tenant root).
type groupNode struct {
	Key, ID, Parent, DisplayName string
}

// hierarchy returns the management groups in creation order (every parent before its children).
func (a *ManagementGroupsArgs) hierarchy() []groupNode {
	root := a.RootGroupID
	out := []groupNode{{Key: "root", ID: root, DisplayName: a.DisplayName},
		{Key: PlatformGroup, ID: root + "-" + PlatformGroup, Parent: "root", DisplayName: "Platform"}}
	for _, g := range PlatformGroups {
		out = append(out, groupNode{Key: g, ID: root + "-" + g, Parent: PlatformGroup, DisplayName: strings.ToUpper(g[:1]) + g[1:]})
	}
	for _, p := range a.Profiles {
		out = append(out, groupNode{Key: string(p.Tier), ID: root + "-" + string(p.Tier), Parent: "root", DisplayName: p.Tier.Title()})
	}
	return out
}

// guardrailParams returns the facts and parameters of the Azure policies: the rules' location
// allow-list (guardrails.DefaultFacts), the landing zone's profiles, root group and audit workspace.
func (a *ManagementGroupsArgs) guardrailParams() (guardrails.Facts, guardrails.AzureParams) {
	f := guardrails.DefaultFacts()
	f.Profiles = a.Profiles
	return f, guardrails.AzureParams{RootManagementGroup: a.RootGroupID, AuditWorkspaceID: a.AuditWorkspaceID, IdentityLocation: a.Region}
}

// Policies returns the Azure Policy definitions and assignments NewManagementGroups deploys for args:
// what guardrails.Exemptions takes to build the exemption register.
func (a *ManagementGroupsArgs) Policies() (guardrails.AzurePolicySet, error) {
	f, p := a.guardrailParams()
	return guardrails.AzurePolicies(f, p)
}

const allowGUID = "a GUID such as 00000000-0000-0000-0000-000000000000"

// validate checks the arguments; every problem is reported, naming the field, the value and what is
// allowed.
func (a *ManagementGroupsArgs) validate() error {
	var errs []error
	if !netplan.IsGUID(a.TenantID) {
		errs = append(errs, &netplan.FieldError{Path: "TenantID", Value: a.TenantID, Msg: "is not a tenant ID", Allowed: allowGUID + " (the tenant root management group's ID)"})
	}
	if a.DisplayName == "" {
		errs = append(errs, &netplan.FieldError{Path: "DisplayName", Msg: "is empty", Allowed: "the root group's display name, such as Metropolitan Police landing zone"})
	}
	if err := checkRegion("Region", a.Region); err != nil {
		errs = append(errs, err)
	}
	if len(a.Profiles) == 0 {
		errs = append(errs, &netplan.FieldError{Path: "Profiles", Msg: "is empty", Allowed: "one profile per tier, from tier.Profiles()"})
	}
	tiers := map[string]bool{}
	for i, p := range a.Profiles {
		switch {
		case !p.Tier.Valid():
			errs = append(errs, &netplan.FieldError{Path: fmt.Sprintf("Profiles[%d].Tier", i), Value: string(p.Tier), Msg: "is not a tier", Allowed: strings.Join(tier.Names(), ", ")})
		case tiers[string(p.Tier)]:
			errs = append(errs, &netplan.FieldError{Path: fmt.Sprintf("Profiles[%d].Tier", i), Value: string(p.Tier), Msg: "is repeated", Allowed: "one profile per tier"})
		default:
			tiers[string(p.Tier)] = true
			if _, ok := a.Subscriptions[string(p.Tier)]; !ok {
				errs = append(errs, &netplan.FieldError{Path: "Subscriptions", Value: string(p.Tier), Msg: "has no subscription for the tier", Allowed: "a subscription ID for every tier in Profiles"})
			}
		}
	}
	groups := slices.Concat(tier.Names(), PlatformGroups)
	placed := map[string]string{}
	for _, k := range sortedKeys(a.Subscriptions) {
		id := a.Subscriptions[k]
		path := "Subscriptions[" + k + "]"
		switch {
		case !slices.Contains(groups, k):
			errs = append(errs, &netplan.FieldError{Path: "Subscriptions", Value: k, Msg: "is not a management group", Allowed: strings.Join(groups, ", ")})
		case slices.Contains(tier.Names(), k) && !tiers[k]:
			errs = append(errs, &netplan.FieldError{Path: "Subscriptions", Value: k, Msg: "is not a tier in Profiles", Allowed: "the tiers of Profiles"})
		case !netplan.IsGUID(id):
			errs = append(errs, &netplan.FieldError{Path: path, Value: id, Msg: "is not a subscription ID", Allowed: allowGUID})
		case placed[strings.ToLower(id)] != "":
			errs = append(errs, &netplan.FieldError{Path: path, Value: id, Msg: "is also Subscriptions[" + placed[strings.ToLower(id)] + "]", Allowed: "a subscription sits in one management group: a different subscription per group"})
		default:
			placed[strings.ToLower(id)] = k
		}
	}
	if err := checkTags("Tags", a.Tags); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	// The policies' own parameters (root group ID, audit workspace) are checked where they are defined;
	// their messages name the AzureParams field (RootManagementGroup is RootGroupID here).
	set, err := a.Policies()
	if err != nil {
		return err
	}
	for i, e := range a.Exemptions {
		errs = append(errs, checkExemption(fmt.Sprintf("Exemptions[%d]", i), e, set)...)
	}
	return errors.Join(errs...)
}

// checkExemption checks one exemption of the register against the policy set it exempts from.
func checkExemption(path string, e guardrails.AzureExemption, set guardrails.AzurePolicySet) []error {
	var errs []error
	ids := make([]string, 0, len(set.Assignments))
	for _, as := range set.Assignments {
		ids = append(ids, as.ID())
	}
	if !slices.Contains(ids, e.Properties.PolicyAssignmentID) {
		errs = append(errs, &netplan.FieldError{Path: path + ".Properties.PolicyAssignmentID", Value: e.Properties.PolicyAssignmentID,
			Msg: "is not an assignment of the landing zone", Allowed: "the ID of an assignment of Policies() (build the register with guardrails.Exemptions)"})
	}
	if e.Name == "" || len(e.Name) > guardrails.MaxExemptionNameLength {
		errs = append(errs, &netplan.FieldError{Path: path + ".Name", Value: e.Name, Msg: "is not an exemption name", Allowed: fmt.Sprintf("1 to %d characters", guardrails.MaxExemptionNameLength)})
	}
	if !strings.HasPrefix(strings.ToLower(e.Scope), "/subscriptions/") {
		errs = append(errs, &netplan.FieldError{Path: path + ".Scope", Value: e.Scope, Msg: "is not a subscription, resource group or resource ID", Allowed: "/subscriptions/<id>[/resourceGroups/<rg>[/providers/...]]"})
	}
	if !slices.Contains([]string{guardrails.CategoryWaiver, guardrails.CategoryMitigated}, e.Properties.ExemptionCategory) {
		errs = append(errs, &netplan.FieldError{Path: path + ".Properties.ExemptionCategory", Value: e.Properties.ExemptionCategory, Msg: "is not an exemption category", Allowed: guardrails.CategoryWaiver + ", " + guardrails.CategoryMitigated})
	}
	if _, err := time.Parse(time.RFC3339, e.Properties.ExpiresOn); err != nil {
		errs = append(errs, &netplan.FieldError{Path: path + ".Properties.ExpiresOn", Value: e.Properties.ExpiresOn, Msg: "is not a date and time", Allowed: "RFC 3339, such as 2027-01-01T00:00:00Z: every exemption expires, as its waiver does"})
	}
	for _, k := range []string{"approver", "riskRef"} {
		if strings.TrimSpace(e.Properties.Metadata[k]) == "" {
			errs = append(errs, &netplan.FieldError{Path: path + ".Properties.Metadata[" + k + "]", Msg: "is empty", Allowed: "the waiver's " + k + " (the register mirrors the waiver file)"})
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// anyValue turns a guardrails document into the plain JSON value the provider receives.
func anyValue(v any) (any, error) {
	b, err := guardrails.CanonicalJSON(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// NewManagementGroups builds a landing zone's management groups under the tenant root (the root, the
// platform group with management, connectivity and security under it, and one group per tier),
// places the subscriptions, and attaches the Azure Policy of package guardrails: the custom
// definitions at the root, each assignment at the scope guardrails names, a role assignment per role
// each deployIfNotExists assignment's system-assigned identity needs, and the exemption register.
// Invalid arguments register nothing.
//
// Management groups and subscription placements are registered by type token (the azure-native
// management module is not served to the build machines); see mgtoken.go. Every child is created
// through the caller's azure-native provider when the caller gives one, else one of the component's own
// for Region.
func NewManagementGroups(ctx *pulumi.Context, name string, args *ManagementGroupsArgs, opts ...pulumi.ResourceOption) (*ManagementGroups, error) {
	if args == nil {
		return nil, errors.New("azurelz.NewManagementGroups: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("azurelz.NewManagementGroups %s: invalid arguments:\n%w", name, err)
	}
	set, err := args.Policies()
	if err != nil { // validate ran the same call
		return nil, fmt.Errorf("azurelz.NewManagementGroups %s: %w", name, err)
	}

	m := &ManagementGroups{}
	if err := ctx.RegisterComponentResource(ManagementGroupsType, name, m, opts...); err != nil {
		return nil, err
	}
	prov, err := provider(ctx, name, nil, opts, args.Region, m)
	if err != nil {
		return nil, err
	}
	m.Provider = prov
	child := func(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
		return append([]pulumi.ResourceOption{pulumi.Parent(m), pulumi.Provider(prov)}, extra...)
	}

	groups := map[string]*managementGroup{}
	ids := map[string]string{}
	groupIDs := pulumi.StringMap{}
	for _, g := range args.hierarchy() {
		parent, deps := managementGroupScope(args.TenantID), []pulumi.Resource{}
		if g.Parent != "" {
			parent, deps = managementGroupScope(ids[g.Parent]), append(deps, groups[g.Parent])
		}
		res, err := newManagementGroup(ctx, name+"-mg-"+g.Key, managementGroupArgs{
			GroupID:     pulumi.String(g.ID),
			DisplayName: pulumi.String(g.DisplayName),
			Details:     pulumi.Map{"parent": pulumi.Map{"id": pulumi.String(parent)}},
		}, child(pulumi.DependsOn(deps))...)
		if err != nil {
			return nil, err
		}
		groups[g.Key], ids[g.Key] = res, g.ID
		groupIDs[g.Key] = pulumi.String(managementGroupScope(g.ID))
	}
	m.RootGroupID = pulumi.String(managementGroupScope(args.RootGroupID)).ToStringOutput()
	m.GroupIDs = groupIDs.ToStringMapOutput()

	subGroups := pulumi.StringMap{}
	for _, k := range sortedKeys(args.Subscriptions) {
		id := args.Subscriptions[k]
		if _, err := newManagementGroupSubscription(ctx, name+"-sub-"+k, managementGroupSubscriptionArgs{
			GroupID: pulumi.String(ids[k]), SubscriptionID: pulumi.String(id),
		}, child(pulumi.DependsOn([]pulumi.Resource{groups[k]}))...); err != nil {
			return nil, err
		}
		subGroups[id] = pulumi.String(k)
	}
	m.SubscriptionGroups = subGroups.ToStringMapOutput()

	// Custom definitions live at the root, so every group below can assign them.
	var defs []pulumi.Resource
	for _, d := range set.Definitions {
		rule, err := anyValue(d.Properties.PolicyRule)
		if err != nil {
			return nil, err
		}
		params := authorization.ParameterDefinitionsValueMap{}
		for _, pn := range sortedKeys(d.Properties.Parameters) {
			ps := d.Properties.Parameters[pn]
			params[pn] = authorization.ParameterDefinitionsValueArgs{
				Type: pulumi.String(ps.Type),
				Metadata: authorization.ParameterDefinitionsValueMetadataArgs{
					DisplayName: pulumi.StringPtr(ps.Metadata["displayName"]),
					StrongType:  strPtrOrNil(ps.Metadata["strongType"]),
				},
			}
		}
		meta := pulumi.StringMap{}
		for k, v := range d.Properties.Metadata {
			meta[k] = pulumi.String(v)
		}
		def, err := authorization.NewPolicyDefinitionAtManagementGroup(ctx, name+"-def-"+d.Name, &authorization.PolicyDefinitionAtManagementGroupArgs{
			ManagementGroupId:    pulumi.String(args.RootGroupID),
			PolicyDefinitionName: pulumi.String(d.Name),
			DisplayName:          pulumi.String(d.Properties.DisplayName),
			Description:          pulumi.String(d.Properties.Description),
			PolicyType:           pulumi.String(d.Properties.PolicyType),
			Mode:                 pulumi.String(d.Properties.Mode),
			Metadata:             meta,
			Parameters:           params,
			PolicyRule:           pulumi.Any(rule),
		}, child(pulumi.DependsOn([]pulumi.Resource{groups["root"]}))...)
		if err != nil {
			return nil, err
		}
		defs = append(defs, def)
	}

	// scopeGroup is the group an assignment's scope names.
	scopeGroup := map[string]pulumi.Resource{}
	for k, id := range ids {
		scopeGroup[managementGroupScope(id)] = groups[k]
	}
	assignmentIDs, principalIDs := pulumi.StringMap{}, pulumi.StringMap{}
	assignments := map[string]*authorization.PolicyAssignment{}
	for _, a := range set.Assignments {
		g, ok := scopeGroup[a.Scope]
		if !ok { // guardrails names only the root and tier groups, which hierarchy creates
			return nil, fmt.Errorf("azurelz.NewManagementGroups %s: assignment %s: scope %s is not a management group of the hierarchy", name, a.Name, a.Scope)
		}
		meta, err := anyValue(a.Properties.Metadata)
		if err != nil {
			return nil, err
		}
		params := authorization.ParameterValuesValueMap{}
		for _, pn := range sortedKeys(a.Properties.Parameters) {
			v, err := anyValue(a.Properties.Parameters[pn].Value)
			if err != nil {
				return nil, err
			}
			params[pn] = authorization.ParameterValuesValueArgs{Value: pulumi.Any(v)}
		}
		pa := &authorization.PolicyAssignmentArgs{
			Scope:                pulumi.String(a.Scope),
			PolicyAssignmentName: pulumi.String(a.Name),
			DisplayName:          pulumi.String(a.Properties.DisplayName),
			Description:          pulumi.String(a.Properties.Description),
			PolicyDefinitionId:   pulumi.String(a.Properties.PolicyDefinitionID),
			EnforcementMode:      pulumi.String(a.Properties.EnforcementMode),
			Metadata:             pulumi.Any(meta),
		}
		if len(params) > 0 {
			pa.Parameters = params
		}
		if a.Identity != nil {
			pa.Identity = authorization.IdentityArgs{Type: authorization.ResourceIdentityType(a.Identity.Type)}
			pa.Location = pulumi.String(a.Location)
		}
		res, err := authorization.NewPolicyAssignment(ctx, name+"-assign-"+a.Name, pa, child(pulumi.DependsOn(append([]pulumi.Resource{g}, defs...)))...)
		if err != nil {
			return nil, err
		}
		assignments[a.Name] = res
		assignmentIDs[a.Name] = pulumi.String(a.ID())
		if a.Identity == nil {
			continue
		}
		principal := res.Identity.ApplyT(func(id *authorization.IdentityResponse) (string, error) {
			switch {
			case id != nil && id.PrincipalId != "":
				return id.PrincipalId, nil
			case ctx.DryRun():
				// A preview may know the identity's type before Azure has created its principal.
				return "", nil
			}
			return "", fmt.Errorf("policy assignment %s has no managed identity principal", a.Name)
		}).(pulumi.StringOutput)
		principalIDs[a.Name] = principal
		// The identity deploys diagnostic settings anywhere under the assignment's scope, so it holds the
		// roles the definition names there.
		for _, role := range a.RoleDefinitionIDs {
			if _, err := authorization.NewRoleAssignment(ctx, name+"-assign-"+a.Name+"-"+roleSuffix(role), &authorization.RoleAssignmentArgs{
				Scope:            pulumi.String(a.Scope),
				PrincipalId:      principal,
				PrincipalType:    pulumi.String("ServicePrincipal"),
				RoleDefinitionId: pulumi.String(role),
				Description:      pulumi.String("Remediation identity of policy assignment " + a.Name),
			}, child()...); err != nil {
				return nil, err
			}
		}
	}
	m.AssignmentIDs = assignmentIDs.ToStringMapOutput()
	m.AssignmentPrincipalIDs = principalIDs.ToStringMapOutput()

	for _, e := range args.Exemptions {
		meta := pulumi.StringMap{}
		for k, v := range e.Properties.Metadata {
			meta[k] = pulumi.String(v)
		}
		as := assignments[e.Properties.PolicyAssignmentID[strings.LastIndex(e.Properties.PolicyAssignmentID, "/")+1:]]
		if _, err := authorization.NewPolicyExemption(ctx, name+"-exempt-"+e.Name, &authorization.PolicyExemptionArgs{
			Scope:               pulumi.String(e.Scope),
			PolicyExemptionName: pulumi.String(e.Name),
			PolicyAssignmentId:  pulumi.String(e.Properties.PolicyAssignmentID),
			ExemptionCategory:   pulumi.String(e.Properties.ExemptionCategory),
			ExpiresOn:           pulumi.String(e.Properties.ExpiresOn),
			DisplayName:         pulumi.String(e.Properties.DisplayName),
			Description:         pulumi.String(e.Properties.Description),
			Metadata:            meta,
		}, child(pulumi.DependsOn([]pulumi.Resource{as}))...); err != nil {
			return nil, err
		}
	}

	if err := outputs.Register(ctx, m); err != nil {
		return nil, err
	}
	return m, nil
}

// Outputs returns the component's outputs by name: every field with a `pulumi:` tag, the map the
// component registered with RegisterResourceOutputs and the stack program exports.
func (m *ManagementGroups) Outputs() (pulumi.Map, error) { return outputs.Map(m) }

// roleSuffix names a role assignment after its role: the role definition GUID's first block.
func roleSuffix(roleDefinitionID string) string {
	id := roleDefinitionID[strings.LastIndex(roleDefinitionID, "/")+1:]
	if i := strings.Index(id, "-"); i > 0 {
		return id[:i]
	}
	return id
}

func strPtrOrNil(s string) pulumi.StringPtrInput {
	if s == "" {
		return nil
	}
	return pulumi.StringPtr(s)
}
