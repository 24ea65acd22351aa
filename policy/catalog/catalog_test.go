package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
)

func TestCatalogueIDsUniqueAndMetadataComplete(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, m := range Metas() {
		assert.False(t, seen[m.ID], "duplicate rule ID %s across packs", m.ID)
		seen[m.ID] = true
		assert.Empty(t, policy.ValidateMeta(m))
	}
	assert.NotEmpty(t, seen)
}
