package policy_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

func res(typ, name string, inputs map[string]any) *policy.Resource {
	return &policy.Resource{Type: typ, Name: name, URN: "urn:pulumi:s::p::" + typ + "::" + name, Inputs: policy.MapFromGo(inputs)}
}

func TestResolveTiers(t *testing.T) {
	t.Parallel()
	prov := &policy.Provider{Type: "pulumi:providers:aws", Inputs: policy.MapFromGo(map[string]any{
		"region": "eu-west-2", "defaultTags": `{"tags":{"Tier":"Bronze"}}`})}
	vpc := res("aws:ec2/vpc:Vpc", "vpc", map[string]any{"tags": map[string]any{"Tier": "Gold"}})
	vpc.ID = "vpc-0abc"
	subnet := res("aws:ec2/subnet:Subnet", "subnet", map[string]any{"vpcId": "vpc-0abc"})
	subnet.ID = "subnet-0def"
	inst := res("aws:ec2/instance:Instance", "inst", map[string]any{"subnetId": "subnet-0def"})
	route := res("aws:ec2/route:Route", "route", map[string]any{"routeTableId": "rtb-x"})
	route.PropertyDependencies = map[string][]string{"routeTableId": {vpc.URN}}
	byProv := res("aws:s3/bucketV2:BucketV2", "bucket", nil)
	byProv.Provider = prov
	own := res("aws:s3/bucketV2:BucketV2", "own", map[string]any{"tags": map[string]any{"Tier": "platinum"}})
	own.Provider = prov
	computed := res("aws:s3/bucketV2:BucketV2", "computed", nil)
	computed.Inputs = computed.Inputs.Set("tags", property.New(property.Computed))
	bad := res("aws:s3/bucketV2:BucketV2", "bad", map[string]any{"tags": map[string]any{"Tier": "Silver"}})
	rg := res("azure-native:resources:ResourceGroup", "rg", map[string]any{"resourceGroupName": "rg-met-bronze", "tags": map[string]any{"Tier": "Bronze"}})
	nsg := res("azure-native:network:NetworkSecurityGroup", "nsg", map[string]any{"resourceGroupName": "RG-MET-BRONZE"})
	lone := res("aws:sqs/queue:Queue", "lone", nil)
	all := []*policy.Resource{vpc, subnet, inst, route, byProv, own, computed, bad, rg, nsg, lone}

	got := policy.ResolveTiers(policy.NewContext("s", ""), all)
	want := map[*policy.Resource]policy.ResourceTier{
		vpc:      {Tier: tier.Gold, Source: policy.TierFromTag},
		subnet:   {Tier: tier.Gold, Source: policy.TierFromNetwork, Via: vpc.URN},
		inst:     {Tier: tier.Gold, Source: policy.TierFromNetwork, Via: subnet.URN},
		route:    {Tier: tier.Gold, Source: policy.TierFromNetwork, Via: vpc.URN},
		byProv:   {Tier: tier.Bronze, Source: policy.TierFromProviderTag},
		own:      {Tier: tier.Platinum, Source: policy.TierFromTag},
		computed: {Source: policy.TierNotKnown},
		bad:      {Source: policy.TierNotKnown},
		rg:       {Tier: tier.Bronze, Source: policy.TierFromTag},
		nsg:      {Tier: tier.Bronze, Source: policy.TierFromNetwork, Via: rg.URN},
		lone:     {Source: policy.TierNotKnown},
	}
	for r, w := range want {
		assert.Equal(t, w, got[r.URN], r.Name)
	}

	// The stack file's (or --tier's) tier holds every resource, whatever its tags say.
	ctx := policy.NewContext("s", tier.Bronze)
	ctx.TierSource = policy.TierFromFlag
	for _, r := range all {
		assert.Equal(t, policy.ResourceTier{Tier: tier.Bronze, Source: policy.TierFromFlag}, policy.ResolveTiers(ctx, all)[r.URN], r.Name)
	}
	assert.Equal(t, policy.TierFromStackFile, policy.ResolveTiers(policy.NewContext("s", tier.Gold), all)[vpc.URN].Source)
}

func TestInferRoleAndCloud(t *testing.T) {
	t.Parallel()
	vpc := res("aws:ec2/vpc:Vpc", "vpc", map[string]any{"tags": map[string]any{"Tier": "Gold"}})
	tgw := res("aws:ec2transitgateway/transitGateway:TransitGateway", "tgw", nil)
	tiers := policy.ResolveTiers(policy.NewContext("s", ""), []*policy.Resource{vpc, tgw})
	assert.Equal(t, "foundation", policy.InferRole([]*policy.Resource{vpc, tgw}, tiers))
	assert.Equal(t, "tier", policy.InferRole([]*policy.Resource{vpc}, tiers))
	assert.Equal(t, "organization", policy.InferRole([]*policy.Resource{vpc, res("azure-native:management:ManagementGroup", "met-mg-root", nil)}, tiers),
		"management groups make an organisation stack, tagged resources beside them or not")
	assert.Empty(t, policy.InferRole([]*policy.Resource{res("aws:sqs/queue:Queue", "q", nil)}, tiers))
	assert.Equal(t, "aws", policy.InferCloud([]*policy.Resource{vpc, tgw}))
	assert.Empty(t, policy.InferCloud([]*policy.Resource{vpc, res("azure-native:network:VirtualNetwork", "v", nil)}))
}

// Each resource rule sees the tier of the resource it checks, and stack rules run once per tier, so a
// mixed export holds every tier to its own profile.
func TestEvaluateHoldsEachResourceToItsTier(t *testing.T) {
	t.Parallel()
	gold := res("aws:sqs/queue:Queue", "gold", map[string]any{"tags": map[string]any{"Tier": "Gold"}})
	bronze := res("aws:sqs/queue:Queue", "bronze", map[string]any{"tags": map[string]any{"Tier": "Bronze"}})
	untagged := res("aws:sqs/queue:Queue", "untagged", nil)
	meta := policy.Meta{ID: "PCLZ-AWS-NET-999", ResourceTypes: []string{"aws:sqs/queue:Queue"}, Enforcement: policy.Mandatory}
	rule := policy.Rule{Meta: meta, Check: func(ctx *policy.Context, _ *policy.Resource) policy.Result {
		if !ctx.HasTier() {
			return policy.Undecided("tier not known")
		}
		if ctx.Profile.Isolated {
			return policy.Fail("isolated %s", ctx.Tier)
		}
		return policy.Pass("%s", ctx.Tier)
	}}
	var seen []string
	stack := policy.StackRule{Meta: meta, Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var names []string
		for _, r := range rs {
			names = append(names, r.Name)
		}
		seen = append(seen, string(ctx.Tier)+":"+join(names))
		return []policy.Result{{Status: policy.StatusPass, Message: "ok", URN: rs[0].URN}}
	}}
	ev := policy.Evaluate(policy.NewContext("s", ""), []*policy.Resource{gold, bronze, untagged},
		policy.Options{Rules: []policy.Rule{rule}, StackRules: []policy.StackRule{stack}})
	status := map[string]string{}
	for _, f := range ev.Findings {
		if f.Message != "ok" {
			status[f.ResourceName] = string(f.Status) + " " + f.Message
		}
	}
	assert.Equal(t, map[string]string{"gold": "pass gold", "bronze": "fail isolated bronze", "untagged": "unknown tier not known"}, status)
	assert.Equal(t, []string{"gold:gold,untagged", "bronze:bronze,untagged"}, seen)
	assert.Equal(t, "tier", ev.Role)
	assert.Equal(t, "aws", ev.Cloud)
	require.Len(t, ev.Tiers, 3)
	assert.Equal(t, policy.TierFromTag, ev.Tiers[gold.URN].Source)
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}

func TestOfType(t *testing.T) {
	t.Parallel()
	a := res("aws:sqs/queue:Queue", "a", nil)
	b := res("aws:sns/topic:Topic", "b", nil)
	c := res("aws:sqs/queue:Queue", "c", nil)
	rs := []*policy.Resource{a, nil, b, c}
	assert.Equal(t, []*policy.Resource{a, c}, policy.OfType(rs, "aws:sqs/queue:Queue"))
	assert.Empty(t, policy.OfType(rs, "aws:kms/key:Key"))
	assert.Empty(t, policy.OfType(nil, "aws:kms/key:Key"))
	// Stack rules see the same answers through the index Evaluate builds.
	var got []string
	rule := policy.StackRule{Meta: policy.Meta{ID: "PCLZ-AWS-NET-998", Enforcement: policy.Mandatory}, Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		for _, r := range policy.OfType(rs, "aws:sqs/queue:Queue") {
			got = append(got, r.Name)
		}
		return []policy.Result{policy.Pass("ok")}
	}}
	policy.Evaluate(policy.NewContext("s", tier.Gold), rs, policy.Options{StackRules: []policy.StackRule{rule}})
	assert.Equal(t, []string{"a", "c"}, got)
}
