package semantic

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

const (
	testKeyID  = "0b1c2d3e-1111-2222-3333-444455556666"
	testKeyARN = "arn:aws:kms:eu-west-2:111122223333:key/" + testKeyID
)

func TestParseKMSKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in     string
		kind   KeyKind
		region string
		keyID  string
		alias  string
	}{
		{in: "", kind: KeyDefault},
		{in: "   ", kind: KeyDefault},
		{in: "alias/aws/s3", kind: KeyAWSManaged, alias: "aws/s3"},
		{in: "alias/aws/rds", kind: KeyAWSManaged, alias: "aws/rds"},
		{in: "alias/AWS/ebs", kind: KeyAWSManaged, alias: "AWS/ebs"},
		{in: "aws/secretsmanager", kind: KeyAWSManaged, alias: "aws/secretsmanager"},
		{in: "arn:aws:kms:eu-west-2:111122223333:alias/aws/s3", kind: KeyAWSManaged, region: "eu-west-2", alias: "aws/s3"},
		{in: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/ssm", kind: KeyAWSManaged, region: "us-gov-west-1", alias: "aws/ssm"},
		{in: "AWS_OWNED_KMS_KEY", kind: KeyAWSManaged},
		{in: "AWS_OWNED_CMK", kind: KeyAWSManaged},
		{in: testKeyID, kind: KeyCustomer, keyID: testKeyID},
		{in: "mrk-1234abcd12ab34cd56ef1234567890ab", kind: KeyCustomer, keyID: "mrk-1234abcd12ab34cd56ef1234567890ab"},
		{in: testKeyARN, kind: KeyCustomer, region: "eu-west-2", keyID: testKeyID},
		{in: "alias/pos-data", kind: KeyCustomer, alias: "pos-data"},
		{in: "alias/awsome", kind: KeyCustomer, alias: "awsome"},
		{in: "alias/aws", kind: KeyCustomer, alias: "aws"},
		{in: "arn:aws:kms:eu-west-2:111122223333:alias/pos-data", kind: KeyCustomer, region: "eu-west-2", alias: "pos-data"},
		{in: "arn:aws:kms:eu-west-2:111122223333:key/not-a-key", kind: KeyMalformed},
		{in: "arn:aws:s3:::bucket", kind: KeyMalformed},
		{in: "arn:aws:kms:eu-west-2:111122223333:grant/x", kind: KeyMalformed},
		{in: "arn:aws:kms:::alias/x", kind: KeyMalformed},
		{in: "alias/", kind: KeyMalformed},
		{in: "alias/has space", kind: KeyMalformed},
		{in: "my-key", kind: KeyMalformed},
		{in: "arn:", kind: KeyMalformed},
	} {
		got := ParseKMSKey(tc.in)
		assert.Equal(t, tc.kind, got.Kind, "%q: kind %s", tc.in, got.Kind)
		assert.Equal(t, tc.region, got.Region, "%q: region", tc.in)
		assert.Equal(t, tc.keyID, got.KeyID, "%q: key ID", tc.in)
		assert.Equal(t, tc.alias, got.Alias, "%q: alias", tc.in)
		assert.Equal(t, tc.in, got.Raw)
		assert.Equal(t, tc.kind == KeyCustomer, IsCustomerManaged(tc.in), tc.in)
	}
	assert.Equal(t, "default", KeyDefault.String())
	assert.Equal(t, "aws-managed", KeyAWSManaged.String())
	assert.Equal(t, "customer", KeyCustomer.String())
	assert.Equal(t, "malformed", KeyMalformed.String())
}

// stack is a key, an alias of it and a resource that uses the key: the key input is computed and linked
// (preview) unless known values are given (exported state).
func stack() (key, alias, user *policy.Resource) {
	key = policytest.AWS(TypeKMSKey, "data-key", map[string]any{"enableKeyRotation": true})
	alias = policytest.AWS(TypeKMSAlias, "data-alias", map[string]any{"name": "alias/pos-data", "targetKeyId": policy.UnknownSentinel})
	policytest.Link(alias, "targetKeyId", key)
	user = policytest.AWS("aws:sqs/queue:Queue", "q", map[string]any{"kmsMasterKeyId": policy.UnknownSentinel})
	return key, alias, user
}

func TestFindStackKey(t *testing.T) {
	t.Parallel()
	t.Run("dependency on the key", func(t *testing.T) {
		t.Parallel()
		key, alias, user := stack()
		policytest.Link(user, "kmsMasterKeyId", key)
		got, ok := FindStackKey([]*policy.Resource{key, alias, user}, user, "kmsMasterKeyId")
		require.True(t, ok)
		assert.Same(t, key, got.Key)
		assert.Nil(t, got.Alias)
	})
	t.Run("dependency on the alias resolves to its target", func(t *testing.T) {
		t.Parallel()
		key, alias, user := stack()
		policytest.Link(user, "kmsMasterKeyId", alias)
		got, ok := FindStackKey([]*policy.Resource{key, alias, user}, user, "kmsMasterKeyId")
		require.True(t, ok)
		assert.Same(t, key, got.Key)
		assert.Same(t, alias, got.Alias)
	})
	for _, v := range []string{testKeyID, testKeyARN, "alias/pos-data", "arn:aws:kms:eu-west-2:111122223333:alias/pos-data"} {
		t.Run("known value "+v, func(t *testing.T) {
			t.Parallel()
			key, alias, user := stack()
			key.ID = testKeyID
			alias.PropertyDependencies = nil
			policytest.Set(alias, testKeyID, "targetKeyId")
			policytest.Set(user, v, "kmsMasterKeyId")
			got, ok := FindStackKey([]*policy.Resource{key, alias, user}, user, "kmsMasterKeyId")
			require.True(t, ok)
			assert.Same(t, key, got.Key)
		})
	}
	t.Run("nested path", func(t *testing.T) {
		t.Parallel()
		key, alias, user := stack()
		key.ID = testKeyID
		policytest.Set(user, testKeyARN, "sse", "kmsKeyArn")
		got, ok := FindStackKey([]*policy.Resource{key, alias, user}, user, "sse", "sse", "kmsKeyArn")
		require.True(t, ok)
		assert.Same(t, key, got.Key)
	})
	for name, mutate := range map[string]func(key, alias, user *policy.Resource){
		"no dependency, computed": func(_, _, _ *policy.Resource) {},
		"AWS-managed alias":       func(_, _, u *policy.Resource) { policytest.Set(u, "alias/aws/sqs", "kmsMasterKeyId") },
		"other account's key": func(_, _, u *policy.Resource) {
			policytest.Set(u, "arn:aws:kms:eu-west-2:999:key/"+testKeyID, "kmsMasterKeyId")
		},
		"alias of no key of the stack": func(_, a, u *policy.Resource) { a.PropertyDependencies = nil; policytest.Link(u, "kmsMasterKeyId", a) },
		"dependency outside the stack": func(_, _, u *policy.Resource) {
			policytest.Link(u, "kmsMasterKeyId", policytest.AWS(TypeKMSKey, "elsewhere", nil))
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			key, alias, user := stack()
			mutate(key, alias, user)
			_, ok := FindStackKey([]*policy.Resource{key, alias, user}, user, "kmsMasterKeyId")
			assert.False(t, ok)
		})
	}
	_, ok := FindStackKey(nil, nil, "x")
	assert.False(t, ok)
}

func FuzzParseKMSKey(f *testing.F) {
	for _, s := range []string{"", "alias/aws/s3", testKeyARN, testKeyID, "arn:aws:kms:eu-west-2:1:alias/aws/x", "alias/x", "arn:::::", "aws/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ParseKMSKey(s)
		if got.Raw != s {
			t.Fatalf("raw %q != %q", got.Raw, s)
		}
		switch got.Kind {
		case KeyCustomer:
			if got.KeyID == "" && got.Alias == "" {
				t.Fatalf("%q: customer key with neither key ID nor alias", s)
			}
			if isAWSAlias(got.Alias) {
				t.Fatalf("%q: reserved alias taken for a customer key", s)
			}
		case KeyAWSManaged, KeyDefault, KeyMalformed:
		default:
			t.Fatalf("%q: kind %d", s, got.Kind)
		}
		_, _ = FindStackKeyByValue(nil, s)
	})
}

func ExampleParseKMSKey() {
	for _, s := range []string{
		"",
		"alias/aws/s3",
		"arn:aws:kms:eu-west-2:111122223333:alias/aws/rds",
		"arn:aws:kms:eu-west-2:111122223333:key/0b1c2d3e-1111-2222-3333-444455556666",
		"alias/pos-data",
		"my-key",
	} {
		fmt.Printf("%q: %s\n", s, ParseKMSKey(s).Kind)
	}
	// Output:
	// "": default
	// "alias/aws/s3": aws-managed
	// "arn:aws:kms:eu-west-2:111122223333:alias/aws/rds": aws-managed
	// "arn:aws:kms:eu-west-2:111122223333:key/0b1c2d3e-1111-2222-3333-444455556666": customer
	// "alias/pos-data": customer
	// "my-key": malformed
}
