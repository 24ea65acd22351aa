package aws

import (
	"slices"

	"github.com/policecloud/landingzones/policy"
)

const regTypeS3Replication = typeS3BucketReplicationConfig

// regReplicationAlso are the resources a replication configuration's input may also depend on without
// casting doubt on where a computed destination bucket comes from (replica KMS keys, the replication role).
var regReplicationAlso = append(slices.Clone(encCustomerKeyTypes), typeIAMRole)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-REG-003",
		Title: "S3 replication sends copies only to buckets of this stack in an allowed UK region",
		Description: "Replication copies every object to the destination bucket, wherever that bucket is. Each " +
			"destination must be a bucket this stack creates, on a provider in an allowed region: a bucket the " +
			"stack does not create (an ARN typed in, or another account's bucket) is of unknown jurisdiction and " +
			"fails. A destination computed at preview is decided from the buckets the rules depend on. The " +
			"deprecated inline replication configuration on a bucket is held to the same rule.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{regTypeS3Replication, typeS3BucketV2, typeS3Bucket},
		Remediation: "Replicate only to a bucket created in the same program on the eu-west-2 provider, and pass it as " +
			"`rules[].destination.bucket: <destination bucket>.arn` so that the dependency is visible at preview.",
		Waivable: false,
		Reads: slices.Concat(policy.Reads(typeS3BucketReplicationConfig, "rules.destination.bucket"),
			policy.Reads(typeS3BucketV2, "replicationConfigurations.rules.destinations.bucket"),
			policy.Reads(typeS3Bucket, "replicationConfiguration.rules.destination.bucket")),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			if r == nil {
				continue
			}
			switch r.Type {
			case regTypeS3Replication:
				out = append(out, regWithURN(regS3Replication(ctx, rs, r, "rules", "rules", "*", "destination", "bucket"), r))
			case typeS3BucketV2:
				if !r.Get("replicationConfigurations").IsNull() {
					out = append(out, regWithURN(regS3Replication(ctx, rs, r, "replicationConfigurations",
						"replicationConfigurations", "*", "rules", "*", "destinations", "*", "bucket"), r))
				}
			case typeS3Bucket:
				if !r.Get("replicationConfiguration").IsNull() {
					out = append(out, regWithURN(regS3Replication(ctx, rs, r, "replicationConfiguration",
						"replicationConfiguration", "rules", "*", "destination", "bucket"), r))
				}
			}
		}
		return out
	},
})

// regS3Replication decides the destinations at path (under top-level input top) of one replication
// configuration.
func regS3Replication(ctx *policy.Context, rs []*policy.Resource, r *policy.Resource, top string, path ...string) policy.Result {
	dests, unknown := regCollect(r, path...)
	if unknown {
		return policy.Undecided("replication rules are computed; every destination must be a bucket of this stack in %s",
			regAllowedText(ctx))
	}
	if len(dests) == 0 {
		return policy.NotApplicable("replication configuration has no destinations")
	}
	var results []policy.Result
	var seen []*policy.Resource
	for _, d := range dests {
		if d.IsComputed() {
			res, buckets := regComputedDestination(ctx, rs, r, top)
			results = append(results, res)
			seen = append(seen, buckets...)
			continue
		}
		arn, k := policy.Str(d)
		if k != policy.Present {
			results = append(results, policy.Fail("destination bucket is not a bucket ARN; replicate only to buckets of this stack in %s",
				regAllowedText(ctx)))
			continue
		}
		i := slices.IndexFunc(rs, func(b *policy.Resource) bool {
			return b != nil && slices.Contains(encBucketTypes, b.Type) && encBucketName(b) != "" && encBucketName(b) == encS3ARNName(arn)
		})
		if i < 0 {
			results = append(results, policy.Fail("destination bucket %q is not a bucket of this stack, so its jurisdiction is "+
				"unknown; replicate only to buckets this stack creates in %s", arn, regAllowedText(ctx)))
			continue
		}
		results = append(results, regProviderRegion(ctx, rs[i], "destination bucket "+rs[i].Name))
		seen = append(seen, rs[i])
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	return policy.Pass("every destination bucket is in an allowed region (%s)", regNames(seen))
}

// regComputedDestination decides a destination bucket that is computed, from the buckets of this stack
// that the input top depends on.
func regComputedDestination(ctx *policy.Context, rs []*policy.Resource, r *policy.Resource, top string) (policy.Result, []*policy.Resource) {
	buckets, explained := regDeps(rs, r, top, encBucketTypes, regReplicationAlso)
	var results []policy.Result
	for _, b := range buckets {
		results = append(results, regProviderRegion(ctx, b, "destination bucket "+b.Name))
	}
	if worst, ok := regWorst(results); !ok && worst.Status != policy.StatusUnknown {
		return worst, nil
	}
	if len(buckets) == 0 || !explained {
		return policy.Undecided("destination bucket is computed and not shown to come from a bucket of this stack; it must be "+
			"a bucket this stack creates in %s", regAllowedText(ctx)), nil
	}
	if worst, ok := regWorst(results); !ok {
		return worst, nil
	}
	return policy.Pass(""), buckets
}
