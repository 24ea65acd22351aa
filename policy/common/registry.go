package common

import (
	"cmp"
	"slices"

	"github.com/policecloud/landingzones/policy"
)

var (
	rules      []policy.Rule
	stackRules []policy.StackRule
)

func register(r policy.Rule) policy.Rule {
	rules = append(rules, r)
	return r
}

// Rules returns the common resource rules, sorted by ID.
func Rules() []policy.Rule {
	out := slices.Clone(rules)
	slices.SortFunc(out, func(a, b policy.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// StackRules returns the common stack rules, sorted by ID.
func StackRules() []policy.StackRule {
	out := slices.Clone(stackRules)
	slices.SortFunc(out, func(a, b policy.StackRule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
