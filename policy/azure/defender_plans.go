package azure

import (
	"slices"
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
			"with `pricingTier: Standard`. Judged before create by the twin PCLZ-AZR-AUD-006 (a Pricing for one " +
			"of these plans on another tier, on the Pricing itself); judged here, only after the resources " +
			"exist: whether the foundation declares each plan. A plan whose Pricing the twin reports is not " +
			"applicable here, so one fault gives one finding.",
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
		case "organization":
			return []policy.Result{policy.NotApplicable("Defender for Cloud plans are subscription-wide and set by the foundation, not the organization stack")}
		default:
			return []policy.Result{policy.Undecided("the stack's role is not known; the foundation must enable the Defender for Cloud plans")}
		}
		tiers := map[string]string{}
		unknown := false
		var twin []*policy.Resource
		for _, p := range ofType(rs, typeDefenderPricing) {
			name, nk := policy.Str(p.Get("pricingName"))
			if nk == policy.Unknown {
				unknown = true
				continue
			}
			if own := defenderPricingOwn(p); own.Status == policy.StatusFail || own.Status == policy.StatusUnknown {
				// The twin reports this Pricing's tier; the plan is not absent.
				twin = append(twin, p)
				for _, want := range defenderPlans {
					if strings.EqualFold(name, want) && tiers[want] == "" {
						tiers[want] = "(twin)"
					}
				}
				continue
			}
			for _, want := range defenderPlans {
				if strings.EqualFold(name, want) {
					tiers[want] = "Standard"
				}
			}
		}
		var missing []string
		for _, want := range defenderPlans {
			if tiers[want] == "" {
				missing = append(missing, want+" (absent)")
			}
		}
		switch {
		case len(missing) > 0 && !unknown:
			return []policy.Result{policy.Fail("Defender for Cloud plans not on the Standard tier: %s; the foundation must enable %s", strings.Join(missing, ", "), strings.Join(defenderPlans, ", "))}
		case len(missing) > 0:
			return []policy.Result{policy.Undecided("a Defender for Cloud plan's name is computed; %s must be on the Standard tier", strings.Join(defenderPlans, ", "))}
		case len(twin) > 0:
			return []policy.Result{policy.JudgedByTwin("Defender for Cloud pricing", defenderTwin, twin)}
		}
		return []policy.Result{policy.Pass("Defender for Cloud plans %s are on the Standard tier", strings.Join(defenderPlans, ", "))}
	},
})

// defenderTwin is the ID of PCLZ-AZR-AUD-005's resource-level twin.
const defenderTwin = "PCLZ-AZR-AUD-006"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    defenderTwin,
		Title: "Defender for Cloud pricings keep the required plans on the Standard tier",
		Description: "The resource-level half of PCLZ-AZR-AUD-005, judged on each azure-native:security:Pricing alone " +
			"so that `pulumi up` refuses one that sets " + strings.Join(defenderPlans, ", ") + " to another tier " +
			"(Free turns the plan off for the whole subscription) before it is applied, in whatever stack it is " +
			"declared; the engine runs stack rules only after every step. A Pricing for another plan is not " +
			"applicable. Whether the foundation declares each plan stays with PCLZ-AZR-AUD-005, judged after " +
			"the resources exist.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5.3", "13"},
		ResourceTypes: []string{typeDefenderPricing},
		Remediation:   "Set `pricingTier: \"Standard\"` on the azure-native:security:Pricing.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Defender for Key Vault should be enabled (0e6763cc-5078-4e64-889d-ff4d9a839047)"},
			{Source: "Checkov", ID: "CKV_AZURE_19"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeDefenderPricing, "pricingName", "pricingTier"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result { return defenderPricingOwn(r) },
})

// defenderPricingOwn judges one Pricing's tier for the required plans (PCLZ-AZR-AUD-006).
func defenderPricingOwn(p *policy.Resource) policy.Result {
	name, nk := policy.Str(p.Get("pricingName"))
	if nk == policy.Unknown {
		return policy.Undecided("pricingName is computed; %s must be on the Standard tier", strings.Join(defenderPlans, ", "))
	}
	i := slices.IndexFunc(defenderPlans, func(want string) bool { return strings.EqualFold(name, want) })
	if i < 0 {
		return policy.NotApplicable("plan %q is not one the landing zone requires (%s)", name, strings.Join(defenderPlans, ", "))
	}
	switch t, tk := policy.Str(p.Get("pricingTier")); {
	case tk == policy.Unknown:
		return policy.Undecided("the pricingTier of plan %s is computed; it must be Standard", defenderPlans[i])
	case !eqFold(t, "Standard"):
		if tk == policy.Absent {
			t = "(not set)"
		}
		return policy.Fail("plan %s is on tier %s, not Standard, which leaves Defender for Cloud off for it; set pricingTier Standard", defenderPlans[i], t)
	}
	return policy.Pass("plan %s is on the Standard tier", defenderPlans[i])
}
