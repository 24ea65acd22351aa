package azure

import (
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

// readsDeclaredByOwner lists catalogued properties read by isolation and identity rules whose Meta.Reads
// are declared in their own files (NSG, NIC, role assignment rules): the test still proves each such rule
// exists and inspects the type. Entries leave this list as those rules declare their Reads.
var readsDeclaredByOwner = map[policy.PropertyRef]string{
	{Type: typeNSG, Path: "securityRules"}:                    "PCLZ-AZR-NET-001",
	{Type: typeSecurityRule, Path: "sourceAddressPrefix"}:     "PCLZ-AZR-NET-001",
	{Type: typeSecurityRule, Path: "sourceAddressPrefixes"}:   "PCLZ-AZR-NET-001",
	{Type: typeNIC, Path: "ipConfigurations.publicIPAddress"}: "PCLZ-AZR-NET-003",
	{Type: typeRoleAssignment, Path: "roleDefinitionId"}:      "PCLZ-AZR-IAM-001",
	{Type: typeRoleAssignment, Path: "principalType"}:         "PCLZ-AZR-IAM-001",
	{Type: typeSubnet, Path: "networkSecurityGroup.id"}:       "PCLZ-AZR-NET-007",
	{Type: typePeering, Path: "remoteVirtualNetwork.id"}:      "PCLZ-AZR-NET-008",
}

// allMetas returns the metadata of every Azure rule.
func allMetas() []policy.Meta {
	var out []policy.Meta
	for _, r := range Rules() {
		out = append(out, r.Meta)
	}
	for _, r := range StackRules() {
		out = append(out, r.Meta)
	}
	return out
}

func TestCoverageEveryPropertyRead(t *testing.T) {
	t.Parallel()
	cov := Coverage()
	require.GreaterOrEqual(t, len(cov), 60, "the catalogue covers at least 60 types")
	readBy := map[policy.PropertyRef][]string{}
	metas := map[string]policy.Meta{}
	for _, m := range allMetas() {
		metas[m.ID] = m
		for _, ref := range m.Reads {
			readBy[ref] = append(readBy[ref], m.ID)
		}
	}
	token := regexp.MustCompile(`^azure-native:[a-z]+:[A-Z][A-Za-z0-9]+$`)
	seen := map[string]bool{}
	for _, e := range cov {
		assert.False(t, seen[e.Type], "type %s is catalogued twice", e.Type)
		seen[e.Type] = true
		assert.Regexp(t, token, e.Type, "type token")
		assert.NotEmpty(t, e.Category, "%s has no category", e.Type)
		// A type with no properties is catalogued because the rules judge it as a whole (a delete lock, a
		// backup policy, a Defender plan): assessed, with nothing that can move or expose data.
		paths := map[string]bool{}
		for _, p := range e.Properties {
			assert.False(t, paths[p.Path], "%s lists %s twice", e.Type, p.Path)
			paths[p.Path] = true
			assert.Contains(t, policy.Risks(), p.Risk, "%s.%s risk", e.Type, p.Path)
			ref := policy.PropertyRef{Type: e.Type, Path: p.Path}
			if len(readBy[ref]) > 0 {
				continue
			}
			id, pending := readsDeclaredByOwner[ref]
			if !assert.True(t, pending, "%s %s (%s) is read by no rule", e.Type, p.Path, p.Risk) {
				continue
			}
			m, has := metas[id]
			if assert.True(t, has, "%s.%s: rule %s does not exist", e.Type, p.Path, id) {
				assert.True(t, m.AppliesToType(e.Type), "%s.%s: rule %s does not inspect %s", e.Type, p.Path, id, e.Type)
			}
		}
	}
	assert.True(t, slices.IsSortedFunc(cov, func(a, b policy.CoverageEntry) int {
		if a.Type < b.Type {
			return -1
		}
		if a.Type > b.Type {
			return 1
		}
		return 0
	}), "Coverage is sorted by type")
}

// TestReadsNameInspectedTypes proves a rule's Reads name only types the rule inspects, with non-empty
// paths, so that Reads cannot claim coverage the rule does not give.
func TestReadsNameInspectedTypes(t *testing.T) {
	t.Parallel()
	for _, m := range allMetas() {
		for _, ref := range m.Reads {
			assert.NotEmpty(t, ref.Path, "%s reads an empty path of %s", m.ID, ref.Type)
			assert.True(t, m.AppliesToType(ref.Type), "%s reads %s but does not inspect it", m.ID, ref.Type)
		}
	}
}

// TestRegionRulesReadEveryLocation proves every catalogued type with a location input is read by the
// location rule, and every catalogued residency property by a non-waivable region rule.
func TestRegionRulesReadEveryResidencyProperty(t *testing.T) {
	t.Parallel()
	region := map[policy.PropertyRef]bool{}
	for _, m := range allMetas() {
		if m.Pack != policy.PackRegion {
			continue
		}
		assert.False(t, m.Waivable, "%s is a region rule", m.ID)
		assert.Equal(t, policy.Mandatory, m.Enforcement, "%s is a region rule", m.ID)
		for _, ref := range m.Reads {
			region[ref] = true
		}
	}
	for _, e := range Coverage() {
		for _, p := range e.Properties {
			if p.Risk == policy.RiskResidency {
				assert.True(t, region[policy.PropertyRef{Type: e.Type, Path: p.Path}], "%s %s is read by no region rule", e.Type, p.Path)
			}
		}
	}
}
