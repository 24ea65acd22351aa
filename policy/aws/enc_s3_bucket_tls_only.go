package aws

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

const encTypeBucketPolicy = typeS3BucketPolicy

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-ENC-002",
		Title: "S3 bucket policies deny every request not made over TLS",
		Description: "S3 accepts plain HTTP requests unless the bucket policy refuses them. Every bucket must have a " +
			"policy with a Deny statement for all principals on all S3 actions when aws:SecureTransport is false, " +
			"so that no client, misconfigured SDK or endpoint can move police data in clear text. In pulumi-aws v6 " +
			"the policy is a separate BucketPolicy resource linked by its `bucket` input; the deprecated inline " +
			"`policy` on the bucket is accepted when no separate resource exists.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: []string{typeS3BucketV2, typeS3Bucket, encTypeBucketPolicy},
		Remediation: "For each bucket add an `aws:s3/bucketPolicy:BucketPolicy` with `bucket: <bucket>.id` whose `policy` " +
			"JSON has the statement `{\"Sid\": \"DenyInsecureTransport\", \"Effect\": \"Deny\", \"Principal\": \"*\", " +
			"\"Action\": \"s3:*\", \"Resource\": [<bucket arn>, <bucket arn>/*], \"Condition\": {\"Bool\": " +
			"{\"aws:SecureTransport\": \"false\"}}}` (no other condition on that statement).",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "s3-bucket-ssl-requests-only"},
			{Source: "Security Hub", ID: "S3.5"},
		},
		Waivable: true,
		Reads: slices.Concat(policy.Reads(encTypeBucketPolicy, "bucket", "policy"), policy.Reads(typeS3BucketV2, "policy"),
			policy.Reads(typeS3Bucket, "policy")),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		return encEachBucket(rs, func(b *policy.Resource) policy.Result { return encS3BucketTLSOnly(rs, b) })
	},
})

// encS3BucketTLSOnly decides one bucket from its BucketPolicy resources (every one must deny insecure
// transport: they overwrite each other) or, when it has none, from its inline policy.
func encS3BucketTLSOnly(rs []*policy.Resource, b *policy.Resource) policy.Result {
	pols, unlinked := encBucketLinks(rs, encTypeBucketPolicy, "bucket", b)
	if len(pols) > 0 {
		var results []policy.Result
		for _, p := range pols {
			results = append(results, encTLSOnlyPolicy(p.Get("policy"), "bucket policy "+p.Name))
		}
		if worst, ok := regWorst(results); !ok {
			return worst
		}
		return results[0]
	}
	if v := b.Get("policy"); !v.IsNull() {
		return encTLSOnlyPolicy(v, "inline bucket policy")
	}
	if unlinked {
		return policy.Undecided("a bucket policy's bucket is computed with no dependency, so it cannot be linked to this bucket; " +
			"buckets must deny requests where aws:SecureTransport is false")
	}
	return policy.Fail("bucket has no bucket policy; add an aws:s3/bucketPolicy:BucketPolicy that denies s3:* to all principals " +
		"when aws:SecureTransport is false")
}

// encTLSOnlyPolicy decides one policy document (a JSON string, or an object).
func encTLSOnlyPolicy(v policy.Value, what string) policy.Result {
	if v.IsComputed() {
		return policy.Undecided("%s is computed; it must deny s3:* to all principals when aws:SecureTransport is false", what)
	}
	var doc any
	switch {
	case v.IsString():
		if err := json.Unmarshal([]byte(v.AsString()), &doc); err != nil {
			return policy.Fail("%s is not valid JSON; it must deny s3:* to all principals when aws:SecureTransport is false", what)
		}
	case v.IsMap():
		doc = policy.ToGo(v)
	default:
		return policy.Fail("%s is not a policy document; it must deny s3:* to all principals when aws:SecureTransport is false", what)
	}
	m, _ := doc.(map[string]any)
	stmts := encAsList(m["Statement"])
	for _, s := range stmts {
		if st, ok := s.(map[string]any); ok && encDeniesInsecureTransport(st) {
			return policy.Pass("%s denies s3:* to all principals when aws:SecureTransport is false", what)
		}
	}
	if encHasUnknown(doc) {
		return policy.Undecided("%s has computed parts; it must deny s3:* to all principals when aws:SecureTransport is false", what)
	}
	return policy.Fail("%s has no statement denying s3:* to all principals when aws:SecureTransport is false; add one", what)
}

// encDeniesInsecureTransport reports whether a statement is Deny, for every principal, of every S3 action,
// with aws:SecureTransport false as its only condition.
func encDeniesInsecureTransport(st map[string]any) bool {
	if st["Effect"] != "Deny" || st["NotPrincipal"] != nil || st["NotAction"] != nil || st["NotResource"] != nil {
		return false
	}
	if !encAllPrincipals(st["Principal"]) {
		return false
	}
	allActions := false
	for _, a := range encAsList(st["Action"]) {
		if s, ok := a.(string); ok && (s == "*" || strings.EqualFold(s, "s3:*")) {
			allActions = true
		}
	}
	if !allActions {
		return false
	}
	cond, ok := st["Condition"].(map[string]any)
	if !ok || len(cond) != 1 {
		return false
	}
	for op, keys := range cond {
		km, ok := keys.(map[string]any)
		if (op != "Bool" && op != "BoolIfExists") || !ok || len(km) != 1 {
			return false
		}
		for key, val := range km {
			if !strings.EqualFold(key, "aws:SecureTransport") {
				return false
			}
			for _, x := range encAsList(val) {
				switch x := x.(type) {
				case string:
					if strings.EqualFold(x, "false") {
						return true
					}
				case bool:
					if !x {
						return true
					}
				}
			}
		}
	}
	return false
}

// encAllPrincipals reports whether a policy principal is everyone: "*" or {"AWS": "*"}.
func encAllPrincipals(p any) bool {
	switch p := p.(type) {
	case string:
		return p == "*"
	case map[string]any:
		for _, x := range encAsList(p["AWS"]) {
			if x == "*" {
				return true
			}
		}
	}
	return false
}

// encAsList reads a policy element that may be one value or a list of values.
func encAsList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

// encHasUnknown reports whether a decoded document holds a computed value.
func encHasUnknown(v any) bool {
	switch v := v.(type) {
	case string:
		return v == policy.UnknownSentinel
	case []any:
		for _, x := range v {
			if encHasUnknown(x) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if encHasUnknown(x) {
				return true
			}
		}
	}
	return false
}
