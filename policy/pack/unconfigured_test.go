package main

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
)

// TestUnconfiguredInputs: a resource whose provider's configuration is unknown is judged at stack level
// by the inputs Analyze saw when the engine planned no state for it; a resource with a known provider,
// or with a planned state, keeps what the engine sent.
func TestUnconfiguredInputs(t *testing.T) {
	t.Parallel()
	unknownProv := resource.PropertyMap{"region": resource.NewProperty("eu-west-2"),
		"assumeRole": resource.NewProperty(resource.PropertyMap{"roleArn": resource.MakeComputed(resource.NewProperty(""))})}
	knownProv := resource.PropertyMap{"region": resource.NewProperty("eu-west-2")}
	inputs := resource.PropertyMap{"objectLockEnabled": resource.NewProperty(true)}
	planned := resource.PropertyMap{"objectLockEnabled": resource.NewProperty(false)}

	var u unconfiguredInputs
	u.keep("urn:a", inputs, unknownProv)
	u.keep("urn:b", inputs, knownProv)

	assert.Equal(t, inputs, u.state("urn:a", resource.PropertyMap{}, unknownProv), "no planned state: the inputs")
	assert.Equal(t, planned, u.state("urn:a", planned, unknownProv), "a planned state is kept")
	assert.Equal(t, resource.PropertyMap{}, u.state("urn:b", resource.PropertyMap{}, knownProv), "a known provider: what the engine sent")
	assert.Equal(t, resource.PropertyMap{}, u.state("urn:c", resource.PropertyMap{}, unknownProv), "never analysed: what the engine sent")
	assert.True(t, providerUnknown(unknownProv))
	assert.False(t, providerUnknown(knownProv))
	assert.False(t, providerUnknown(nil))
}

// TestServerKeepsUnconfiguredInputs: Analyze records the inputs of a resource whose provider is not
// configured, and only those.
func TestServerKeepsUnconfiguredInputs(t *testing.T) {
	t.Parallel()
	srv := server(t, nil)
	analyze(t, srv, "aws:s3/bucketV2:BucketV2", "archive", map[string]any{"objectLockEnabled": true},
		map[string]any{"region": "eu-west-2", "assumeRole": map[string]any{"roleArn": resource.MakeComputed(resource.NewProperty(""))}})
	analyze(t, srv, "aws:s3/bucketV2:BucketV2", "plain", map[string]any{"objectLockEnabled": true}, map[string]any{"region": "eu-west-2"})
	assert.Len(t, srv.unconfigured.byURN, 1)
	assert.Contains(t, srv.unconfigured.byURN, "urn:pulumi:pos-platinum::police-landing-zones::aws:s3/bucketV2:BucketV2::archive")
}
