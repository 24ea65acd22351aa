package azure

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// zoneRedundantSkus are the storage skus that survive the loss of one availability zone.
var zoneRedundantSkus = []string{"Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS", "Premium_ZRS"}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-001",
		Title: "Storage accounts are zone-redundant where the tier requires it",
		Description: "Blue-light critical systems must survive the loss of a datacentre. Where the tier profile " +
			"sets ZoneRedundantStorage (Platinum), every storage account's `sku.name` must be one of " +
			strings.Join(zoneRedundantSkus, ", ") + ".",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeStorageAccount},
		Remediation:   "Set `sku: {name: \"Standard_ZRS\"}` (or Standard_GZRS / Standard_RAGZRS / Premium_ZRS).",
		Waivable:      true,
		Reads:         policy.Reads(typeStorageAccount, "sku.name"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return policy.Undecided("the stack's tier is not known, so whether zone-redundant storage is required is not known")
		}
		if !ctx.Profile.ZoneRedundantStorage {
			return policy.NotApplicable("the %s tier does not require zone-redundant storage", ctx.Tier.Title())
		}
		sku, k := policy.Str(r.Get("sku", "name"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("sku.name is computed; the %s tier needs a zone-redundant sku", ctx.Tier.Title())
		case k == policy.Absent:
			return policy.Fail("sku.name is not set; the %s tier needs one of %s", ctx.Tier.Title(), strings.Join(zoneRedundantSkus, ", "))
		case !slices.ContainsFunc(zoneRedundantSkus, func(s string) bool { return eqFold(s, sku) }):
			return policy.Fail("sku %s is not zone-redundant; the %s tier needs one of %s", sku, ctx.Tier.Title(), strings.Join(zoneRedundantSkus, ", "))
		}
		return policy.Pass("sku %s is zone-redundant", sku)
	},
})
