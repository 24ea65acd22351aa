package config

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
)

// FieldError is one problem with one configuration key: the one error type of the landing zone's
// configuration, network intent and components (netplan.FieldError). Its Path is the fully qualified key,
// with the element and field for structured values: "landingzone:region", "landingzone:flows[2].to"
// (element indices 0-based, as in the JSON lists).
type FieldError = netplan.FieldError

// Errors is every problem found in one stack's configuration, sorted by key then message. Its Error
// method returns one line per problem.
type Errors []*FieldError

// Error returns the problems one per line, without a trailing newline.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Lines returns the problems one per line, as Error joins them.
func (es Errors) Lines() []string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return lines
}

// sort orders the problems by key (element indices compared as numbers, so flows[2] comes before
// flows[10]) then by message, and drops exact duplicates.
func (es Errors) sort() Errors {
	slices.SortStableFunc(es, func(a, b *FieldError) int {
		if c := naturalCompare(a.Path, b.Path); c != 0 {
			return c
		}
		if c := strings.Compare(a.Msg, b.Msg); c != 0 {
			return c
		}
		if c := strings.Compare(a.Allowed, b.Allowed); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return slices.CompactFunc(es, func(a, b *FieldError) bool { return *a == *b })
}

// naturalCompare compares two strings, treating runs of ASCII digits as numbers.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			// Compare numerically: strip leading zeros, then the longer run is larger.
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(ta) != len(tb) {
				return cmpInt(len(ta), len(tb))
			}
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			if c := cmpInt(len(na), len(nb)); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return cmpInt(int(a[0]), int(b[0]))
		}
		a, b = a[1:], b[1:]
	}
	return cmpInt(len(a), len(b))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
