package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

func TestEvidenceStore(t *testing.T) {
	t.Parallel()
	c := lztest.New(lztest.Options{Project: "evidence-store", Stack: "dev"})
	require.NoError(t, c.Run(program))
	assert.Equal(t, 1, c.Types()["policecloud:aws:EvidenceStore"])
	assert.Equal(t, 2, c.Types()["aws:s3/bucketV2:BucketV2"], "the store and its access-log bucket")
	// Not a landing zone stack: no tier context, so only resource-level rules decide.
	ctx := policy.NewContext("dev", "")
	ctx.Cloud = "aws"
	lztest.AssertNoBlocking(t, c, ctx)
	assert.Positive(t, policy.Tally(c.Evaluate(ctx).Findings)[policy.StatusPass])
}
