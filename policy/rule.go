package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// Severity of a rule's failure.
type Severity string

// Severities, most severe first.
const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
)

// Severities returns every severity, most severe first.
func Severities() []Severity {
	return []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow}
}

// Enforcement says whether a failure blocks a deployment. There is deliberately no usable zero value:
// every rule states its enforcement explicitly, and a meta-test rejects the empty string.
type Enforcement string

// Enforcement levels.
const (
	// Mandatory failures block preview and up.
	Mandatory Enforcement = "mandatory"
	// Advisory failures are reported but do not block.
	Advisory Enforcement = "advisory"
)

// Pack is the mission pack a rule belongs to.
type Pack string

// The packs.
const (
	PackRegion         Pack = "region"
	PackEncryption     Pack = "encryption"
	PackIsolation      Pack = "isolation"
	PackAudit          Pack = "audit"
	PackResilience     Pack = "resilience"
	PackClassification Pack = "classification"
	PackIdentity       Pack = "identity"
)

// Packs returns every pack in catalogue order.
func Packs() []Pack {
	return []Pack{PackRegion, PackEncryption, PackIsolation, PackAudit, PackResilience, PackClassification, PackIdentity}
}

// Reference points at the equivalent control in another catalogue.
type Reference struct {
	// Source is the catalogue: "AWS Config", "Security Hub", "Azure Policy", "Checkov", "CIS".
	Source string `json:"source"`
	// ID is the control's identifier in that catalogue.
	ID string `json:"id"`
}

// Meta is the metadata every rule carries.
type Meta struct {
	// ID is stable forever: PCLZ-<CLOUD>-<AREA>-NNN, CLOUD one of AWS, AZR, COM.
	ID string `json:"id"`
	// Title is a short statement of what must be true.
	Title string `json:"title"`
	// Description explains the risk the rule addresses.
	Description string `json:"description"`
	// Pack is the mission pack the rule belongs to.
	Pack Pack `json:"pack"`
	// Severity of a failure.
	Severity Severity `json:"severity"`
	// Enforcement of a failure; always explicit.
	Enforcement Enforcement `json:"enforcement"`
	// Principles are NCSC Cloud Security Principle IDs ("2.1", "11").
	Principles []string `json:"principles"`
	// Tiers the rule applies to; empty means every tier (and foundations).
	Tiers []tier.Tier `json:"tiers,omitempty"`
	// ResourceTypes the rule inspects (type tokens). Empty for stack rules that read many types.
	ResourceTypes []string `json:"resourceTypes"`
	// Remediation says how to fix a failure.
	Remediation string `json:"remediation"`
	// References are equivalent controls in other catalogues.
	References []Reference `json:"references,omitempty"`
	// Waivable says whether an accreditor may waive a failure. Region and higher-classification rules
	// never are.
	Waivable bool `json:"waivable"`
	// Reads lists the catalogued properties the rule decides on (see Coverage): the coverage table proves
	// every risky property of every catalogued type is read by some rule.
	Reads []PropertyRef `json:"reads,omitempty"`
	// Cloud is the cloud the rule is for (CloudAny for the common rules); the package's Registry sets it,
	// and ValidateMeta checks it against the ID. A stack rule of one cloud is not applicable to a stack
	// of the other.
	Cloud Cloud `json:"cloud,omitempty"`
	// EngineAdvisory, when set, says why the rule is advisory inside the Pulumi engine although it is
	// Mandatory offline: the engine does not send the policy pack a value the rule needs, so there it can
	// never fail and must not claim to block. Empty: the same enforcement live and offline.
	EngineAdvisory string `json:"engineAdvisory,omitempty"`
}

// EngineEnforcement is the rule's enforcement inside the Pulumi engine (the policy pack): Advisory when
// EngineAdvisory says why, else Enforcement.
func (m Meta) EngineEnforcement() Enforcement {
	if m.EngineAdvisory != "" {
		return Advisory
	}
	return m.Enforcement
}

// Result is a rule's verdict on one resource.
type Result struct {
	Status  Status
	Message string
	// URN names the resource a stack rule's result is about; resource rules leave it empty.
	URN string
}

// Pass is a passing result with an explanation of what was found.
func Pass(format string, args ...any) Result {
	return Result{Status: StatusPass, Message: sprintf(format, args...)}
}

// Fail is a failing result; the message says what is wrong with the value found.
func Fail(format string, args ...any) Result {
	return Result{Status: StatusFail, Message: sprintf(format, args...)}
}

// Undecided is an unknown result: a value the rule needs is computed at preview.
func Undecided(format string, args ...any) Result {
	return Result{Status: StatusUnknown, Message: sprintf(format, args...)}
}

// NotApplicable is a result for a resource the rule does not cover (for example a bucket that is not an
// audit bucket).
func NotApplicable(format string, args ...any) Result {
	return Result{Status: StatusNotApplicable, Message: sprintf(format, args...)}
}

// sprintf is fmt.Sprintf with a fast path for the commonest messages, whose verbs are all %s or %v (or
// %%) and whose arguments are all strings: those it joins without fmt's reflection, to the same text.
func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	if s, ok := joinStrings(format, args); ok {
		return s
	}
	return fmt.Sprintf(format, args...)
}

// joinStrings formats as fmt.Sprintf does when every verb is %s or %v (or %%), and every argument a
// string used once; ok is false for anything else.
func joinStrings(format string, args []any) (string, bool) {
	n := len(format)
	for _, a := range args {
		s, ok := a.(string)
		if !ok {
			return "", false
		}
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	next := 0
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			b.WriteString(format)
			break
		}
		b.WriteString(format[:i])
		if i+1 >= len(format) {
			return "", false
		}
		switch format[i+1] {
		case '%':
			b.WriteByte('%')
		case 's', 'v':
			if next >= len(args) {
				return "", false
			}
			b.WriteString(args[next].(string)) //nolint:forcetypeassert // every argument was checked above
			next++
		default:
			return "", false
		}
		format = format[i+2:]
	}
	if next != len(args) {
		return "", false
	}
	return b.String(), true
}

// Rule checks one resource at a time.
type Rule struct {
	Meta
	// Check decides on one resource of one of Meta.ResourceTypes. It must not panic; Evaluate recovers a
	// panic as StatusError so one broken rule cannot hide the others' findings.
	Check func(ctx *Context, r *Resource) Result
}

// StackRule checks all resources of a stack together (paths through route tables, presence of guard
// services).
type StackRule struct {
	Meta
	// Check returns one result per resource it decides on (Result.URN set), or a single result with an
	// empty URN for the stack as a whole.
	Check func(ctx *Context, rs []*Resource) []Result
}

var idPattern = regexp.MustCompile(`^PCLZ-(AWS|AZR|COM)-(REG|ENC|NET|AUD|RES|TAG|IAM|COV)-[0-9]{3}$`)

// ValidateMeta reports every gap in a rule's metadata, so that no rule reaches a reviewer without an ID,
// a title, a severity, an explicit enforcement level, NCSC principles and remediation text.
func ValidateMeta(m Meta) []error {
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("rule %q: "+format, append([]any{m.ID}, args...)...))
	}
	if !idPattern.MatchString(m.ID) {
		add("ID must match %s", idPattern)
	}
	if m.Title == "" {
		add("title is empty")
	}
	if m.Description == "" {
		add("description is empty")
	}
	if !slices.Contains(Packs(), m.Pack) {
		add("pack %q is not one of %v", m.Pack, Packs())
	}
	if !slices.Contains(Severities(), m.Severity) {
		add("severity %q is not one of %v", m.Severity, Severities())
	}
	if m.Enforcement != Mandatory && m.Enforcement != Advisory {
		add("enforcement %q must be %q or %q, explicitly", m.Enforcement, Mandatory, Advisory)
	}
	if len(m.Principles) == 0 {
		add("no NCSC principles")
	}
	for _, p := range m.Principles {
		if _, ok := PrincipleByID(p); !ok {
			add("unknown NCSC principle %q", p)
		}
	}
	for _, t := range m.Tiers {
		if !t.Valid() {
			add("unknown tier %q", t)
		}
	}
	if m.Remediation == "" {
		add("remediation is empty")
	}
	if m.EngineAdvisory != "" && m.Enforcement != Mandatory {
		add("engineAdvisory is set but the rule is %q: only a mandatory rule can be advisory under the engine", m.Enforcement)
	}
	if m.Cloud != CloudOfID(m.ID) {
		add("cloud %q does not match the ID, which says %q", m.Cloud, CloudOfID(m.ID))
	}
	if m.Pack == PackRegion && m.Waivable {
		add("region rules cannot be waivable")
	}
	return errs
}

// AppliesToTier reports whether the rule covers tier t. An empty t (tier not known) is covered.
func (m Meta) AppliesToTier(t tier.Tier) bool {
	return len(m.Tiers) == 0 || t == "" || slices.Contains(m.Tiers, t)
}

// AppliesToType reports whether the rule inspects resources of type typ. An entry ending in "*" matches
// every type with that prefix ("aws:*" is every AWS resource, provider resources excluded).
func (m Meta) AppliesToType(typ string) bool {
	for _, t := range m.ResourceTypes {
		if t == typ {
			return true
		}
		if n := len(t) - 1; n >= 0 && t[n] == '*' && len(typ) >= n && typ[:n] == t[:n] {
			return true
		}
	}
	return false
}
