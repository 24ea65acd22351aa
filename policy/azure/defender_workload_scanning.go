package azure

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// scanPlans maps each workload type to the Defender for Cloud plan (pricingName) that assesses it for
// vulnerabilities.
var scanPlans = map[string]string{
	typeVM:                 "VirtualMachines",
	typeVMSS:               "VirtualMachines",
	typeSQLServer:          "SqlServers",
	typeSQLManagedInstance: "SqlServers",
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-007",
		Title: "Every workload is assessed for vulnerabilities by Defender for Cloud",
		Description: "NCSC principle 5.2 asks that known vulnerabilities are found and fixed. Defender for Servers " +
			"(plan VirtualMachines, which includes Defender vulnerability management and agentless scanning) " +
			"assesses virtual machines and scale sets, and Defender for SQL (plan SqlServers, with its " +
			"vulnerability assessment) assesses Azure SQL servers and managed instances, but only on the " +
			"Standard tier. In any stack that holds a workload, its plan must be on the Standard tier through an " +
			"azure-native:security:Pricing in the stack (`pricingName`, `pricingTier: Standard`; subscription or " +
			"resource scope), or, for an Azure SQL server, through an azure-native:sql:ServerSecurityAlertPolicy " +
			"on the server with `state: Enabled`. The foundation's subscription plans (PCLZ-AZR-AUD-005) are in " +
			"another stack: a stack with workloads but no plan at all is not known; one whose plans leave a " +
			"workload's plan off the Standard tier fails, naming the workload. A stack without a workload is " +
			"not covered.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5.2"},
		ResourceTypes: []string{typeVM, typeVMSS, typeSQLServer, typeSQLManagedInstance, typeDefenderPricing, typeSQLAlertPolicy},
		Remediation: "Register an azure-native:security:Pricing with `pricingName` VirtualMachines (servers) or " +
			"SqlServers (Azure SQL) and `pricingTier: \"Standard\"`, or enable Defender for SQL on the server " +
			"(azure-native:sql:ServerSecurityAlertPolicy `state: \"Enabled\"`).",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Defender for servers should be enabled (4da35fc9-c9e7-4960-aec9-797fe7d9051d)"},
			{Source: "Azure Policy", ID: "A vulnerability assessment solution should be enabled on your virtual machines (501541f7-f7e7-4cd6-868c-4190fdad3ac9)"},
			{Source: "Azure Policy", ID: "Azure Defender for SQL should be enabled for unprotected Azure SQL servers (abfb4388-5bf4-4ad7-ba82-2cd2f41ceae9)"},
			{Source: "Azure Policy", ID: "Vulnerability assessment should be enabled on your SQL servers (ef2a8f2a-b3d9-49cd-a8a8-9a3aaaf647d9)"},
			{Source: "Checkov", ID: "CKV_AZURE_19"},
		},
		Waivable: true,
		Reads: append(policy.Reads(typeDefenderPricing, "pricingName", "pricingTier"),
			policy.Reads(typeSQLAlertPolicy, "serverName", "state")...),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		if ctx.HasTier() && !ctx.Profile.Scanning.EveryWorkload {
			return []policy.Result{policy.NotApplicable("the %s profile does not require vulnerability scanning", ctx.Tier)}
		}
		var out []policy.Result
		for _, r := range rs {
			plan, ok := scanPlans[r.Type]
			if !ok {
				continue
			}
			out = append(out, withURN(scannedBy(rs, r, plan), r))
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no workload (virtual machine, scale set, Azure SQL server or managed instance) in the stack")}
		}
		return out
	},
})

// scannedBy decides whether workload w is assessed under Defender plan plan.
func scannedBy(rs []*policy.Resource, w *policy.Resource, plan string) policy.Result {
	pricings := ofType(rs, typeDefenderPricing)
	alerts := ofType(rs, typeSQLAlertPolicy)
	if len(pricings) == 0 && (w.Type != typeSQLServer || len(alerts) == 0) {
		return policy.Undecided("no Defender for Cloud plan in the stack; plan %s may be enabled on the subscription by the foundation (PCLZ-AZR-AUD-005), which this stack cannot show", plan)
	}
	var computed, other []string
	for _, p := range pricings {
		name, nk := policy.Str(p.Get("pricingName"))
		t, tk := policy.Str(p.Get("pricingTier"))
		switch {
		case nk == policy.Unknown:
			computed = append(computed, p.Name+" pricingName")
		case !eqFold(name, plan):
		case tk == policy.Unknown:
			computed = append(computed, p.Name+" pricingTier")
		case eqFold(t, "Standard"):
			return policy.Pass("assessed by Defender for Cloud: plan %s is on the Standard tier (%s)", plan, p.Name)
		default:
			other = append(other, fmt.Sprintf("plan %s is on the %s tier (%s)", plan, strOrNone(t), p.Name))
		}
	}
	if w.Type == typeSQLServer {
		for _, a := range alerts {
			if !refersByName(a, "serverName", w, "serverName") {
				continue
			}
			st, sk := policy.Str(a.Get("state"))
			switch {
			case sk == policy.Unknown:
				computed = append(computed, a.Name+" state")
			case eqFold(st, "Enabled"):
				return policy.Pass("assessed by Defender for SQL: security alert policy %s is Enabled", a.Name)
			default:
				other = append(other, fmt.Sprintf("security alert policy %s is %s", a.Name, strOrNone(st)))
			}
		}
	}
	if len(computed) > 0 {
		return policy.Undecided("computed at preview: %s; the workload needs Defender plan %s on the Standard tier", strings.Join(computed, ", "), plan)
	}
	if len(other) > 0 {
		return policy.Fail("%s, so this workload is not assessed for vulnerabilities", strings.Join(other, "; "))
	}
	return policy.Fail("no Defender for Cloud plan %s (azure-native:security:Pricing) in the stack, so this workload is not assessed for vulnerabilities", plan)
}

// strOrNone writes an absent string as "(not set)".
func strOrNone(s string) string {
	if s == "" {
		return "(not set)"
	}
	return s
}
