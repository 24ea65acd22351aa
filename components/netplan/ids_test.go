package netplan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsGUID(t *testing.T) {
	t.Parallel()
	assert.True(t, IsGUID("7d1f0c2a-5b3e-4c8d-9a6f-2e4b8c0d1a35"))
	assert.True(t, IsGUID("7D1F0C2A-5B3E-4C8D-9A6F-2E4B8C0D1A35"))
	for _, s := range []string{"", "met", "7d1f0c2a5b3e4c8d9a6f2e4b8c0d1a35", "7d1f0c2a-5b3e-4c8d-9a6f-2e4b8c0d1a3", "7d1f0c2a-5b3e-4c8d-9a6f_2e4b8c0d1a35", "7d1f0c2a-5b3e-4c8d-9a6f-2e4b8c0d1a3g"} {
		assert.False(t, IsGUID(s), s)
	}
}

func TestIsWorkspaceID(t *testing.T) {
	t.Parallel()
	assert.True(t, IsWorkspaceID("/subscriptions/9e1b5c3a-7f2d-4a68-8c4e-3d5f9b1a7e20/resourceGroups/met-security/providers/Microsoft.OperationalInsights/workspaces/met-audit"))
	assert.True(t, IsWorkspaceID("/SUBSCRIPTIONS/x/resourcegroups/rg/providers/microsoft.operationalinsights/workspaces/w"))
	assert.False(t, IsWorkspaceID("met-audit"))
	assert.False(t, IsWorkspaceID("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a"))
}
