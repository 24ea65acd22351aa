package guardrails

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/policytest"
)

// aliasPaths maps the Azure Policy aliases the generated Bronze definitions use to the ARM property
// paths they read ("[*]" marks an array). An alias missing here fails the test, so a definition cannot
// use one the evaluator does not understand.
var aliasPaths = map[string]string{
	"Microsoft.Network/networkInterfaces/ipConfigurations[*]":                    "properties.ipConfigurations[*]",
	"Microsoft.Network/networkInterfaces/ipConfigurations[*].publicIpAddress.id": "properties.ipConfigurations[*].properties.publicIPAddress.id",
	"Microsoft.Network/routeTables/routes[*]":                                    "properties.routes[*]",
	"Microsoft.Network/routeTables/routes[*].nextHopType":                        "properties.routes[*].properties.nextHopType",
	"Microsoft.Network/routeTables/routes[*].addressPrefix":                      "properties.routes[*].properties.addressPrefix",
	"Microsoft.Network/routeTables/routes/nextHopType":                           "properties.nextHopType",
	"Microsoft.Network/routeTables/routes/addressPrefix":                         "properties.addressPrefix",
}

// lookup reads a dotted path from v; ok is false when a step is missing.
func lookup(v any, p string) (any, bool) {
	for _, step := range strings.Split(p, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[step]; !ok {
			return nil, false
		}
	}
	return v, true
}

// fieldValue reads a field for the condition: "type", or an alias, relative to the current array element
// inside a count's where.
func fieldValue(t *testing.T, f string, res, elem map[string]any) (any, bool) {
	t.Helper()
	if f == "type" {
		return res["type"], true
	}
	p, ok := aliasPaths[f]
	if !ok {
		t.Fatalf("alias %s is not known to the agreement test", f)
	}
	if i := strings.Index(p, "[*]."); i >= 0 && elem != nil {
		return lookup(elem, p[i+len("[*]."):])
	}
	return lookup(res, p)
}

// azEval evaluates an Azure Policy condition on an ARM resource (elem is the current element in a
// count's where). It understands the operators the generated definitions use and fails on any other.
func azEval(t *testing.T, c any, res, elem map[string]any) bool {
	t.Helper()
	m := c.(map[string]any)
	if xs, ok := m["allOf"].([]any); ok {
		return !slices.ContainsFunc(xs, func(x any) bool { return !azEval(t, x, res, elem) })
	}
	if xs, ok := m["anyOf"].([]any); ok {
		return slices.ContainsFunc(xs, func(x any) bool { return azEval(t, x, res, elem) })
	}
	if cnt, ok := m["count"].(map[string]any); ok {
		p := aliasPaths[cnt["field"].(string)]
		arr, _ := lookup(res, strings.TrimSuffix(p, "[*]"))
		items, _ := arr.([]any)
		n := 0
		for _, it := range items {
			if w, ok := cnt["where"]; !ok || azEval(t, w, res, it.(map[string]any)) {
				n++
			}
		}
		return float64(n) > toFloat(t, m["greater"])
	}
	f, _ := m["field"].(string)
	v, present := fieldValue(t, f, res, elem)
	for op, want := range m {
		switch op {
		case "field":
		case "equals":
			return present && strings.EqualFold(fmt.Sprint(v), fmt.Sprint(want))
		case "notEquals":
			return !present || !strings.EqualFold(fmt.Sprint(v), fmt.Sprint(want))
		case "like":
			ok, _ := path.Match(strings.ToLower(fmt.Sprint(want)), strings.ToLower(fmt.Sprint(v)))
			return present && ok
		case "exists":
			return present == (fmt.Sprint(want) == "true")
		default:
			t.Fatalf("operator %s is not evaluated by the agreement test", op)
		}
	}
	t.Fatalf("condition %v has no operator", m)
	return false
}

func toFloat(t *testing.T, v any) float64 {
	switch n := v.(type) {
	case int:
		return float64(n)
	case float64:
		return n
	}
	t.Fatalf("count threshold %v is not a number", v)
	return 0
}

// azureDenies reports whether an assignment at the root or tier tr's management group denies the ARM
// resource.
func azureDenies(t *testing.T, set AzurePolicySet, root string, tr tier.Tier, arm map[string]any) bool {
	t.Helper()
	defs := map[string]AzureDefinition{}
	for _, d := range set.Definitions {
		defs[d.Name] = d
	}
	for _, a := range set.Assignments {
		if a.Scope != mgScope(root) && a.Scope != mgScope(root+"-"+string(tr)) {
			continue
		}
		name := a.Properties.PolicyDefinitionID[strings.LastIndex(a.Properties.PolicyDefinitionID, "/")+1:]
		d, ok := defs[name]
		if !ok || d.Properties.PolicyRule.Then["effect"] != "deny" {
			continue // built-in location definitions and deployIfNotExists: not about these resources
		}
		var rule map[string]any
		b, err := CanonicalJSON(d.Properties.PolicyRule)
		require.NoError(t, err)
		require.NoError(t, jsonDecode(b, &rule))
		if azEval(t, rule["if"], arm, nil) {
			return true
		}
	}
	return false
}

// azKind is one resource as the pack sees it (Pulumi type and inputs) and as ARM receives it.
type azKind struct {
	Name   string
	Type   string
	Inputs map[string]any
	ARM    map[string]any
}

const pipID = "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/met-bronze/providers/Microsoft.Network/publicIPAddresses/legacy-pip"

func route(name, prefix, hop string) (pulumi, arm map[string]any) {
	return map[string]any{"name": name, "addressPrefix": prefix, "nextHopType": hop},
		map[string]any{"name": name, "properties": map[string]any{"addressPrefix": prefix, "nextHopType": hop}}
}

func routeTable(name string, routes ...[2]map[string]any) azKind {
	var p, a []any
	for _, r := range routes {
		p, a = append(p, r[0]), append(a, r[1])
	}
	return azKind{Name: name, Type: "azure-native:network:RouteTable",
		Inputs: map[string]any{"location": "uksouth", "routes": p, "disableBgpRoutePropagation": true},
		ARM: map[string]any{"type": "Microsoft.Network/routeTables",
			"properties": map[string]any{"routes": a, "disableBgpRoutePropagation": true}}}
}

func pair(p, a map[string]any) [2]map[string]any { return [2]map[string]any{p, a} }

// azureBronzeCandidates: public addresses and routes that open the internet, and harmless neighbours.
func azureBronzeCandidates() []azKind {
	drop := pair(route("default-drop", "0.0.0.0/0", "None"))
	return []azKind{
		{Name: "public IP", Type: "azure-native:network:PublicIPAddress", Inputs: map[string]any{"location": "uksouth"},
			ARM: map[string]any{"type": "Microsoft.Network/publicIPAddresses"}},
		{Name: "NIC with a public IP", Type: "azure-native:network:NetworkInterface",
			Inputs: map[string]any{"ipConfigurations": []any{map[string]any{"name": "ipc", "publicIPAddress": map[string]any{"id": pipID}}}},
			ARM: map[string]any{"type": "Microsoft.Network/networkInterfaces", "properties": map[string]any{"ipConfigurations": []any{
				map[string]any{"name": "ipc", "properties": map[string]any{"publicIPAddress": map[string]any{"id": pipID}}}}}}},
		{Name: "NIC without a public IP", Type: "azure-native:network:NetworkInterface",
			Inputs: map[string]any{"ipConfigurations": []any{map[string]any{"name": "ipc"}}},
			ARM: map[string]any{"type": "Microsoft.Network/networkInterfaces", "properties": map[string]any{"ipConfigurations": []any{
				map[string]any{"name": "ipc", "properties": map[string]any{}}}}}},
		routeTable("table with a route to the internet", drop, pair(route("out", "203.0.113.0/24", "Internet"))),
		routeTable("table with a default route to a firewall", pair(route("default", "0.0.0.0/0", "VirtualAppliance"))),
		routeTable("table that drops the default route", drop),
	}
}

// azPackRejects runs the isolation rules and stack rules (in rules, stackRules) on k in a tier stack of tr.
func azPackRejects(t *testing.T, tr tier.Tier, rules []policy.Rule, stackRules []policy.StackRule, k azKind) bool {
	ctx := policy.NewContext("agreement-"+string(tr), tr)
	ctx.Cloud, ctx.Role = "azure", "tier"
	r := policytest.Azure(k.Type, "candidate", k.Inputs)
	applies := func(m policy.Meta) bool {
		return m.Pack == policy.PackIsolation && slices.Contains(m.ResourceTypes, k.Type) && (len(m.Tiers) == 0 || slices.Contains(m.Tiers, tr))
	}
	for _, rule := range rules {
		if applies(rule.Meta) && rule.Check(ctx, r).Status == policy.StatusFail {
			return true
		}
	}
	for _, sr := range stackRules {
		if !applies(sr.Meta) {
			continue
		}
		for _, res := range sr.Check(ctx, []*policy.Resource{r}) {
			if res.Status == policy.StatusFail {
				return true
			}
		}
	}
	return false
}

func TestAzureBronzeAgreement(t *testing.T) {
	t.Parallel()
	root := testAzureParams().RootManagementGroup
	withBronze := func(mutate func(*tier.Profile)) AzurePolicySet {
		f := DefaultFacts()
		for i := range f.Profiles {
			if f.Profiles[i].Tier == tier.Bronze {
				mutate(&f.Profiles[i])
			}
		}
		set, err := AzurePolicies(f, testAzureParams())
		require.NoError(t, err)
		return set
	}
	withoutStack := func(id string) []policy.StackRule {
		return slices.DeleteFunc(catalog.StackRules(), func(r policy.StackRule) bool { return r.ID == id })
	}
	withoutRule := func(id string) []policy.Rule {
		return slices.DeleteFunc(catalog.Rules(), func(r policy.Rule) bool { return r.ID == id })
	}
	cases := []struct {
		name       string
		rules      []policy.Rule
		stackRules []policy.StackRule
		set        AzurePolicySet
		want       []string
	}{
		{name: "same facts agree", rules: catalog.Rules(), stackRules: catalog.StackRules(), set: testAzure(t)},
		{name: "guardrail widened: Bronze given hub egress", rules: catalog.Rules(), stackRules: catalog.StackRules(),
			set: withBronze(func(p *tier.Profile) { p.InternetEgress = tier.EgressHubFirewall }),
			want: []string{
				"public IP: the pack denies it in Bronze, the guardrail allows it",
				"NIC with a public IP: the pack denies it in Bronze, the guardrail allows it",
				"table with a route to the internet: the pack denies it in Bronze, the guardrail allows it",
				"table with a default route to a firewall: the pack denies it in Bronze, the guardrail allows it",
			}},
		{name: "pack widened: Bronze route rule dropped", rules: catalog.Rules(), stackRules: withoutStack("PCLZ-AZR-NET-010"), set: testAzure(t),
			want: []string{
				"table with a route to the internet: the guardrail denies it in Bronze, the pack allows it",
				"table with a default route to a firewall: the guardrail denies it in Bronze, the pack allows it",
			}},
		{name: "pack widened: NIC rule dropped", rules: withoutRule("PCLZ-AZR-NET-003"), stackRules: catalog.StackRules(), set: testAzure(t),
			want: []string{"NIC with a public IP: the guardrail denies it in Bronze, the pack allows it"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, k := range azureBronzeCandidates() {
				pack, guard := azPackRejects(t, tier.Bronze, c.rules, c.stackRules, k), azureDenies(t, c.set, root, tier.Bronze, k.ARM)
				switch {
				case pack && !guard:
					got = append(got, k.Name+": the pack denies it in Bronze, the guardrail allows it")
				case guard && !pack:
					got = append(got, k.Name+": the guardrail denies it in Bronze, the pack allows it")
				}
			}
			assert.Equal(t, c.want, got)
		})
	}
	// Not vacuous: in agreement both sides deny the four internet openers and allow the two neighbours.
	set := testAzure(t)
	for _, k := range azureBronzeCandidates() {
		harmless := k.Name == "NIC without a public IP" || k.Name == "table that drops the default route"
		assert.Equal(t, !harmless, azureDenies(t, set, root, tier.Bronze, k.ARM), k.Name)
		assert.Equal(t, !harmless, azPackRejects(t, tier.Bronze, catalog.Rules(), catalog.StackRules(), k), k.Name)
		// Gold's management group has no such assignment: its profile egresses through the hub.
		assert.False(t, azureDenies(t, set, root, tier.Gold, k.ARM), k.Name)
	}
}

func jsonDecode(b []byte, v any) error { return json.Unmarshal(b, v) }
