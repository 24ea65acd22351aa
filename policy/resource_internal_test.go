package policy

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A provider's JSON-text input is decoded once and then read from the cache, with the same value.
func TestDecodeJSONTextIsCached(t *testing.T) {
	text := `{"tags":{"Tier":"Gold","Owner":"cache-test"}}`
	_, cached := jsonTexts.Load(text)
	require.False(t, cached)
	first := decodeJSONText(property.New(text))
	got, cached := jsonTexts.Load(text)
	require.True(t, cached, "decoded once, then cached")
	assert.True(t, first.Equals(got.(property.Value)))
	assert.True(t, first.Equals(decodeJSONText(property.New(text))))
	assert.Equal(t, "Gold", AtValue(first, "tags", "Tier").AsString())
	// Text that is not JSON is returned as it is and not cached.
	bad := property.New(`{not json`)
	assert.True(t, bad.Equals(decodeJSONText(bad)))
	_, cached = jsonTexts.Load(`{not json`)
	assert.False(t, cached)
}
