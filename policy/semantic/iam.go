package semantic

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// IAM policy documents as AWS evaluates them.
//
// A document arrives as a JSON string (`policy: "<json>"`, the output of aws.iam.getPolicyDocument) or as
// an object (`policy: {Version, Statement}`); Statement is one object or a list; Action, Resource and the
// principal lists are a string or a list. ParseIAM accepts every spelling and the rest of this file answers
// questions about the parsed document the way the IAM evaluation logic would:
//
//   - action names match case-insensitively, resources case-sensitively, both with the wildcards * and ?;
//   - NotAction / NotResource match every name except the ones listed;
//   - an explicit Deny wins over any Allow; a Deny cancels an Allow here only when it is exactly decidable
//     (no Condition, no NotPrincipal), so a conditional Deny never makes a policy look safer than it is.

// Certainty is a three-valued answer: a computed value inside a document can make an answer unknown.
type Certainty int

// Certainty values.
const (
	// Never: decided false.
	Never Certainty = iota
	// Possibly: a computed value decides it.
	Possibly
	// Certainly: decided true.
	Certainly
)

// String names the value for messages.
func (t Certainty) String() string {
	switch t {
	case Certainly:
		return "certainly"
	case Possibly:
		return "possibly"
	}
	return "never"
}

// or is three-valued disjunction.
func (t Certainty) or(u Certainty) Certainty { return max(t, u) }

// and is three-valued conjunction.
func (t Certainty) and(u Certainty) Certainty { return min(t, u) }

// not is three-valued negation.
func (t Certainty) not() Certainty { return Certainly - t }

// IAMPolicy is a parsed policy document.
type IAMPolicy struct {
	Statements []IAMStatement
}

// IAMStatement is one statement; fields AWS accepts as a string or a list are lists.
type IAMStatement struct {
	// Label names the statement in messages: its Sid quoted, or its 1-based position.
	Label  string
	Effect string
	// Action and NotAction: HasNotAction says the statement uses NotAction.
	Action, NotAction []string
	HasNotAction      bool
	// Resource and NotResource: HasResource / HasNotResource say which element is present (trust policies
	// have neither).
	Resource, NotResource       []string
	HasResource, HasNotResource bool
	// Principal and NotPrincipal; HasNotPrincipal says NotPrincipal is present.
	Principal, NotPrincipal IAMPrincipal
	HasNotPrincipal         bool
	// Conditions flattens the Condition block: one entry per operator and key.
	Conditions []IAMCondition
	// Unknown is true when the effect, an action, a resource or a principal is computed.
	Unknown bool
	// ConditionUnknown is true when the Condition block or one of its values is computed. Conditions do
	// not narrow administrator access or escalation paths here, so only the principal-confining analyses
	// (public principals, trust, MFA) need it.
	ConditionUnknown bool
}

// IAMPrincipal is a Principal or NotPrincipal element.
type IAMPrincipal struct {
	// Any is the bare "*" principal.
	Any                                    bool
	AWS, Service, Federated, CanonicalUser []string
}

// IAMCondition is one key of one operator of a Condition block.
type IAMCondition struct {
	// Operator as written ("StringEqualsIfExists", "ForAnyValue:StringLike").
	Operator string
	// Key as written ("aws:SourceVpce"); compare with strings.EqualFold.
	Key string
	// Values as strings (booleans and numbers are rendered as JSON would).
	Values []string
}

// Base is the operator without its set qualifier and IfExists suffix ("StringEquals").
func (c IAMCondition) Base() string {
	op := c.Operator
	if i := strings.IndexByte(op, ':'); i >= 0 {
		op = op[i+1:]
	}
	if len(op) > len("IfExists") && strings.EqualFold(op[len(op)-len("IfExists"):], "IfExists") {
		op = op[:len(op)-len("IfExists")]
	}
	return op
}

// IfExists reports whether the operator ends in IfExists: the condition is then true when the key is
// absent from the request.
func (c IAMCondition) IfExists() bool {
	return strings.HasSuffix(strings.ToLower(c.Operator), "ifexists")
}

// Qualifier is "ForAllValues", "ForAnyValue" or "".
func (c IAMCondition) Qualifier() string {
	if i := strings.IndexByte(c.Operator, ':'); i >= 0 {
		return c.Operator[:i]
	}
	return ""
}

// KeyIs reports whether the condition's key is key (condition keys are case-insensitive).
func (c IAMCondition) KeyIs(key string) bool { return strings.EqualFold(c.Key, key) }

// Allows reports whether the statement's effect is Allow, in any case: were a service to accept another
// spelling, reading it as an Allow can only add findings.
func (s IAMStatement) Allows() bool { return strings.EqualFold(s.Effect, "Allow") }

// Denies reports whether the statement's effect is exactly Deny: only that spelling cancels an Allow
// here, so a misspelt Deny never makes a document look safer than it is.
func (s IAMStatement) Denies() bool { return s.Effect == "Deny" }

// HasCondition reports whether the statement has a Condition block with at least one key.
func (s IAMStatement) HasCondition() bool { return len(s.Conditions) > 0 }

// ParseIAM parses a policy document input: a JSON string or an object, as policy.Value. k is Absent when
// v is not set (or an empty string), Unknown when v is computed; err reports a document that is not a
// policy.
func ParseIAM(v policy.Value) (doc IAMPolicy, k policy.Known, err error) {
	switch {
	case v.IsComputed():
		return doc, policy.Unknown, nil
	case v.IsString():
		return ParseIAMJSON(v.AsString())
	case v.IsMap():
		return ParseIAMGo(policy.ToGo(v))
	default:
		return doc, policy.Absent, nil
	}
}

// ParseIAMJSON parses a policy document from JSON text (see ParseIAM).
func ParseIAMJSON(text string) (IAMPolicy, policy.Known, error) {
	if strings.TrimSpace(text) == "" {
		return IAMPolicy{}, policy.Absent, nil
	}
	if text == policy.UnknownSentinel {
		return IAMPolicy{}, policy.Unknown, nil
	}
	var x any
	if err := json.Unmarshal([]byte(text), &x); err != nil {
		return IAMPolicy{}, policy.Present, errors.New("policy document is not valid JSON")
	}
	return ParseIAMGo(x)
}

// ParseIAMGo parses a policy document already decoded into plain Go values (map[string]any, []any,
// string, bool, float64), as policy.ToGo and encoding/json produce them.
func ParseIAMGo(x any) (doc IAMPolicy, k policy.Known, err error) {
	if s, ok := x.(string); ok && s == policy.UnknownSentinel {
		return doc, policy.Unknown, nil
	}
	m, ok := x.(map[string]any)
	if !ok {
		return doc, policy.Present, errors.New("policy document is not a JSON object")
	}
	var raw []any
	switch st := m["Statement"].(type) {
	case nil:
	case []any:
		raw = st
	case map[string]any:
		raw = []any{st}
	case string:
		if st == policy.UnknownSentinel {
			return doc, policy.Unknown, nil
		}
		return doc, policy.Present, errors.New("policy document Statement is not an object or a list")
	default:
		return doc, policy.Present, errors.New("policy document Statement is not an object or a list")
	}
	for i, r := range raw {
		label := strconv.Itoa(i + 1)
		sm, ok := r.(map[string]any)
		if !ok {
			if s, isStr := r.(string); isStr && s == policy.UnknownSentinel {
				doc.Statements = append(doc.Statements, IAMStatement{Label: label, Unknown: true})
				continue
			}
			return IAMPolicy{}, policy.Present, fmt.Errorf("policy document statement %d is not an object", i+1)
		}
		doc.Statements = append(doc.Statements, iamParseStatement(sm, label))
	}
	return doc, policy.Present, nil
}

func iamParseStatement(sm map[string]any, label string) IAMStatement {
	st := IAMStatement{Label: label}
	unknown := false
	strs := func(v any) []string {
		out, u := iamStrings(v)
		unknown = unknown || u
		return out
	}
	if sid, ok := sm["Sid"].(string); ok && sid != "" && sid != policy.UnknownSentinel {
		st.Label = strconv.Quote(sid)
	}
	if e, ok := sm["Effect"].(string); ok {
		st.Effect = e
		unknown = unknown || e == policy.UnknownSentinel
	}
	st.Action = strs(sm["Action"])
	st.NotAction = strs(sm["NotAction"])
	st.HasNotAction = sm["NotAction"] != nil
	st.Resource = strs(sm["Resource"])
	st.NotResource = strs(sm["NotResource"])
	st.HasResource = sm["Resource"] != nil
	st.HasNotResource = sm["NotResource"] != nil
	var u bool
	st.Principal, u = iamParsePrincipal(sm["Principal"])
	unknown = unknown || u
	if sm["NotPrincipal"] != nil {
		st.HasNotPrincipal = true
		st.NotPrincipal, u = iamParsePrincipal(sm["NotPrincipal"])
		unknown = unknown || u
	}
	condUnknown := false
	switch c := sm["Condition"].(type) {
	case map[string]any:
		for op, block := range c {
			keys, ok := block.(map[string]any)
			if !ok {
				if s, isStr := block.(string); isStr && s == policy.UnknownSentinel {
					condUnknown = true
				}
				continue
			}
			for key, val := range keys {
				vals, u := iamStrings(val)
				condUnknown = condUnknown || u
				st.Conditions = append(st.Conditions, IAMCondition{Operator: op, Key: key, Values: vals})
			}
		}
	case string:
		condUnknown = c == policy.UnknownSentinel
	}
	iamSortConditions(st.Conditions)
	st.Unknown = unknown
	st.ConditionUnknown = condUnknown
	return st
}

func iamSortConditions(cs []IAMCondition) {
	// Insertion sort: blocks are tiny, and map order must not leak into messages.
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && iamCondLess(cs[j], cs[j-1]); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

func iamCondLess(a, b IAMCondition) bool {
	if a.Operator != b.Operator {
		return a.Operator < b.Operator
	}
	return a.Key < b.Key
}

func iamParsePrincipal(v any) (p IAMPrincipal, unknown bool) {
	switch x := v.(type) {
	case string:
		if x == policy.UnknownSentinel {
			return p, true
		}
		p.Any = x == "*"
		if !p.Any {
			// A bare string other than "*" is not valid IAM; read it as an AWS principal.
			p.AWS = []string{x}
		}
	case map[string]any:
		for kind, val := range x {
			vals, u := iamStrings(val)
			unknown = unknown || u
			switch strings.ToLower(kind) {
			case "aws":
				p.AWS = append(p.AWS, vals...)
			case "service":
				p.Service = append(p.Service, vals...)
			case "federated":
				p.Federated = append(p.Federated, vals...)
			case "canonicaluser":
				p.CanonicalUser = append(p.CanonicalUser, vals...)
			}
		}
	}
	return p, unknown
}

// iamStrings reads a string or a list of scalars; booleans and numbers become their JSON text.
func iamStrings(v any) (out []string, unknown bool) {
	one := func(e any) {
		switch s := e.(type) {
		case string:
			if s == policy.UnknownSentinel {
				unknown = true
			}
			out = append(out, s)
		case bool:
			out = append(out, strconv.FormatBool(s))
		case float64:
			out = append(out, strconv.FormatFloat(s, 'f', -1, 64))
		}
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			one(e)
		}
	default:
		one(x)
	}
	return out, unknown
}

// GlobMatch reports whether s matches pattern, where * matches any run of characters (including none and
// including "/" and ":") and ? matches exactly one, as IAM matches actions and resources. fold makes the
// match case-insensitive.
func GlobMatch(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	return policy.Glob(pattern, s)
}

// iamAnyMatch is Certainly when some pattern matches s, Possibly when none does but one is computed.
func iamAnyMatch(patterns []string, s string, fold bool) Certainty {
	out := Never
	for _, pat := range patterns {
		switch {
		case pat == policy.UnknownSentinel:
			out = out.or(Possibly)
		case GlobMatch(pat, s, fold):
			return Certainly
		}
	}
	return out
}

// ResourceProbe stands for "every resource of one kind": a service and the resource part of an ARN of
// that kind ("role/ZzProbe"). A Resource pattern covers the probe when it matches the probe's ARN built
// with the pattern's own partition, region and account: a policy pinned to its own account still covers
// every role of that account.
type ResourceProbe struct {
	Service  string
	Resource string
}

// AnyResource is the probe for "every resource of the action's service".
func AnyResource(service string) ResourceProbe {
	return ResourceProbe{Service: service, Resource: "zzprobe/zzprobe"}
}

// iamProbeFor returns the resource probe for an action: IAM actions act on roles, users, groups or
// policies; every other action is probed with a resource of its own service.
func iamProbeFor(action string) ResourceProbe {
	svc, name, _ := strings.Cut(strings.ToLower(action), ":")
	if svc != "iam" {
		return AnyResource(svc)
	}
	for _, k := range []struct{ frag, res string }{
		{"group", "group/ZzProbe"}, {"policyversion", "policy/ZzProbe"}, {"role", "role/ZzProbe"},
		{"user", "user/ZzProbe"}, {"accesskey", "user/ZzProbe"}, {"loginprofile", "user/ZzProbe"},
	} {
		if strings.Contains(name, k.frag) {
			return ResourceProbe{Service: "iam", Resource: k.res}
		}
	}
	return ResourceProbe{Service: "iam", Resource: "role/ZzProbe"}
}

// arnFor builds the probe's ARN using pattern's partition, region and account when they hold no
// wildcard.
func (r ResourceProbe) arnFor(pattern string) string {
	partition, region, account := "aws", "eu-west-2", "123456789012"
	if parts := strings.SplitN(pattern, ":", 6); len(parts) == 6 {
		lit := func(s string) bool { return !strings.ContainsAny(s, "*?") }
		if lit(parts[1]) {
			partition = parts[1]
		}
		if lit(parts[3]) {
			region = parts[3]
		}
		if lit(parts[4]) {
			account = parts[4]
		}
	}
	return "arn:" + partition + ":" + r.Service + ":" + region + ":" + account + ":" + r.Resource
}

func (r ResourceProbe) matchedBy(patterns []string) Certainty {
	out := Never
	for _, pat := range patterns {
		switch {
		case pat == policy.UnknownSentinel:
			out = out.or(Possibly)
		case GlobMatch(pat, r.arnFor(pat), false):
			return Certainly
		}
	}
	return out
}

// CoversAction says whether the statement's Action / NotAction covers action.
func (s IAMStatement) CoversAction(action string) Certainty {
	if s.HasNotAction {
		return iamAnyMatch(s.NotAction, action, true).not()
	}
	return iamAnyMatch(s.Action, action, true)
}

// CoversResource says whether the statement's Resource / NotResource covers every resource the probe
// stands for. A statement with neither element (trust and some resource policies) covers everything.
func (s IAMStatement) CoversResource(r ResourceProbe) Certainty {
	switch {
	case s.HasNotResource:
		return r.matchedBy(s.NotResource).not()
	case !s.HasResource:
		return Certainly
	}
	return r.matchedBy(s.Resource)
}

// exactDeny reports whether a Deny statement applies unconditionally (no Condition, no NotPrincipal):
// the only kind whose effect this package decides.
func (s IAMStatement) exactDeny() bool {
	return s.Denies() && !s.HasCondition() && !s.HasNotPrincipal
}

// AllowOptions tune Allowed.
type AllowOptions struct {
	// Restricting lists condition keys that, on an Allow statement, limit it enough that the statement
	// does not count (iam:PermissionsBoundary for delegated administration). Other conditions never
	// narrow an identity policy's Allow here: someone meets them.
	Restricting []string
}

// Allowed says whether the document allows action on every resource r stands for, and names the Allow
// statement that does. An exact Deny covering the same action and every such resource cancels it.
func (p IAMPolicy) Allowed(action string, r ResourceProbe, opt AllowOptions) (Certainty, string) {
	allow, label := Never, ""
	deny := Never
	for _, s := range p.Statements {
		cover := s.CoversAction(action).and(s.CoversResource(r))
		switch {
		case s.Allows():
			if iamRestricted(s, opt.Restricting) {
				continue
			}
			if s.Unknown {
				cover = cover.and(Possibly)
			}
			if cover > allow {
				allow, label = cover, s.Label
			}
		case s.exactDeny():
			if s.Unknown {
				cover = cover.and(Possibly)
			}
			deny = deny.or(cover)
		case s.Unknown && !s.Denies():
			// Effect unknown: it might allow.
			if Possibly > allow {
				allow, label = Possibly, s.Label
			}
		}
	}
	return allow.and(deny.not()), label
}

func iamRestricted(s IAMStatement, keys []string) bool {
	for _, c := range s.Conditions {
		for _, k := range keys {
			if c.KeyIs(k) && !c.IfExists() && iamPositiveOperator(c.Base()) && len(c.Values) > 0 && !iamAllWildcard(c.Values) {
				return true
			}
		}
	}
	return false
}

// iamPositiveOperator reports whether a condition operator (without qualifier and IfExists) restricts a
// key to the listed values: the equality and like operators, not their negations.
func iamPositiveOperator(base string) bool {
	switch strings.ToLower(base) {
	case "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress", "bool",
		"numericequals", "numericlessthan", "numericlessthanequals", "null":
		return true
	}
	return false
}

func iamAllWildcard(vals []string) bool {
	for _, v := range vals {
		if strings.Trim(v, "*") == "" {
			return true
		}
	}
	return false
}

// AllowedAction is Allowed with the action's own resource probe (every role for iam:PassRole, every
// resource of the service otherwise).
func (p IAMPolicy) AllowedAction(action string) (Certainty, string) {
	return p.Allowed(action, iamProbeFor(action), AllowOptions{})
}

// AllowsAction reports whether the document allows action on at least one resource (any Resource).
func (p IAMPolicy) AllowsAction(action string) (Certainty, string) {
	allow, label := Never, ""
	deny := Never
	for _, s := range p.Statements {
		cover := s.CoversAction(action)
		if s.Unknown {
			cover = cover.and(Possibly)
		}
		switch {
		case s.Allows() && cover > allow:
			allow, label = cover, s.Label
		case s.exactDeny():
			// Only a Deny on every resource of the service cancels "some resource".
			deny = deny.or(cover.and(s.CoversResource(ResourceProbe{Service: "*", Resource: "*"})).and(iamDenyAll(s)))
		}
	}
	return allow.and(deny.not()), label
}

// iamDenyAll is Certainly when the Deny statement's resources are every resource ("*").
func iamDenyAll(s IAMStatement) Certainty {
	if s.HasNotResource || !s.HasResource {
		return iamCertainty(!s.HasNotResource)
	}
	for _, r := range s.Resource {
		if strings.Trim(r, "*") == "" {
			return Certainly
		}
	}
	return Never
}

func iamCertainty(b bool) Certainty {
	if b {
		return Certainly
	}
	return Never
}

// everyServiceProbes are actions of many services plus one of a service that does not exist: a document
// that allows all of them on every resource allows every action ("*" or a NotAction).
var everyServiceProbes = []string{
	"zzprobe:ZzProbe", "s3:GetObject", "s3:DeleteBucket", "ec2:RunInstances", "kms:Decrypt",
	"secretsmanager:GetSecretValue", "lambda:UpdateFunctionCode", "cloudtrail:StopLogging",
	"organizations:LeaveOrganization", "sts:AssumeRole",
}

// iamProbes are IAM actions plus one that does not exist: a document that allows all of them on every
// resource allows iam:*.
var iamProbes = []string{
	"iam:ZzProbe", "iam:PassRole", "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:CreateUser",
	"iam:CreateAccessKey", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy",
}

// AdminKind classifies administrator access.
type AdminKind int

// Admin kinds, weakest first.
const (
	// NotAdmin: the document grants neither every action nor every IAM action.
	NotAdmin AdminKind = iota
	// AdminIAM: every IAM action on every resource, which lets the holder grant itself anything.
	AdminIAM
	// AdminAllExcept: every action of every service except some (Allow with NotAction, or "*" minus an
	// exact Deny), on every resource.
	AdminAllExcept
	// AdminAll: every action on every resource.
	AdminAll
)

// String names the value for messages.
func (k AdminKind) String() string {
	switch k {
	case AdminIAM:
		return "every IAM action"
	case AdminAllExcept:
		return "every action but some"
	case AdminAll:
		return "every action"
	}
	return "not administrator"
}

// Admin is a verdict on administrator access.
type Admin struct {
	Kind AdminKind
	// Known is Certainly when decided, Possibly when a computed value could make the document administrator.
	Known Certainty
	// Statement labels the Allow statement that grants it.
	Statement string
	// Except lists the NotAction entries of that statement (AdminAllExcept).
	Except []string
}

// AdminAccess classifies the document: every action, every action but some, or every IAM action, on every
// resource. Conditions on an Allow do not narrow it (whoever meets them holds the access).
func (p IAMPolicy) AdminAccess() Admin {
	all := p.allOf(append(slices.Clone(everyServiceProbes), iamProbes...))
	anySvc := p.allOf(everyServiceProbes[:1])
	iam := p.allOf(iamProbes)
	switch {
	case all.t == Certainly:
		return Admin{Kind: AdminAll, Known: Certainly, Statement: all.label}
	case anySvc.t == Certainly:
		return Admin{Kind: AdminAllExcept, Known: Certainly, Statement: anySvc.label, Except: p.notActionOf(anySvc.label)}
	case iam.t == Certainly:
		return Admin{Kind: AdminIAM, Known: Certainly, Statement: iam.label}
	case all.t == Possibly:
		return Admin{Kind: AdminAll, Known: Possibly, Statement: all.label}
	case anySvc.t == Possibly:
		return Admin{Kind: AdminAllExcept, Known: Possibly, Statement: anySvc.label}
	case iam.t == Possibly:
		return Admin{Kind: AdminIAM, Known: Possibly, Statement: iam.label}
	}
	return Admin{Kind: NotAdmin, Known: Certainly}
}

type iamTriLabel struct {
	t     Certainty
	label string
}

func (p IAMPolicy) allOf(actions []string) iamTriLabel {
	out := iamTriLabel{t: Certainly}
	for _, a := range actions {
		t, label := p.Allowed(a, AnyResource(strings.SplitN(a, ":", 2)[0]), AllowOptions{})
		if a == actions[0] {
			out.label = label
		}
		out.t = out.t.and(t)
	}
	if out.t == Never {
		out.label = ""
	}
	return out
}

func (p IAMPolicy) notActionOf(label string) []string {
	for _, s := range p.Statements {
		if s.Label == label && s.HasNotAction {
			return s.NotAction
		}
	}
	return nil
}

// AllowsAll reports whether the document allows every action on every resource.
func AllowsAll(p IAMPolicy) Certainty {
	a := p.AdminAccess()
	if a.Kind == AdminAll {
		return a.Known
	}
	return Never
}

// UnknownStatement returns the label of the first statement holding computed values, or "".
func (p IAMPolicy) UnknownStatement() string {
	for _, s := range p.Statements {
		if s.Unknown {
			return s.Label
		}
	}
	return ""
}
