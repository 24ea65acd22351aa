package azurelz

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The azure-native security module (Defender for Cloud) is not downloadable on the build machines, so
// the components register its Pricing resource by type token with the small typed structs below and the
// component's explicit provider. The token and input names are those of azure-native v2.90.0
// (security.Pricing, API version 2024-01-01).

const defenderPricingType = "azure-native:security:Pricing"

// defenderPricing is a Defender for Cloud plan (azure-native:security:Pricing).
type defenderPricing struct {
	pulumi.CustomResourceState

	PricingTier pulumi.StringOutput `pulumi:"pricingTier"`
}

type defenderPricingInputs struct {
	PricingName string  `pulumi:"pricingName"`
	PricingTier string  `pulumi:"pricingTier"`
	ScopeID     string  `pulumi:"scopeId"`
	SubPlan     *string `pulumi:"subPlan"`
}

// defenderPricingArgs are the inputs of a Defender for Cloud plan.
type defenderPricingArgs struct {
	// PricingName is the plan: VirtualMachines, StorageAccounts, KeyVaults, Arm.
	PricingName pulumi.StringInput
	// PricingTier is Standard (on) or Free (off).
	PricingTier pulumi.StringInput
	// ScopeID is the subscription the plan applies to ("/subscriptions/<id>").
	ScopeID pulumi.StringInput
	// SubPlan picks a plan's variant (P2 for servers, DefenderForStorageV2 for storage).
	SubPlan pulumi.StringPtrInput
}

// ElementType implements pulumi.Input.
func (defenderPricingArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*defenderPricingInputs)(nil)).Elem()
}

func newDefenderPricing(ctx *pulumi.Context, name string, args defenderPricingArgs, opts ...pulumi.ResourceOption) (*defenderPricing, error) {
	var res defenderPricing
	if err := ctx.RegisterResource(defenderPricingType, name, args, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}
