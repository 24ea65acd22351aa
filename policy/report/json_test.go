package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/provenance"
	"github.com/policecloud/landingzones/policy/report"
)

func writeJSON(t *testing.T, r report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.WriteJSON(&b, r))
	return b.Bytes()
}

func TestJSONStructure(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(writeJSON(t, fixtureReport()), &doc))

	requireKeys := func(what string, m any, keys ...string) {
		t.Helper()
		obj, ok := m.(map[string]any)
		require.True(t, ok, "%s is not an object", what)
		got := make([]string, 0, len(obj))
		for k := range obj {
			got = append(got, k)
		}
		sort.Strings(got)
		want := slices.Clone(keys)
		sort.Strings(want)
		assert.Equal(t, want, got, "keys of %s", what)
	}
	requireKeys("report", doc, "schemaVersion", "generatedAt", "tool", "provenance", "inputs", "policyConfig", "stack", "summary", "findingsListed", "rules", "findings", "ruleResults", "waivers", "resources")
	assert.Equal(t, report.SchemaVersion, doc["schemaVersion"])
	assert.Equal(t, "2.0.0", doc["schemaVersion"])
	assert.Equal(t, "issues", doc["findingsListed"])
	requireKeys("provenance", doc["provenance"], "module", "version", "revision", "revisionTime", "modified", "goVersion", "packName", "packVersion")
	assert.Equal(t, map[string]any{
		"module": "github.com/policecloud/landingzones", "version": "v0.1.0", "revision": fixtureRevision,
		"revisionTime": "2026-04-30T17:00:00Z", "modified": false, "goVersion": "go1.26.8",
		"packName": "policecloud-landingzones", "packVersion": provenance.PackVersion,
	}, doc["provenance"])
	assert.Equal(t, "2026-05-01T09:30:00Z", doc["generatedAt"])
	requireKeys("stack", doc["stack"], "name", "cloud", "tier", "role", "file")
	require.Len(t, doc["policyConfig"], 1)
	requireKeys("policyConfig[]", doc["policyConfig"].([]any)[0], "policy", "setting", "value", "default")
	assert.Equal(t, "uksouth", doc["policyConfig"].([]any)[0].(map[string]any)["value"])
	summary := doc["summary"].(map[string]any)
	requireKeys("summary", summary, "verdict", "blocking", "advisory", "overall", "byPrinciple", "byPack", "bySeverity", "waivers")
	counts := []string{"pass", "fail", "unknown", "waived", "notApplicable", "error", "total"}
	requireKeys("summary.overall", summary["overall"], counts...)
	requireKeys("summary.waivers", summary["waivers"], "total", "active", "expired", "used", "unused")
	for _, p := range summary["byPrinciple"].([]any) {
		requireKeys("byPrinciple[]", p, "id", "title", "counts")
		requireKeys("byPrinciple[].counts", p.(map[string]any)["counts"], counts...)
	}
	assert.Len(t, summary["byPrinciple"], 14)
	assert.Len(t, summary["byPack"], len(policy.Packs()))
	assert.Len(t, summary["bySeverity"], len(policy.Severities()))
	for _, r := range doc["rules"].([]any) {
		requireKeys("rules[]", r, "id", "title", "description", "pack", "severity", "enforcement", "principles",
			"topLevelPrinciples", "tiers", "resourceTypes", "remediation", "references", "waivable", "engineAdvisory")
	}
	findingKeys := []string{"ruleId", "pack", "severity", "enforcement", "principles", "topLevelPrinciples", "urn",
		"resourceType", "resourceName", "status", "message", "blocking", "waiver", "waiverExpired", "location"}
	terms := []string{"ruleId", "resource", "justification", "approver", "riskRef", "expires"}
	located := 0
	for _, f := range doc["findings"].([]any) {
		requireKeys("findings[]", f, findingKeys...)
		if w := f.(map[string]any)["waiver"]; w != nil {
			requireKeys("findings[].waiver", w, terms...)
		}
		if l := f.(map[string]any)["location"]; l != nil {
			located++
			assert.Equal(t, "PCLZ-AWS-NET-004", f.(map[string]any)["ruleId"])
			assert.Equal(t, map[string]any{"file": "stacks/Pulumi.pos-bronze.yaml", "line": 40.0, "column": 7.0, "key": "landingzone:flows[4].ports"}, l)
		}
	}
	assert.Equal(t, 1, located, "one finding has a stack-file location")
	for _, rr := range doc["ruleResults"].([]any) {
		requireKeys("ruleResults[]", rr, "ruleId", "counts", "passed", "notApplicable")
		requireKeys("ruleResults[].counts", rr.(map[string]any)["counts"], counts...)
	}
	for _, w := range doc["waivers"].([]any) {
		requireKeys("waivers[]", w, append(terms, "line", "expired", "daysLeft", "used", "urns")...)
	}
	for _, r := range doc["resources"].([]any) {
		requireKeys("resources[]", r, "urn", "type", "name", "parent")
	}
}

func TestJSONEmptyReportHasNoNulls(t *testing.T) {
	t.Parallel()
	out := writeJSON(t, report.Report{})
	var doc map[string]any
	require.NoError(t, json.Unmarshal(out, &doc))
	for _, k := range []string{"rules", "findings", "ruleResults", "waivers", "resources"} {
		assert.Equal(t, []any{}, doc[k], k)
	}
	assert.NotContains(t, string(out), "null")
	assert.Equal(t, "PASS", doc["summary"].(map[string]any)["verdict"])
	validate(t, out)
}

// compileSchema compiles report.schema.json.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("report.schema.json")
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err, "report.schema.json is not JSON")
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("report.schema.json", doc))
	s, err := c.Compile("report.schema.json")
	require.NoError(t, err)
	return s
}

// schemaErr validates a JSON document against report.schema.json and returns the validation error (nil
// when the document is valid).
func schemaErr(t *testing.T, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err)
	return compileSchema(t).Validate(inst)
}

// validate checks a JSON report against report.schema.json.
func validate(t *testing.T, doc []byte) {
	t.Helper()
	assert.NoError(t, schemaErr(t, doc), "report does not match report.schema.json")
}

func TestJSONMatchesSchemaFile(t *testing.T) {
	t.Parallel()
	schema, err := os.ReadFile("report.schema.json")
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(schema, &s), "report.schema.json is not JSON")
	assert.Equal(t, report.SchemaVersion, s["properties"].(map[string]any)["schemaVersion"].(map[string]any)["const"])

	validate(t, writeJSON(t, fixtureReport()))

	// The schema is strict, down to the shared definitions: it rejects a field it does not define, a
	// missing one, a negative count and a status it does not know.
	// Each rejection names the field (its JSON pointer) and why.
	for name, c := range map[string]struct {
		mutate func(doc map[string]any)
		want   string
	}{
		"extra field":    {func(doc map[string]any) { doc["extra"] = true }, `at '': additional properties 'extra' not allowed`},
		"missing field":  {func(doc map[string]any) { delete(doc, "waivers") }, `at '': missing property 'waivers'`},
		"negative count": {func(doc map[string]any) { doc["summary"].(map[string]any)["overall"].(map[string]any)["pass"] = -1 }, `at '/summary/overall/pass': minimum: got -1, want 0`},
		"unknown status": {func(doc map[string]any) { doc["findings"].([]any)[0].(map[string]any)["status"] = "ok" }, `at '/findings/0/status': value must be one of 'pass'`},
		"bad waiver":     {func(doc map[string]any) { doc["findings"].([]any)[0].(map[string]any)["waiver"] = map[string]any{} }, `at '/findings/0/waiver': missing properties 'ruleId'`},
	} {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(writeJSON(t, fixtureReport()), &doc))
		c.mutate(doc)
		bad, err := json.Marshal(doc)
		require.NoError(t, err)
		assert.ErrorContains(t, schemaErr(t, bad), c.want, name)
	}
}

// TestSchemaDocumentsEveryField keeps SCHEMA.md in step with the output: every key the report writes is
// documented, in backquotes.
func TestSchemaDocumentsEveryField(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("SCHEMA.md")
	require.NoError(t, err)
	assert.Contains(t, string(doc), "version "+report.SchemaVersion)
	var v any
	require.NoError(t, json.Unmarshal(writeJSON(t, fixtureReport()), &v))
	keys := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				keys[k] = true
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	for k := range keys {
		assert.Regexp(t, regexp.MustCompile("`([a-zA-Z]+(\\[\\])?\\.)*"+regexp.QuoteMeta(k)+"`"), string(doc), "SCHEMA.md does not document %q", k)
	}
}

// By default the findings list holds what needs attention, and passes and not-applicable findings are
// counted per rule with their resources; --all-findings lists every finding, as schema 1 did.
func TestJSONListsIssuesAndCountsPasses(t *testing.T) {
	t.Parallel()
	type doc struct {
		FindingsListed string `json:"findingsListed"`
		Findings       []struct {
			RuleID, URN, Status string
		} `json:"findings"`
		RuleResults []struct {
			RuleID        string        `json:"ruleId"`
			Counts        report.Counts `json:"counts"`
			Passed        []string      `json:"passed"`
			NotApplicable []string      `json:"notApplicable"`
		} `json:"ruleResults"`
	}
	r := fixtureReport()
	var issues, all doc
	require.NoError(t, json.Unmarshal(writeJSON(t, r), &issues))
	r.AllFindings = true
	require.NoError(t, json.Unmarshal(writeJSON(t, r), &all))

	assert.Equal(t, "issues", issues.FindingsListed)
	assert.Equal(t, "all", all.FindingsListed)
	assert.Len(t, all.Findings, len(r.Evaluation.Findings))
	var total report.Counts
	passed := map[string][]string{}
	for _, f := range all.Findings {
		if f.Status == "pass" {
			passed[f.RuleID] = append(passed[f.RuleID], f.URN)
		}
	}
	listed := 0
	for _, f := range issues.Findings {
		assert.NotContains(t, []string{"pass", "not-applicable"}, f.Status, f.RuleID)
		listed++
	}
	for _, rr := range issues.RuleResults {
		total.Pass += rr.Counts.Pass
		total.NotApplicable += rr.Counts.NotApplicable
		total.Total += rr.Counts.Total
		assert.Len(t, rr.Passed, rr.Counts.Pass, rr.RuleID)
		assert.Len(t, rr.NotApplicable, rr.Counts.NotApplicable, rr.RuleID)
		assert.Equal(t, passed[rr.RuleID], nilIfEmpty(rr.Passed), rr.RuleID)
	}
	assert.Equal(t, r.Summary.Overall.Pass, total.Pass)
	assert.Equal(t, r.Summary.Overall.NotApplicable, total.NotApplicable)
	assert.Equal(t, r.Summary.Overall.Total, total.Total)
	assert.Equal(t, r.Summary.Overall.Total-r.Summary.Overall.Pass-r.Summary.Overall.NotApplicable, listed)
	assert.Equal(t, all.RuleResults, issues.RuleResults)
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
