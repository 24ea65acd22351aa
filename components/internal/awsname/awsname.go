// Package awsname says whether a value is a well-formed AWS name or identifier of the kinds the
// organisation's configuration and components take: account IDs, root IDs, role names, IAM Identity
// Center instance ARNs, identity store group IDs, identity provider names and account email addresses.
// The configuration (keyed errors) and the components (field errors) both check with it, so the two
// agree on what is allowed.
package awsname

import (
	"net/mail"
	"regexp"
	"strings"
)

var (
	roleNameRE  = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	ssoARNRE    = regexp.MustCompile(`^arn:aws:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$`)
	groupIDRE   = regexp.MustCompile(`^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$`)
	providerRE  = regexp.MustCompile(`^(saml|oidc):[a-z0-9][a-z0-9-]{0,39}$`)
	rootIDChars = "abcdefghijklmnopqrstuvwxyz0123456789"
)

// AccountID reports whether s is a 12-digit AWS account ID.
func AccountID(s string) bool { return len(s) == 12 && strings.Trim(s, "0123456789") == "" }

// OrgRootID reports whether s is an organisation root ID: "r-" and 4 to 32 lower-case letters or digits.
func OrgRootID(s string) bool {
	rest, ok := strings.CutPrefix(s, "r-")
	return ok && len(rest) >= 4 && len(rest) <= 32 && strings.Trim(rest, rootIDChars) == ""
}

// RoleName reports whether s is an IAM role name.
func RoleName(s string) bool { return roleNameRE.MatchString(s) }

// SSOInstanceARN reports whether s is an IAM Identity Center instance ARN.
func SSOInstanceARN(s string) bool { return ssoARNRE.MatchString(s) }

// GroupID reports whether s is an identity store group ID.
func GroupID(s string) bool { return groupIDRE.MatchString(s) }

// IdentityProvider reports whether s names a federated identity provider: "saml:<name>" or "oidc:<name>".
func IdentityProvider(s string) bool { return providerRE.MatchString(s) }

// Email reports whether s is a bare email address (no display name).
func Email(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s
}
