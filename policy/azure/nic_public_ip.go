package azure

import (
	"strconv"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-NET-003",
		Title: "Network interfaces have no public IP address",
		Description: "A public IP address on a virtual machine's network interface " +
			"(`ipConfigurations[].publicIPAddress`) bypasses the hub firewall and exposes the machine to the " +
			"internet.",
		Pack:          policy.PackIsolation,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"11", "3"},
		ResourceTypes: []string{typeNIC},
		Reads:         policy.Reads(typeNIC, "ipConfigurations", "ipConfigurations.publicIPAddress"),
		Remediation: "Leave `publicIPAddress` unset on every ip configuration; publish services through the hub " +
			"firewall and administer machines through private access.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Network interfaces should not have public IPs (83a86a26-fd1f-447c-b59d-e51f44264114)"},
			{Source: "Checkov", ID: "CKV_AZURE_119"},
		},
		Waivable: true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		cfgs, k := list(r.Get("ipConfigurations"))
		if k == policy.Unknown {
			return policy.Undecided("ipConfigurations is computed; no ip configuration may have a public IP address")
		}
		var checks []policy.Result
		for i, c := range cfgs {
			name, nk := str(c, "name")
			if nk != policy.Present {
				name = "#" + strconv.Itoa(i)
			}
			pip := at(c, "publicIPAddress")
			switch {
			case c.IsComputed() || pip.IsComputed():
				checks = append(checks, policy.Undecided("ip configuration %q has a computed public IP address setting; it must have none", name))
			case !pip.IsNull():
				checks = append(checks, policy.Fail("ip configuration %q has a public IP address; network interfaces reach the internet only through the hub firewall", name))
			}
		}
		return decide(policy.Pass("no public IP address on %s", plural(len(cfgs), "ip configuration", "ip configurations")), checks...)
	},
})
