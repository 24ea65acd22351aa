package guardrails

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
)

// tierDenials is what one tier's stacks may not create, as each side sees it.
type tierDenials struct {
	scp, awsPack, azurePolicy, azurePack []string
	// packTierRules are the isolation rules held to some tiers only (Bronze's) that apply to the tier.
	packTierRules []string
}

// deniedIn derives the tier's denials from the SCPs, the Azure Policy assignments and the pack's rules,
// over the same candidate resources TestBronzeAgreement and TestAzureBronzeAgreement use.
func deniedIn(t *testing.T, tr tier.Tier, scps []SCP, set AzurePolicySet) tierDenials {
	var d tierDenials
	for _, k := range bronzeCandidates {
		req := k.Request
		req.Region, req.Principal = "eu-west-2", workloadPrincipal
		if scpsDeny(t, scps, tr, req) {
			d.scp = append(d.scp, k.String())
		}
		if packRejects(t, catalog.Rules(), tr, k) {
			d.awsPack = append(d.awsPack, k.String())
		}
	}
	root := testAzureParams().RootManagementGroup
	for _, k := range azureBronzeCandidates() {
		if azureDenies(t, set, root, tr, k.ARM) {
			d.azurePolicy = append(d.azurePolicy, k.Name)
		}
		if azPackRejects(t, tr, catalog.Rules(), catalog.StackRules(), k) {
			d.azurePack = append(d.azurePack, k.Name)
		}
	}
	for _, m := range catalog.Metas() {
		if m.Pack == policy.PackIsolation && len(m.Tiers) > 0 && slices.Contains(m.Tiers, tr) {
			d.packTierRules = append(d.packTierRules, m.ID)
		}
	}
	return d
}

// tierDisagreement derives, for every tier of profiles, the denials from the SCPs, from the Azure Policy
// assignments and from the pack's rules, and lists where the three disagree: in a tier whose profile has
// no internet egress the SCPs must deny exactly what the pack's AWS rules deny and the assignments
// exactly what its Azure rules deny; in a tier with egress neither guardrail may deny any of it; in every
// tier neither guardrail may deny what the pack allows; and the tiers where the SCPs, the assignments and
// the pack's tier-held isolation rules deny anything must be the same, those without egress.
func tierDisagreement(t *testing.T, profiles []tier.Profile, scps []SCP, set AzurePolicySet) []string {
	var out []string
	denying := map[string][]tier.Tier{}
	var closed []tier.Tier
	for _, p := range profiles {
		d := deniedIn(t, p.Tier, scps, set)
		for _, x := range d.scp {
			if !slices.Contains(d.awsPack, x) {
				out = append(out, fmt.Sprintf("%s: the SCPs deny %s, the pack allows it", p.Tier, x))
			}
		}
		for _, x := range d.azurePolicy {
			if !slices.Contains(d.azurePack, x) {
				out = append(out, fmt.Sprintf("%s: Azure Policy denies %s, the pack allows it", p.Tier, x))
			}
		}
		if p.InternetEgress == tier.EgressNone {
			closed = append(closed, p.Tier)
			for _, x := range d.awsPack {
				if !slices.Contains(d.scp, x) {
					out = append(out, fmt.Sprintf("%s: the pack denies %s, the SCPs allow it", p.Tier, x))
				}
			}
			for _, x := range d.azurePack {
				if !slices.Contains(d.azurePolicy, x) {
					out = append(out, fmt.Sprintf("%s: the pack denies %s, Azure Policy allows it", p.Tier, x))
				}
			}
		}
		for side, xs := range map[string][]string{"the SCPs": d.scp, "Azure Policy": d.azurePolicy, "the pack's tier-held rules": d.packTierRules} {
			if len(xs) > 0 {
				denying[side] = append(denying[side], p.Tier)
			}
		}
	}
	for _, side := range []string{"the SCPs", "Azure Policy", "the pack's tier-held rules"} {
		if !slices.Equal(closed, denying[side]) {
			out = append(out, fmt.Sprintf("%s deny internet-facing resources in %v, the profiles close %v", side, denying[side], closed))
		}
	}
	return out
}

// TestTierDenialsAgreeAcrossCloudsAndPack runs tierDisagreement over every tier with both clouds'
// guardrails and the pack together (TestBronzeAgreement and TestAzureBronzeAgreement compare one cloud
// each, in Bronze). Table cases change the profile one guardrail is generated from and assert the
// mismatches reported.
func TestTierDenialsAgreeAcrossCloudsAndPack(t *testing.T) {
	t.Parallel()
	with := func(tr tier.Tier, mutate func(*tier.Profile)) Facts {
		f := DefaultFacts()
		for i := range f.Profiles {
			if f.Profiles[i].Tier == tr {
				mutate(&f.Profiles[i])
			}
		}
		return f
	}
	goldClosed := with(tier.Gold, func(p *tier.Profile) { p.InternetEgress = tier.EgressNone })
	bronzeOpen := with(tier.Bronze, func(p *tier.Profile) { p.InternetEgress = tier.EgressHubFirewall })
	scpsOf := func(f Facts) []SCP {
		scps, err := AWSServiceControlPolicies(f, testAWSParams())
		require.NoError(t, err)
		return scps
	}
	azureOf := func(f Facts) AzurePolicySet {
		set, err := AzurePolicies(f, testAzureParams())
		require.NoError(t, err)
		return set
	}
	cases := []struct {
		name string
		scps []SCP
		set  AzurePolicySet
		want []string
	}{
		{name: "same facts agree", scps: testSCPs(t), set: testAzure(t)},
		{name: "SCPs generated with Gold closed", scps: scpsOf(goldClosed), set: testAzure(t),
			want: []string{"the SCPs deny internet-facing resources in [gold bronze], the profiles close [bronze]"}},
		{name: "Azure Policy generated with Bronze open", scps: testSCPs(t), set: azureOf(bronzeOpen),
			want: []string{
				"bronze: the pack denies public IP, Azure Policy allows it",
				"bronze: the pack denies NIC with a public IP, Azure Policy allows it",
				"bronze: the pack denies table with a route to the internet, Azure Policy allows it",
				"bronze: the pack denies table with a default route to a firewall, Azure Policy allows it",
				"Azure Policy deny internet-facing resources in [], the profiles close [bronze]",
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, tierDisagreement(t, tier.Profiles(), c.scps, c.set))
		})
	}
	// Not vacuous: Bronze is the one closed tier today, and there each side denies something.
	d := deniedIn(t, tier.Bronze, testSCPs(t), testAzure(t))
	assert.NotEmpty(t, d.scp)
	assert.NotEmpty(t, d.azurePolicy)
	assert.NotEmpty(t, d.packTierRules)
}
