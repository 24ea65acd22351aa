package aws

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// regReplicationBaseline is a source bucket replicating to a second London bucket, as at preview: the
// destination ARN is computed and linked by a property dependency on the rules.
func regReplicationBaseline() []*policy.Resource {
	src := policytest.AWS(typeS3BucketV2, "evidence", map[string]any{})
	dst := policytest.AWS(typeS3BucketV2, "evidence-replica", map[string]any{"bucket": "pos-evidence-replica"})
	key := policytest.AWS(typeKMSKey, "replica-key", map[string]any{})
	rep := policytest.AWS(regTypeS3Replication, "evidence-replication", map[string]any{
		"bucket": policy.UnknownSentinel,
		"role":   policy.UnknownSentinel,
		"rules": []any{map[string]any{
			"id": "all", "status": "Enabled",
			"destination": map[string]any{
				"bucket":                  policy.UnknownSentinel,
				"storageClass":            "STANDARD",
				"encryptionConfiguration": map[string]any{"replicaKmsKeyId": policy.UnknownSentinel},
			},
		}},
	})
	policytest.Link(rep, "bucket", src)
	policytest.Link(rep, "rules", dst)
	policytest.Link(rep, "rules", key)
	return []*policy.Resource{src, dst, key, rep}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID:          "PCLZ-AWS-REG-003",
	Resources:       regReplicationBaseline,
	Subject:         policytest.URN(regTypeS3Replication, "evidence-replication"),
	BaselineMessage: "every destination bucket is in an allowed region (evidence-replica)",
	Cases: []policytest.Case{
		{
			Name:    "destination bucket on an Ireland provider",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].Provider = policytest.AWSProvider("eu-west-1") },
			Want:    policy.StatusFail,
			Message: `destination bucket evidence-replica provider aws-london region "eu-west-1" is outside the UK allow-list (eu-west-2)`,
		},
		{
			Name:    "destination bucket with no provider",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { rs[1].Provider = nil },
			Want:    policy.StatusFail,
			Message: "destination bucket evidence-replica has no provider; create it on an explicit AWS provider whose region is one of eu-west-2",
		},
		{
			Name: "destination is an ARN of a bucket outside the stack",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies["rules"] = nil
				policytest.Set(rs[3], "arn:aws:s3:::someone-elses-bucket", "rules", 0, "destination", "bucket")
			},
			Want:    policy.StatusFail,
			Message: `destination bucket "arn:aws:s3:::someone-elses-bucket" is not a bucket of this stack, so its jurisdiction is unknown; replicate only to buckets this stack creates in eu-west-2`,
		},
		{
			Name: "destination computed with no dependency",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies["rules"] = nil
			},
			Want:    policy.StatusUnknown,
			Message: "destination bucket is computed and not shown to come from a bucket of this stack; it must be a bucket this stack creates in eu-west-2",
		},
		{
			Name: "destination computed, rules also depend on a stack reference",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies["rules"] = append(rs[3].PropertyDependencies["rules"],
					policytest.URN("pulumi:pulumi:StackReference", "partner"))
			},
			Want:    policy.StatusUnknown,
			Message: "destination bucket is computed and not shown to come from a bucket of this stack; it must be a bucket this stack creates in eu-west-2",
		},
		{
			Name: "destination provider region computed",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].Provider.Inputs = policy.SetAt(rs[1].Provider.Inputs, policy.FromGo(policy.UnknownSentinel), "region")
			},
			Want:    policy.StatusUnknown,
			Message: "destination bucket evidence-replica provider aws-london region is computed; it must be one of eu-west-2",
		},
		{
			Name:    "rules computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[3], "rules") },
			Want:    policy.StatusUnknown,
			Message: "replication rules are computed; every destination must be a bucket of this stack in eu-west-2",
		},
		{
			Name:    "no rules",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[3], []any{}, "rules") },
			Want:    policy.StatusNotApplicable,
			Message: "replication configuration has no destinations",
		},
		{
			Name: "known ARN of a bucket of this stack (explicit name)",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[3].PropertyDependencies["rules"] = nil
				policytest.Set(rs[3], "arn:aws:s3:::pos-evidence-replica", "rules", 0, "destination", "bucket")
			},
			Want:    policy.StatusPass,
			Message: "every destination bucket is in an allowed region (evidence-replica)",
		},
		{
			Name: "exported state: known ARN matched by bucket ID, destination in Ireland",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[1].ID = "evidence-replica-7f3a"
				rs[1].Provider = policytest.AWSProvider("eu-west-1")
				rs[3].PropertyDependencies = nil
				policytest.Set(rs[3], "arn:aws:s3:::evidence-replica-7f3a", "rules", 0, "destination", "bucket")
			},
			Want:    policy.StatusFail,
			Message: `destination bucket evidence-replica provider aws-london region "eu-west-1" is outside the UK allow-list (eu-west-2)`,
		},
	},
})

func TestRegS3InlineReplication(t *testing.T) {
	t.Parallel()
	rule := regStackRule(t, "PCLZ-AWS-REG-003")
	inlineV2 := func(dest string) map[string]any {
		return map[string]any{"replicationConfigurations": []any{map[string]any{
			"role":  "arn:aws:iam::111122223333:role/replication",
			"rules": []any{map[string]any{"status": "Enabled", "destinations": []any{map[string]any{"bucket": dest}}}},
		}}}
	}
	for _, c := range []struct {
		name, typ string
		inputs    map[string]any
		dstRegion string
		want      policy.Status
		message   string
	}{
		{"BucketV2 inline to a London bucket of the stack", typeS3BucketV2, inlineV2("arn:aws:s3:::pos-replica"), "eu-west-2",
			policy.StatusPass, "every destination bucket is in an allowed region (replica)"},
		{"BucketV2 inline to a Frankfurt bucket of the stack", typeS3BucketV2, inlineV2("arn:aws:s3:::pos-replica"), "eu-central-1",
			policy.StatusFail, `destination bucket replica provider aws-london region "eu-central-1" is outside the UK allow-list (eu-west-2)`},
		{"BucketV2 inline to a bucket outside the stack", typeS3BucketV2, inlineV2("arn:aws:s3:::elsewhere"), "eu-west-2",
			policy.StatusFail, `destination bucket "arn:aws:s3:::elsewhere" is not a bucket of this stack, so its jurisdiction is unknown; replicate only to buckets this stack creates in eu-west-2`},
		{"BucketV2 inline computed", typeS3BucketV2, map[string]any{"replicationConfigurations": policy.UnknownSentinel}, "eu-west-2",
			policy.StatusUnknown, "replication rules are computed; every destination must be a bucket of this stack in eu-west-2"},
		{"legacy Bucket inline", typeS3Bucket, map[string]any{"replicationConfiguration": map[string]any{
			"role":  "arn:aws:iam::111122223333:role/replication",
			"rules": []any{map[string]any{"status": "Enabled", "destination": map[string]any{"bucket": "arn:aws:s3:::pos-replica"}}},
		}}, "us-east-1", policy.StatusFail, `destination bucket replica provider aws-london region "us-east-1" is outside the UK allow-list (eu-west-2)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := policytest.AWS(c.typ, "source", c.inputs)
			dst := policytest.AWS(typeS3BucketV2, "replica", map[string]any{"bucket": "pos-replica"})
			dst.Provider = policytest.AWSProvider(c.dstRegion)
			got := regFinding(t, rule, []*policy.Resource{src, dst}, src.URN)
			assert.Equal(t, c.want, got.Status)
			assert.Equal(t, c.message, got.Message)
		})
	}
	// A bucket with no inline replication gets no finding from this rule.
	plain := policytest.AWS(typeS3BucketV2, "plain", nil)
	ev := policy.Evaluate(policy.NewContext("fixture", tier.Gold), []*policy.Resource{plain}, policy.Options{StackRules: []policy.StackRule{rule}})
	assert.Empty(t, ev.Findings)
}

// regStackRule returns this package's stack rule with the given ID.
func regStackRule(t *testing.T, id string) policy.StackRule {
	t.Helper()
	i := slices.IndexFunc(StackRules(), func(r policy.StackRule) bool { return r.ID == id })
	require.GreaterOrEqual(t, i, 0, "no stack rule %s", id)
	return StackRules()[i]
}

// regFinding evaluates one stack rule over rs (Gold tier) and returns its finding on urn.
func regFinding(t *testing.T, rule policy.StackRule, rs []*policy.Resource, urn string) policy.Finding {
	t.Helper()
	ev := policy.Evaluate(policy.NewContext("fixture", tier.Gold), rs, policy.Options{StackRules: []policy.StackRule{rule}})
	i := slices.IndexFunc(ev.Findings, func(f policy.Finding) bool { return f.URN == urn })
	require.GreaterOrEqual(t, i, 0, "no finding on %s: %+v", urn, ev.Findings)
	return ev.Findings[i]
}
