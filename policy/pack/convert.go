package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/policecloud/landingzones/policy"
)

// fromAnalyzer converts the engine's view of a resource into the rules' view.
//
// The engine does not send retainOnDelete to policy packs, so the resource is marked
// RetainOnDeleteNotReported and rules that need it report unknown here (lz plan decides them offline).
func fromAnalyzer(r policyx.AnalyzerResource) *policy.Resource {
	out := &policy.Resource{
		Name:                      r.Name,
		URN:                       r.URN,
		Inputs:                    r.Properties,
		Parent:                    r.Parent,
		Protect:                   r.Options.Protect,
		Dependencies:              r.Dependencies,
		PropertyDependencies:      r.PropertyDependencies,
		RetainOnDeleteNotReported: true,
	}
	out.SetType(r.Type)
	if r.Provider.Type != "" || r.Provider.URN != "" {
		out.Provider = &policy.Provider{
			Type:   r.Provider.Type,
			Name:   r.Provider.Name,
			URN:    r.Provider.URN,
			Inputs: r.Provider.Properties,
		}
	}
	return out
}

func fromAnalyzerAll(rs []policyx.AnalyzerResource) []*policy.Resource {
	out := make([]*policy.Resource, 0, len(rs))
	for _, r := range rs {
		out = append(out, fromAnalyzer(r))
	}
	return out
}
