package guardrails

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/policecloud/landingzones/policy"
)

// Exemption categories Azure Policy accepts.
const (
	CategoryWaiver    = "Waiver"
	CategoryMitigated = "Mitigated"
)

// MaxExemptionNameLength is the longest policy exemption name Azure accepts.
const MaxExemptionNameLength = 64

// ExemptionProperties are a policy exemption's properties, as the Policy service takes them.
type ExemptionProperties struct {
	PolicyAssignmentID string            `json:"policyAssignmentId"`
	ExemptionCategory  string            `json:"exemptionCategory"`
	ExpiresOn          string            `json:"expiresOn"`
	DisplayName        string            `json:"displayName"`
	Description        string            `json:"description"`
	Metadata           map[string]string `json:"metadata"`
}

// AzureExemption is one policy exemption and the scope (resource, resource group or subscription ID) it
// is created on.
type AzureExemption struct {
	Name       string              `json:"name"`
	Scope      string              `json:"scope"`
	Properties ExemptionProperties `json:"properties"`
}

// Skipped is a waiver the register has no exemption for, with the reason.
type Skipped struct {
	Line   int    `json:"line"`
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// ExemptionRegister is the Azure Policy exemption register mirroring a waiver file.
type ExemptionRegister struct {
	Exemptions []AzureExemption `json:"exemptions"`
	// Skipped are waivers of rules no Azure guardrail enforces: nothing in the cloud needs exempting.
	Skipped []Skipped `json:"skipped"`
}

// ScopeResolver gives the ARM scope a waiver's resource (a Pulumi URN or pattern) stands for. Only the
// stack knows the resources' IDs, so the caller resolves them.
type ScopeResolver func(w policy.Waiver) (string, error)

var nonName = regexp.MustCompile(`[^a-z0-9-]+`)

// Exemptions builds the exemption register for waivers (a waiver file's entries, from
// waiverfile.Load): one exemption per waiver and Azure assignment that enforces the waived rule (whose
// metadata lists it), with
// the waiver's approver, risk reference and justification, expiring when the waiver does (the day
// after its last day, 00:00 UTC), in category mitigated when the rule ID is in mitigated and waiver
// otherwise. A waiver that has expired on day now gets no exemption: Azure rejects an expiresOn in the
// past.
func Exemptions(set AzurePolicySet, waivers []policy.Waiver, resolve ScopeResolver, mitigated []string, now time.Time) (ExemptionRegister, error) {
	reg := ExemptionRegister{Exemptions: []AzureExemption{}, Skipped: []Skipped{}}
	for _, w := range waivers {
		var assigned []AzureAssignment
		for _, a := range set.Assignments {
			if slices.Contains(a.Rules(), w.RuleID) {
				assigned = append(assigned, a)
			}
		}
		if len(assigned) == 0 {
			reg.Skipped = append(reg.Skipped, Skipped{Line: w.Line, Rule: w.RuleID,
				Reason: "no Azure guardrail enforces " + w.RuleID + "; the waiver applies to the policy pack only"})
			continue
		}
		if !w.ActiveOn(now) {
			reg.Skipped = append(reg.Skipped, Skipped{Line: w.Line, Rule: w.RuleID,
				Reason: "the waiver expired on " + w.Expires.UTC().Format(time.DateOnly)})
			continue
		}
		scope, err := resolve(w)
		if err != nil {
			return ExemptionRegister{}, fmt.Errorf("waiver at line %d (%s, %s): scope: %w", w.Line, w.RuleID, w.Resource, err)
		}
		if !strings.HasPrefix(strings.ToLower(scope), "/subscriptions/") {
			return ExemptionRegister{}, fmt.Errorf("waiver at line %d (%s, %s): scope: %q is not a subscription, resource group or resource ID",
				w.Line, w.RuleID, w.Resource, scope)
		}
		category := CategoryWaiver
		if slices.Contains(mitigated, w.RuleID) {
			category = CategoryMitigated
		}
		y, m, d := w.Expires.UTC().Date()
		expires := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
		for _, a := range assigned {
			name := strings.Trim(nonName.ReplaceAllString(strings.ToLower(fmt.Sprintf("%s-%s-l%d", a.Name, w.RiskRef, w.Line)), "-"), "-")
			if len(name) > MaxExemptionNameLength {
				return ExemptionRegister{}, fmt.Errorf("waiver at line %d (%s, %s): exemption name %q is %d characters; Azure allows at most %d (shorten the riskRef)",
					w.Line, w.RuleID, w.Resource, name, len(name), MaxExemptionNameLength)
			}
			reg.Exemptions = append(reg.Exemptions, AzureExemption{Name: name, Scope: scope, Properties: ExemptionProperties{
				PolicyAssignmentID: a.ID(),
				ExemptionCategory:  category,
				ExpiresOn:          expires.Format(time.RFC3339),
				DisplayName:        w.RuleID + " waived (" + w.RiskRef + ")",
				Description:        w.Justification,
				Metadata: map[string]string{
					"approver": w.Approver, "riskRef": w.RiskRef, "ruleId": w.RuleID, "resource": w.Resource,
					"waiverLine": fmt.Sprint(w.Line),
				},
			}})
		}
	}
	return reg, nil
}
