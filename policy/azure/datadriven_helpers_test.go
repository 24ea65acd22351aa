package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// variant is a case that replaces the checked resource with a resource of typ built by inputs, then
// applies mutate (nil for the compliant resource).
func variant(name, typ string, inputs func() map[string]any, mutate func(r *policy.Resource), want policy.Status, msg string) policytest.Case {
	return policytest.Case{
		Name: name,
		Mutate: func(rs []*policy.Resource, _ *policy.Context) {
			rs[0] = az(typ, "subject", tier.Gold, inputs())
			if mutate != nil {
				mutate(rs[0])
			}
		},
		Want:    want,
		Message: msg,
	}
}

// set returns a mutation setting the input at path to v.
func set(v any, path ...any) func(*policy.Resource) {
	return func(r *policy.Resource) { policytest.Set(r, v, path...) }
}

// del returns a mutation deleting the input at path.
func del(path ...any) func(*policy.Resource) {
	return func(r *policy.Resource) { policytest.Delete(r, path...) }
}

// computed returns a mutation making the input at path computed.
func computed(path ...any) func(*policy.Resource) {
	return func(r *policy.Resource) { policytest.SetComputed(r, path...) }
}

// dataDrivenTables are the per-type tables of the data-driven resource rules.
var dataDrivenTables = map[string]map[string]typeSpec{
	"PCLZ-AZR-REG-005": replicaLocations,
	"PCLZ-AZR-ENC-010": customerKeys,
	"PCLZ-AZR-ENC-011": tlsMinimums,
	"PCLZ-AZR-ENC-012": plaintextChannels,
	"PCLZ-AZR-NET-020": serviceFirewalls,
	"PCLZ-AZR-NET-021": publicFrontends,
	"PCLZ-AZR-IAM-010": localAuth,
	"PCLZ-AZR-NET-022": firewallThreats,
}

// TestDataDrivenFixturesFailEveryType proves each data-driven rule's fixture has a failing case for every
// type of its table (and for every type of PCLZ-AZR-NET-004), with its exact message.
func TestDataDrivenFixturesFailEveryType(t *testing.T) {
	t.Parallel()
	tables := map[string][]string{"PCLZ-AZR-NET-004": publicAccessTypes(), "PCLZ-AZR-REG-003": nil}
	for id, table := range dataDrivenTables {
		tables[id] = tableTypes(table)
	}
	for _, r := range Rules() {
		if id := r.ID; id == "PCLZ-AZR-REG-003" {
			tables[id] = r.ResourceTypes
		}
	}
	byID := map[string]policytest.Fixture{}
	for _, f := range fixtures.Fixtures() {
		byID[f.RuleID] = f
	}
	for id, types := range tables {
		f, has := byID[id]
		if !assert.True(t, has, "no fixture for %s", id) {
			continue
		}
		failing := map[string]bool{}
		for _, c := range f.Cases {
			if c.Want != policy.StatusFail || c.Mutate == nil {
				continue
			}
			rs, ctx := f.Resources(), policy.NewContext("fixture", tier.Platinum)
			if f.Context != nil {
				ctx = f.Context()
			}
			c.Mutate(rs, ctx)
			failing[rs[0].Type] = true
		}
		for _, typ := range types {
			assert.True(t, failing[typ], "%s: no failing case for %s", id, typ)
		}
	}
}
