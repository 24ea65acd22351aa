package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// regKMSReplica is a replica of primary on a provider in region, linked as at preview.
func regKMSReplica(name, region string, primary *policy.Resource) *policy.Resource {
	r := policytest.AWS(typeKMSReplicaKey, name, map[string]any{"primaryKeyArn": policy.UnknownSentinel, "deletionWindowInDays": 30})
	r.Provider = policytest.AWSProvider(region)
	policytest.Link(r, "primaryKeyArn", primary)
	return r
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AWS-REG-005",
	Resources: func() []*policy.Resource {
		// The replica's primary is not in this stack (another stack's London key), so it does not touch the
		// subject until a case links it.
		key := policytest.AWS(typeKMSKey, "data-key", map[string]any{"enableKeyRotation": true})
		other := policytest.AWS(typeKMSKey, "other-stack-key", nil)
		// The key's alias, through which a replica may name its primary.
		alias := policytest.AWS(typeKMSAlias, "data-alias", map[string]any{"name": "alias/pos-data", "targetKeyId": policy.UnknownSentinel})
		policytest.Link(alias, "targetKeyId", key)
		return []*policy.Resource{key, regKMSReplica("data-key-replica", "eu-west-2", other), alias}
	},
	Subject:         policytest.URN(typeKMSKey, "data-key"),
	BaselineMessage: "key is single-region",
	Cases: []policytest.Case{
		{
			Name:    "multi-region with London the only allowed region",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], true, "multiRegion") },
			Want:    policy.StatusNotApplicable,
			Message: "key data-key is judged before create by PCLZ-AWS-REG-007, which names it",
		},
		{
			Name:    "multiRegion false",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], false, "multiRegion") },
			Want:    policy.StatusPass,
			Message: "key is single-region",
		},
		{
			Name:    "multiRegion computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "multiRegion") },
			Want:    policy.StatusNotApplicable,
			Message: "key data-key is judged before create by PCLZ-AWS-REG-007, which names it",
		},
		{
			Name: "wider allow-list, no replica in this stack",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				policytest.Set(rs[0], true, "multiRegion")
			},
			Want:    policy.StatusPass,
			Message: "key is multi-region with no replica in this stack; the allow-list has eu-west-2, eu-west-1",
		},
		{
			Name: "wider allow-list, replica naming the key by the ARN of a stack alias, outside the allow-list",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				policytest.Set(rs[0], true, "multiRegion")
				rs[1].PropertyDependencies = nil
				rs[1].Provider = policytest.AWSProvider("us-east-1")
				policytest.Set(rs[1], "arn:aws:kms:eu-west-2:111122223333:alias/pos-data", "primaryKeyArn")
			},
			Want:    policy.StatusFail,
			Message: `replica data-key-replica provider aws-london region "us-east-1" is outside the UK allow-list (eu-west-2, eu-west-1)`,
		},
		{
			Name: "wider allow-list, replica in an allowed region",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				policytest.Set(rs[0], true, "multiRegion")
				rs[1].PropertyDependencies["primaryKeyArn"] = []string{rs[0].URN}
				rs[1].Provider = policytest.AWSProvider("eu-west-1")
			},
			Want:    policy.StatusPass,
			Message: "key is multi-region and its replicas are in allowed regions (data-key-replica)",
		},
		{
			Name: "wider allow-list, replica outside it",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				policytest.Set(rs[0], true, "multiRegion")
				rs[1].PropertyDependencies["primaryKeyArn"] = []string{rs[0].URN}
				rs[1].Provider = policytest.AWSProvider("us-east-1")
			},
			Want:    policy.StatusFail,
			Message: `replica data-key-replica provider aws-london region "us-east-1" is outside the UK allow-list (eu-west-2, eu-west-1)`,
		},
		{
			Name: "wider allow-list, replica linked by ARN in exported state, provider region computed",
			Mutate: func(rs []*policy.Resource, ctx *policy.Context) {
				ctx.AWSRegions = []string{"eu-west-2", "eu-west-1"}
				policytest.Set(rs[0], true, "multiRegion")
				rs[0].ID = "mrk-0123456789abcdef"
				rs[1].PropertyDependencies = nil
				policytest.Set(rs[1], "arn:aws:kms:eu-west-2:111122223333:key/mrk-0123456789abcdef", "primaryKeyArn")
				rs[1].Provider.Inputs = policy.SetAt(rs[1].Provider.Inputs, policy.FromGo(policy.UnknownSentinel), "region")
			},
			Want:    policy.StatusUnknown,
			Message: "replica data-key-replica provider aws-london region is computed; it must be one of eu-west-2, eu-west-1",
		},
		{
			Name: "external key, multi-region",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				rs[0].Type = typeKMSExternalKey
				policytest.Set(rs[0], true, "multiRegion")
			},
			Want:    policy.StatusNotApplicable,
			Message: "key data-key is judged before create by PCLZ-AWS-REG-007, which names it",
		},
	},
})

func TestRegKMSReplicas(t *testing.T) {
	t.Parallel()
	rule := regStackRule(t, "PCLZ-AWS-REG-005")
	eval := func(allowed []string, replicaRegion string) (primary, replica policy.Finding) {
		key := policytest.AWS(typeKMSKey, "data-key", map[string]any{"multiRegion": true})
		rep := regKMSReplica("data-key-replica", replicaRegion, key)
		ctx := policy.NewContext("fixture", "")
		ctx.AWSRegions = allowed
		ev := policy.Evaluate(ctx, []*policy.Resource{key, rep}, policy.Options{StackRules: []policy.StackRule{rule}})
		for _, f := range ev.Findings {
			switch f.URN {
			case key.URN:
				primary = f
			case rep.URN:
				replica = f
			}
		}
		return primary, replica
	}

	p, r := eval([]string{"eu-west-2", "eu-west-1"}, "eu-west-1")
	assert.Equal(t, policy.StatusPass, p.Status)
	assert.Equal(t, "key is multi-region and its replicas are in allowed regions (data-key-replica)", p.Message)
	assert.Equal(t, policy.StatusPass, r.Status)
	assert.Equal(t, "replica key provider aws-london region eu-west-1 is allowed", r.Message)

	p, r = eval([]string{"eu-west-2", "eu-west-1"}, "us-east-1")
	assert.Equal(t, policy.StatusFail, p.Status)
	assert.Equal(t, `replica data-key-replica provider aws-london region "us-east-1" is outside the UK allow-list (eu-west-2, eu-west-1)`, p.Message)
	assert.Equal(t, policy.StatusFail, r.Status)
	assert.Equal(t, `replica key provider aws-london region "us-east-1" is outside the UK allow-list (eu-west-2, eu-west-1)`, r.Message)

	p, r = eval(nil, "eu-west-1")
	// The default allow-list has London only: the key's own flag is the twin's (PCLZ-AWS-REG-007).
	assert.Equal(t, policy.StatusNotApplicable, p.Status)
	assert.Equal(t, "key data-key is judged before create by PCLZ-AWS-REG-007, which names it", p.Message)
	assert.Equal(t, policy.StatusFail, r.Status)
	assert.Equal(t, `replica key provider aws-london region "eu-west-1" is outside the UK allow-list (eu-west-2)`, r.Message)
}
