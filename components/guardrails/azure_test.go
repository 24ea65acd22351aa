package guardrails

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
)

// conditionOperators are the Azure Policy condition operators.
var conditionOperators = []string{"equals", "notEquals", "like", "notLike", "match", "matchInsensitively",
	"notMatch", "notMatchInsensitively", "contains", "notContains", "in", "notIn", "containsKey",
	"notContainsKey", "less", "lessOrEquals", "greater", "greaterOrEquals", "exists"}

// checkCondition reports the first way c is not a well-formed Azure Policy condition: a logical operator
// (allOf/anyOf with a non-empty list, not with one condition) or a field, value or count with exactly one
// condition operator.
func checkCondition(c any, path string) error {
	m, ok := c.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: %T is not an object", path, c)
	}
	for _, lo := range []string{"allOf", "anyOf"} {
		if v, ok := m[lo]; ok {
			if len(m) != 1 {
				return fmt.Errorf("%s: %s has siblings", path, lo)
			}
			xs, ok := v.([]any)
			if !ok || len(xs) == 0 {
				return fmt.Errorf("%s.%s: want a non-empty list", path, lo)
			}
			for i, x := range xs {
				if err := checkCondition(x, fmt.Sprintf("%s.%s[%d]", path, lo, i)); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if v, ok := m["not"]; ok {
		if len(m) != 1 {
			return fmt.Errorf("%s: not has siblings", path)
		}
		return checkCondition(v, path+".not")
	}
	subjects := 0
	for _, s := range []string{"field", "value", "count"} {
		if _, ok := m[s]; ok {
			subjects++
		}
	}
	if subjects != 1 {
		return fmt.Errorf("%s: want exactly one of field, value, count; have %d", path, subjects)
	}
	if cnt, ok := m["count"].(map[string]any); ok {
		f, _ := cnt["field"].(string)
		if !strings.HasSuffix(f, "[*]") {
			return fmt.Errorf("%s.count.field: %q is not an array alias ([*])", path, f)
		}
		if w, ok := cnt["where"]; ok {
			if err := checkCondition(w, path+".count.where"); err != nil {
				return err
			}
		}
	}
	ops := 0
	for k := range m {
		switch {
		case k == "field" || k == "value" || k == "count":
		case slices.Contains(conditionOperators, k):
			ops++
		default:
			return fmt.Errorf("%s: unknown key %q", path, k)
		}
	}
	if ops != 1 {
		return fmt.Errorf("%s: want exactly one condition operator; have %d", path, ops)
	}
	return nil
}

var paramRef = regexp.MustCompile(`\[parameters\('([^']+)'\)\]`)

func TestAzureDefinitionsWellFormed(t *testing.T) {
	t.Parallel()
	set := testAzure(t)
	require.NotEmpty(t, set.Definitions)
	for _, d := range set.Definitions {
		p := d.Properties
		assert.Equal(t, "Custom", p.PolicyType, d.Name)
		assert.Contains(t, []string{"All", "Indexed"}, p.Mode, d.Name)
		// Round-trip through JSON so the check sees what the Policy service receives.
		b, err := CanonicalJSON(p.PolicyRule)
		require.NoError(t, err)
		var rule map[string]any
		require.NoError(t, json.Unmarshal(b, &rule))
		require.NoError(t, checkCondition(rule["if"], d.Name+".if"))
		then, ok := rule["then"].(map[string]any)
		require.True(t, ok, d.Name)
		switch then["effect"] {
		case "deny":
			assert.Len(t, then, 1, "%s: a deny has no details", d.Name)
		case "deployIfNotExists":
			det, ok := then["details"].(map[string]any)
			require.True(t, ok, d.Name)
			assert.NotEmpty(t, det["type"], d.Name)
			assert.NotEmpty(t, det["roleDefinitionIds"], d.Name)
			require.NoError(t, checkCondition(det["existenceCondition"], d.Name+".existenceCondition"))
			dep, _ := det["deployment"].(map[string]any)
			props, _ := dep["properties"].(map[string]any)
			assert.Equal(t, "incremental", props["mode"], d.Name)
			assert.NotEmpty(t, props["template"], d.Name)
		default:
			t.Errorf("%s: effect %v is not deny or deployIfNotExists", d.Name, then["effect"])
		}
		// Every parameter the rule names outside the deployment template (whose expressions refer to the
		// template's own parameters) is declared, and every declared one is used.
		if then["effect"] == "deployIfNotExists" {
			props := then["details"].(map[string]any)["deployment"].(map[string]any)["properties"].(map[string]any)
			delete(props, "template")
		}
		outside, err := json.Marshal(rule)
		require.NoError(t, err)
		used := map[string]bool{}
		for _, m := range paramRef.FindAllStringSubmatch(string(outside), -1) {
			used[m[1]] = true
		}
		for name := range used {
			assert.Contains(t, p.Parameters, name, "%s uses undeclared parameter %s", d.Name, name)
		}
		for name := range p.Parameters {
			assert.True(t, used[name], "%s declares unused parameter %s", d.Name, name)
		}
	}
}

func TestCheckConditionRejects(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		c    any
		want string
	}{
		"two operators": {map[string]any{"field": "type", "equals": "a", "notEquals": "b"}, "x: want exactly one condition operator; have 2"},
		"no subject":    {map[string]any{"equals": "a"}, "x: want exactly one of field, value, count; have 0"},
		"empty allOf":   {map[string]any{"allOf": []any{}}, "x.allOf: want a non-empty list"},
		"bad operator":  {map[string]any{"field": "type", "is": "a"}, `x: unknown key "is"`},
		"scalar count":  {map[string]any{"count": map[string]any{"field": "a.b"}, "greater": 0}, `x.count.field: "a.b" is not an array alias ([*])`},
	}
	for name, c := range cases {
		err := checkCondition(c.c, "x")
		require.Error(t, err, name)
		assert.Equal(t, c.want, err.Error(), name)
	}
}

func TestAzureAssignments(t *testing.T) {
	t.Parallel()
	set := testAzure(t)
	defs := map[string]AzureDefinition{}
	for _, d := range set.Definitions {
		defs[testAzureParams().defID(d.Name)] = d
	}
	var names []string
	for _, a := range set.Assignments {
		names = append(names, a.Name)
		assert.LessOrEqual(t, len(a.Name), MaxAssignmentNameLength, a.Name)
		assert.Equal(t, "Default", a.Properties.EnforcementMode, a.Name)
		assert.True(t, strings.HasPrefix(a.Scope, "/providers/Microsoft.Management/managementGroups/pclz-met"), a.Name)
		if d, ok := defs[a.Properties.PolicyDefinitionID]; ok {
			// A custom definition's parameters are exactly the assignment's.
			for k := range d.Properties.Parameters {
				assert.Contains(t, a.Properties.Parameters, k, a.Name)
			}
			for k := range a.Properties.Parameters {
				assert.Contains(t, d.Properties.Parameters, k, a.Name)
			}
			if d.Properties.PolicyRule.Then["effect"] == "deployIfNotExists" {
				require.NotNil(t, a.Identity, "%s: deployIfNotExists needs a managed identity", a.Name)
				assert.Equal(t, "uksouth", a.Location)
				assert.Equal(t, d.Properties.PolicyRule.Then["details"].(map[string]any)["roleDefinitionIds"], a.RoleDefinitionIDs, a.Name)
			} else {
				assert.Nil(t, a.Identity, a.Name)
			}
		} else {
			assert.Contains(t, []string{BuiltinAllowedLocations, BuiltinAllowedRGLocations}, a.Properties.PolicyDefinitionID, a.Name)
			assert.Equal(t, []string{"uksouth", "ukwest"}, a.Properties.Parameters["listOfAllowedLocations"].Value, a.Name)
		}
	}
	assert.Equal(t, []string{"pclz-locations", "pclz-rg-locations", "pclz-st-cmk", "pclz-st-tls", "pclz-no-classic",
		"pclz-diag-kv", "pclz-diag-blob", "pclz-bronze-pip", "pclz-bronze-routes"}, names)
	bronze, ok := set.Assignment("pclz-bronze-pip")
	require.True(t, ok)
	assert.Equal(t, "/providers/Microsoft.Management/managementGroups/pclz-met-bronze", bronze.Scope)
	_, ok = set.Assignment("pclz-gold-pip")
	assert.False(t, ok, "Gold egresses through the hub firewall: its profile gives no public IP deny")
}

func TestAzureErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		f    func(*AzureParams)
		want string
	}{
		{"no root", func(p *AzureParams) { p.RootManagementGroup = "" }, "azure params: RootManagementGroup: is empty; give the landing zone's root management group ID"},
		{"bad root", func(p *AzureParams) { p.RootManagementGroup = "pclz met" }, `azure params: RootManagementGroup: "pclz met" has ' '; a management group ID holds letters, digits, -, _, ., ( and )`},
		{"long root", func(p *AzureParams) { p.RootManagementGroup = strings.Repeat("m", 85) }, `azure params: RootManagementGroup: "` + strings.Repeat("m", 85) + `" is too long; with the tier suffix a management group ID may have at most 90 characters`},
		{"bad workspace", func(p *AzureParams) { p.AuditWorkspaceID = "met-audit" }, `azure params: AuditWorkspaceID: "met-audit" is not a Log Analytics workspace ID; want /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`},
		{"identity abroad", func(p *AzureParams) { p.IdentityLocation = "westeurope" }, `azure params: IdentityLocation: "westeurope" is not on the location allow-list (uksouth, ukwest)`},
	}
	for _, c := range cases {
		p := testAzureParams()
		c.f(&p)
		_, err := AzurePolicies(DefaultFacts(), p)
		require.Error(t, err, c.name)
		assert.Equal(t, c.want, err.Error(), c.name)
	}
	f := DefaultFacts()
	f.AzureLocations = nil
	_, err := AzurePolicies(f, testAzureParams())
	require.Error(t, err)
	assert.Equal(t, "facts: AzureLocations: is empty; list at least one Azure location (default uksouth, ukwest)", err.Error())
}

func TestExemptions(t *testing.T) {
	t.Parallel()
	set := testAzure(t)
	expires := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	w := policy.Waiver{RuleID: "PCLZ-AZR-ENC-003", Resource: "legacy-records", Justification: "migration",
		Approver: "Jane Smith, Force SIRO", RiskRef: "RISK-1", Expires: expires, Line: 7}

	reg, err := Exemptions(set, []policy.Waiver{w}, testScope, nil, testNow)
	require.NoError(t, err)
	require.Len(t, reg.Exemptions, 1)
	e := reg.Exemptions[0]
	assert.Equal(t, "pclz-st-cmk-risk-1-l7", e.Name)
	assert.Equal(t, CategoryWaiver, e.Properties.ExemptionCategory)
	assert.Equal(t, "2027-01-01T00:00:00Z", e.Properties.ExpiresOn, "the waiver applies through its last day")
	assert.Equal(t, "Jane Smith, Force SIRO", e.Properties.Metadata["approver"])
	assert.Equal(t, "RISK-1", e.Properties.Metadata["riskRef"])
	assert.True(t, strings.HasSuffix(e.Properties.PolicyAssignmentID, "/policyAssignments/pclz-st-cmk"))

	reg, err = Exemptions(set, []policy.Waiver{w}, testScope, []string{"PCLZ-AZR-ENC-003"}, testNow)
	require.NoError(t, err)
	assert.Equal(t, CategoryMitigated, reg.Exemptions[0].Properties.ExemptionCategory)

	// On the day after its last day the waiver no longer applies, and Azure would refuse a past expiresOn.
	reg, err = Exemptions(set, []policy.Waiver{w}, testScope, nil, expires.AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.Empty(t, reg.Exemptions)
	assert.Equal(t, []Skipped{{Line: 7, Rule: "PCLZ-AZR-ENC-003", Reason: "the waiver expired on 2026-12-31"}}, reg.Skipped)

	// A waiver of a rule no Azure assignment enforces is listed, not exempted.
	other := w
	other.RuleID = "PCLZ-AZR-NET-007"
	reg, err = Exemptions(set, []policy.Waiver{other}, testScope, nil, testNow)
	require.NoError(t, err)
	assert.Empty(t, reg.Exemptions)
	assert.Equal(t, []Skipped{{Line: 7, Rule: "PCLZ-AZR-NET-007", Reason: "no Azure guardrail enforces PCLZ-AZR-NET-007; the waiver applies to the policy pack only"}}, reg.Skipped)
	reg, err = Exemptions(set, []policy.Waiver{w}, testScope, nil, expires.Add(23*time.Hour))
	require.NoError(t, err)
	assert.Len(t, reg.Exemptions, 1, "still active on its last day")

	_, err = Exemptions(set, []policy.Waiver{w}, func(policy.Waiver) (string, error) { return "", errors.New("no resource legacy-records in the stack") }, nil, testNow)
	require.Error(t, err)
	assert.Equal(t, "waiver at line 7 (PCLZ-AZR-ENC-003, legacy-records): scope: no resource legacy-records in the stack", err.Error())
	long := w
	long.RiskRef = "RISK-" + strings.Repeat("9", 60)
	_, err = Exemptions(set, []policy.Waiver{long}, testScope, nil, testNow)
	require.Error(t, err)
	assert.Equal(t, `waiver at line 7 (PCLZ-AZR-ENC-003, legacy-records): exemption name "pclz-st-cmk-risk-`+strings.Repeat("9", 60)+`-l7" is 80 characters; Azure allows at most 64 (shorten the riskRef)`, err.Error())
	_, err = Exemptions(set, []policy.Waiver{w}, func(policy.Waiver) (string, error) { return "legacy-records", nil }, nil, testNow)
	require.Error(t, err)
	assert.Equal(t, `waiver at line 7 (PCLZ-AZR-ENC-003, legacy-records): scope: "legacy-records" is not a subscription, resource group or resource ID`, err.Error())
}
