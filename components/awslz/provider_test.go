package awslz

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/lztest"
)

// Two member accounts a force deploys into through assume-role providers.
const (
	foundationAccount = "111111111111"
	goldAccount       = "222222222222"
)

// TestCallerProviders: a foundation and a tier environment given the caller's providers for two
// accounts build no provider of their own, create every child through the caller's provider for their
// account (pulumi.Provider, pulumi.Providers and a parent's provider are each honoured), write key
// policies for that account, and carry the required tags themselves.
func TestCallerProviders(t *testing.T) {
	t.Parallel()
	found, gold := loadStack(t, "pos-foundation"), loadStack(t, "pos-gold")
	c := lztest.New(lztest.Options{Stack: "pos"})
	var provURN = map[string]string{}
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		member := func(name, account string) (*aws.Provider, error) {
			return aws.NewProvider(ctx, name, &aws.ProviderArgs{
				Region: pulumi.String("eu-west-2"),
				AssumeRole: &aws.ProviderAssumeRoleArgs{
					RoleArn: pulumi.String("arn:aws:iam::" + account + ":role/landing-zone-deployer"),
				},
				DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(gold.Tags())},
			})
		}
		fp, err := member("foundation-account", foundationAccount)
		if err != nil {
			return err
		}
		gp, err := member("gold-account", goldAccount)
		if err != nil {
			return err
		}
		if _, err := NewFoundation(ctx, "pos", foundationArgs(found), pulumi.Provider(fp)); err != nil {
			return err
		}
		if _, err := NewTierEnvironment(ctx, "pos-gold", tierArgs(gold, testFoundation()), pulumi.Providers(gp)); err != nil {
			return err
		}
		// A force's own component holding the Gold account's provider: the store inherits it.
		group := &struct{ pulumi.ResourceState }{}
		if err := ctx.RegisterComponentResource("county:index:Evidence", "bwv-group", group, pulumi.Providers(gp)); err != nil {
			return err
		}
		_, err = NewEvidenceStore(ctx, "bwv", &EvidenceStoreArgs{
			Region: "eu-west-2", Profile: gold.Profile, RetentionYears: 10, Tags: gold.Tags(),
		}, pulumi.Parent(group))
		return err
	}))
	for _, p := range c.Find("pulumi:providers:aws") {
		provURN[p.Name] = p.URN
	}
	assert.Len(t, provURN, 2, "the components built no provider of their own")

	want := map[string]string{
		"policecloud:aws:Foundation":      provURN["foundation-account"],
		"policecloud:aws:TierEnvironment": provURN["gold-account"],
		"county:index:Evidence":           provURN["gold-account"],
	}
	account := map[string]string{
		"policecloud:aws:Foundation": foundationAccount, "policecloud:aws:TierEnvironment": goldAccount, "county:index:Evidence": goldAccount,
	}
	counted := map[string]int{}
	for _, r := range c.ResourcesNotUsing(provURN["foundation-account"], provURN["gold-account"]) {
		t.Errorf("%s does not use a caller's provider", r.URN)
	}
	for _, r := range c.Resources() {
		if !strings.HasPrefix(r.Type, "aws:") {
			continue
		}
		owner := ""
		for comp := range want {
			if strings.Contains(r.URN, "::"+comp+"$") {
				owner = comp
			}
		}
		require.NotEmpty(t, owner, "%s belongs to no component", r.URN)
		counted[owner]++
		require.NotNil(t, r.Provider, r.URN)
		assert.Equal(t, want[owner], r.Provider.URN, "%s uses the provider of its account", r.URN)
		if r.Type == "aws:kms/key:Key" {
			assert.Contains(t, r.Get("policy").AsString(), "arn:aws:iam::"+account[owner]+":root", "%s: key policy for its account", r.URN)
		}
		if r.Type == "aws:s3/bucketV2:BucketV2" || r.Type == "aws:kms/key:Key" {
			tags, _, _ := r.Tags()
			assert.Equal(t, gold.Tags()["Classification"], tags["Classification"], "%s carries the required tags itself", r.URN)
			assert.NotEmpty(t, tags["Force"], r.URN)
		}
	}
	assert.Positive(t, counted["policecloud:aws:Foundation"])
	assert.Positive(t, counted["policecloud:aws:TierEnvironment"])
	assert.Positive(t, counted["county:index:Evidence"])
}

// TestOwnProviderWhenNoneGiven: without a caller's provider each component builds its own, with the
// required tags as default tags and no tags repeated on its children.
func TestOwnProviderWhenNoneGiven(t *testing.T) {
	t.Parallel()
	st := loadStack(t, "pos-gold")
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		_, err := NewTierEnvironment(ctx, "pos-gold", tierArgs(st, testFoundation()))
		return err
	}))
	provs := c.Find("pulumi:providers:aws")
	require.Len(t, provs, 1)
	assert.Equal(t, "pos-gold-aws", provs[0].Name)
	assert.Equal(t, st.Tags()["Force"], provs[0].Get("defaultTags", "tags", "Force").AsString())
	assert.Empty(t, c.ResourcesNotUsing(provs[0].URN))
	key := c.Find("aws:kms/key:Key")[0]
	assert.False(t, key.Get("tags", "Force").IsString(), "the provider's default tags carry Force")
}
