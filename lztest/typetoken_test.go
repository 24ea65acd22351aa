package lztest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVersionedTypeToken: a resource registered with an azure-native API-versioned token is recorded
// under the default token (as rules see it), keeps the written token, is found by either token, gets the
// Azure ID its default token gets, and is exported with the token the program wrote.
func TestVersionedTypeToken(t *testing.T) {
	t.Parallel()
	register := func(typ string) *Cloud {
		c := New(Options{Stack: "corpus-x"})
		require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
			var sa exportRes
			return ctx.RegisterResource(typ, "sa", pulumi.Map{"resourceGroupName": pulumi.String("rg")}, &sa)
		}))
		return c
	}
	c := register("azure-native:storage/v20230101:StorageAccount")
	want := register("azure-native:storage:StorageAccount").Find("azure-native:storage:StorageAccount")
	require.Len(t, want, 1)
	for _, typ := range []string{"azure-native:storage:StorageAccount", "azure-native:storage/v20230101:StorageAccount"} {
		rs := c.Find(typ)
		require.Len(t, rs, 1, typ)
		assert.Equal(t, "azure-native:storage:StorageAccount", rs[0].Type)
		assert.Equal(t, "azure-native:storage/v20230101:StorageAccount", rs[0].WrittenType)
		assert.Equal(t, want[0].ID, rs[0].ID)
		assert.True(t, strings.Contains(rs[0].ID, "/providers/Microsoft.Storage/storageAccounts/"), rs[0].ID)
	}
	data, err := c.Export()
	require.NoError(t, err)
	var doc struct {
		Deployment struct {
			Resources []struct {
				URN  string `json:"urn"`
				Type string `json:"type"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	var types []string
	for _, r := range doc.Deployment.Resources {
		types = append(types, r.Type)
	}
	assert.Contains(t, types, "azure-native:storage/v20230101:StorageAccount")
	assert.NotContains(t, types, "azure-native:storage:StorageAccount")
}
