package semantic

import (
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// Escalation is one privilege-escalation path a document allows.
type Escalation struct {
	// Actions are the actions that together make the path.
	Actions []string
	// Statement labels the Allow statement of the path's first action.
	Statement string
	// Known is Certainly when decided, Possibly when computed values could complete the path.
	Known Certainty
}

// escalationPaths are the well-known ways an identity raises its own privileges (Rhino Security Labs'
// catalogue, the IAM documentation): each path lists actions that, all allowed on every resource of
// their kind, let the holder reach any permission.
var escalationPaths = [][]string{
	{"iam:CreatePolicyVersion"},
	{"iam:SetDefaultPolicyVersion"},
	{"iam:AttachUserPolicy"},
	{"iam:AttachGroupPolicy"},
	{"iam:AttachRolePolicy"},
	{"iam:PutUserPolicy"},
	{"iam:PutGroupPolicy"},
	{"iam:PutRolePolicy"},
	{"iam:UpdateAssumeRolePolicy"},
	{"iam:CreateAccessKey"},
	{"iam:CreateLoginProfile"},
	{"iam:UpdateLoginProfile"},
	{"iam:AddUserToGroup"},
	{"iam:PassRole", "ec2:RunInstances"},
	{"iam:PassRole", "lambda:CreateFunction"},
	{"iam:PassRole", "cloudformation:CreateStack"},
	{"iam:PassRole", "glue:CreateDevEndpoint"},
}

// escalationRestricting are condition keys that confine the IAM write actions to what an administrator
// chose: a required permissions boundary, or a fixed list of policies that may be attached.
var escalationRestricting = []string{"iam:PermissionsBoundary", "iam:PolicyARN"}

// EscalationPaths returns every privilege-escalation path the document allows. iam:PassRole and the IAM
// write actions count only on every role, user, group or policy (a PassRole pinned to named roles is
// how the pattern is meant to be used); the compute actions that go with PassRole count on any
// resource. An Allow conditioned on iam:PermissionsBoundary or iam:PolicyARN does not count.
func EscalationPaths(p IAMPolicy) []Escalation {
	var out []Escalation
	opt := AllowOptions{Restricting: escalationRestricting}
	for _, path := range escalationPaths {
		e := Escalation{Actions: path, Known: Certainly}
		for i, a := range path {
			var t Certainty
			var label string
			if i == 0 {
				t, label = p.Allowed(a, iamProbeFor(a), opt)
				e.Statement = label
			} else {
				t, _ = p.AllowsAction(a)
			}
			e.Known = e.Known.and(t)
		}
		if e.Known != Never {
			out = append(out, e)
		}
	}
	return out
}

// PrincipalIsPublic reports whether a statement's principal is everyone: "*", {"AWS": "*"} (alone or in
// a list), or any NotPrincipal on an Allow (everyone except those listed).
func PrincipalIsPublic(s IAMStatement) bool {
	if s.HasNotPrincipal {
		return true
	}
	if s.Principal.Any {
		return true
	}
	for _, p := range s.Principal.AWS {
		if p == "*" {
			return true
		}
	}
	return false
}

// publicRestrictingKeys are the condition keys that, tested with a positive operator on concrete values,
// confine a wildcard principal to the caller's organisation, account, network or source resource (the
// keys IAM Access Analyzer and the service documentation use).
var publicRestrictingKeys = []string{
	"aws:SourceVpce", "aws:SourceVpc", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount",
	"aws:PrincipalArn", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths",
	"aws:SourceOwner", "aws:userid", "aws:SourceIp", "kms:CallerAccount", "s3:DataAccessPointAccount",
	"s3:DataAccessPointArn", "lambda:FunctionUrlAuthType",
}

// RestrictingCondition returns the first condition of the statement that confines a wildcard principal,
// and whether there is one. Conditions that do not confine the caller (aws:SecureTransport, request
// tags), negated operators, the IfExists forms (true whenever the key is absent), ForAllValues (true for
// an empty set), wildcard-only values and an aws:SourceIp of the whole internet do not count.
func RestrictingCondition(s IAMStatement) (IAMCondition, bool) {
	for _, c := range s.Conditions {
		if c.IfExists() || strings.EqualFold(c.Qualifier(), "ForAllValues") || len(c.Values) == 0 {
			continue
		}
		base := strings.ToLower(c.Base())
		for _, k := range publicRestrictingKeys {
			if !c.KeyIs(k) || !ConfiningValues(c) {
				continue
			}
			switch {
			case strings.EqualFold(k, "aws:SourceIp"):
				if base == "ipaddress" && !iamInternetWide(c.Values) {
					return c, true
				}
			case strings.EqualFold(k, "lambda:FunctionUrlAuthType"):
				if base == "stringequals" && len(c.Values) == 1 && strings.EqualFold(c.Values[0], "AWS_IAM") {
					return c, true
				}
			case base == "stringequals" || base == "stringequalsignorecase" || base == "arnequals" ||
				base == "stringlike" || base == "arnlike":
				return c, true
			}
		}
	}
	return IAMCondition{}, false
}

// ConfiningValues reports whether every value of the condition names something specific. Equality
// operators take values literally. With a Like operator a wildcard is allowed only where it cannot reach
// another customer: after an organisation path's "o-<id>/" (aws:PrincipalOrgPaths), or in an ARN whose
// account is a literal account ID, or in the object part of an S3 ARN whose bucket is literal (bucket
// names are global). "*", "arn:aws:s3:::*" and "arn:aws:iam::*:role/x" confine nothing.
func ConfiningValues(c IAMCondition) bool {
	like := strings.HasSuffix(strings.ToLower(c.Base()), "like")
	for _, v := range c.Values {
		if strings.Trim(v, "*?") == "" {
			return false
		}
		if !like || !strings.ContainsAny(v, "*?") {
			continue
		}
		if !iamConfiningPattern(c.Key, v) {
			return false
		}
	}
	return true
}

func iamConfiningPattern(key, v string) bool {
	lit := func(s string) bool { return s != "" && !strings.ContainsAny(s, "*?") }
	if strings.HasSuffix(strings.ToLower(key), "orgpaths") {
		org, _, found := strings.Cut(v, "/")
		return found && lit(org) && strings.HasPrefix(org, "o-")
	}
	parts := strings.SplitN(v, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return false
	}
	if iamAccountID.MatchString(parts[4]) {
		return true
	}
	if parts[2] == "s3" {
		bucket, _, _ := strings.Cut(parts[5], "/")
		return lit(bucket)
	}
	return false
}

// iamInternetWide reports whether any CIDR covers a whole address family (0.0.0.0/0, ::/0) or cannot be
// read.
func iamInternetWide(cidrs []string) bool {
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(strings.TrimSpace(c))
		if err != nil {
			if a, aerr := netip.ParseAddr(strings.TrimSpace(c)); aerr == nil && a.IsValid() {
				continue
			}
			return true
		}
		if p.Bits() == 0 {
			return true
		}
	}
	return false
}

// PublicStatement is an Allow statement open to everyone.
type PublicStatement struct {
	Statement IAMStatement
	// Ignored lists the statement's conditions that do not confine the caller ("Bool aws:SecureTransport").
	Ignored []string
}

// PublicAllows returns the Allow statements whose principal is everyone and that no condition confines.
// A statement whose Condition holds computed values is left out: whether it confines is not known.
func PublicAllows(p IAMPolicy) []PublicStatement {
	var out []PublicStatement
	for _, s := range p.Statements {
		if !s.Allows() || !PrincipalIsPublic(s) || s.ConditionUnknown {
			continue
		}
		if _, ok := RestrictingCondition(s); ok {
			continue
		}
		ps := PublicStatement{Statement: s}
		for _, c := range s.Conditions {
			ps.Ignored = append(ps.Ignored, c.Operator+" "+c.Key)
		}
		out = append(out, ps)
	}
	return out
}

// MFA is how a statement's Condition requires multi-factor authentication.
type MFA int

// MFA verdicts.
const (
	// MFANone: no condition names an MFA key.
	MFANone MFA = iota
	// MFAWeak: an MFA condition that requests without MFA still satisfy (BoolIfExists, "false",
	// Null "true", an IfExists age).
	MFAWeak
	// MFAStrong: Bool aws:MultiFactorAuthPresent "true", Null aws:MultiFactorAuthAge "false", or a
	// NumericLessThan(Equals) aws:MultiFactorAuthAge (absent key: condition false).
	MFAStrong
)

// MFACondition judges the statement's MFA condition and returns the condition it judged (the strongest
// found).
func MFACondition(s IAMStatement) (MFA, IAMCondition) {
	best, which := MFANone, IAMCondition{}
	set := func(m MFA, c IAMCondition) {
		if m > best {
			best, which = m, c
		}
	}
	for _, c := range s.Conditions {
		base := strings.ToLower(c.Base())
		one := len(c.Values) == 1
		switch {
		case c.KeyIs("aws:MultiFactorAuthPresent"):
			switch {
			case base == "bool" && one && strings.EqualFold(c.Values[0], "true") && !c.IfExists():
				set(MFAStrong, c)
			default:
				set(MFAWeak, c)
			}
		case c.KeyIs("aws:MultiFactorAuthAge"):
			switch {
			case base == "null" && one && strings.EqualFold(c.Values[0], "false"):
				set(MFAStrong, c)
			case (base == "numericlessthan" || base == "numericlessthanequals") && !c.IfExists() && len(c.Values) > 0:
				set(MFAStrong, c)
			default:
				set(MFAWeak, c)
			}
		}
	}
	return best, which
}

// TrustIssue is a verdict on one trust-policy statement.
type TrustIssue int

// Trust issues.
const (
	TrustOK TrustIssue = iota
	// TrustPublic: anyone may assume the role (wildcard principal, no confining condition).
	TrustPublic
	// TrustOIDCNoSub: an OIDC provider's tokens are trusted with no condition on the subject.
	TrustOIDCNoSub
	// TrustOIDCWildcardSub: the subject is matched with a wildcard (StringLike "repo:org/*").
	TrustOIDCWildcardSub
	// TrustOIDCNoAud: the subject is pinned but the audience is not checked.
	TrustOIDCNoAud
	// TrustCrossAccountRoot: another account's root (every identity that account lets assume roles) is
	// trusted with no condition naming the principal, the organisation or an external ID.
	TrustCrossAccountRoot
)

// TrustFinding is a verdict on one Allow statement of a trust policy.
type TrustFinding struct {
	Issue     TrustIssue
	Statement string
	// Provider is the OIDC issuer ("token.actions.githubusercontent.com") for the OIDC issues.
	Provider string
	// Values are the wildcard subjects (TrustOIDCWildcardSub).
	Values []string
}

var (
	iamAccountID  = regexp.MustCompile(`^[0-9]{12}$`)
	iamAccountARN = regexp.MustCompile(`^arn:[^:]+:(?:iam|sts)::([0-9]{12}):(.*)$`)
)

// PrincipalAccount reads an AWS principal: a bare account ID or arn:<partition>:iam::<account>:root is
// the account's root (root true); any other IAM or STS ARN names an identity of that account.
func PrincipalAccount(p string) (account string, root bool, ok bool) {
	p = strings.TrimSpace(p)
	if iamAccountID.MatchString(p) {
		return p, true, true
	}
	if m := iamAccountARN.FindStringSubmatch(p); m != nil {
		return m[1], m[2] == "root", true
	}
	return "", false, false
}

// CrossAccountRoots returns the Allow statements that trust the root of an account not in own with no
// condition confining the caller (aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
// aws:PrincipalAccount, or sts:ExternalId for a third party). own empty means the role's own account is
// not known, and nothing is reported.
func CrossAccountRoots(p IAMPolicy, own []string) []TrustFinding {
	if len(own) == 0 {
		return nil
	}
	var out []TrustFinding
	for _, s := range p.Statements {
		if !s.Allows() || s.ConditionUnknown {
			continue
		}
		var foreign []string
		for _, pr := range s.Principal.AWS {
			acct, root, ok := PrincipalAccount(pr)
			if ok && root && !slices.Contains(own, acct) {
				foreign = append(foreign, pr)
			}
		}
		if len(foreign) == 0 {
			continue
		}
		if _, ok := iamTrustConfined(s); ok || iamExternalID(s) {
			continue
		}
		out = append(out, TrustFinding{Issue: TrustCrossAccountRoot, Statement: s.Label, Values: foreign})
	}
	return out
}

func iamExternalID(s IAMStatement) bool {
	for _, c := range s.Conditions {
		if c.KeyIs("sts:ExternalId") && !c.IfExists() && strings.EqualFold(c.Base(), "StringEquals") && len(c.Values) > 0 && !iamAllWildcard(c.Values) {
			return true
		}
	}
	return false
}

var oidcProviderARN = regexp.MustCompile(`^arn:[^:]+:iam::[^:]*:oidc-provider/(.+)$`)

// OIDCIssuer returns the issuer a Federated principal names: the path of an oidc-provider ARN, or a
// well-known web identity provider domain. ok is false for SAML providers and anything else.
func OIDCIssuer(federated string) (string, bool) {
	if m := oidcProviderARN.FindStringSubmatch(federated); m != nil {
		return m[1], true
	}
	switch strings.ToLower(federated) {
	case "cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com":
		return strings.ToLower(federated), true
	}
	return "", false
}

// TrustFindings judges every Allow statement of a role's trust policy: a principal open to everyone
// with no condition confining it, and OIDC federation whose subject is not pinned or whose audience is
// not checked. Statements whose Condition holds computed values are left out (not known).
func TrustFindings(p IAMPolicy) []TrustFinding {
	var out []TrustFinding
	for _, s := range p.Statements {
		if !s.Allows() || s.ConditionUnknown {
			continue
		}
		if PrincipalIsPublic(s) {
			if _, ok := iamTrustConfined(s); !ok {
				out = append(out, TrustFinding{Issue: TrustPublic, Statement: s.Label})
			}
			continue
		}
		for _, f := range s.Principal.Federated {
			issuer, ok := OIDCIssuer(f)
			if !ok {
				continue
			}
			out = append(out, oidcFinding(s, issuer))
		}
	}
	return out
}

// iamTrustConfined finds a condition that confines a wildcard principal of a trust policy to the
// organisation or to named principals (sts:ExternalId is a shared string, not an identity, so it does
// not count).
func iamTrustConfined(s IAMStatement) (IAMCondition, bool) {
	for _, c := range s.Conditions {
		if c.IfExists() || len(c.Values) == 0 || !ConfiningValues(c) {
			continue
		}
		base := strings.ToLower(c.Base())
		if base != "stringequals" && base != "arnequals" && base != "arnlike" && base != "stringlike" {
			continue
		}
		for _, k := range []string{"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn"} {
			if c.KeyIs(k) {
				return c, true
			}
		}
	}
	return IAMCondition{}, false
}

func oidcFinding(s IAMStatement, issuer string) TrustFinding {
	f := TrustFinding{Issue: TrustOK, Statement: s.Label, Provider: issuer}
	sub, aud := false, false
	var wild []string
	for _, c := range s.Conditions {
		key := strings.ToLower(c.Key)
		if !strings.HasPrefix(key, strings.ToLower(issuer)+":") {
			continue
		}
		suffix := key[len(issuer)+1:]
		base := strings.ToLower(c.Base())
		positive := !c.IfExists() && len(c.Values) > 0 && !strings.EqualFold(c.Qualifier(), "ForAllValues")
		switch suffix {
		case "sub":
			switch {
			case !positive:
			case base == "stringequals" || base == "stringequalsignorecase":
				sub = true
			case base == "stringlike":
				var w []string
				for _, v := range c.Values {
					if strings.ContainsAny(v, "*?") {
						w = append(w, v)
					}
				}
				if len(w) == 0 {
					sub = true
				} else {
					wild = append(wild, w...)
				}
			}
		case "aud", "azp", "oaud":
			if positive && (base == "stringequals" || base == "stringequalsignorecase" || base == "stringlike") && !iamAllWildcard(c.Values) {
				aud = true
			}
		}
	}
	switch {
	case len(wild) > 0:
		f.Issue, f.Values = TrustOIDCWildcardSub, wild
	case !sub:
		f.Issue = TrustOIDCNoSub
	case !aud:
		f.Issue = TrustOIDCNoAud
	}
	return f
}

// managedAdminPolicies are the AWS managed policies that amount to administrator access.
// PowerUserAccess counts: it allows every action outside IAM and Organizations on every resource, so its
// holder reads and destroys every datum and reaches any existing role through the code it runs
// (lambda:UpdateFunctionCode, ssm:SendCommand); IAMFullAccess lets its holder grant itself anything.
var managedAdminPolicies = map[string]string{
	"administratoraccess": "AdministratorAccess",
	"poweruseraccess":     "PowerUserAccess",
	"iamfullaccess":       "IAMFullAccess",
}

var awsManagedPolicyARN = regexp.MustCompile(`(?i)^arn:aws(?:-[a-z-]+)?:iam::aws:policy/(.+)$`)

// ManagedAdminPolicy reports whether arn is an AWS managed administrator policy (any partition, any case
// of the name) and returns its name.
func ManagedAdminPolicy(arn string) (string, bool) {
	m := awsManagedPolicyARN.FindStringSubmatch(strings.TrimSpace(arn))
	if m == nil {
		return "", false
	}
	name, ok := managedAdminPolicies[strings.ToLower(m[1])]
	return name, ok
}
