package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-REG-002",
		Title: "azure-native providers are pinned to an allowed UK location",
		Description: "Every explicit azure-native provider must name its location, and the location must be " +
			"on the allow-list (uksouth, ukwest by default): resources without a location input of their own " +
			"are created where the provider points.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{typeProvider},
		Remediation:   "Create the provider with `location: uksouth` (or ukwest, or another location on the pack's allow-list).",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Allowed locations (e56962a6-4747-49cd-b67b-bf8b01975c4c)"},
		},
		Waivable: false,
		Reads:    policy.Reads(typeProvider, "location"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		loc, k := policy.Str(r.Get("location"))
		return checkLocation(ctx, loc, k, "provider location")
	},
})
