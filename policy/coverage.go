package policy

import (
	"cmp"
	"slices"
)

// Risk is what a resource property can do to the data it governs when set wrongly.
type Risk string

// The risks a catalogued property can carry.
const (
	// RiskResidency: the property can move data (or copies of it) out of the UK.
	RiskResidency Risk = "residency"
	// RiskExposure: the property can expose the resource or its data to the internet or to anyone.
	RiskExposure Risk = "exposure"
	// RiskEncryption: the property can weaken encryption at rest or in transit.
	RiskEncryption Risk = "encryption"
	// RiskIdentity: the property can weaken identity and access control.
	RiskIdentity Risk = "identity"
)

// Risks returns every risk, in catalogue order.
func Risks() []Risk { return []Risk{RiskResidency, RiskExposure, RiskEncryption, RiskIdentity} }

// PropertyRef names one input property of one resource type: Path is the input's name, with nested
// steps joined by "." ("serverSideEncryptionConfiguration.rules").
type PropertyRef struct {
	Type string `json:"type"`
	Path string `json:"path"`
}

// Reads returns the property references for typ's inputs at paths: the form a rule's Meta.Reads takes.
func Reads(typ string, paths ...string) []PropertyRef {
	out := make([]PropertyRef, len(paths))
	for i, p := range paths {
		out[i] = PropertyRef{Type: typ, Path: p}
	}
	return out
}

// CoveredProperty is a property of a catalogued type that can hurt the data if set wrongly, and so must be
// read by at least one rule.
type CoveredProperty struct {
	Path string `json:"path"`
	Risk Risk   `json:"risk"`
}

// CoverageEntry is one resource type a police workload would use, with every property of it that can move
// data out of the UK, expose it, or weaken encryption or identity.
type CoverageEntry struct {
	// Type is the resource's type token.
	Type string `json:"type"`
	// Category groups types for the coverage table ("storage", "databases", "networking", ...).
	Category string `json:"category"`
	// Properties are the risky inputs; every one is read by a rule (Meta.Reads).
	Properties []CoveredProperty `json:"properties"`
}

// Coverage is a cloud's catalogue of assessed resource types.
type Coverage []CoverageEntry

// Has reports whether typ is catalogued.
func (c Coverage) Has(typ string) bool {
	_, ok := slices.BinarySearchFunc(c, typ, func(e CoverageEntry, t string) int { return cmp.Compare(e.Type, t) })
	return ok
}

// Sorted returns the catalogue sorted by type (Has needs it).
func (c Coverage) Sorted() Coverage {
	out := slices.Clone(c)
	slices.SortFunc(out, func(a, b CoverageEntry) int { return cmp.Compare(a.Type, b.Type) })
	return out
}
