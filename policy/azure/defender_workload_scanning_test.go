package azure

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// scanFixture is a workload scale set, the custody SQL server and the stack's Defender plans for both.
func scanFixture() []*policy.Resource {
	vmss := az(typeVMSS, "records-vmss", tier.Gold, map[string]any{"vmScaleSetName": "vmss-records", "resourceGroupName": "rg-gold"})
	servers := az(typeDefenderPricing, "defender-servers", tier.Gold, map[string]any{"pricingName": "VirtualMachines", "pricingTier": "Standard", "subPlan": "P2"})
	sql := az(typeSQLServer, "custody-sql", tier.Gold, map[string]any{"serverName": "sql-custody", "resourceGroupName": "rg-gold"})
	alerts := az(typeSQLAlertPolicy, "custody-sql-defender", tier.Gold, map[string]any{"serverName": "sql-custody", "resourceGroupName": "rg-gold", "state": "Enabled"})
	return []*policy.Resource{vmss, servers, sql, alerts}
}

var scanSQL = policytest.URN(typeSQLServer, "custody-sql")

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AZR-AUD-007",
	Context:         ctxFor(tier.Gold, "tier"),
	Resources:       scanFixture,
	Subject:         policytest.URN(typeVMSS, "records-vmss"),
	BaselineMessage: "assessed by Defender for Cloud: plan VirtualMachines is on the Standard tier (defender-servers)",
	Cases: []policytest.Case{
		{
			Name:    "servers plan on the Free tier",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "Free", "pricingTier") },
			Want:    policy.StatusFail,
			Message: "plan VirtualMachines is on the Free tier (defender-servers), so this workload is not assessed for vulnerabilities",
		},
		{
			Name:    "no servers plan in the stack",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[1], "KeyVaults", "pricingName") },
			Want:    policy.StatusFail,
			Message: "no Defender for Cloud plan VirtualMachines (azure-native:security:Pricing) in the stack, so this workload is not assessed for vulnerabilities",
		},
		{
			Name: "no Defender plan in the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1] = az(typeResourceGroup, "rg-gold", tier.Gold, map[string]any{"resourceGroupName": "rg-gold"})
			},
			Want:    policy.StatusUnknown,
			Message: "no Defender for Cloud plan in the stack; plan VirtualMachines may be enabled on the subscription by the foundation (PCLZ-AZR-AUD-005), which this stack cannot show",
		},
		{
			Name:    "plan tier computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[1], "pricingTier") },
			Want:    policy.StatusUnknown,
			Message: "computed at preview: defender-servers pricingTier; the workload needs Defender plan VirtualMachines on the Standard tier",
		},
		{
			Name:    "SQL server covered by its own Defender for SQL setting",
			Subject: scanSQL,
			Want:    policy.StatusPass,
			Message: "assessed by Defender for SQL: security alert policy custody-sql-defender is Enabled",
		},
		{
			Name:    "SQL server with Defender for SQL disabled",
			Subject: scanSQL,
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], "Disabled", "state") },
			Want:    policy.StatusFail,
			Message: "security alert policy custody-sql-defender is Disabled, so this workload is not assessed for vulnerabilities",
		},
		{
			Name:    "SQL server's setting on another server",
			Subject: scanSQL,
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], "sql-other", "serverName") },
			Want:    policy.StatusFail,
			Message: "no Defender for Cloud plan SqlServers (azure-native:security:Pricing) in the stack, so this workload is not assessed for vulnerabilities",
		},
		{
			Name:    "SQL server covered by the SqlServers plan",
			Subject: scanSQL,
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3] = az(typeDefenderPricing, "defender-sql", tier.Gold, map[string]any{"pricingName": "SqlServers", "pricingTier": "Standard"})
			},
			Want:    policy.StatusPass,
			Message: "assessed by Defender for Cloud: plan SqlServers is on the Standard tier (defender-sql)",
		},
	},
})
