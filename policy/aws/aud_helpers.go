package aws

import (
	"strings"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

// Type tokens the audit rules read (pulumi-aws v6.83.2).

// audTagPurpose with value audTagAudit marks an audit log archive bucket (in addition to any bucket a
// CloudTrail trail writes to).
const (
	audTagPurpose = "Purpose"
	audTagAudit   = "audit"
)

// audIsAuditBucket decides whether b is an audit bucket: a CloudTrail trail's s3BucketName points at it
// (property dependency, ID, or the bucket's literal name), or it is tagged Purpose=audit. why says which.
func audIsAuditBucket(trails []*policy.Resource, b *policy.Resource) (is bool, k policy.Known, why string) {
	name, nk := policy.Str(b.Get("bucket"))
	for _, t := range trails {
		if t.Refers("s3BucketName", b) {
			return true, policy.Present, "trail " + t.Name + " writes to it"
		}
		if s, k := policy.Str(t.Get("s3BucketName")); k == policy.Present && nk == policy.Present && s != "" && s == name {
			return true, policy.Present, "trail " + t.Name + " writes to it"
		}
	}
	switch v, k := netTag(b, audTagPurpose); {
	case k == policy.Unknown:
		return false, policy.Unknown, ""
	case k == policy.Present && strings.EqualFold(strings.TrimSpace(v), audTagAudit):
		return true, policy.Present, "it is tagged Purpose=audit"
	}
	return false, policy.Present, ""
}

// audEachAuditBucket runs check on every audit bucket of the stack and reports the others as not
// applicable (or unknown when their Purpose tag is computed).
func audEachAuditBucket(rs []*policy.Resource, required string,
	check func(b *policy.Resource, why string) policy.Result,
) []policy.Result {
	var out []policy.Result
	trails := netOfType(rs, typeCloudTrailTrail)
	for _, b := range netOfType(rs, typeS3BucketV2) {
		is, k, why := audIsAuditBucket(trails, b)
		var res policy.Result
		switch {
		case k == policy.Unknown:
			res = policy.Undecided("the bucket's Purpose tag is computed, so whether it is an audit bucket is not "+
				"known; %s", required)
		case !is:
			res = policy.NotApplicable("not an audit bucket (no trail writes to it and it is not tagged Purpose=audit)")
		default:
			res = check(b, why)
		}
		out = append(out, netWithURN(res, b.URN))
	}
	return out
}

// audLinked returns the resources of type typ whose prop points at bucket b (see netBucketReferrers), and, when there are none, whether
// some resource of that type has a computed prop with no dependency (so a link may yet exist).
func audLinked(rs []*policy.Resource, typ, prop string, b *policy.Resource) (links []*policy.Resource, maybe []*policy.Resource) {
	links = netBucketReferrers(rs, typ, prop, b)
	if len(links) == 0 {
		maybe = netUnlinked(rs, typ, prop)
	}
	return links, maybe
}

// audRetention is the minimum log retention in days for the stack: the tier's profile, or in the
// foundation (which keeps every tier's audit and platform logs) the strictest tier's. ok is false when
// the stack's tier and role are not known.
func audRetention(ctx *policy.Context) (days int, whose string, ok bool) {
	if ctx.HasTier() {
		return ctx.Profile.LogRetentionDays, "the " + string(ctx.Tier) + " profile", true
	}
	if netStackRole(ctx) != netRoleFoundation {
		return 0, "", false
	}
	for _, p := range tier.Profiles() {
		days = max(days, p.LogRetentionDays)
	}
	return days, "the foundation (strictest tier)", true
}
