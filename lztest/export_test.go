package lztest

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type exportRes struct {
	pulumi.CustomResourceState
	Arn pulumi.StringOutput `pulumi:"arn"`
}

type exportProv struct {
	pulumi.ProviderResourceState
}

// TestExport pins the stack export's shape: version 3, the root stack first, explicit provider
// references "urn::id", a default provider named for the version asked for, and dependencies and
// property dependencies as the engine records them.
func TestExport(t *testing.T) {
	t.Parallel()
	c := New(Options{Stack: "corpus-x"})
	err := c.Run(func(ctx *pulumi.Context) error {
		var uk exportProv
		if err := ctx.RegisterResource("pulumi:providers:aws", "uk", pulumi.Map{"region": pulumi.String("eu-west-2")}, &uk); err != nil {
			return err
		}
		var key exportRes
		if err := ctx.RegisterResource("aws:kms/key:Key", "key", pulumi.Map{"enableKeyRotation": pulumi.Bool(true)}, &key,
			pulumi.Provider(&uk), pulumi.Protect(true), pulumi.RetainOnDelete(true)); err != nil {
			return err
		}
		var q exportRes
		return ctx.RegisterResource("aws:sqs/queue:Queue", "queue", pulumi.Map{"kmsMasterKeyId": key.Arn}, &q,
			pulumi.Version("6.83.2"), pulumi.DependsOn([]pulumi.Resource{&key}))
	})
	require.NoError(t, err)
	data, err := c.Export()
	require.NoError(t, err)

	var doc struct {
		Version    int `json:"version"`
		Deployment struct {
			Resources []struct {
				URN                  string              `json:"urn"`
				Custom               bool                `json:"custom"`
				ID                   string              `json:"id"`
				Type                 string              `json:"type"`
				Inputs               map[string]any      `json:"inputs"`
				Outputs              map[string]any      `json:"outputs"`
				Parent               string              `json:"parent"`
				Protect              bool                `json:"protect"`
				RetainOnDelete       bool                `json:"retainOnDelete"`
				Provider             string              `json:"provider"`
				Dependencies         []string            `json:"dependencies"`
				PropertyDependencies map[string][]string `json:"propertyDependencies"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, 3, doc.Version)
	rs := doc.Deployment.Resources
	require.Len(t, rs, 5)
	const stack = "urn:pulumi:corpus-x::police-landing-zones::pulumi:pulumi:Stack::police-landing-zones-corpus-x"
	assert.Equal(t, stack, rs[0].URN)
	assert.Equal(t, "pulumi:providers:aws", rs[1].Type)
	assert.Equal(t, stack, rs[1].Parent)

	key := rs[2]
	assert.Equal(t, "aws:kms/key:Key", key.Type)
	assert.True(t, key.Custom)
	assert.True(t, key.Protect)
	assert.True(t, key.RetainOnDelete)
	assert.Equal(t, rs[1].URN+"::"+rs[1].ID, key.Provider)
	assert.Equal(t, "arn:aws:kms:eu-west-2:123456789012:key/"+key.ID, key.Outputs["arn"])

	def := rs[3]
	assert.Equal(t, "urn:pulumi:corpus-x::police-landing-zones::pulumi:providers:aws::default_6_83_2", def.URN)
	assert.Equal(t, map[string]any{"version": "6.83.2"}, def.Inputs)

	q := rs[4]
	assert.Equal(t, def.URN+"::"+def.ID, q.Provider)
	assert.Equal(t, key.Outputs["arn"], q.Inputs["kmsMasterKeyId"])
	assert.Equal(t, []string{key.URN}, q.Dependencies)
	assert.Equal(t, map[string][]string{"kmsMasterKeyId": {key.URN}}, q.PropertyDependencies)
}
