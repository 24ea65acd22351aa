package common

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// comPermittedMarkings are the Government Security Classifications the landing zones may hold.
var comPermittedMarkings = []string{"OFFICIAL", "OFFICIAL-SENSITIVE"}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-COM-TAG-002",
		Title: "Classification is OFFICIAL or OFFICIAL-SENSITIVE",
		Description: "The landing zones are accredited for OFFICIAL information, including OFFICIAL-SENSITIVE, " +
			"under the Government Security Classifications; SECRET and TOP SECRET information needs " +
			"separately accredited systems. The Classification tag (an AWS resource's effective tags: its " +
			"provider's defaultTags.tags overlaid by its own, as AWS applies them; an Azure resource's tags) must be exactly OFFICIAL or " +
			"OFFICIAL-SENSITIVE. A higher marking is never acceptable, so this rule cannot be waived. A " +
			"missing tag is PCLZ-COM-TAG-001's finding.",
		Pack:          policy.PackClassification,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"4", "2.3"},
		ResourceTypes: comTagResourceTypes(),
		Remediation: "Set the Classification tag to OFFICIAL or OFFICIAL-SENSITIVE (upper case, hyphenated). Data " +
			"marked SECRET or above must not be placed in these landing zones: move it to a system " +
			"accredited for it.",
		Waivable: false,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		ts := comTags(r)
		if ts.Untaggable {
			return policy.NotApplicable("%s takes no tags", r.Type)
		}
		v, k := ts.comTag("Classification")
		switch {
		case k == policy.Unknown:
			return policy.Undecided("the Classification tag is computed; it must be OFFICIAL or OFFICIAL-SENSITIVE")
		case k == policy.Absent && ts.Provider:
			return policy.NotApplicable("the provider sets no default Classification tag; each resource is judged on its own")
		case k == policy.Absent:
			return policy.NotApplicable("no Classification tag to check (PCLZ-COM-TAG-001 requires one)")
		case comAboveOfficial(v):
			return policy.Fail("Classification %q is above OFFICIAL-SENSITIVE; higher markings are not permitted in this landing zone and this rule cannot be waived", v)
		case !slices.Contains(comPermittedMarkings, v):
			return policy.Fail("Classification %q is not a permitted marking; use OFFICIAL or OFFICIAL-SENSITIVE", v)
		default:
			return policy.Pass("Classification %s is permitted", v)
		}
	},
})

// comAboveOfficial reports whether a marking is SECRET or TOP SECRET, however written ("Secret",
// "TOP-SECRET", "SECRET UK EYES ONLY").
func comAboveOfficial(v string) bool {
	u := strings.Join(strings.FieldsFunc(strings.ToUpper(v), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t'
	}), " ")
	return strings.HasPrefix(u, "SECRET") || strings.HasPrefix(u, "TOP SECRET") || strings.HasPrefix(u, "TOPSECRET")
}
