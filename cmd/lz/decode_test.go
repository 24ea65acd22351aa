package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

// Inputs decoded straight into property values are the inputs decoding into Go maps and converting gave.
func TestInputsDecodeAsGoMaps(t *testing.T) {
	t.Parallel()
	check := func(path string, doc []byte) {
		var dep struct {
			Deployment struct {
				Resources []json.RawMessage `json:"resources"`
			} `json:"deployment"`
			Steps []struct {
				NewState json.RawMessage `json:"newState"`
			} `json:"steps"`
		}
		require.NoError(t, json.Unmarshal(doc, &dep), path)
		raws := dep.Deployment.Resources
		for _, s := range dep.Steps {
			if len(s.NewState) > 0 && string(s.NewState) != "null" {
				raws = append(raws, s.NewState)
			}
		}
		require.NotEmpty(t, raws, path)
		for _, raw := range raws {
			var fast decodedResource
			var legacy stateResource
			require.NoError(t, json.Unmarshal(raw, &fast), path)
			require.NoError(t, json.Unmarshal(raw, &legacy), path)
			want := policy.FromGo(legacy.Inputs).AsMap()
			assert.True(t, want.Equals(fast.Inputs.asMap()), "%s: %s", path, fast.URN)
		}
	}
	for _, path := range []string{exportFixture, "testdata/pos-bronze.preview.json"} {
		doc, err := os.ReadFile(path)
		require.NoError(t, err)
		check(path, doc)
	}
	doc, err := os.ReadFile(syntheticExport(t, 50))
	require.NoError(t, err)
	check("synthetic", doc)
}

// Inputs that are not an object are refused with encoding/json's own message, as before.
func TestInputsNotAnObject(t *testing.T) {
	t.Parallel()
	_, err := readState([]byte(`{"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:s::p::t::n", "type": "t", "inputs": [1]}]}}`))
	assert.EqualError(t, err, "deployment is not a version 3 deployment (json: cannot unmarshal array into Go struct field stateResource.resources.inputs of type map[string]interface {}): expected the output of `pulumi stack export` (deployment version 3)")
	_, err = readPreview([]byte(`{"steps": [{"op": "create", "urn": "u", "newState": {"urn": "u", "inputs": "x"}}]}`))
	assert.EqualError(t, err, "steps are not preview steps (json: cannot unmarshal string into Go struct field stateResource.newState.inputs of type map[string]interface {}): expected the output of `pulumi preview --json`")
	rs, err := readState([]byte(`{"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:s::p::t::n", "type": "t", "inputs": null}]}}`))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, 0, rs[0].Inputs.Len())
}
