package catalog

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/aws"
	"github.com/policecloud/landingzones/policy/azure"
)

// Coverage returns both clouds' catalogues of assessed resource types, sorted by type.
func Coverage() policy.Coverage {
	return slices.Concat(aws.Coverage(), azure.Coverage()).Sorted()
}

// PropertyCoverage is one catalogued property and the rules that read it.
type PropertyCoverage struct {
	Type     string      `json:"type"`
	Category string      `json:"category"`
	Path     string      `json:"path"`
	Risk     policy.Risk `json:"risk"`
	// ReadBy lists the IDs of the rules whose Meta.Reads name the property; empty means no rule reads it.
	ReadBy []string `json:"readBy"`
}

// CoverageTable lists every catalogued property with the rules that read it, by type then property.
func CoverageTable() []PropertyCoverage {
	readers := map[policy.PropertyRef][]string{}
	for _, m := range Metas() {
		for _, ref := range m.Reads {
			if !slices.Contains(readers[ref], m.ID) {
				readers[ref] = append(readers[ref], m.ID)
			}
		}
	}
	var out []PropertyCoverage
	for _, e := range Coverage() {
		for _, p := range e.Properties {
			ids := slices.Clone(readers[policy.PropertyRef{Type: e.Type, Path: p.Path}])
			slices.Sort(ids)
			out = append(out, PropertyCoverage{Type: e.Type, Category: e.Category, Path: p.Path, Risk: p.Risk, ReadBy: ids})
		}
	}
	slices.SortStableFunc(out, func(a, b PropertyCoverage) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Path, b.Path))
	})
	return out
}

// notAssessedID is the rule that reports resources of types outside the coverage catalogue.
const notAssessedID = "PCLZ-COM-COV-001"

// notAssessed builds PCLZ-COM-COV-001 over a coverage catalogue: a resource of a type the catalogue does
// not list is reported as not assessed, an advisory failure, never as a silent pass.
func notAssessed(cov policy.Coverage) policy.Rule {
	cov = cov.Sorted()
	return policy.Rule{
		Meta: policy.Meta{
			ID:    notAssessedID,
			Title: "Every resource is of a type the rules assess",
			Description: "The coverage catalogue lists, for every resource type the rules assess, each property that " +
				"can move data out of the UK, expose it, or weaken encryption or identity, and a test proves a " +
				"rule reads each one. A resource of any other type has settings no rule has looked at: it is " +
				"reported as not assessed, so the evidence pack counts it, rather than passing in silence.",
			Pack:          policy.PackClassification,
			Severity:      policy.SeverityMedium,
			Enforcement:   policy.Advisory,
			Principles:    []string{"4", "5.1"},
			ResourceTypes: []string{"aws:*", "azure-native:*"},
			Remediation: "Review the resource's settings by hand and record the review, or add its type to the " +
				"coverage catalogue (policy/aws/coverage.go, policy/azure/coverage.go) with rules that read its " +
				"risky properties; `lz rules --coverage` lists what is assessed.",
			Waivable: true,
		},
		Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
			if cov.Has(r.Type) {
				return policy.Pass("%s is in the coverage catalogue", r.Type)
			}
			return policy.Fail("%s is not in the coverage catalogue: no rule has assessed its settings (not assessed)", r.Type)
		},
	}
}

// coverageSummary is the last line of `lz rules --coverage`.
func coverageSummary(t []PropertyCoverage) string {
	types := map[string]bool{}
	unread := 0
	for _, p := range t {
		types[p.Type] = true
		if len(p.ReadBy) == 0 {
			unread++
		}
	}
	return fmt.Sprintf("%d types, %d properties, %d read by no rule", len(types), len(t), unread)
}

// CoverageSummary is the coverage table's totals: "183 types, 417 properties, 0 read by no rule".
func CoverageSummary() string { return coverageSummary(CoverageTable()) }
