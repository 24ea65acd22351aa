package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// defenderPlans are the Defender for Cloud plans the foundation must enable on the Standard tier.
var defenderPlans = []string{"VirtualMachines", "StorageAccounts", "KeyVaults", "Arm"}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-AUD-005",
		Title: "The foundation enables Defender for Cloud plans for servers, storage, Key Vault and Resource Manager",
		Description: "Microsoft Defender for Cloud detects malware uploads, key misuse, suspicious control-plane " +
			"operations and attacks on virtual machines. The foundation stack must hold an " +
			"azure-native:security:Pricing for each of " + strings.Join(defenderPlans, ", ") + " (`pricingName`) " +
			"with `pricingTier: Standard`.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5.3", "13"},
		ResourceTypes: []string{typeDefenderPricing},
		Remediation: "In the foundation, register azure-native:security:Pricing resources with `pricingName` " +
			"VirtualMachines (subPlan P2), StorageAccounts (subPlan DefenderForStorageV2), KeyVaults and Arm, each " +
			"with `pricingTier: \"Standard\"`.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Defender for servers should be enabled (4da35fc9-c9e7-4960-aec9-797fe7d9051d)"},
			{Source: "Azure Policy", ID: "Azure Defender for Key Vault should be enabled (0e6763cc-5078-4e64-889d-ff4d9a839047)"},
			{Source: "Azure Policy", ID: "Azure Defender for Resource Manager should be enabled (c3d20c29-b36d-48fe-808b-99a87530ad99)"},
			{Source: "Checkov", ID: "CKV_AZURE_19"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeDefenderPricing, "pricingName", "pricingTier"),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		switch ctx.Role {
		case "foundation":
		case "tier":
			return []policy.Result{policy.NotApplicable("Defender for Cloud plans are subscription-wide and set by the foundation")}
		default:
			return []policy.Result{policy.Undecided("the stack's role is not known; the foundation must enable the Defender for Cloud plans")}
		}
		tiers := map[string]string{}
		unknown := false
		for _, p := range ofType(rs, typeDefenderPricing) {
			name, nk := policy.Str(p.Get("pricingName"))
			t, tk := policy.Str(p.Get("pricingTier"))
			if nk == policy.Unknown {
				unknown = true
				continue
			}
			if tk == policy.Unknown {
				t = "(computed)"
			}
			for _, want := range defenderPlans {
				if strings.EqualFold(name, want) && !eqFold(tiers[want], "Standard") {
					tiers[want] = t
				}
			}
		}
		var missing []string
		computed := false
		for _, want := range defenderPlans {
			switch t := tiers[want]; {
			case eqFold(t, "Standard"):
			case t == "(computed)":
				computed = true
			case t == "":
				missing = append(missing, want+" (absent)")
			default:
				missing = append(missing, want+" ("+t+")")
			}
		}
		switch {
		case len(missing) > 0 && !unknown:
			return []policy.Result{policy.Fail("Defender for Cloud plans not on the Standard tier: %s; the foundation must enable %s", strings.Join(missing, ", "), strings.Join(defenderPlans, ", "))}
		case len(missing) > 0 || computed:
			return []policy.Result{policy.Undecided("a Defender for Cloud plan's name or tier is computed; %s must be on the Standard tier", strings.Join(defenderPlans, ", "))}
		}
		return []policy.Result{policy.Pass("Defender for Cloud plans %s are on the Standard tier", strings.Join(defenderPlans, ", "))}
	},
})
