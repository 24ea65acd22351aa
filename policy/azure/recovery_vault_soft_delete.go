package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-RES-003",
		Title: "Recovery Services vaults keep deleted backups recoverable",
		Description: "Soft delete keeps deleted backup data for a further period, so a deletion by mistake or by " +
			"an attacker can be undone. `properties.securitySettings.softDeleteSettings.softDeleteState` must be " +
			"Enabled or AlwaysON (which cannot be turned off).",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: []string{typeRecoveryVault},
		Remediation:   "Set `properties.securitySettings.softDeleteSettings: {softDeleteState: \"AlwaysON\", softDeleteRetentionPeriodInDays: 14}`.",
		Waivable:      false,
		Reads:         policy.Reads(typeRecoveryVault, "properties.securitySettings.softDeleteSettings.softDeleteState"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		state, k := policy.Str(r.Get("properties", "securitySettings", "softDeleteSettings", "softDeleteState"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("properties.securitySettings.softDeleteSettings.softDeleteState is computed; it must be Enabled or AlwaysON")
		case k == policy.Absent:
			return policy.Fail("properties.securitySettings.softDeleteSettings.softDeleteState is not set; it must be Enabled or AlwaysON")
		case !eqFold(state, "Enabled") && !eqFold(state, "AlwaysON"):
			return policy.Fail("soft delete is %s; it must be Enabled or AlwaysON", state)
		}
		return policy.Pass("soft delete is %s", state)
	},
})
