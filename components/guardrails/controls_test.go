package guardrails

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
)

// regionOrBronzeRules are the catalogued rules the guardrails must carry or explain: every region rule,
// every rule held to the isolated tiers only, and every rule of the no-internet and isolation controls.
func regionOrBronzeRules() []string {
	var out []string
	for _, m := range catalog.Metas() {
		bronzeOnly := len(m.Tiers) > 0 && !slices.ContainsFunc(m.Tiers, func(t tier.Tier) bool { return !tier.IsIsolated(t) })
		if m.Pack == policy.PackRegion || bronzeOnly {
			out = append(out, m.ID)
		}
	}
	return out
}

func TestEveryRegionAndBronzeRuleHasAGuardrailOrAReason(t *testing.T) {
	t.Parallel()
	rules := regionOrBronzeRules()
	require.Greater(t, len(rules), 15, "the catalogue's region and Bronze rules")
	explained := map[string]string{}
	for _, u := range Unenforceables() {
		assert.NotEmpty(t, u.Reason, u.Rule)
		explained[u.Rule] = u.Reason
	}
	for _, id := range rules {
		guarded := slices.ContainsFunc(ControlsForRule(id), func(c Control) bool { return len(c.AWS)+len(c.Azure) > 0 })
		_, why := explained[id]
		assert.True(t, guarded || why, "%s has neither an in-cloud guardrail nor a stated reason why the cloud cannot enforce it", id)
		assert.False(t, guarded && why, "%s has a guardrail and also a reason why it has none", id)
	}
}

func TestControlsNameRealRulesAndGuardrails(t *testing.T) {
	t.Parallel()
	scps := testSCPs(t)
	set := testAzure(t)
	ids := map[string]bool{}
	for _, c := range Controls() {
		assert.False(t, ids[c.ID], "duplicate control %s", c.ID)
		ids[c.ID] = true
		assert.NotEmpty(t, c.Title, c.ID)
		assert.NotEmpty(t, append(slices.Clone(c.AWS), c.Azure...), "%s has no guardrail", c.ID)
		for _, r := range c.Rules {
			_, ok := catalog.Meta(r)
			assert.True(t, ok, "%s names unknown rule %s", c.ID, r)
		}
		for _, name := range c.AWS {
			i := slices.IndexFunc(scps, func(s SCP) bool { return s.Name == name })
			if assert.GreaterOrEqual(t, i, 0, "%s names missing SCP %s", c.ID, name) {
				assert.Contains(t, scps[i].Controls, c.ID, "SCP %s does not list control %s", name, c.ID)
			}
		}
		for _, name := range c.Azure {
			a, ok := set.Assignment(name)
			if assert.True(t, ok, "%s names missing assignment %s", c.ID, name) {
				assert.Equal(t, c.ID, a.Properties.Metadata["control"], name)
				for _, r := range a.Rules() {
					assert.Contains(t, c.Rules, r, "assignment %s enforces %s, which its control %s does not list", name, r, c.ID)
				}
			}
		}
	}
	// Every generated guardrail belongs to a control that names it.
	for _, s := range scps {
		for _, id := range s.Controls {
			i := slices.IndexFunc(Controls(), func(c Control) bool { return c.ID == id })
			require.GreaterOrEqual(t, i, 0, "SCP %s lists unknown control %s", s.Name, id)
			assert.Contains(t, Controls()[i].AWS, s.Name, "control %s does not name SCP %s", id, s.Name)
		}
	}
	for _, a := range set.Assignments {
		id, _ := a.Properties.Metadata["control"].(string)
		i := slices.IndexFunc(Controls(), func(c Control) bool { return c.ID == id })
		require.GreaterOrEqual(t, i, 0, "assignment %s lists unknown control %q", a.Name, id)
		assert.Contains(t, Controls()[i].Azure, a.Name, "control %s does not name assignment %s", id, a.Name)
	}
	for _, u := range Unenforceables() {
		_, ok := catalog.Meta(u.Rule)
		assert.True(t, ok, "unenforceable names unknown rule %s", u.Rule)
	}
}

// Every control cites known NCSC principles, and each of its rules cites a principle under one of them:
// the evidence pack shows the control under those principles beside the rules.
func TestControlPrinciples(t *testing.T) {
	t.Parallel()
	for _, c := range Controls() {
		require.NotEmpty(t, c.Principles, c.ID)
		top := map[string]bool{}
		for _, p := range c.Principles {
			_, ok := policy.PrincipleByID(p)
			assert.True(t, ok, "%s cites unknown principle %q", c.ID, p)
			top[policy.TopLevel(p)] = true
		}
		for _, r := range c.Rules {
			m, ok := catalog.Meta(r)
			require.True(t, ok, r)
			assert.True(t, slices.ContainsFunc(m.Principles, func(p string) bool { return top[policy.TopLevel(p)] }),
				"%s cites %v, none under %s's principles %v", r, m.Principles, c.ID, c.Principles)
		}
	}
}

func TestControlsForRule(t *testing.T) {
	t.Parallel()
	got := ControlsForRule("PCLZ-AWS-NET-008")
	require.Len(t, got, 1)
	assert.Equal(t, ControlIsolation, got[0].ID)
	assert.Empty(t, ControlsForRule("PCLZ-NOPE-000"))
	// Controls returns copies: changing one does not change the mapping.
	c := Controls()
	c[0].Rules[0] = "changed"
	assert.NotEqual(t, "changed", Controls()[0].Rules[0])
}
