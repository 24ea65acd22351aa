package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// The actions that would let an operator blind or erase the audit trail, by the kind of resource they act on.
var (
	iamTrailTamper        = []string{"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"}
	iamBucketTamper       = []string{"s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:PutLifecycleConfiguration", "s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration"}
	iamObjectTamper       = []string{"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"}
	iamKeyTamper          = []string{"kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"}
	iamAuditTrailRequired = "operators must not touch the audit trail: allow none of " + strings.Join(slices.Concat(iamTrailTamper, iamBucketTamper, iamObjectTamper, iamKeyTamper), ", ") +
		" on the trails, the audit bucket and the audit keys, or deny them explicitly"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-IAM-014",
		Title: "Operator access cannot stop the audit trail, delete the audit bucket's logs or destroy the audit keys",
		Description: "Whoever can stop CloudTrail, delete the log archive's objects or schedule its key for deletion can " +
			"erase the evidence of what they did. People reach accounts through IAM Identity Center permission sets " +
			"and roles they assume; neither may allow, without an explicit Deny, stopping or changing a trail " +
			"(cloudtrail:StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors), deleting or re-configuring the " +
			"audit bucket or deleting its objects, or disabling, re-keying the policy of or deleting the audit keys. " +
			"The audit bucket and keys are those the stack's trails name (any bucket or key when the stack has no " +
			"trail). Everything a principal holds is read together, as AWS evaluates it: the inline policy, managed " +
			"attachments (AWS managed administrator policies allow everything, known read-only ones nothing, others " +
			"cannot be read) and customer managed policies, an exact Deny in one cancelling an Allow in another. A role " +
			"counts when its trust policy admits people (an AWS account or role, or a federated identity provider); " +
			"service roles and the break-glass role (tag BreakGlass=true) are out of scope. In the cloud the " +
			"organisation's SCP pclz-protect-audit denies the same actions to every member account.",
		Pack:          policy.PackIdentity,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"9", "12", "13"},
		ResourceTypes: []string{typeSSOPermissionSet, typeSSOPermissionSetInlinePolicy, typeSSOManagedPolicyAttachment, typeIAMRole, typeIAMRolePolicy, typeIAMRolePolicyAttachment},
		Remediation: "Add an explicit Deny of the listed cloudtrail, s3 and kms actions on the trails, the audit bucket " +
			"(`arn:aws:s3:::<bucket>` and `/*`) and the audit keys to every permission set and human role (awslz's " +
			"permission sets carry it), or grant only actions that exclude them.",
		References: []policy.Reference{
			{Source: "CIS AWS Foundations Benchmark", ID: "3.7"},
			{Source: "AWS Config", ID: "cloudtrail-security-trail-enabled"},
		},
		Waivable: true,
		Reads: slices.Concat(
			policy.Reads(typeSSOPermissionSetInlinePolicy, "inlinePolicy", "permissionSetArn"),
			policy.Reads(typeSSOManagedPolicyAttachment, "managedPolicyArn", "permissionSetArn"),
			policy.Reads(typeIAMRole, "assumeRolePolicy", "inlinePolicies.policy", "managedPolicyArns", "tags"),
			policy.Reads(typeIAMRolePolicy, "policy", "role"),
			policy.Reads(typeIAMRolePolicyAttachment, "policyArn", "role"),
		),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		probes := iamAuditProbes(rs)
		var out []policy.Result
		for _, ps := range policy.OfType(rs, typeSSOPermissionSet) {
			res := iamJudgeTamper("permission set "+ps.Name, ssoPermissionSetGrants(rs, ps), probes)
			res.URN = ps.URN
			out = append(out, res)
		}
		for _, role := range policy.OfType(rs, typeIAMRole) {
			if bg, k := iamIsBreakGlass(role); k == policy.Present && bg {
				continue
			}
			if human, k := iamHumanAssumable(role); k == policy.Unknown {
				out = append(out, policy.Result{Status: policy.StatusUnknown, URN: role.URN,
					Message: fmt.Sprintf("the trust policy of role %s is computed, so whether people assume it is not known; %s", role.Name, iamAuditTrailRequired)})
				continue
			} else if !human {
				continue
			}
			res := iamJudgeTamper("role "+role.Name, iamRoleGrants(rs, role), probes)
			res.URN = role.URN
			out = append(out, res)
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no permission set or role people assume in the stack")}
		}
		return out
	},
})

// iamTamperProbe is one action to test and the resource it is tested on.
type iamTamperProbe struct {
	action, on string
	probe      semantic.ResourceProbe
}

// iamAuditProbes returns the tamper actions with the audit resources of the stack: the buckets and keys
// its trails name, or every bucket and key when no trail names one.
func iamAuditProbes(rs []*policy.Resource) []iamTamperProbe {
	var buckets, keys []string
	for _, t := range policy.OfType(rs, typeCloudTrailTrail) {
		if b, k := policy.Str(t.Get("s3BucketName")); k == policy.Present && b != "" && !slices.Contains(buckets, b) {
			buckets = append(buckets, b)
		}
		if arn, k := policy.Str(t.Get("kmsKeyId")); k == policy.Present {
			if _, id, ok := strings.Cut(arn, ":key/"); ok && !slices.Contains(keys, id) {
				keys = append(keys, id)
			}
		}
	}
	var out []iamTamperProbe
	for _, a := range iamTrailTamper {
		out = append(out, iamTamperProbe{a, "any trail", semantic.AnyResource("cloudtrail")})
	}
	if len(buckets) == 0 {
		buckets = []string{""}
	}
	for _, b := range buckets {
		on, res := "the audit bucket "+b, b
		if b == "" {
			on, res = "any bucket", "zzprobe"
		}
		for _, a := range iamBucketTamper {
			out = append(out, iamTamperProbe{a, on, semantic.ResourceProbe{Service: "s3", Resource: res}})
		}
		for _, a := range iamObjectTamper {
			out = append(out, iamTamperProbe{a, on, semantic.ResourceProbe{Service: "s3", Resource: res + "/zzprobe"}})
		}
	}
	if len(keys) == 0 {
		keys = []string{""}
	}
	for _, id := range keys {
		on, res := "the audit key "+id, "key/"+id
		if id == "" {
			on, res = "any key", "key/zzprobe"
		}
		for _, a := range iamKeyTamper {
			out = append(out, iamTamperProbe{a, on, semantic.ResourceProbe{Service: "kms", Resource: res}})
		}
	}
	return out
}

// iamJudgeTamper judges everything a principal holds against the tamper probes.
func iamJudgeTamper(who string, grants []iamGrant, probes []iamTamperProbe) policy.Result {
	doc := iamMerged(grants)
	var allowed, maybe []string
	for _, p := range probes {
		c, label := doc.Allowed(p.action, p.probe, semantic.AllowOptions{})
		switch c {
		case semantic.Certainly:
			allowed = append(allowed, fmt.Sprintf("%s on %s (statement %s)", p.action, p.on, label))
		case semantic.Possibly:
			maybe = append(maybe, fmt.Sprintf("%s on %s", p.action, p.on))
		}
	}
	var unread []string
	for _, g := range grants {
		if g.unread {
			unread = append(unread, g.what)
		}
	}
	switch {
	case len(allowed) > 0:
		return policy.Fail("%s allows %s without an explicit Deny; %s", who, netAnd(allowed), iamAuditTrailRequired)
	case len(maybe) > 0 && len(unread) > 0:
		return policy.Undecided("%s holds %s, which this rule cannot read, and no explicit Deny covers %s; %s", who, netAnd(unread), netAnd(maybe), iamAuditTrailRequired)
	case len(maybe) > 0:
		return policy.Undecided("%s may allow %s (computed values); %s", who, netAnd(maybe), iamAuditTrailRequired)
	}
	return policy.Pass("%s cannot stop or change the trails, change the audit bucket or its objects, or destroy the audit keys", who)
}

// iamHumanAssumable reports whether a role's trust policy admits people: an AWS principal (an account
// or a role) or a federated identity provider, rather than only AWS services.
func iamHumanAssumable(role *policy.Resource) (bool, policy.Known) {
	doc, k, err := iamDoc(role.Get("assumeRolePolicy"))
	switch {
	case k == policy.Unknown:
		return false, policy.Unknown
	case k == policy.Absent || err != nil:
		return false, policy.Present
	}
	for _, s := range doc.Statements {
		if s.Allows() && (s.Principal.Any || len(s.Principal.AWS) > 0 || len(s.Principal.Federated) > 0) {
			return true, policy.Present
		}
		if s.Unknown && s.Allows() {
			return false, policy.Unknown
		}
	}
	return false, policy.Present
}

// iamRoleGrants returns the policies a role holds in the stack: its inline policies, role policies,
// managed policy ARNs and attachments (a customer managed policy of the stack by its document).
func iamRoleGrants(rs []*policy.Resource, role *policy.Resource) []iamGrant {
	var out []iamGrant
	inline, lk := policy.List(role.Get("inlinePolicies"))
	if lk == policy.Unknown {
		out = append(out, iamGrant{what: "inline policies (computed)", doc: iamAllowAll("inlinePolicies", true), unread: true})
	}
	for i, p := range inline {
		out = append(out, iamDocGrant(fmt.Sprintf("inline policy %d", i+1), resAt(p, "policy")))
	}
	for _, p := range policy.OfType(rs, typeIAMRolePolicy) {
		if t, _ := iamFindNamed(rs, p, typeIAMRole, "role"); t == role {
			out = append(out, iamDocGrant("role policy "+p.Name, p.Get("policy")))
		}
	}
	arns, ak := policy.Strings(role.Get("managedPolicyArns"))
	if ak == policy.Unknown {
		out = append(out, iamManagedGrant("", policy.Unknown))
	}
	for _, arn := range arns {
		out = append(out, iamManagedGrant(arn, policy.Present))
	}
	for _, a := range policy.OfType(rs, typeIAMRolePolicyAttachment) {
		if t, _ := iamFindNamed(rs, a, typeIAMRole, "role"); t != role {
			continue
		}
		if pol := iamAttachedCustomer(rs, a); pol != nil {
			out = append(out, iamDocGrant("policy "+pol.Name, pol.Get("policy")))
			continue
		}
		out = append(out, iamManagedGrant(policy.Str(a.Get("policyArn"))))
	}
	return out
}

// iamAttachedCustomer returns the customer managed policy of the stack an attachment attaches, or nil.
func iamAttachedCustomer(rs []*policy.Resource, a *policy.Resource) *policy.Resource {
	for _, p := range policy.OfType(rs, typeIAMPolicy) {
		if a.Refers("policyArn", p) {
			return p
		}
	}
	return nil
}
