package sarifcheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const good = `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"policecloud-lz","semanticVersion":"0.0.0-devel+3a440cf0a1b2.modified",
 "rules":[{"id":"R1","shortDescription":{"text":"r"},"properties":{"security-severity":"9.5","tags":["a"]}}]}},
 "automationDetails":{"id":"lz/pos-gold/"},
 "results":[{"ruleId":"R1","message":{"text":"m"},"partialFingerprints":{"k":"v"},
  "locations":[{"physicalLocation":{"artifactLocation":{"uri":"stacks/Pulumi.pos-gold.yaml"},"region":{"startLine":5}}}]}]}]}`

func TestCheck(t *testing.T) {
	t.Parallel()
	assert.Empty(t, Check([]string{"a"}, []byte(good)))

	other := []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"policecloud-lz","semanticVersion":"v1.0",
 "rules":[{"id":"R1","properties":{"security-severity":"high"}}]}},
 "automationDetails":{"id":"lz/pos-gold/"},
 "results":[{"ruleId":"R2","message":{"text":""},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"/abs/Pulumi.yaml"}}}]},
  {"ruleId":"R1","message":{"text":"m"},"partialFingerprints":{"k":"v"},"locations":[]}]}]}`)
	assert.Equal(t, []string{
		`b: runs[0]: tool.driver.semanticVersion "v1.0" is not a Semantic Versioning 2.0 version`,
		`b: runs[0]: automationDetails category "lz/pos-gold/" of tool policecloud-lz is also that of a: runs[0]: the later upload would replace the earlier's alerts`,
		"b: runs[0]: rule R1 has no shortDescription.text",
		"b: runs[0]: rule R1 security-severity high is not a number from 0.0 to 10.0 given as text",
		"b: runs[0].results[0] (R2): ruleId names no rule of the driver",
		"b: runs[0].results[0] (R2): message.text is empty",
		"b: runs[0].results[0] (R2): no partialFingerprints: alerts would be matched by line and duplicate as the file changes",
		`b: runs[0].results[0] (R2): uri "/abs/Pulumi.yaml" is not a path relative to the repository root`,
		"b: runs[0].results[0] (R2): locations[0].physicalLocation has no region.startLine",
		"b: runs[0].results[1] (R1): no location: code scanning shows a result only at a file",
	}, Check([]string{"a", "b"}, []byte(good), other))

	assert.Equal(t, []string{"c: runs[0]: no automationDetails.id: runs of one tool uploaded side by side need a category each"},
		Check([]string{"c"}, []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}}}]}`)))
	assert.Equal(t, []string{`d: version "2.0.0": code scanning reads SARIF 2.1.0 only`},
		Check([]string{"d"}, []byte(`{"version":"2.0.0","runs":[]}`)))
}

func TestIsSemver(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]bool{
		"1.2.0": true, "0.0.0-20261201100000-3a440cf0a1b2+dirty": true, "0.0.0-devel": true, "0.0.0-devel+3a440cf0a1b2.modified": true,
		"v1.2.0": false, "1.2": false, "01.2.3": false, "1.2.3-": false, "1.2.3-01": false, "(devel)": false,
	} {
		assert.Equal(t, want, isSemver(v), v)
	}
}

func TestSchema(t *testing.T) {
	t.Parallel()
	assert.NoError(t, Schema([]byte(good)))
	// A level SARIF does not define, a rule index below -1 and a property SARIF does not have.
	err := Schema([]byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},
 "results":[{"message":{"text":"m"},"level":"fatal","ruleIndex":-2,"colour":"red"}]}]}`))
	require.Error(t, err)
	for _, want := range []string{"/runs/0/results/0/level", "/runs/0/results/0/ruleIndex", "colour"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.EqualError(t, Schema([]byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`)),
		"not SARIF 2.1.0: jsonschema validation failed with '"+schemaURL+"#'\n"+
			"- at '/runs/0/results/0/level': value must be one of 'none', 'note', 'warning', 'error'")
	assert.EqualError(t, Schema([]byte(`{"version":"2.1.0","runs":[]`)), "not JSON: unexpected EOF")
}
