package azurelz

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The azuread provider's Go SDK (Entra ID groups and conditional access) and the azure-native aadiam
// module (Entra ID diagnostic settings) are not served by the Go module proxy the build machines use,
// so NewPrivilegedAccess registers those resources by type token with the small typed structs below.
// The tokens and input names are those of pulumi-azuread v6 (azuread.Group,
// azuread.ConditionalAccessPolicy, and the provider itself) and azure-native v2.90.0
// (aadiam.DiagnosticSetting, API version 2017-04-01).

const (
	azureadProviderType      = "pulumi:providers:azuread"
	entraGroupType           = "azuread:index/group:Group"
	conditionalAccessType    = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy"
	entraDiagnosticSettingTy = "azure-native:aadiam:DiagnosticSetting"
)

// azureadProvider is an azuread provider registered by type token.
type azureadProvider struct {
	pulumi.ProviderResourceState
}

type azureadProviderInputs struct {
	TenantID string `pulumi:"tenantId"`
}

type azureadProviderArgs struct {
	// TenantID is the Entra tenant the provider manages.
	TenantID pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (azureadProviderArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*azureadProviderInputs)(nil)).Elem()
}

// entraGroup is an Entra ID security group (azuread:index/group:Group). Its ID is its object ID.
type entraGroup struct {
	pulumi.CustomResourceState

	ObjectID pulumi.StringOutput `pulumi:"objectId"`
}

type entraGroupInputs struct {
	DisplayName          string `pulumi:"displayName"`
	Description          string `pulumi:"description"`
	SecurityEnabled      bool   `pulumi:"securityEnabled"`
	MailEnabled          bool   `pulumi:"mailEnabled"`
	PreventDuplicateName bool   `pulumi:"preventDuplicateNames"`
}

type entraGroupArgs struct {
	DisplayName          pulumi.StringInput
	Description          pulumi.StringInput
	SecurityEnabled      pulumi.BoolInput
	MailEnabled          pulumi.BoolInput
	PreventDuplicateName pulumi.BoolInput
}

// ElementType implements pulumi.Input.
func (entraGroupArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*entraGroupInputs)(nil)).Elem()
}

// conditionalAccessPolicy is an Entra ID conditional access policy
// (azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy).
type conditionalAccessPolicy struct {
	pulumi.CustomResourceState
}

type conditionalAccessInputs struct {
	DisplayName   string         `pulumi:"displayName"`
	State         string         `pulumi:"state"`
	Conditions    map[string]any `pulumi:"conditions"`
	GrantControls map[string]any `pulumi:"grantControls"`
}

type conditionalAccessArgs struct {
	DisplayName pulumi.StringInput
	// State is enabled, disabled or enabledForReportingButNotEnforced.
	State pulumi.StringInput
	// Conditions: clientAppTypes, applications {includedApplications}, users {includedGroups,
	// excludedUsers}.
	Conditions pulumi.Input
	// GrantControls: operator and builtInControls.
	GrantControls pulumi.Input
}

// ElementType implements pulumi.Input.
func (conditionalAccessArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*conditionalAccessInputs)(nil)).Elem()
}

// entraDiagnosticSetting sends Entra ID logs (sign-ins, audit) to a workspace
// (azure-native:aadiam:DiagnosticSetting, a tenant-level resource).
type entraDiagnosticSetting struct {
	pulumi.CustomResourceState
}

type entraDiagnosticSettingInputs struct {
	Name        string           `pulumi:"name"`
	WorkspaceID string           `pulumi:"workspaceId"`
	Logs        []map[string]any `pulumi:"logs"`
}

type entraDiagnosticSettingArgs struct {
	Name        pulumi.StringInput
	WorkspaceID pulumi.StringInput
	// Logs are {category, enabled} objects.
	Logs pulumi.MapArray
}

// ElementType implements pulumi.Input.
func (entraDiagnosticSettingArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*entraDiagnosticSettingInputs)(nil)).Elem()
}

// register registers a by-token resource: token, name, args and the result struct.
func register[T any, PT interface {
	*T
	pulumi.Resource
}](ctx *pulumi.Context, token, name string, args pulumi.Input, opts ...pulumi.ResourceOption) (PT, error) {
	res := PT(new(T))
	if err := ctx.RegisterResource(token, name, args, res, opts...); err != nil {
		return nil, err
	}
	return res, nil
}
