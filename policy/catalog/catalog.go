// Package catalog gathers every rule of every pack: the single list the Pulumi policy pack, cmd/lz and
// the README's policy catalogue are built from.
package catalog

import (
	"cmp"
	"slices"
	"sync"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/aws"
	"github.com/policecloud/landingzones/policy/azure"
	"github.com/policecloud/landingzones/policy/common"
)

// Rules returns every resource rule, sorted by ID.
func Rules() []policy.Rule { return slices.Clone(allRules()) }

// allRules builds the resource rules once.
var allRules = sync.OnceValue(func() []policy.Rule {
	out := slices.Concat(aws.Rules(), azure.Rules(), common.Rules(), []policy.Rule{notAssessed(Coverage())})
	slices.SortFunc(out, func(a, b policy.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
})

// StackRules returns every stack rule, sorted by ID.
func StackRules() []policy.StackRule {
	out := slices.Concat(aws.StackRules(), azure.StackRules(), common.StackRules())
	slices.SortFunc(out, func(a, b policy.StackRule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Metas returns the metadata of every rule and stack rule, sorted by ID.
func Metas() []policy.Meta {
	var out []policy.Meta
	for _, r := range Rules() {
		out = append(out, r.Meta)
	}
	for _, r := range StackRules() {
		out = append(out, r.Meta)
	}
	slices.SortFunc(out, func(a, b policy.Meta) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Options returns evaluation options with every rule and the given waivers.
func Options(waivers []policy.Waiver) policy.Options {
	return policy.Options{Rules: Rules(), StackRules: StackRules(), Waivers: waivers}
}

// Meta returns one rule's metadata by ID.
func Meta(id string) (policy.Meta, bool) {
	for _, m := range Metas() {
		if m.ID == id {
			return m, true
		}
	}
	return policy.Meta{}, false
}
