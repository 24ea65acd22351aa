package azurelz

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The azure-native management module (management groups) is not served by the Go module proxy the
// build machines use, so NewManagementGroups registers management groups and subscription placements by
// type token with the small typed structs below and the component's explicit provider. The tokens and
// input names are those of azure-native v2.90.0 (management.ManagementGroup and
// management.ManagementGroupSubscription, API version 2021-04-01).

const (
	managementGroupType             = "azure-native:management:ManagementGroup"
	managementGroupSubscriptionType = "azure-native:management:ManagementGroupSubscription"
)

// managementGroup is a management group (azure-native:management:ManagementGroup).
type managementGroup struct {
	pulumi.CustomResourceState

	Name pulumi.StringOutput `pulumi:"name"`
}

type managementGroupInputs struct {
	GroupID     string         `pulumi:"groupId"`
	DisplayName string         `pulumi:"displayName"`
	Details     map[string]any `pulumi:"details"`
}

// managementGroupArgs are the inputs of a management group.
type managementGroupArgs struct {
	// GroupID is the management group's ID (its name in ARM IDs): "met-bronze".
	GroupID pulumi.StringInput
	// DisplayName is what the portal shows.
	DisplayName pulumi.StringInput
	// Details holds the parent: {parent: {id: "/providers/Microsoft.Management/managementGroups/<parent>"}}.
	Details pulumi.Input
}

// ElementType implements pulumi.Input.
func (managementGroupArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*managementGroupInputs)(nil)).Elem()
}

func newManagementGroup(ctx *pulumi.Context, name string, args managementGroupArgs, opts ...pulumi.ResourceOption) (*managementGroup, error) {
	var res managementGroup
	if err := ctx.RegisterResource(managementGroupType, name, args, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}

// managementGroupSubscription places a subscription under a management group
// (azure-native:management:ManagementGroupSubscription).
type managementGroupSubscription struct {
	pulumi.CustomResourceState
}

type managementGroupSubscriptionInputs struct {
	GroupID        string `pulumi:"groupId"`
	SubscriptionID string `pulumi:"subscriptionId"`
}

// managementGroupSubscriptionArgs are the inputs of a subscription placement.
type managementGroupSubscriptionArgs struct {
	// GroupID is the management group the subscription moves under.
	GroupID pulumi.StringInput
	// SubscriptionID is the subscription's GUID.
	SubscriptionID pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (managementGroupSubscriptionArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*managementGroupSubscriptionInputs)(nil)).Elem()
}

func newManagementGroupSubscription(ctx *pulumi.Context, name string, args managementGroupSubscriptionArgs, opts ...pulumi.ResourceOption) (*managementGroupSubscription, error) {
	var res managementGroupSubscription
	if err := ctx.RegisterResource(managementGroupSubscriptionType, name, args, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}
