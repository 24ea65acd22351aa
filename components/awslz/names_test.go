package awslz

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoFixedGlobalNames: S3 bucket names are unique across all of AWS, so no component fixes one
// (bucket or bucketPrefix): Pulumi names each bucket from its logical name plus a random suffix chosen
// when it is created and kept in the stack's state, so two forces' copies of a program never collide.
func TestNoFixedGlobalNames(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"pos-foundation", "pos-platinum", "pos-gold", "pos-bronze"} {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			c, err := runStack(t, loadStack(t, stack), nil, nil, false)
			require.NoError(t, err)
			buckets := c.Find("aws:s3/bucketV2:BucketV2")
			require.NotEmpty(t, buckets)
			for _, b := range buckets {
				fixed := !b.Get("bucket").IsNull()
				prefixed := !b.Get("bucketPrefix").IsNull()
				assert.False(t, fixed || prefixed, "%s fixes its globally unique name", b.URN)
			}
		})
	}
}
