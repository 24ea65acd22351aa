package azure

import (
	"slices"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-008",
		Title: "Transparent data encryption is enabled on Azure SQL",
		Description: "A transparent data encryption setting registered by the components must leave databases " +
			"encrypted at rest (`state: Enabled`); turning it off would store police data, backups and logs in " +
			"clear.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeSQLTDE, typeSQLServerTDE},
		Remediation:   "Set `state: \"Enabled\"` on the transparent data encryption resource.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Transparent Data Encryption on SQL databases should be enabled (17k78e20-9358-41c9-923c-fb736d382a12)"},
		},
		Waivable: false,
		Reads:    sortedReads(slices.Concat(policy.Reads(typeSQLTDE, "state"), policy.Reads(typeSQLServerTDE, "state"))),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		state, k := policy.Str(r.Get("state"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("state is computed; it must be Enabled")
		case k == policy.Absent:
			return policy.Fail("state is not set; it must be Enabled")
		case !eqFold(state, "Enabled"):
			return policy.Fail("state %q turns transparent data encryption off; it must be Enabled", state)
		}
		return policy.Pass("transparent data encryption is Enabled")
	},
})
