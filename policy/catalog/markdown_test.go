package catalog

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the policy catalogue in the root README.md")

// TestReadmeCatalogueMatchesRules fails when the README's policy catalogue and the rules disagree. Run
// `go test ./policy/catalog -run TestReadmeCatalogue -update` to regenerate it.
func TestReadmeCatalogueMatchesRules(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "README.md")
	doc, err := os.ReadFile(path)
	require.NoError(t, err)
	want, err := ReplaceCatalogue(string(doc))
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o600))
		return
	}
	assert.Equal(t, want, string(doc),
		"README.md policy catalogue is stale: run go test ./policy/catalog -run TestReadmeCatalogue -update")
}

func TestMarkdownListsEveryRule(t *testing.T) {
	t.Parallel()
	md := Markdown()
	for _, m := range Metas() {
		assert.Contains(t, md, "`"+m.ID+"`")
	}
	_, err := ReplaceCatalogue("no markers")
	require.Error(t, err)
}
