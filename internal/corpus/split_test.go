package corpus

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/mockcloud"
)

// TestSplitExport runs two cases as one batch program and checks that each case's split export holds
// the same resources, URNs, parents, provider references, dependencies and property dependencies as the
// case's own export.
func TestSplitExport(t *testing.T) {
	cases := loadCases(t)
	var batch []*Case
	for _, c := range cases {
		if c.ID == "aws-net-sg-ssh-split-halves" || c.ID == "aws-region-no-explicit-provider" || c.ID == "azure-sto-account-compliant" {
			batch = append(batch, c)
		}
	}
	require.Len(t, batch, 3)
	const stack = "corpus-batch-test"
	cloud := mockcloud.New(mockcloud.Options{Stack: stack})
	require.NoError(t, cloud.Run(func(ctx *pulumi.Context) error {
		for _, c := range batch {
			if err := Register(c, BatchPrefix(c))(ctx); err != nil {
				return err
			}
		}
		return nil
	}))
	data, err := cloud.Export()
	require.NoError(t, err)
	for _, c := range batch {
		split, err := SplitExport(data, stack, c)
		require.NoError(t, err, c.ID)
		alone, err := ExportMock(c)
		require.NoError(t, err, c.ID)
		assert.Equal(t, shape(t, alone), shape(t, split), c.ID)
	}
}

// shape is what must agree between a case's own export and its split from a batch: IDs and outputs
// differ (they derive from the URN the resource had when registered).
func shape(t *testing.T, data []byte) []string {
	t.Helper()
	var doc struct {
		Version    int `json:"version"`
		Deployment struct {
			Resources []struct {
				URN                  string              `json:"urn"`
				Type                 string              `json:"type"`
				Parent               string              `json:"parent"`
				Provider             string              `json:"provider"`
				Protect              bool                `json:"protect"`
				Dependencies         []string            `json:"dependencies"`
				PropertyDependencies map[string][]string `json:"propertyDependencies"`
				Inputs               map[string]any      `json:"inputs"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	require.Equal(t, 3, doc.Version)
	var out []string
	for _, r := range doc.Deployment.Resources {
		deps := append([]string(nil), r.Dependencies...)
		sort.Strings(deps)
		var keys []string
		for k := range r.Inputs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		pd, _ := json.Marshal(r.PropertyDependencies)
		prov := r.Provider
		if i := len(prov) - len(providerID(prov)); prov != "" {
			prov = prov[:i]
		}
		b, _ := json.Marshal([]any{r.URN, r.Type, r.Parent, prov, r.Protect, deps, string(pd), keys})
		out = append(out, string(b))
	}
	sort.Strings(out) // registration order is not deterministic
	return out
}
