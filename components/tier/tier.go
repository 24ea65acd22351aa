package tier

import (
	"fmt"
	"strings"
)

// Tier is one of the tiered environments a landing zone hosts.
//
// The zero value is not a valid tier: a tier must always be chosen explicitly.
type Tier string

// The tiers, most critical first.
const (
	// Platinum hosts blue-light critical systems (control room, command and control).
	Platinum Tier = "platinum"
	// Gold hosts every system that can be virtualised and is not legacy.
	Gold Tier = "gold"
	// Bronze hosts legacy systems, firewalled off from Gold and Platinum, with no internet or PSN.
	Bronze Tier = "bronze"
)

// All returns every tier, most critical first. The slice is a fresh copy.
func All() []Tier { return []Tier{Platinum, Gold, Bronze} }

// Names returns the lower-case names of every tier, most critical first.
func Names() []string {
	out := make([]string, 0, len(All()))
	for _, t := range All() {
		out = append(out, string(t))
	}
	return out
}

// Parse reads a tier name case-insensitively, ignoring surrounding space.
// An unknown name is an error that lists the allowed names.
func Parse(s string) (Tier, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	for _, t := range All() {
		if string(t) == want {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown tier %q: allowed are %s", s, strings.Join(Names(), ", "))
}

// Valid reports whether t is one of the defined tiers.
func (t Tier) Valid() bool {
	_, err := Parse(string(t))
	return err == nil && string(t) == strings.ToLower(string(t))
}

// String returns the lower-case name of the tier.
func (t Tier) String() string { return string(t) }

// Title returns the tier name as written in tags and reports ("Platinum").
func (t Tier) Title() string {
	if t == "" {
		return ""
	}
	return strings.ToUpper(string(t[:1])) + string(t[1:])
}
