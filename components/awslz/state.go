package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// stateNoncurrentDays is how long superseded versions of stack state are kept.
const stateNoncurrentDays = 400

// newStateBackend creates the Pulumi state backend: a versioned, KMS-encrypted, protected bucket in
// London and the key for `--secrets-provider awskms://`. Account principals may use the key directly
// (the Pulumi CLI encrypts stack secrets with it), so it is a key of its own.
func newStateBackend(ctx *pulumi.Context, c child, name string, a account, accessLogs *s3.BucketV2) (*s3.BucketV2, *kms.Key, error) {
	key, err := newKey(ctx, c, name+"-state-key", "Pulumi state and stack secrets", a, map[string]any{
		"Sid": "AccountEncryptsStackSecrets", "Effect": "Allow",
		"Principal": map[string]any{"AWS": a.root()},
		"Action":    keyUseActions, "Resource": "*",
		"Condition": map[string]any{"StringEquals": map[string]any{"kms:CallerAccount": a.id}},
	})
	if err != nil {
		return nil, nil, err
	}
	bucket, err := newBucket(ctx, c, bucketSpec{
		name: name + "-state", purpose: "state", keyARN: key.Arn,
		logBucket: accessLogs.ID(), expireNoncurrentDays: stateNoncurrentDays,
	})
	if err != nil {
		return nil, nil, err
	}
	return bucket, key, nil
}
