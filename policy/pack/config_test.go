package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
)

// stackConfig returns a stack file's config as the engine passes it to the pack ("landingzone:tier").
func stackConfig(t *testing.T, stack string) map[string]string {
	t.Helper()
	_, raw, err := config.ReadFile(filepath.Join("..", "..", "stacks", "Pulumi."+stack+".yaml"))
	require.NoError(t, err)
	out := map[string]string{}
	for k, v := range raw {
		out[config.Namespace+":"+k] = v
	}
	return out
}
