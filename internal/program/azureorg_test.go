package program_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/internal/stackctx"
)

// The configuration validates the platform group names the component places subscriptions in.
func TestAzurePlatformGroupsAgree(t *testing.T) {
	t.Parallel()
	assert.Equal(t, azurelz.PlatformGroups, config.AzurePlatformGroups)
}

// TestAzureOrganizationStack runs met-org's program: its configuration becomes the components'
// arguments, both components' outputs are exported, and no mandatory rule fails.
func TestAzureOrganizationStack(t *testing.T) {
	t.Parallel()
	st, cfg := azureStack(t, "met-org")
	mg, err := program.AzureManagementGroupsArgs(st)
	require.NoError(t, err)
	assert.Equal(t, "pclz-met", mg.RootGroupID)
	assert.Equal(t, st.AzureOrg.Subscriptions, mg.Subscriptions)
	assert.Equal(t, st.AzureOrg.TenantID, mg.TenantID)
	pa, err := program.AzurePrivilegedAccessArgs(st)
	require.NoError(t, err)
	assert.Equal(t, st.AzureOrg.BreakGlassObjectIDs, pa.BreakGlassObjectIDs)
	assert.Equal(t, program.AzureBreakGlassProcedure, pa.BreakGlassProcedure)
	// The reference the break-glass assignments carry resolves: docs/azure.md has that section.
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "azure.md"))
	require.NoError(t, err)
	assert.Equal(t, "docs/azure.md#break-glass-accounts", program.AzureBreakGlassProcedure)
	assert.Contains(t, string(doc), "\n### Break-glass accounts\n")
	assert.Equal(t, st.Owner, pa.AlertEmail)

	c := mockcloud.New(mockcloud.Options{Stack: "met-org", Config: cfg})
	out, err := c.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) {
		loaded, err := stackctx.Load(ctx)
		if err != nil {
			return nil, err
		}
		return program.Deploy(ctx, loaded)
	})
	require.NoError(t, err)
	for _, k := range []string{"rootGroupId", "groupIds", "subscriptionGroups", "policyAssignmentIds", "policyAssignmentPrincipalIds",
		"entraGroupIds", "operatorRoleId", "breakGlassAlertId", "role"} {
		assert.Contains(t, out, k)
	}
	assert.Equal(t, "organization", out["role"])
	assert.Len(t, c.Find(azurelz.ManagementGroupsType), 1)
	assert.Len(t, c.Find(azurelz.PrivilegedAccessType), 1)
	blocking := c.Blocking(stackctx.FromStack(st))
	assert.Empty(t, blocking, mockcloud.Describe(blocking))

	// Only an Azure organization stack has the organisation's arguments.
	f, _ := azureStack(t, "met-foundation")
	_, err = program.AzureManagementGroupsArgs(f)
	require.EqualError(t, err, "stack met-foundation is not an azure organization stack")
	_, err = program.AzurePrivilegedAccessArgs(f)
	require.EqualError(t, err, "stack met-foundation is not an azure organization stack")
}
