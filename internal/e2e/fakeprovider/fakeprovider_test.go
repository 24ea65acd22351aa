package fakeprovider

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/policecloud/landingzones/internal/mockcloud"
)

func marshal(t *testing.T, m map[string]any) *pulumirpc.CreateRequest {
	t.Helper()
	s, err := plugin.MarshalProperties(resource.NewPropertyMapFromMap(m), opts)
	require.NoError(t, err)
	return &pulumirpc.CreateRequest{Properties: s}
}

func TestNewUnknownPackage(t *testing.T) {
	t.Parallel()
	_, err := New("gcp")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"gcp"`)
}

func TestPluginInfoVersions(t *testing.T) {
	t.Parallel()
	for pkg, v := range Versions {
		p, err := New(pkg)
		require.NoError(t, err)
		info, err := p.GetPluginInfo(context.Background(), nil)
		require.NoError(t, err)
		assert.Equal(t, v, info.GetVersion())
	}
}

// TestCreateMatchesMockCloud: Create gives the ID and outputs the mock cloud gives the same resource
// under the same URN, for a child of a component and a top-level resource.
func TestCreateMatchesMockCloud(t *testing.T) {
	t.Parallel()
	p, err := New("aws")
	require.NoError(t, err)
	cases := []struct{ urn, parent string }{
		{urn: "urn:pulumi:pos-gold::police-landing-zones::aws:s3/bucketV2:BucketV2::audit"},
		{
			urn:    "urn:pulumi:pos-gold::police-landing-zones::policecloud:aws:Foundation$aws:s3/bucketV2:BucketV2::audit",
			parent: "urn:pulumi:pos-gold::police-landing-zones::policecloud:aws:Foundation::pos",
		},
	}
	for _, c := range cases {
		req := marshal(t, map[string]any{"tags": map[string]any{"Name": "audit"}})
		req.Urn = c.urn
		got, err := p.Create(context.Background(), req)
		require.NoError(t, err)
		state, err := plugin.UnmarshalProperties(got.GetProperties(), opts)
		require.NoError(t, err)

		cloud := mockcloud.New(mockcloud.Options{Project: "police-landing-zones", Stack: "pos-gold"})
		wantID, wantState, err := cloud.NewResource(pulumi.MockResourceArgs{
			TypeToken: "aws:s3/bucketV2:BucketV2", Name: "audit", Custom: true,
			Inputs:      resource.NewPropertyMapFromMap(map[string]any{"tags": map[string]any{"Name": "audit"}}),
			RegisterRPC: &pulumirpc.RegisterResourceRequest{Parent: c.parent},
		})
		require.NoError(t, err)
		assert.Equal(t, wantID, got.GetId(), c.urn)
		assert.Equal(t, wantState, state, c.urn)
		assert.Equal(t, c.urn, cloud.Resources()[0].URN, "the mock cloud's URN is the engine's")
		assert.Contains(t, state["arn"].StringValue(), "arn:aws:s3:::audit-")
	}
}

func TestCreatePreviewHasNoID(t *testing.T) {
	t.Parallel()
	p, err := New("azure-native")
	require.NoError(t, err)
	req := marshal(t, map[string]any{"location": "uksouth"})
	req.Urn = "urn:pulumi:met-gold::police-landing-zones::azure-native:resources:ResourceGroup::rg"
	req.Preview = true
	got, err := p.Create(context.Background(), req)
	require.NoError(t, err)
	assert.Empty(t, got.GetId())
	assert.Equal(t, req.GetProperties(), got.GetProperties())

	req.Preview = false
	got, err = p.Create(context.Background(), req)
	require.NoError(t, err)
	assert.Regexp(t, `^/subscriptions/[0-9a-f-]+/resourceGroups/rg[0-9a-f]{6}$`, got.GetId())
}

func TestInvoke(t *testing.T) {
	t.Parallel()
	p, err := New("aws")
	require.NoError(t, err)
	got, err := p.Invoke(context.Background(), &pulumirpc.InvokeRequest{Tok: "aws:index/getCallerIdentity:getCallerIdentity"})
	require.NoError(t, err)
	ret, err := plugin.UnmarshalProperties(got.GetReturn(), opts)
	require.NoError(t, err)
	assert.Equal(t, mockcloud.DefaultAWSAccount, ret["accountId"].StringValue())

	_, err = p.Invoke(context.Background(), &pulumirpc.InvokeRequest{Tok: "aws:ec2/getAmi:getAmi"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "aws:ec2/getAmi:getAmi")
}

func TestCheckEchoesAndDiff(t *testing.T) {
	t.Parallel()
	p, err := New("aws")
	require.NoError(t, err)
	olds := marshal(t, map[string]any{"region": "eu-west-2"}).GetProperties()
	news := marshal(t, map[string]any{"region": "us-east-1"}).GetProperties()

	chk, err := p.Check(context.Background(), &pulumirpc.CheckRequest{News: news})
	require.NoError(t, err)
	assert.Equal(t, news, chk.GetInputs())

	same, err := p.Diff(context.Background(), &pulumirpc.DiffRequest{OldInputs: olds, News: olds})
	require.NoError(t, err)
	assert.Equal(t, pulumirpc.DiffResponse_DIFF_NONE, same.GetChanges())

	changed, err := p.Diff(context.Background(), &pulumirpc.DiffRequest{OldInputs: olds, News: news})
	require.NoError(t, err)
	assert.Equal(t, pulumirpc.DiffResponse_DIFF_SOME, changed.GetChanges())
	assert.Equal(t, []string{"region"}, changed.GetDiffs())
}
