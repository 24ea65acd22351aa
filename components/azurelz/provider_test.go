package azurelz_test

import (
	"strings"
	"testing"

	azurenative "github.com/pulumi/pulumi-azure-native-sdk/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/lztest"
)

// Two subscriptions a force deploys into.
const (
	foundationSubscription = "11111111-1111-4111-8111-111111111111"
	goldSubscription       = "22222222-2222-4222-8222-222222222222"
)

// TestCallerProviders: a foundation and a tier environment given the caller's providers for two
// subscriptions build no provider of their own and create every child through the caller's provider for
// their subscription (pulumi.Provider, pulumi.Providers and a parent's provider are each honoured):
// resource IDs, role definitions and Defender plans are in that subscription.
func TestCallerProviders(t *testing.T) {
	t.Parallel()
	found, gold := metStack(t, "met-foundation"), tierStack(t, tier.Gold)
	c := lztest.New(lztest.Options{Stack: "met"})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		sub := func(name, id string) (*azurenative.Provider, error) {
			return azurenative.NewProvider(ctx, name, &azurenative.ProviderArgs{
				Location: pulumi.String("uksouth"), SubscriptionId: pulumi.String(id),
			})
		}
		fp, err := sub("foundation-subscription", foundationSubscription)
		if err != nil {
			return err
		}
		gp, err := sub("gold-subscription", goldSubscription)
		if err != nil {
			return err
		}
		if _, err := azurelz.NewFoundation(ctx, "met-foundation", foundationArgs(found), pulumi.Provider(fp)); err != nil {
			return err
		}
		if _, err := azurelz.NewTierEnvironment(ctx, "met-gold", tierArgs(gold), pulumi.Providers(gp)); err != nil {
			return err
		}
		// A force's own component holding the Gold subscription's provider: the store inherits it.
		group := &struct{ pulumi.ResourceState }{}
		if err := ctx.RegisterComponentResource("county:index:Evidence", "bwv-group", group, pulumi.Providers(gp)); err != nil {
			return err
		}
		_, err = azurelz.NewEvidenceStore(ctx, "bwv", evidenceArgs(gold), pulumi.Parent(group))
		return err
	}))
	provURN := map[string]string{}
	for _, p := range c.Find("pulumi:providers:azure-native") {
		provURN[p.Name] = p.URN
	}
	assert.Len(t, provURN, 2, "the components built no provider of their own")
	for _, r := range c.ResourcesNotUsing(provURN["foundation-subscription"], provURN["gold-subscription"]) {
		t.Errorf("%s does not use a caller's provider", r.URN)
	}

	want := map[string]string{
		"policecloud:azure:Foundation":      "foundation-subscription",
		"policecloud:azure:TierEnvironment": "gold-subscription",
		"county:index:Evidence":             "gold-subscription",
	}
	subscription := map[string]string{"foundation-subscription": foundationSubscription, "gold-subscription": goldSubscription}
	counted := map[string]int{}
	for _, r := range c.Resources() {
		if !strings.HasPrefix(r.Type, "azure-native:") {
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
		assert.Equal(t, provURN[want[owner]], r.Provider.URN, "%s uses the provider of its subscription", r.URN)
		sub := "/subscriptions/" + subscription[want[owner]]
		if r.Type == "azure-native:resources:ResourceGroup" || r.Type == "azure-native:storage:StorageAccount" {
			assert.True(t, strings.HasPrefix(r.ID, sub+"/"), "%s: ID %s is in %s", r.URN, r.ID, sub)
		}
		if r.Type == "azure-native:authorization:RoleAssignment" {
			assert.True(t, strings.HasPrefix(r.Get("roleDefinitionId").AsString(), sub+"/"), "%s: role definition of its subscription", r.URN)
		}
		if r.Type == "azure-native:security:Pricing" {
			assert.Equal(t, sub, r.Get("scopeId").AsString(), r.URN)
		}
	}
	for comp := range want {
		assert.Positive(t, counted[comp], comp)
	}
}

// TestEvidenceStoreBuildsItsOwnProvider: with no provider given, the store builds one for its location.
func TestEvidenceStoreBuildsItsOwnProvider(t *testing.T) {
	t.Parallel()
	gold := tierStack(t, tier.Gold)
	c := lztest.New(lztest.Options{Stack: gold.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		_, err := azurelz.NewEvidenceStore(ctx, "bwv", evidenceArgs(gold))
		return err
	}))
	provs := c.Find("pulumi:providers:azure-native")
	require.Len(t, provs, 1)
	assert.Equal(t, "bwv-provider", provs[0].Name)
	assert.Equal(t, "uksouth", provs[0].Get("location").AsString())
	assert.Empty(t, c.ResourcesNotUsing(provs[0].URN))
}

// evidenceArgs are an evidence store's arguments in the Gold tier's resource group, with no provider.
func evidenceArgs(st *config.Stack) *azurelz.EvidenceStoreArgs {
	return &azurelz.EvidenceStoreArgs{
		ResourceGroupName: pulumi.String("met-gold-rg"),
		Region:            "uksouth",
		Profile:           st.Profile,
		Vault:             azurelz.VaultRef{Name: pulumi.String("metgoldvault"), ResourceGroupName: pulumi.String("met-gold-rg"), URI: pulumi.String("https://metgoldvault.vault.azure.net/")},
		EndpointSubnetID:  pulumi.String("/subscriptions/" + lztest.DefaultAzureSubscription + "/resourceGroups/met-gold-rg/providers/Microsoft.Network/virtualNetworks/v/subnets/endpoints"),
		WorkspaceID:       hubRef().WorkspaceID,
		RetentionYears:    10,
		Tags:              st.Tags(),
	}
}

// TestTierDefenderPlansOnlyInItsOwnSubscription: a tier environment in the foundation's subscription
// (SharedSubscription) declares no Defender plan, since the foundation's already cover it; in its own
// subscription it declares the two its workloads need.
func TestTierDefenderPlansOnlyInItsOwnSubscription(t *testing.T) {
	t.Parallel()
	for _, shared := range []bool{false, true} {
		st := tierStack(t, tier.Gold)
		c := lztest.New(lztest.Options{Stack: st.Name})
		require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
			args := tierArgs(st)
			args.SharedSubscription = shared
			_, err := azurelz.NewTierEnvironment(ctx, st.Name, args)
			return err
		}))
		want := 2
		if shared {
			want = 0
		}
		assert.Len(t, c.Find("azure-native:security:Pricing"), want, "shared subscription %v", shared)
	}
}
