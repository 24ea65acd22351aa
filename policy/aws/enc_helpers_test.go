package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// encAtRestWant holds the exact messages an encAtRest rule must give for each one-property change.
type encAtRestWant struct {
	// FlagFalse, FlagAbsent and FlagComputed are for rules with an encryption flag.
	FlagFalse, FlagAbsent, FlagComputed string
	// KeyAbsent, KeyAWS (for AWSAlias) and KeyComputed are for the key input.
	KeyAbsent, KeyAWS, KeyComputed string
	// AWSAlias is the service's AWS-managed key alias.
	AWSAlias string
}

const encTestKeyARN = "arn:aws:kms:eu-west-2:111122223333:key/0b1c2d3e-1111-2222-3333-444455556666"

// encAtRestFixture builds the fixture of a single-resource "customer KMS key" rule: the baseline resource
// (inputs, with the key input computed and linked to a KMS key of the stack), then one case per property.
func encAtRestFixture(id, typ, name string, inputs map[string]any, c encAtRest, w encAtRestWant) policytest.Fixture {
	top := c.Key[0].(string)
	base := func() []*policy.Resource {
		r := policytest.AWS(typ, name, inputs)
		if c.Flag != nil {
			policytest.Set(r, true, c.Flag...)
		}
		policytest.SetComputed(r, c.Key...)
		key := policytest.AWS(typeKMSKey, name+"-key", map[string]any{"enableKeyRotation": true})
		policytest.Link(r, top, key)
		return []*policy.Resource{r, key}
	}
	unlink := func(r *policy.Resource) { delete(r.PropertyDependencies, top) }
	cases := []policytest.Case{
		{
			Name: "key not set",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Delete(rs[0], c.Key...)
				unlink(rs[0])
			},
			Want: policy.StatusFail, Message: w.KeyAbsent,
		},
		{
			Name: "AWS-managed key " + w.AWSAlias,
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], w.AWSAlias, c.Key...)
				unlink(rs[0])
			},
			Want: policy.StatusFail, Message: w.KeyAWS,
		},
		{
			Name: "AWS-managed key by alias ARN",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "arn:aws:kms:eu-west-2:111122223333:"+w.AWSAlias, c.Key...)
				unlink(rs[0])
			},
			Want: policy.StatusFail,
			Message: encPath(c.Key) + ` "arn:aws:kms:eu-west-2:111122223333:` + w.AWSAlias +
				`" is an AWS-managed key; set it to a customer-managed KMS key`,
		},
		{
			Name:   "key computed, not from a KMS key",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) { unlink(rs[0]) },
			Want:   policy.StatusUnknown, Message: w.KeyComputed,
		},
		{
			Name: "key computed from another kind of resource",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies[top] = []string{policytest.URN("aws:ssm/parameter:Parameter", "key-id")}
			},
			Want: policy.StatusUnknown, Message: w.KeyComputed,
		},
		{
			Name: "known customer key ARN (exported state)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], encTestKeyARN, c.Key...)
				unlink(rs[0])
			},
			Want: policy.StatusPass, Message: `encrypted with customer KMS key "` + encTestKeyARN + `"`,
		},
		{
			Name: "key from a customer alias resource under a component",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].PropertyDependencies[top] = []string{
					"urn:pulumi:fixture::police-landing-zones::policecloud:aws:Foundation$aws:kms/alias:Alias::data-alias",
				}
			},
			Want: policy.StatusPass, Message: "encrypted with customer KMS key data-alias (aws:kms/alias:Alias)",
		},
	}
	if c.Flag != nil {
		cases = append(cases,
			policytest.Case{
				Name:   "encryption flag false",
				Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, c.Flag...) },
				Want:   policy.StatusFail, Message: w.FlagFalse,
			},
			policytest.Case{
				Name:   "encryption flag not set",
				Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], c.Flag...) },
				Want:   policy.StatusFail, Message: w.FlagAbsent,
			},
			policytest.Case{
				Name:   "encryption flag computed",
				Mutate: func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], c.Flag...) },
				Want:   policy.StatusUnknown, Message: w.FlagComputed,
			},
		)
	}
	return policytest.Fixture{
		RuleID:          id,
		Resources:       base,
		BaselineMessage: "encrypted with customer KMS key " + name + "-key (aws:kms/key:Key)",
		Cases:           cases,
	}
}

func TestRegURN(t *testing.T) {
	t.Parallel()
	for urn, want := range map[string][2]string{
		"urn:pulumi:dev::lz::aws:kms/key:Key::k":                               {"aws:kms/key:Key", "k"},
		"urn:pulumi:dev::lz::policecloud:aws:Foundation$aws:kms/key:Key::a::b": {"aws:kms/key:Key", "a::b"},
		"urn:pulumi:dev::lz::a$b$aws:s3/bucketV2:BucketV2::evidence":           {"aws:s3/bucketV2:BucketV2", "evidence"},
		"not-a-urn": {"", "not-a-urn"},
		"urn:pulumi:dev::lz::pulumi:providers:aws::aws-london":                   {"pulumi:providers:aws", "aws-london"},
		"urn:pulumi:dev::lz::policecloud:aws:Foundation::foundation":             {"policecloud:aws:Foundation", "foundation"},
		"urn:pulumi:dev::lz::policecloud:aws:Foundation$aws:kms/alias:Alias::al": {"aws:kms/alias:Alias", "al"},
	} {
		assert.Equal(t, want[0], regURNType(urn), urn)
		assert.Equal(t, want[1], regURNName(urn), urn)
	}
}

func TestEncKeyAt(t *testing.T) {
	t.Parallel()
	r := policytest.AWS("aws:sns/topic:Topic", "t", map[string]any{"a": "", "b": "alias/aws/sns", "c": "alias/pos-data", "d": 7})
	assert.Equal(t, encKeyAbsent, encKeyAt(r, "a").State)
	assert.Equal(t, encKeyAWSManaged, encKeyAt(r, "b").State)
	assert.Equal(t, encKeyCustomer, encKeyAt(r, "c").State)
	assert.Equal(t, encKeyAbsent, encKeyAt(r, "d").State, "a number is not a key")
	policytest.Set(r, "my-key", "f")
	assert.Equal(t, encKeyMalformed, encKeyAt(r, "f").State)
	policytest.Set(r, "aws/sns", "g")
	assert.Equal(t, encKeyAWSManaged, encKeyAt(r, "g").State, "console spelling")
	assert.Equal(t, encKeyAbsent, encKeyAt(r, "missing", "deep").State)
	policytest.SetComputed(r, "e")
	assert.Equal(t, encKeyUnknown, encKeyAt(r, "e", "nested").State, "computed parent, no dependency")
	assert.Equal(t, "serverSideEncryption.kmsKeyArn", encPath([]any{"serverSideEncryption", "kmsKeyArn"}))
	assert.Equal(t, "rules[0].x", encPath([]any{"rules", 0, "x"}))
	assert.Equal(t, "[0]", encPath([]any{0}))
}
