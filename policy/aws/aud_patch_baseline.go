package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// audCriticalClassifications are the patch classifications a baseline approval rule approves critical and
// security patches by (Linux CLASSIFICATION Security; Windows SecurityUpdates and CriticalUpdates).
var audCriticalClassifications = []string{"Security", "SecurityUpdates", "CriticalUpdates"}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-AUD-011",
		Title: "Patch baselines approve patches in time for the tier's maximum patch age, from the tier's patch source",
		Description: "NCSC principle 5.2 asks that known vulnerabilities are patched within a set time. A patch " +
			"baseline approves a released patch only after its approval rule's delay; with the tier's patch " +
			"cadence on top, an approval rule that approves critical or security patches (CLASSIFICATION Security, " +
			"SecurityUpdates or CriticalUpdates) must leave `approveAfterDays` plus Patching.CadenceDays within " +
			"Patching.MaxAgeCriticalDays, and any other rule within Patching.MaxAgeOtherDays; a rule that " +
			"approves only patches released before a date (`approveUntilDate`) stops approving new ones and " +
			"fails. On a tier that patches only from an internal source (Patching.InternalSource: Bronze, which " +
			"has no internet), a Linux baseline must install from alternative repositories (`sources`), never the " +
			"vendor's over the internet, and a Windows baseline, which patches from Windows Update, fails.",
		Pack:          policy.PackAudit,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"5.2"},
		ResourceTypes: []string{typeSSMPatchBaseline},
		Remediation: "Set each approval rule's `approveAfterDays` to the profile's Patching.ApproveCriticalAfterDays " +
			"(critical and security patches) or ApproveOtherAfterDays, with no `approveUntilDate`; on a tier with " +
			"an internal patch source, give Linux baselines `sources` naming the tier's patch repository (the " +
			"awslz tier environment does both).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "ec2-managedinstance-patch-compliance-status-check"},
			{Source: "Security Hub", ID: "SSM.2"},
		},
		Waivable: true,
		Reads: policy.Reads(typeSSMPatchBaseline, "operatingSystem", "approvalRules.approveAfterDays", "approvalRules.approveUntilDate",
			"approvalRules.patchFilters.key", "approvalRules.patchFilters.values", "sources"),
	},
	Check: audCheckPatchBaseline,
})

func audCheckPatchBaseline(ctx *policy.Context, r *policy.Resource) policy.Result {
	if !ctx.HasTier() {
		return resTierUnknown("how soon the tier's patches must be approved")
	}
	pt, prof := ctx.Profile.Patching, resProfileName(ctx)
	rules, k := policy.List(r.Get("approvalRules"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("approvalRules is computed; %s installs critical patches within %d days", prof, pt.MaxAgeCriticalDays)
	case len(rules) == 0:
		return policy.Fail("the baseline has no approval rule (approvalRules), so no released patch is ever approved; %s installs critical patches within %d days", prof, pt.MaxAgeCriticalDays)
	}
	var fails []string
	critical, other := -1, -1
	for i := range rules {
		if until, uk := policy.Str(r.Get("approvalRules", i, "approveUntilDate")); uk == policy.Present && until != "" {
			fails = append(fails, fmt.Sprintf("approval rule %d approves only patches released before %s (approveUntilDate), so later patches are never approved", i, until))
			continue
		}
		days, dk := resInt(r.Get("approvalRules", i, "approveAfterDays"))
		if dk == policy.Unknown {
			return policy.Undecided("approvalRules[%d].approveAfterDays is computed", i)
		}
		isCritical, ck := audApprovesCritical(r, i)
		if ck == policy.Unknown {
			return policy.Undecided("approvalRules[%d].patchFilters is computed", i)
		}
		kind, limit := "other", pt.MaxAgeOtherDays
		if isCritical {
			kind, limit = "critical and security", pt.MaxAgeCriticalDays
			critical = max(critical, days)
		} else {
			other = max(other, days)
		}
		if days+pt.CadenceDays > limit {
			fails = append(fails, fmt.Sprintf("approval rule %d approves %s patches after %d days, so with the %d-day patch cadence one may wait %d days, longer than the %d days %s allows",
				i, kind, days, pt.CadenceDays, days+pt.CadenceDays, limit, prof))
		}
	}
	if pt.InternalSource {
		osName, ok := policy.Str(r.Get("operatingSystem"))
		sources, sk := policy.List(r.Get("sources"))
		switch {
		case ok == policy.Unknown || sk == policy.Unknown:
			return policy.Undecided("operatingSystem or sources is computed; %s patches only from its internal repository", prof)
		case strings.EqualFold(osName, "WINDOWS"):
			fails = append(fails, fmt.Sprintf("a Windows baseline patches from Windows Update over the internet, which %s cannot reach (it patches only from its internal repository)", prof))
		case len(sources) == 0:
			fails = append(fails, fmt.Sprintf("the baseline installs from the operating system vendor's repositories (no sources), which %s cannot reach: it patches only from its internal repository", prof))
		}
	}
	if len(fails) > 0 {
		return policy.Fail("%s", strings.Join(fails, "; "))
	}
	var msg string
	switch {
	case critical >= 0 && other >= 0:
		msg = fmt.Sprintf("approves critical and security patches within %d days and others within %d, which the %d-day cadence keeps within the %d and %d days %s allows",
			critical, other, pt.CadenceDays, pt.MaxAgeCriticalDays, pt.MaxAgeOtherDays, prof)
	case critical >= 0:
		msg = fmt.Sprintf("approves critical and security patches within %d days, which the %d-day cadence keeps within the %d days %s allows",
			critical, pt.CadenceDays, pt.MaxAgeCriticalDays, prof)
	default:
		msg = fmt.Sprintf("approves patches within %d days, which the %d-day cadence keeps within the %d days %s allows", other, pt.CadenceDays, pt.MaxAgeOtherDays, prof)
	}
	if pt.InternalSource {
		msg += "; installs only from its alternative repositories (sources)"
	}
	return policy.Pass("%s", msg)
}

// audApprovesCritical reports whether approval rule i of baseline r approves critical or security patches:
// a CLASSIFICATION filter naming one of audCriticalClassifications.
func audApprovesCritical(r *policy.Resource, i int) (bool, policy.Known) {
	filters, k := policy.List(r.Get("approvalRules", i, "patchFilters"))
	if k == policy.Unknown {
		return false, policy.Unknown
	}
	for j := range filters {
		key, kk := policy.Str(r.Get("approvalRules", i, "patchFilters", j, "key"))
		vals, vk := policy.Strings(r.Get("approvalRules", i, "patchFilters", j, "values"))
		if kk == policy.Unknown || vk == policy.Unknown {
			return false, policy.Unknown
		}
		if strings.EqualFold(key, "CLASSIFICATION") && slices.ContainsFunc(vals, func(v string) bool { return slices.Contains(audCriticalClassifications, v) }) {
			return true, policy.Present
		}
	}
	return false, policy.Present
}
