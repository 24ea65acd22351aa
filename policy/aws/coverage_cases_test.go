package aws

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
)

// TestDataDrivenRulesFailPerType proves that every type a data-driven rule decides has at least one failing
// fixture case with its exact message.
func TestDataDrivenRulesFailPerType(t *testing.T) {
	t.Parallel()
	failing := func(cases []encStoreCase) map[string]bool {
		out := map[string]bool{}
		for _, c := range cases {
			if c.want == policy.StatusFail && c.message != "" {
				out[c.typ] = true
			}
		}
		return out
	}
	regFailing := map[string]bool{}
	for _, c := range regCopiesCases {
		if c.want == policy.StatusFail && c.message != "" {
			regFailing[c.typ] = true
		}
	}
	for _, tc := range []struct {
		id    string
		types []string
		fails map[string]bool
	}{
		{"PCLZ-AWS-ENC-016", append(slices.Collect(maps.Keys(encStores)), typeEMRSecurityConfiguration, typeGlacierVault), failing(encStoreCases)},
		{"PCLZ-AWS-ENC-017", slices.Collect(maps.Keys(encTransits)), failing(encTransitCases)},
		{"PCLZ-AWS-NET-050", slices.Collect(maps.Keys(dsPubChecks)), failing(dsPubCases)},
		{"PCLZ-AWS-IAM-050", slices.Collect(maps.Keys(dsAuthChecks)), failing(dsAuthCases)},
		{"PCLZ-AWS-REG-006", slices.Collect(maps.Keys(regCopies)), regFailing},
	} {
		for _, typ := range tc.types {
			assert.True(t, tc.fails[typ], "%s has no failing fixture case for %s", tc.id, typ)
		}
	}
}
