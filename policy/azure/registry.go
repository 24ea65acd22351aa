package azure

import "github.com/policecloud/landingzones/policy"

// reg holds the package's rules; each rule file registers its rule with register or registerStack.
var reg = policy.NewRegistry(policy.CloudAzure)

func register(r policy.Rule) policy.Rule { return reg.Rule(r) }

func registerStack(r policy.StackRule) policy.StackRule { return reg.Stack(r) }

// Rules returns the package's resource rules, sorted by ID.
func Rules() []policy.Rule { return reg.Rules() }

// StackRules returns the package's stack rules, sorted by ID.
func StackRules() []policy.StackRule { return reg.StackRules() }
