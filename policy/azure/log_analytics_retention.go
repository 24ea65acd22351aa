package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-002",
		Title: "Log Analytics workspaces keep logs for the tier's log retention",
		Description: "The workspace holds the activity log, resource logs and flow-log analytics that an " +
			"investigation relies on. Its `retentionInDays` must be at least the tier profile's LogRetentionDays " +
			"(400 days for every tier), so a year's events plus a margin survive.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"13", "5.3"},
		ResourceTypes: []string{typeWorkspace},
		Remediation:   "Set `retentionInDays` on the workspace to at least the tier's log retention (400).",
		Waivable:      true,
		Reads:         policy.Reads(typeWorkspace, "retentionInDays"),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return policy.Undecided("the stack's tier is not known, so the required log retention is not known")
		}
		want := ctx.Profile.LogRetentionDays
		days, k := policy.Int(r.Get("retentionInDays"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("retentionInDays is computed; it must be at least %d", want)
		case k == policy.Absent:
			return policy.Fail("retentionInDays is not set (Azure's default is 30 days); it must be at least %d", want)
		case days < want:
			return policy.Fail("retentionInDays is %d; the %s tier keeps logs at least %d days", days, ctx.Tier.Title(), want)
		}
		return policy.Pass("logs kept %d days (at least %d)", days, want)
	},
})
