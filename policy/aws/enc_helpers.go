package aws

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// Helpers shared by the encryption (ENC) and region (REG) rules. Names carry the enc prefix so that they
// cannot clash with other areas' helpers in this package.

// Type tokens the ENC and REG rules link resources through.

// encBucketTypes are the S3 general purpose bucket resources (BucketV2, and the legacy Bucket that
// pulumi-aws v6 still offers).
var encBucketTypes = []string{typeS3BucketV2, typeS3Bucket}

// encCustomerKeyTypes are the resources a customer-managed KMS key (or its ARN, ID or alias) comes from.
// An alias resource counts: names under alias/aws/ are reserved for AWS-managed keys, so a customer's
// alias always names a customer key.
var encCustomerKeyTypes = semantic.CustomerKeyTypes

// encBucketName returns the bucket's name: its ID when known (exported state, mocks), else its explicit
// `bucket` input.
func encBucketName(b *policy.Resource) string {
	if b.ID != "" {
		return b.ID
	}
	if s, k := policy.Str(b.Get("bucket")); k == policy.Present {
		return s
	}
	return ""
}

// encS3ARNName returns the bucket name in an S3 bucket ARN ("arn:aws:s3:::name" gives "name"); a value
// that is not an ARN is returned as it is.
func encS3ARNName(s string) string {
	if !strings.HasPrefix(s, "arn:") {
		return s
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return ""
	}
	return parts[5]
}

// encRefersBucket reports whether r's input prop names bucket b: through property dependencies or the
// bucket's ID (policy.Resource.Refers), or because its known value equals the bucket's explicit name (or
// that name's ARN).
func encRefersBucket(r *policy.Resource, prop string, b *policy.Resource) bool {
	if r.Refers(prop, b) {
		return true
	}
	name := encBucketName(b)
	s, k := policy.Str(r.Get(prop))
	return name != "" && k == policy.Present && encS3ARNName(s) == name
}

// encBucketLinks returns the resources of type typ that point at bucket b through their input prop, and
// whether some resource of that type could not be linked to any bucket because its prop is computed
// with no property dependency (so it might be b's).
func encBucketLinks(rs []*policy.Resource, typ, prop string, b *policy.Resource) (links []*policy.Resource, unlinked bool) {
	for _, r := range policy.OfType(rs, typ) {
		if encRefersBucket(r, prop, b) {
			links = append(links, r)
			continue
		}
		if r.Get(prop).IsComputed() && len(r.PropertyDependencies[prop]) == 0 {
			unlinked = true
		}
	}
	return links, unlinked
}

// encKeyState is what a key input names.
type encKeyState int

const (
	encKeyAbsent     encKeyState = iota // not set: the service uses its AWS-managed or AWS-owned key
	encKeyUnknown                       // computed, and not shown to come from a customer key
	encKeyAWSManaged                    // an alias/aws/... key
	encKeyCustomer                      // a customer-managed key
	encKeyMalformed                     // a value that is no KMS key ID, ARN or alias
)

// encKey is a decoded key input.
type encKey struct {
	State encKeyState
	// Value is the known value, "" when computed or absent.
	Value string
	// Desc says what the key is, for pass messages: the quoted value, or the KMS resource it came from.
	Desc string
}

// encKeyAt decodes the key input at path. A known value is classified by semantic.ParseKMSKey: empty is
// the service default, an alias/aws/... name in any spelling is AWS-managed, any other well-formed key ID,
// ARN or alias is a customer key (an AWS-managed key given by its bare key ARN cannot be told apart
// offline), anything else is malformed. A computed value is a customer key only when the input's property
// dependencies show it came from a KMS key, replica, external key or alias resource.
func encKeyAt(r *policy.Resource, path ...any) encKey {
	v := r.Get(path...)
	s, k := policy.Str(v)
	if k == policy.Present {
		switch semantic.ParseKMSKey(s).Kind {
		case semantic.KeyDefault:
			return encKey{State: encKeyAbsent}
		case semantic.KeyAWSManaged:
			return encKey{State: encKeyAWSManaged, Value: s, Desc: fmt.Sprintf("%q", s)}
		case semantic.KeyMalformed:
			return encKey{State: encKeyMalformed, Value: s, Desc: fmt.Sprintf("%q", s)}
		default:
			return encKey{State: encKeyCustomer, Value: s, Desc: fmt.Sprintf("%q", s)}
		}
	}
	if k == policy.Absent && !v.IsComputed() {
		return encKey{State: encKeyAbsent}
	}
	top, _ := path[0].(string)
	for _, urn := range r.PropertyDependencies[top] {
		if t := regURNType(urn); slices.Contains(encCustomerKeyTypes, t) {
			return encKey{State: encKeyCustomer, Desc: fmt.Sprintf("%s (%s)", regURNName(urn), t)}
		}
	}
	return encKey{State: encKeyUnknown}
}

// encMalformed is the failure for a key input that is no KMS key reference.
func encMalformed(name, value string) policy.Result {
	return policy.Fail("%s %q is not a KMS key ID, key ARN, alias or alias ARN; set it to a customer-managed KMS key", name, value)
}

// encPath renders an input path for messages ("serverSideEncryption.kmsKeyArn").
func encPath(path []any) string {
	parts := make([]string, 0, len(path))
	for _, p := range path {
		switch s := p.(type) {
		case string:
			parts = append(parts, s)
		case int:
			if len(parts) == 0 {
				parts = append(parts, "")
			}
			parts[len(parts)-1] += fmt.Sprintf("[%d]", s)
		}
	}
	return strings.Join(parts, ".")
}

// encAtRest is the shape of a "stored with a customer KMS key" check on one resource.
type encAtRest struct {
	// Flag is the path of the boolean that turns encryption on; nil when the resource has none.
	Flag []any
	// Key is the path of the key input.
	Key []any
	// Noun names the resources in messages ("volumes").
	Noun string
	// IfAbsent says what happens when Key is not set ("the AWS-managed aws/ebs key is used").
	IfAbsent string
}

// check decides one resource: the flag (when there is one) must be true and the key a customer key.
func (c encAtRest) check(r *policy.Resource) policy.Result {
	req := fmt.Sprintf("%s must be encrypted at rest with a customer-managed KMS key", c.Noun)
	if c.Flag != nil {
		on, k := policy.Bool(r.Get(c.Flag...))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("%s is computed; %s", encPath(c.Flag), req)
		case k == policy.Absent:
			return policy.Fail("%s is not set; %s", encPath(c.Flag), req)
		case !on:
			return policy.Fail("%s is false; %s", encPath(c.Flag), req)
		}
	}
	return encJudgeKey(encKeyAt(r, c.Key...), encPath(c.Key), c.IfAbsent, req, false)
}

// encJudgeKey decides a decoded key input named name: a customer key passes; an absent key (which means
// ifAbsent), an AWS-managed or a malformed one fails; a computed one not traced to a key of this stack is
// unknown. absentUnknown makes an absent key unknown instead (a default the rule cannot see).
func encJudgeKey(key encKey, name, ifAbsent, req string, absentUnknown bool) policy.Result {
	switch key.State {
	case encKeyAbsent:
		if absentUnknown {
			return policy.Undecided("%s is not set, so %s; set it to a customer-managed KMS key", name, ifAbsent)
		}
		return policy.Fail("%s is not set, so %s; set it to a customer-managed KMS key", name, ifAbsent)
	case encKeyAWSManaged:
		return policy.Fail("%s %q is an AWS-managed key; set it to a customer-managed KMS key", name, key.Value)
	case encKeyMalformed:
		return encMalformed(name, key.Value)
	case encKeyUnknown:
		return policy.Undecided("%s is computed and does not come from a KMS key of this stack; %s", name, req)
	default:
		return policy.Pass("encrypted with customer KMS key %s", key.Desc)
	}
}

// encEMRConfig decodes an EMR security configuration's JSON; ok is false with the result to return when it
// is computed, absent or not JSON.
func encEMRConfig(r *policy.Resource, req string) (doc policy.Value, res policy.Result, ok bool) {
	doc, k, err := encJSONDoc(r.Get("configuration"))
	switch {
	case k == policy.Unknown:
		return doc, policy.Undecided("configuration is computed; %s", req), false
	case k == policy.Absent:
		return doc, policy.Fail("configuration is not set; %s", req), false
	case err != nil:
		return doc, policy.Fail("configuration is not valid JSON (%v); %s", err, req), false
	}
	return doc, policy.Result{}, true
}

// encEachBucket judges every S3 bucket (BucketV2 and the legacy Bucket) of the stack, one finding each.
func encEachBucket(rs []*policy.Resource, judge func(b *policy.Resource) policy.Result) []policy.Result {
	var out []policy.Result
	for _, b := range rs {
		if b == nil || (b.Type != typeS3BucketV2 && b.Type != typeS3Bucket) {
			continue
		}
		out = append(out, regWithURN(judge(b), b))
	}
	return out
}

// encKeyKind classifies a known key reference the way encKeyAt does.
func encKeyKind(s string) encKeyState {
	switch semantic.ParseKMSKey(s).Kind {
	case semantic.KeyDefault:
		return encKeyAbsent
	case semantic.KeyAWSManaged:
		return encKeyAWSManaged
	case semantic.KeyMalformed:
		return encKeyMalformed
	}
	return encKeyCustomer
}

// encJSONDoc reads a JSON document input: JSON text, or an object as the engine may pass it.
func encJSONDoc(v policy.Value) (policy.Value, policy.Known, error) {
	switch {
	case v.IsComputed():
		return v, policy.Unknown, nil
	case v.IsMap():
		return v, policy.Present, nil
	}
	s, k := policy.Str(v)
	if k != policy.Present || strings.TrimSpace(s) == "" {
		return v, policy.Absent, nil
	}
	var x any
	if err := json.Unmarshal([]byte(s), &x); err != nil {
		return v, policy.Present, err
	}
	return policy.FromGo(x), policy.Present, nil
}
