package policy

import (
	"cmp"
	"slices"
	"strings"
)

// Cloud is the cloud a rule is for.
type Cloud string

// Clouds. CloudAny is for the common rules (PCLZ-COM-*), which apply to both.
const (
	CloudAWS   Cloud = "aws"
	CloudAzure Cloud = "azure"
	CloudAny   Cloud = ""
)

// CloudOfID is the cloud a rule ID's second part names (PCLZ-AWS-*, PCLZ-AZR-*, PCLZ-COM-*).
func CloudOfID(id string) Cloud {
	switch {
	case strings.HasPrefix(id, "PCLZ-AWS-"):
		return CloudAWS
	case strings.HasPrefix(id, "PCLZ-AZR-"):
		return CloudAzure
	}
	return CloudAny
}

// Registry collects one rule package's rules. Rules register themselves from package-level variables
// (`var _ = reg.Rule(policy.Rule{...})`); the registry stamps each with its cloud.
type Registry struct {
	cloud Cloud
	rules []Rule
	stack []StackRule
}

// NewRegistry returns a registry for cloud's rules.
func NewRegistry(cloud Cloud) *Registry { return &Registry{cloud: cloud} }

// Rule registers a resource rule and returns it.
func (g *Registry) Rule(r Rule) Rule {
	r.Cloud = g.cloud
	g.rules = append(g.rules, r)
	return r
}

// Stack registers a stack rule and returns it.
func (g *Registry) Stack(r StackRule) StackRule {
	r.Cloud = g.cloud
	g.stack = append(g.stack, r)
	return r
}

// Rules returns the resource rules, sorted by ID.
func (g *Registry) Rules() []Rule {
	out := slices.Clone(g.rules)
	slices.SortFunc(out, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// StackRules returns the stack rules, sorted by ID.
func (g *Registry) StackRules() []StackRule {
	out := slices.Clone(g.stack)
	slices.SortFunc(out, func(a, b StackRule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
