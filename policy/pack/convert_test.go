package main

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
)

// TestFromAnalyzerVersionedType: the engine sends the type token the program wrote; rules see an
// azure-native API-versioned token as the default one, and the written token is kept.
func TestFromAnalyzerVersionedType(t *testing.T) {
	r := fromAnalyzer(policyx.AnalyzerResource{Type: "azure-native:recoveryservices/v20240401:Vault", URN: "urn:x"})
	assert.Equal(t, "azure-native:recoveryservices:Vault", r.Type)
	assert.Equal(t, "azure-native:recoveryservices/v20240401:Vault", r.WrittenType)
	r = fromAnalyzer(policyx.AnalyzerResource{Type: "aws:s3/bucketV2:BucketV2", URN: "urn:y"})
	assert.Equal(t, "aws:s3/bucketV2:BucketV2", r.Type)
	assert.Empty(t, r.WrittenType)
}
