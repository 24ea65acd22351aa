package aws

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// Type tokens of IAM Identity Center (pulumi-aws v6.83.2) read by the identity rules.
const (
	typeSSOPermissionSet                   = "aws:ssoadmin/permissionSet:PermissionSet"
	typeSSOAccountAssignment               = "aws:ssoadmin/accountAssignment:AccountAssignment"
	typeSSOCustomerManagedPolicyAttachment = "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment"
	typeCloudWatchEventRule                = "aws:cloudwatch/eventRule:EventRule"
)

// iamReadOnlyManaged are AWS managed policies that allow no write action (only Get, List, Describe and
// the like), so no action that stops, changes or deletes anything.
var iamReadOnlyManaged = []string{"ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit", "AWSCloudTrail_ReadOnlyAccess"}

// iamManagedName returns the name of an AWS managed policy ARN (arn:<partition>:iam::aws:policy/[path/]name)
// and whether it is one.
func iamManagedName(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[4] != "aws" || !strings.HasPrefix(parts[5], "policy/") {
		return "", false
	}
	p := parts[5]
	return p[strings.LastIndex(p, "/")+1:], true
}

// iamGrant is one policy a principal holds, as a document the rules can evaluate: parsed from the
// stack, or stood in for an AWS managed policy the rules know (administrator access: Allow * on *; a
// read-only policy: nothing) or cannot read (an unknown Allow * on *).
type iamGrant struct {
	// what names the grant in messages ("inline policy of x", "AWS managed policy PowerUserAccess").
	what string
	doc  semantic.IAMPolicy
	// unread is set when the grant's document cannot be read (a customer managed policy held in the
	// account, a computed ARN or document): it might allow anything.
	unread bool
}

// iamAllowAll is a document allowing every action on every resource; unknown marks it as standing for
// a document that might.
func iamAllowAll(label string, unknown bool) semantic.IAMPolicy {
	return semantic.IAMPolicy{Statements: []semantic.IAMStatement{{
		Label: label, Effect: "Allow", Action: []string{"*"}, Resource: []string{"*"}, HasResource: true, Unknown: unknown,
	}}}
}

// iamManagedGrant is the grant of an attached policy ARN: AWS managed administrator policies allow
// everything, read-only ones nothing, other AWS managed policies are not read.
func iamManagedGrant(arn string, k policy.Known) iamGrant {
	if k == policy.Unknown {
		return iamGrant{what: "a managed policy whose ARN is computed", doc: iamAllowAll("computed ARN", true), unread: true}
	}
	if name, admin := semantic.ManagedAdminPolicy(arn); admin {
		return iamGrant{what: "AWS managed policy " + name, doc: iamAllowAll(strconv.Quote(name), false)}
	}
	if name, ok := iamManagedName(arn); ok && slices.Contains(iamReadOnlyManaged, name) {
		return iamGrant{what: "AWS managed policy " + name}
	}
	return iamGrant{what: "managed policy " + arn, doc: iamAllowAll(arn, true), unread: true}
}

// iamDocGrant parses one document input into a grant; a computed or malformed document is unread.
func iamDocGrant(what string, v policy.Value) iamGrant {
	doc, k, err := iamDoc(v)
	switch {
	case k == policy.Absent:
		return iamGrant{what: what}
	case k == policy.Unknown || err != nil:
		return iamGrant{what: what, doc: iamAllowAll(what, true), unread: true}
	}
	return iamGrant{what: what, doc: doc}
}

// ssoPermissionSetGrants returns the policies permission set ps holds in the stack: its inline policy,
// its managed policy attachments, and its customer managed policy attachments (unread: the policy lives
// in each account).
func ssoPermissionSetGrants(rs []*policy.Resource, ps *policy.Resource) []iamGrant {
	var out []iamGrant
	for _, p := range policy.Referrers(rs, typeSSOPermissionSetInlinePolicy, "permissionSetArn", ps) {
		out = append(out, iamDocGrant("inline policy "+p.Name, p.Get("inlinePolicy")))
	}
	for _, a := range policy.Referrers(rs, typeSSOManagedPolicyAttachment, "permissionSetArn", ps) {
		out = append(out, iamManagedGrant(policy.Str(a.Get("managedPolicyArn"))))
	}
	for _, a := range policy.Referrers(rs, typeSSOCustomerManagedPolicyAttachment, "permissionSetArn", ps) {
		name, _ := policy.Str(a.Get("customerManagedPolicyReference", "name"))
		out = append(out, iamGrant{what: fmt.Sprintf("customer managed policy %q (held in each account)", name), doc: iamAllowAll(name, true), unread: true})
	}
	return out
}

// iamMerged is the union of the grants' statements: what the principal may do, explicit denials in one
// cancelling allows in another.
func iamMerged(grants []iamGrant) semantic.IAMPolicy {
	var out semantic.IAMPolicy
	for _, g := range grants {
		out.Statements = append(out.Statements, g.doc.Statements...)
	}
	return out
}
