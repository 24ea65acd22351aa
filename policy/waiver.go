package policy

import "time"

// Waiver is an accreditor's decision to accept a rule's failure on matching resources until a date.
type Waiver struct {
	// RuleID is the waived rule.
	RuleID string `json:"ruleId" yaml:"rule"`
	// Resource is a URN, or a pattern (path.Match syntax) matched against the URN and the resource name.
	Resource string `json:"resource" yaml:"resource"`
	// Justification says why the risk is accepted.
	Justification string `json:"justification" yaml:"justification"`
	// Approver is who accepted the risk.
	Approver string `json:"approver" yaml:"approver"`
	// RiskRef is the risk register reference.
	RiskRef string `json:"riskRef" yaml:"riskRef"`
	// Expires is the last day (UTC, inclusive) on which the waiver applies.
	Expires time.Time `json:"expires" yaml:"-"`
	// Line is the line of the waiver file the entry starts on, for error messages.
	Line int `json:"line,omitempty" yaml:"-"`
}

// Matches reports whether the waiver covers rule ruleID on resource (urn, name). Resource is the URN or the
// name itself, or a pattern in which `*` matches any run of characters (slashes and colons included, so
// `urn:pulumi:pos-bronze::*::legacy-*` matches `aws:ec2/route:Route` resources) and `?` any one.
func (w Waiver) Matches(ruleID, urn, name string) bool {
	if w.RuleID != ruleID || w.Resource == "" {
		return false
	}
	return w.Resource == urn || w.Resource == name || Glob(w.Resource, urn) || Glob(w.Resource, name)
}

// Glob reports whether s matches pattern, where `*` matches any run of characters (including none) and `?`
// any single character; every other character matches itself.
func Glob(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// ActiveOn reports whether the waiver still applies on day now: it applies up to and including the day it
// expires (UTC).
func (w Waiver) ActiveOn(now time.Time) bool { return ActiveThrough(w.Expires, now) }

// ActiveThrough reports whether something that expires on the day expires (UTC, inclusive) still holds on
// day now: a waiver, an attestation.
func ActiveThrough(expires, now time.Time) bool {
	y, m, d := expires.UTC().Date()
	end := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	return now.UTC().Before(end)
}

// WaiverUse says whether and where a waiver was used in an evaluation, for the waiver register.
type WaiverUse struct {
	Waiver Waiver `json:"waiver"`
	// Expired is true when the waiver's expiry date has passed on the evaluation day.
	Expired bool `json:"expired"`
	// URNs are the resources whose failures it waived (or would have, had it not expired).
	URNs []string `json:"urns"`
}
