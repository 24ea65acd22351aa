package common

import "github.com/policecloud/landingzones/policy"

// reg holds the package's rules; each rule file registers its rule with register.
var reg = policy.NewRegistry(policy.CloudAny)

func register(r policy.Rule) policy.Rule { return reg.Rule(r) }

// Rules returns the package's resource rules, sorted by ID.
func Rules() []policy.Rule { return reg.Rules() }

// StackRules returns the package's stack rules, sorted by ID.
func StackRules() []policy.StackRule { return reg.StackRules() }
