package azurelz_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/guardrails"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/policytest"
)

// The management-group half of the agreement tests (components/guardrails proves the documents agree
// with the pack): what the deployed hierarchy makes effective on each tier's subscription. A policy
// assignment applies to every subscription under the group it is assigned to, so the allowed locations
// and the Bronze denials reach a subscription only through its group and that group's ancestors. Each
// side is read from what was registered (assignment scopes and parameters, group parents, subscription
// placements), so a variant that widens the regions in only the pack or only Azure Policy, or that
// assigns or places at the wrong scope, is reported.

// candidateLocations are the Azure locations the agreement probes.
var candidateLocations = []string{"uksouth", "ukwest", "northeurope", "westeurope", "francecentral", "eastus", "southeastasia"}

// hierarchyView is the registered hierarchy: each group's parent and each subscription's group.
type hierarchyView struct {
	parent      map[string]string
	groupOf     map[string]string
	assignments []*policy.Resource
}

func viewOf(rs []*policy.Resource) hierarchyView {
	v := hierarchyView{parent: map[string]string{}, groupOf: map[string]string{}}
	for _, r := range rs {
		switch r.Type {
		case "azure-native:management:ManagementGroup":
			v.parent[str(r.Get("groupId"))] = strings.TrimPrefix(str(r.Get("details", "parent", "id")), mgPrefix)
		case "azure-native:management:ManagementGroupSubscription":
			v.groupOf[str(r.Get("subscriptionId"))] = str(r.Get("groupId"))
		case "azure-native:authorization:PolicyAssignment":
			v.assignments = append(v.assignments, r)
		}
	}
	return v
}

// effective returns the assignments that apply to subscription sub: those at its group or an ancestor.
func (v hierarchyView) effective(sub string) []*policy.Resource {
	chain := map[string]bool{}
	for g := v.groupOf[sub]; g != ""; g = v.parent[g] {
		chain[g] = true
	}
	var out []*policy.Resource
	for _, a := range v.assignments {
		if scope, ok := strings.CutPrefix(str(a.Get("scope")), mgPrefix); ok && chain[scope] {
			out = append(out, a)
		}
	}
	return out
}

// guardLocations are the candidate locations where the subscription's effective allowed-locations
// assignments (the built-in resource and resource group definitions) let a storage account and its
// resource group be created. With no such assignment, every location is allowed.
func (v hierarchyView) guardLocations(t *testing.T, sub string) []string {
	t.Helper()
	var out []string
	for _, loc := range candidateLocations {
		allowed := true
		for _, a := range v.effective(sub) {
			def := str(a.Get("policyDefinitionId"))
			if def != guardrails.BuiltinAllowedLocations && def != guardrails.BuiltinAllowedRGLocations {
				continue
			}
			list, k := policy.Strings(a.Get("parameters", "listOfAllowedLocations", "value"))
			require.Equal(t, policy.Present, k, str(a.Get("policyAssignmentName")))
			allowed = allowed && slices.Contains(list, loc)
		}
		if allowed {
			out = append(out, loc)
		}
	}
	return out
}

// denies reports whether the subscription's effective assignments include the custom definition.
func (v hierarchyView) denies(sub, definition string) bool {
	for _, a := range v.effective(sub) {
		if strings.HasSuffix(str(a.Get("policyDefinitionId")), "/policyDefinitions/"+definition) {
			return true
		}
	}
	return false
}

// packLocations are the candidate locations where PCLZ-AZR-REG-001 passes a storage account and a
// resource group in a tier stack of tr, under the allow-list the pack is given.
func packLocations(tr tier.Tier, allowList []string) []string {
	ctx := policy.NewContext("agreement", tr)
	ctx.Cloud, ctx.Role, ctx.AzureLocations = "azure", "tier", allowList
	var rule policy.Rule
	for _, r := range catalog.Rules() {
		if r.ID == "PCLZ-AZR-REG-001" {
			rule = r
		}
	}
	var out []string
	for _, loc := range candidateLocations {
		st := policytest.Azure("azure-native:storage:StorageAccount", "records", map[string]any{"location": loc})
		rg := policytest.Azure("azure-native:resources:ResourceGroup", "records-rg", map[string]any{"location": loc})
		if rule.Check(ctx, st).Status == policy.StatusPass && rule.Check(ctx, rg).Status == policy.StatusPass {
			out = append(out, loc)
		}
	}
	return out
}

func TestManagementGroupScopeAgreement(t *testing.T) {
	t.Parallel()
	args := mgArgs()
	c, _ := runManagementGroups(t, args)
	assignment := func(rs []*policy.Resource, name string) *policy.Resource {
		for _, r := range rs {
			if r.Type == "azure-native:authorization:PolicyAssignment" && str(r.Get("policyAssignmentName")) == name {
				return r
			}
		}
		t.Fatalf("no assignment %s", name)
		return nil
	}
	// fresh returns copies of the registered resources, so that each variant mutates its own.
	fresh := func() []*policy.Resource {
		var out []*policy.Resource
		for _, r := range c.Resources() {
			out = append(out, r.Clone())
		}
		return out
	}
	uk := slices.Clone(policy.DefaultAzureLocations)
	cases := []struct {
		name   string
		pack   []string
		mutate func([]*policy.Resource)
		want   []string
	}{
		{name: "same facts agree", pack: uk},
		{name: "pack widened", pack: append(slices.Clone(uk), "westeurope"), want: []string{
			"platinum westeurope: the pack allows it, Azure Policy denies it",
			"gold westeurope: the pack allows it, Azure Policy denies it",
			"bronze westeurope: the pack allows it, Azure Policy denies it"}},
		{name: "Azure Policy widened", pack: uk, mutate: func(rs []*policy.Resource) {
			for _, n := range []string{"pclz-locations", "pclz-rg-locations"} {
				policytest.Set(assignment(rs, n), []any{"uksouth", "ukwest", "northeurope"}, "parameters", "listOfAllowedLocations", "value")
			}
		}, want: []string{
			"platinum northeurope: Azure Policy allows it, the pack denies it",
			"gold northeurope: Azure Policy allows it, the pack denies it",
			"bronze northeurope: Azure Policy allows it, the pack denies it"}},
		{name: "locations assigned to the platform group only", pack: uk, mutate: func(rs []*policy.Resource) {
			for _, n := range []string{"pclz-locations", "pclz-rg-locations"} {
				policytest.Set(assignment(rs, n), mgPrefix+"pclz-met-platform", "scope")
			}
		}, want: func() []string {
			var out []string
			for _, tr := range []string{"platinum", "gold", "bronze"} {
				for _, loc := range candidateLocations[2:] {
					out = append(out, tr+" "+loc+": Azure Policy allows it, the pack denies it")
				}
			}
			return out
		}()},
		{name: "Bronze subscription placed in the Gold group", pack: uk, mutate: func(rs []*policy.Resource) {
			for _, r := range rs {
				if r.Type == "azure-native:management:ManagementGroupSubscription" && str(r.Get("subscriptionId")) == testSubscriptions["bronze"] {
					policytest.Set(r, "pclz-met-gold", "groupId")
				}
			}
		}, want: []string{"bronze: the Bronze profile has no internet egress, but Azure Policy lets its subscription create public IP addresses and internet routes"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs := fresh()
			if tc.mutate != nil {
				tc.mutate(rs)
			}
			v := viewOf(rs)
			var got []string
			for _, prof := range args.Profiles {
				sub := testSubscriptions[string(prof.Tier)]
				pack, guard := packLocations(prof.Tier, tc.pack), v.guardLocations(t, sub)
				for _, loc := range pack {
					if !slices.Contains(guard, loc) {
						got = append(got, fmt.Sprintf("%s %s: the pack allows it, Azure Policy denies it", prof.Tier, loc))
					}
				}
				for _, loc := range guard {
					if !slices.Contains(pack, loc) {
						got = append(got, fmt.Sprintf("%s %s: Azure Policy allows it, the pack denies it", prof.Tier, loc))
					}
				}
				isolated := prof.InternetEgress == tier.EgressNone
				denied := v.denies(sub, "pclz-deny-public-ip") && v.denies(sub, "pclz-deny-internet-routes")
				switch {
				case isolated && !denied:
					got = append(got, fmt.Sprintf("%s: the %s profile has no internet egress, but Azure Policy lets its subscription create public IP addresses and internet routes", prof.Tier, prof.Tier.Title()))
				case !isolated && (v.denies(sub, "pclz-deny-public-ip") || v.denies(sub, "pclz-deny-internet-routes")):
					got = append(got, fmt.Sprintf("%s: the %s profile egresses through the hub, but Azure Policy denies its subscription public IPs or internet routes", prof.Tier, prof.Tier.Title()))
				}
			}
			assert.Equal(t, tc.want, got)
			if tc.want == nil {
				// Not vacuous: each tier subscription is covered by the root's UK-only assignments, and only
				// Bronze's by the Bronze denials.
				for _, prof := range args.Profiles {
					sub := testSubscriptions[string(prof.Tier)]
					assert.Equal(t, uk, v.guardLocations(t, sub), prof.Tier)
					assert.Equal(t, prof.Tier == tier.Bronze, v.denies(sub, "pclz-deny-public-ip"), prof.Tier)
				}
			}
		})
	}
}
