package lztest

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

type provider struct{ pulumi.ProviderResourceState }

type custom struct {
	pulumi.CustomResourceState
	Arn pulumi.StringOutput `pulumi:"arn"`
}

type identity struct {
	AccountID string `pulumi:"accountId"`
}

type clientConfig struct {
	SubscriptionID string `pulumi:"subscriptionId"`
}

// TestProviderAccounts: a provider that names its account or subscription acts in it; one that names
// none acts in the default.
func TestProviderAccounts(t *testing.T) {
	t.Parallel()
	c := New(Options{})
	got := map[string]string{}
	var mu sync.Mutex
	arns := map[string]string{}
	var rg custom
	err := c.Run(func(ctx *pulumi.Context) error {
		provs := map[string]pulumi.Map{
			"allowed": {"region": pulumi.String("eu-west-2"), "allowedAccountIds": pulumi.ToStringArray([]string{"111111111111"})},
			// The engine hands object-valued provider inputs over JSON-encoded.
			"assumed":  {"region": pulumi.String("eu-west-2"), "assumeRoles": pulumi.String(`[{"roleArn":"arn:aws:iam::222222222222:role/lz-deploy"}]`)},
			"assumed1": {"region": pulumi.String("eu-west-2"), "assumeRole": pulumi.Map{"roleArn": pulumi.String("arn:aws:iam::333333333333:role/lz-deploy")}},
			"default":  {"region": pulumi.String("eu-west-2")},
		}
		for name, in := range provs {
			var p provider
			if err := ctx.RegisterResource("pulumi:providers:aws", name, in, &p); err != nil {
				return err
			}
			var id identity
			if err := ctx.Invoke("aws:index/getCallerIdentity:getCallerIdentity", pulumi.Map{}, &id, pulumi.Provider(&p)); err != nil {
				return err
			}
			got[name] = id.AccountID
			k := &custom{}
			if err := ctx.RegisterResource("aws:kms/key:Key", name+"-key", pulumi.Map{}, k, pulumi.Provider(&p)); err != nil {
				return err
			}
			k.Arn.ApplyT(func(arn string) string {
				mu.Lock()
				defer mu.Unlock()
				arns[name] = arn
				return arn
			})
		}
		var az provider
		if err := ctx.RegisterResource("pulumi:providers:azure-native", "sub", pulumi.Map{"subscriptionId": pulumi.String("11111111-2222-4333-8444-555555555555")}, &az); err != nil {
			return err
		}
		var cc clientConfig
		if err := ctx.Invoke("azure-native:authorization:getClientConfig", pulumi.Map{}, &cc, pulumi.Provider(&az)); err != nil {
			return err
		}
		got["azure"] = cc.SubscriptionID
		return ctx.RegisterResource("azure-native:resources:ResourceGroup", "rg", pulumi.Map{"resourceGroupName": pulumi.String("rg-sec")}, &rg, pulumi.Provider(&az))
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"allowed": "111111111111", "assumed": "222222222222", "assumed1": "333333333333", "default": DefaultAWSAccount,
		"azure": "11111111-2222-4333-8444-555555555555",
	}, got)
	// What is created through a provider is in its account.
	for name, acct := range map[string]string{"allowed": "111111111111", "assumed": "222222222222", "default": DefaultAWSAccount} {
		assert.Regexp(t, `^arn:aws:kms:eu-west-2:`+acct+`:key/`, arns[name], name)
	}
	rgs := c.Find("azure-native:resources:ResourceGroup")
	require.Len(t, rgs, 1)
	assert.Equal(t, "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-sec", rgs[0].ID)
}

// recorder is a testing.TB that records the assertions' failures instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// untagged registers an AWS provider with no default tags and one S3 bucket through it.
func untagged(ctx *pulumi.Context) error {
	var p provider
	if err := ctx.RegisterResource("pulumi:providers:aws", "uk", pulumi.Map{"region": pulumi.String("eu-west-2")}, &p); err != nil {
		return err
	}
	var b custom
	return ctx.RegisterResource("aws:s3/bucketV2:BucketV2", "evidence", pulumi.Map{}, &b, pulumi.Provider(&p))
}

func TestAssertions(t *testing.T) {
	t.Parallel()
	c := New(Options{Stack: "dev"})
	require.NoError(t, c.Run(untagged))
	pctx := policy.NewContext("dev", "")
	pctx.Cloud = "aws"

	r := &recorder{TB: t}
	assert.False(t, AssertNoBlocking(r, c, pctx))
	require.Len(t, r.errs, 1)
	assert.Contains(t, r.errs[0], "blocking finding(s):\n")
	assert.Contains(t, r.errs[0], "PCLZ-COM-TAG-001 fail aws:s3/bucketV2:BucketV2 evidence: the effective tags")

	r = &recorder{TB: t}
	fails := AssertFails(r, c, pctx, "PCLZ-COM-TAG-001")
	assert.Empty(t, r.errs)
	require.NotEmpty(t, fails)
	assert.Equal(t, "PCLZ-COM-TAG-001", fails[0].RuleID)

	// A rule that does not fail is reported, with its findings.
	r = &recorder{TB: t}
	assert.Empty(t, AssertFails(r, c, pctx, "PCLZ-NONE-000"))
	assert.Equal(t, []string{"lztest: rule PCLZ-NONE-000 reports no failure; its findings:\n(none)\n"}, r.errs)

	// Nothing registered is not secure by default: it is nothing checked.
	empty := New(Options{})
	require.NoError(t, empty.Run(func(*pulumi.Context) error { return nil }))
	r = &recorder{TB: t}
	assert.False(t, AssertNoBlocking(r, empty, pctx))
	assert.Equal(t, []string{"lztest: the program registered no resources: nothing to check"}, r.errs)
}

func TestResourcesNotUsing(t *testing.T) {
	t.Parallel()
	c := New(Options{})
	require.NoError(t, c.Run(untagged))
	provs := c.Find("pulumi:providers:aws")
	require.Len(t, provs, 1)
	assert.Empty(t, c.ResourcesNotUsing(provs[0].URN), "the bucket uses the provider; the provider itself is not counted")
	others := c.ResourcesNotUsing("urn:pulumi:test::police-landing-zones::pulumi:providers:aws::other")
	require.Len(t, others, 1)
	assert.True(t, strings.HasSuffix(others[0].URN, "::evidence"))
}
