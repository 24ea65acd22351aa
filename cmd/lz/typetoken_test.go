package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

// TestReadVersionedTypeToken: an export or preview naming an azure-native API-versioned token gives the
// rules the default token, with the written one kept, through the fast decoder, encoding/json and a
// preview alike.
func TestReadVersionedTypeToken(t *testing.T) {
	const urn = "urn:pulumi:s::p::azure-native:storage/v20230101:StorageAccount::sa"
	state := []byte(`{"version": 3, "deployment": {"resources": [{"urn": "` + urn + `", "custom": true, "type": "azure-native:storage/v20230101:StorageAccount", "inputs": {"allowBlobPublicAccess": true}}]}}`)
	preview := []byte(`{"steps": [{"op": "create", "urn": "` + urn + `", "newState": {"urn": "` + urn + `", "custom": true, "type": "azure-native:storage/v20230101:StorageAccount", "inputs": {}}}]}`)
	fast, err := readState(state)
	require.NoError(t, err)
	slow, err := decodeState(state)
	require.NoError(t, err)
	pre, err := readPreview(preview)
	require.NoError(t, err)
	for name, rs := range map[string][]*policy.Resource{"readState": fast, "decodeState": slow, "readPreview": pre} {
		require.Len(t, rs, 1, name)
		assert.Equal(t, "azure-native:storage:StorageAccount", rs[0].Type, name)
		assert.Equal(t, "azure-native:storage/v20230101:StorageAccount", rs[0].WrittenType, name)
	}
}
