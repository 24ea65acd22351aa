package policy

// Status is the outcome of one rule on one resource.
type Status string

// Statuses.
const (
	// StatusPass: the resource meets the rule.
	StatusPass Status = "pass"
	// StatusFail: the resource breaks the rule.
	StatusFail Status = "fail"
	// StatusUnknown: a value the rule needs is computed at preview; not a pass.
	StatusUnknown Status = "unknown"
	// StatusWaived: the resource breaks the rule under a current waiver from the accreditor.
	StatusWaived Status = "waived"
	// StatusNotApplicable: the rule does not cover this resource or tier.
	StatusNotApplicable Status = "not-applicable"
	// StatusError: the rule itself failed (a defect in the rule); treated like a failure.
	StatusError Status = "error"
)

// Statuses returns every status in report order.
func Statuses() []Status {
	return []Status{StatusPass, StatusFail, StatusUnknown, StatusWaived, StatusNotApplicable, StatusError}
}

// Finding is one rule's verdict on one resource (or on the stack as a whole, with an empty URN).
type Finding struct {
	RuleID       string      `json:"ruleId"`
	Pack         Pack        `json:"pack"`
	Severity     Severity    `json:"severity"`
	Enforcement  Enforcement `json:"enforcement"`
	Principles   []string    `json:"principles"`
	URN          string      `json:"urn,omitempty"`
	ResourceType string      `json:"resourceType,omitempty"`
	ResourceName string      `json:"resourceName,omitempty"`
	Status       Status      `json:"status"`
	Message      string      `json:"message"`
	// Waiver is the waiver that applied (StatusWaived) or that matched but had expired.
	Waiver *Waiver `json:"waiver,omitempty"`
	// WaiverExpired is true when a matching waiver had expired, so the failure stands.
	WaiverExpired bool `json:"waiverExpired,omitempty"`
}

// Blocking reports whether the finding blocks a deployment: a failure (or rule error) of a mandatory rule.
func (f Finding) Blocking() bool {
	return f.Enforcement == Mandatory && (f.Status == StatusFail || f.Status == StatusError)
}

// Counts tallies findings by status.
type Counts map[Status]int

// Tally counts findings by status.
func Tally(fs []Finding) Counts {
	c := Counts{}
	for _, f := range fs {
		c[f.Status]++
	}
	return c
}
