package guardrails

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// Facts are what the guardrails are generated from: the same allow-lists and tier profiles the rules
// read.
type Facts struct {
	// AWSRegions is the AWS region allow-list.
	AWSRegions []string
	// AzureLocations is the Azure location allow-list.
	AzureLocations []string
	// Profiles are the tier profiles, one per tier.
	Profiles []tier.Profile
}

// DefaultFacts returns the facts the rules use by default: policy.DefaultAWSRegions,
// policy.DefaultAzureLocations and tier.Profiles().
func DefaultFacts() Facts {
	return Facts{
		AWSRegions:     slices.Clone(policy.DefaultAWSRegions),
		AzureLocations: slices.Clone(policy.DefaultAzureLocations),
		Profiles:       tier.Profiles(),
	}
}

// validate reports the first problem with the facts, naming the field, the value and what is allowed.
func (f Facts) validate() error {
	if len(f.AWSRegions) == 0 {
		return fmt.Errorf("facts: AWSRegions: is empty; list at least one AWS region (default %s)",
			strings.Join(policy.DefaultAWSRegions, ", "))
	}
	for i, r := range f.AWSRegions {
		if !regionShape(r) {
			return fmt.Errorf("facts: AWSRegions[%d]: %q is not an AWS region name (like eu-west-2)", i, r)
		}
	}
	if len(f.AzureLocations) == 0 {
		return fmt.Errorf("facts: AzureLocations: is empty; list at least one Azure location (default %s)",
			strings.Join(policy.DefaultAzureLocations, ", "))
	}
	for i, l := range f.AzureLocations {
		if l == "" || strings.ToLower(l) != l || strings.ContainsAny(l, " -_") {
			return fmt.Errorf("facts: AzureLocations[%d]: %q is not an Azure location name (lower case, like uksouth)", i, l)
		}
	}
	if len(f.Profiles) == 0 {
		return fmt.Errorf("facts: Profiles: is empty; give the tier profiles (tier.Profiles())")
	}
	for i, p := range f.Profiles {
		if !p.Tier.Valid() {
			return fmt.Errorf("facts: Profiles[%d].Tier: %q is not a tier; allowed: %s", i, p.Tier, strings.Join(tier.Names(), ", "))
		}
	}
	return nil
}

// regionShape reports whether s looks like an AWS region name: lower-case words and a number joined by
// hyphens ("eu-west-2").
func regionShape(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for _, c := range p {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}
