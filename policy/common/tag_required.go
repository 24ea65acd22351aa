package common

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-COM-TAG-001",
		Title: "Resources carry the Force, Tier, Classification, Owner and ManagedBy tags",
		Description: "Reviewers, cost reports and incident responders find out whose a resource is, which tier " +
			"it serves and how it is marked from its tags. On AWS every explicit provider " +
			"(pulumi:providers:aws) must carry all five in defaultTags.tags, so every taggable resource " +
			"inherits them, and no AWS resource's own tags may blank one out. On Azure, which has no default " +
			"tags, every resource of a taggable azure-native type must carry all five in its own tags. A " +
			"tag with an empty value counts as missing.",
		Pack:          policy.PackClassification,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"4", "5.1"},
		ResourceTypes: comTagResourceTypes(),
		Remediation: "AWS: create every provider with `defaultTags: {tags: {Force, Tier, Classification, Owner, " +
			"ManagedBy}}` (non-empty values) and never set one of those keys to \"\" in a resource's tags. " +
			"Azure: pass the same five tags, non-empty, in every resource's `tags`.",
		References: []policy.Reference{{Source: "Azure Policy", ID: "Require a tag on resources"}},
		Waivable:   true,
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		ts := comTags(r)
		if ts.Untaggable {
			return policy.NotApplicable("%s takes no tags", r.Type)
		}
		if ts.Computed {
			return policy.Undecided("%s %s computed; %s must carry %s", ts.Where, ts.verb("is", "are"), ts.verb("it", "they"), comList(comRequiredTags))
		}
		if ts.Provider && len(ts.Tags) == 0 && len(ts.Unknown) == 0 {
			return policy.NotApplicable("the provider sets no default tags; each resource it creates is judged on its own tags")
		}
		var missing, unknown []string
		for _, key := range comRequiredTags {
			v, k := ts.comTag(key)
			switch {
			case k == policy.Unknown:
				unknown = append(unknown, key)
			case ts.Provider && k == policy.Absent:
				// A default the provider leaves out may be set on each resource, which is judged itself.
			case strings.TrimSpace(v) == "":
				missing = append(missing, key)
			}
		}
		switch {
		case len(missing) > 0 && ts.Provider:
			return policy.Fail("%s sets %s to an empty value; remove the key or give it a value", ts.Where, comList(missing))
		case len(missing) > 0:
			return policy.Fail("%s %s %s; every resource must carry %s", ts.Where, ts.verb("lacks", "lack"), comList(missing), comList(comRequiredTags))
		case len(unknown) > 0:
			return policy.Undecided("%s: the value of %s is computed; it must be set and not empty", ts.Where, comList(unknown))
		case ts.Provider:
			return policy.Pass("%s sets no required tag to an empty value", ts.Where)
		default:
			return policy.Pass("%s %s %s", ts.Where, ts.verb("carries", "carry"), comList(comRequiredTags))
		}
	},
})
