package packconfig

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
)

var (
	awsRegion = policy.Meta{ID: "PCLZ-AWS-REG-001", Pack: policy.PackRegion, Enforcement: policy.Mandatory, Cloud: policy.CloudAWS}
	azrRegion = policy.Meta{ID: "PCLZ-AZR-REG-001", Pack: policy.PackRegion, Enforcement: policy.Mandatory, Cloud: policy.CloudAzure}
	encRule   = policy.Meta{ID: "PCLZ-AWS-ENC-001", Pack: policy.PackEncryption, Enforcement: policy.Mandatory, Cloud: policy.CloudAWS, Waivable: true}
	tagRule   = policy.Meta{ID: "PCLZ-COM-TAG-002", Pack: policy.PackClassification, Enforcement: policy.Advisory, Waivable: true}
	retain    = policy.Meta{ID: "PCLZ-COM-RES-002", Pack: policy.PackResilience, Enforcement: policy.Mandatory, Waivable: true,
		EngineAdvisory: "the engine does not send retainOnDelete"}
)

func cat(engine bool) Catalogue {
	return PackCatalogue([]policy.Meta{awsRegion, azrRegion, encRule, tagRule, retain}, engine)
}

func parse(t *testing.T, s string) Config {
	t.Helper()
	c, err := Parse([]byte(s), "policy.json")
	require.NoError(t, err)
	return c
}

func TestParseEngineFormat(t *testing.T) {
	t.Parallel()
	c := parse(t, `{"all": "mandatory", "PCLZ-COM-TAG-002": "advisory",
		"PCLZ-AZR-REG-001": {"enforcementLevel": "mandatory", "allowedRegions": ["uksouth"]},
		"PCLZ-AWS-ENC-001": {}}`)
	assert.Equal(t, Config{
		"all":              {Level: Mandatory},
		"PCLZ-COM-TAG-002": {Level: Advisory},
		"PCLZ-AZR-REG-001": {Level: Mandatory, Properties: map[string]any{"allowedRegions": []any{"uksouth"}}},
		"PCLZ-AWS-ENC-001": {},
	}, c)
	c, err := Parse([]byte("  \n"), "empty.json")
	require.NoError(t, err)
	assert.Empty(t, c, "an empty file is an empty config, as for the engine")
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", "{\n  \"all\": mandatory\n}", `policy.json: line 2: invalid character 'm' looking for beginning of value: allowed a JSON object of policy names to levels or settings`},
		{"not an object", `["all"]`, `policy.json: a JSON array: allowed a JSON object of policy names to levels or settings`},
		{"null", `null`, `policy.json: null: allowed a JSON object of policy names to levels or settings`},
		{"trailing", `{} {}`, `policy.json: text after the JSON object: allowed one JSON object`},
		{"bad level", `{"all": "off"}`, `policy.json: "all": "off" is not an enforcement level: allowed advisory, mandatory, remediate, disabled`},
		{"bad level in object", `{"PCLZ-AWS-ENC-001": {"enforcementLevel": "strict"}}`, `policy.json: "PCLZ-AWS-ENC-001": enforcementLevel: "strict" is not an enforcement level: allowed advisory, mandatory, remediate, disabled`},
		{"level not a string", `{"PCLZ-AWS-ENC-001": {"enforcementLevel": 1}}`, `policy.json: "PCLZ-AWS-ENC-001": enforcementLevel: 1 is not a string: allowed advisory, mandatory, remediate, disabled`},
		{"number", `{"PCLZ-AWS-ENC-001": 3}`, `policy.json: "PCLZ-AWS-ENC-001": 3 is not a level or an object: allowed advisory, mandatory, remediate, disabled, or an object with "enforcementLevel" and properties`},
		{"environments", `{"environments": ["prod"]}`, `policy.json: "environments": ESC environments cannot be read offline: allowed policy names and "all"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tc.in), "policy.json")
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestResolveAcceptsNarrowingAndListsIt(t *testing.T) {
	t.Parallel()
	e := Resolve(parse(t, `{"PCLZ-AZR-REG-001": {"allowedRegions": ["uksouth"]}, "PCLZ-COM-TAG-002": "mandatory",
		"PCLZ-AWS-ENC-001": "advisory", "PCLZ-AWS-REG-001": {"allowedRegions": ["eu-west-2"]}, "pclz-unknown-values": "disabled"}`), cat(false))
	assert.Empty(t, e.Problems)
	assert.Equal(t, []Override{
		{Policy: "pclz-unknown-values", Setting: "enforcementLevel", Value: "disabled", Default: "advisory"},
		{Policy: "PCLZ-AWS-ENC-001", Setting: "enforcementLevel", Value: "advisory", Default: "mandatory"},
		{Policy: "PCLZ-AZR-REG-001", Setting: "allowedRegions", Value: "uksouth", Default: "uksouth, ukwest"},
		{Policy: "PCLZ-COM-TAG-002", Setting: "enforcementLevel", Value: "mandatory", Default: "advisory"},
	}, e.Overrides, "the whole UK list for AWS is no override")
	assert.Equal(t, "PCLZ-AZR-REG-001 allowedRegions uksouth (default uksouth, ukwest)", e.Overrides[2].String())
	r, ok := e.Regions("PCLZ-AZR-REG-001")
	assert.True(t, ok)
	assert.Equal(t, []string{"uksouth"}, r)
	assert.Equal(t, Advisory, e.Level("PCLZ-AWS-ENC-001", Mandatory))
	assert.Equal(t, Disabled, e.Level(UnknownPolicy, Advisory))
	assert.Equal(t, Mandatory, e.Level(InputsPolicy, Mandatory))
}

func TestResolveRefusesLoosening(t *testing.T) {
	t.Parallel()
	e := Resolve(parse(t, `{
		"PCLZ-AWS-REG-001": {"enforcementLevel": "disabled", "allowedRegions": ["us-east-1"]},
		"PCLZ-AZR-REG-001": {"enforcementLevel": "advisory", "allowedRegions": ["uksouth", "westeurope"], "extra": 1},
		"PCLZ-AWS-ENC-001": {"allowedRegions": ["eu-west-2"]},
		"PCLZ-AWS-XYZ-999": "advisory",
		"pclz-pack-inputs": "advisory",
		"pclz-policy-config": {"verbose": true}
	}`), cat(false))
	assert.Equal(t, []string{
		`policy config: "PCLZ-AWS-XYZ-999": not a policy of the pack: allowed a rule ID (` + "`lz rules`" + ` lists them), "all", pclz-pack-inputs, pclz-policy-config, pclz-unknown-values`,
		`policy config: pclz-pack-inputs: enforcementLevel "advisory" refused: the pack's own policy stays mandatory`,
		`policy config: pclz-policy-config: "verbose": not a setting of this policy: allowed none`,
		`policy config: PCLZ-AWS-ENC-001: "allowedRegions": not a setting of this rule: allowed none (allowedRegions is a setting of region rules only)`,
		`policy config: PCLZ-AWS-REG-001: enforcementLevel "disabled" refused: the rule is never waivable, so it stays mandatory`,
		`policy config: PCLZ-AWS-REG-001: allowedRegions: ["us-east-1"] refused: allowed a non-empty list of regions from the UK list (eu-west-2); the rule keeps the UK list`,
		`policy config: PCLZ-AZR-REG-001: enforcementLevel "advisory" refused: the rule is never waivable, so it stays mandatory`,
		`policy config: PCLZ-AZR-REG-001: allowedRegions: ["uksouth","westeurope"] refused: allowed a non-empty list of regions from the UK list (uksouth, ukwest); the rule keeps the UK list`,
		`policy config: PCLZ-AZR-REG-001: "extra": not a setting of this rule: allowed allowedRegions`,
	}, e.Problems)
	assert.Empty(t, e.Overrides, "nothing refused is in force")
	assert.Equal(t, Mandatory, e.Level("PCLZ-AWS-REG-001", Mandatory))
	_, narrowed := e.Regions("PCLZ-AWS-REG-001")
	assert.False(t, narrowed)

	for _, bad := range []string{`[]`, `"uksouth"`, `["uksouth", "uksouth"]`, `[1]`} {
		e := Resolve(parse(t, `{"PCLZ-AZR-REG-001": {"allowedRegions": `+bad+`}}`), cat(false))
		assert.Len(t, e.Problems, 1, bad)
		assert.Empty(t, e.Overrides, bad)
	}
}

// TestResolveAll: "all" applies to every policy before each policy's own entry, as in the engine; a
// loosening "all" is refused for each never-waivable rule and the pack's fixed policies.
func TestResolveAll(t *testing.T) {
	t.Parallel()
	e := Resolve(parse(t, `{"all": "advisory", "PCLZ-AWS-REG-001": "mandatory"}`), cat(false))
	assert.Equal(t, []string{
		`policy config: pclz-pack-inputs: enforcementLevel "advisory" refused: the pack's own policy stays mandatory`,
		`policy config: PCLZ-AZR-REG-001: enforcementLevel "advisory" refused: the rule is never waivable, so it stays mandatory`,
	}, e.Problems)
	assert.Equal(t, []Override{
		{Policy: "PCLZ-AWS-ENC-001", Setting: "enforcementLevel", Value: "advisory", Default: "mandatory"},
		{Policy: "PCLZ-COM-RES-002", Setting: "enforcementLevel", Value: "advisory", Default: "mandatory"},
	}, e.Overrides)
	e = Resolve(parse(t, `{"all": {"enforcementLevel": "mandatory", "allowedRegions": ["uksouth"]}}`), cat(false))
	assert.Contains(t, e.Problems, `policy config: all: "allowedRegions": not a setting of "all": allowed enforcementLevel`)
}

// TestResolveEngineDefaults: under the engine a rule's own level is its engine level, so the engine's
// reconciled config (every policy at its declared level) overrides nothing.
func TestResolveEngineDefaults(t *testing.T) {
	t.Parallel()
	reconciled := Config{"PCLZ-AWS-REG-001": {Level: Mandatory}, "PCLZ-AZR-REG-001": {Level: Mandatory},
		"PCLZ-AWS-ENC-001": {Level: Mandatory}, "PCLZ-COM-TAG-002": {Level: Advisory}, "PCLZ-COM-RES-002": {Level: Advisory},
		InputsPolicy: {Level: Mandatory}, ConfigPolicy: {Level: Advisory}, UnknownPolicy: {Level: Advisory}}
	e := Resolve(reconciled, cat(true))
	assert.Empty(t, e.Problems)
	assert.Empty(t, e.Overrides)
	e = Resolve(reconciled, cat(false))
	assert.Equal(t, []Override{{Policy: "PCLZ-COM-RES-002", Setting: "enforcementLevel", Value: "advisory", Default: "mandatory"}}, e.Overrides)
}

func TestEffectiveRules(t *testing.T) {
	t.Parallel()
	e := Resolve(parse(t, `{"PCLZ-AZR-REG-001": {"allowedRegions": ["uksouth"]}, "PCLZ-AWS-ENC-001": "disabled", "PCLZ-COM-TAG-002": "remediate"}`), cat(false))
	var seen []string
	check := func(ctx *policy.Context, _ *policy.Resource) policy.Result {
		seen = ctx.AzureLocations
		return policy.Pass("ok")
	}
	rules := e.Rules([]policy.Rule{{Meta: azrRegion, Check: check}, {Meta: encRule, Check: check}, {Meta: tagRule, Check: check}})
	require.Len(t, rules, 2, "the disabled rule is left out")
	assert.Equal(t, "PCLZ-AZR-REG-001", rules[0].ID)
	assert.Equal(t, policy.Mandatory, rules[1].Enforcement, "remediate enforces as mandatory")
	rules[0].Check(policy.NewContext("s", tier.Gold), &policy.Resource{})
	assert.Equal(t, []string{"uksouth"}, seen)
	assert.Equal(t, []string{"uksouth", "ukwest"}, policy.DefaultAzureLocations, "the default list is not changed")
	assert.Equal(t, []string{"PCLZ-AWS-ENC-001"}, e.Disabled())

	stack := e.StackRules([]policy.StackRule{{Meta: azrRegion, Check: func(ctx *policy.Context, _ []*policy.Resource) []policy.Result {
		seen = ctx.AzureLocations
		return nil
	}}, {Meta: encRule}})
	require.Len(t, stack, 1)
	seen = nil
	stack[0].Check(policy.NewContext("s", tier.Gold), nil)
	assert.Equal(t, []string{"uksouth"}, seen)
	ms := e.Metas([]policy.Meta{tagRule, encRule})
	assert.Equal(t, policy.Mandatory, ms[0].Enforcement)
	assert.Equal(t, policy.Mandatory, ms[1].Enforcement, "a disabled rule keeps its own level in the metadata")
}

func TestRead(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := dir + "/" + name
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	good := write("good.json", `{"PCLZ-AZR-REG-001": {"allowedRegions": ["uksouth"]}}`)
	e, data, err := Read(good, cat(false))
	require.NoError(t, err)
	assert.Len(t, e.Overrides, 1)
	assert.NotEmpty(t, data)

	wide := write("wide.json", `{"PCLZ-AWS-REG-001": {"allowedRegions": ["us-east-1"]}}`)
	_, _, err = Read(wide, cat(false))
	var pe *Error
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, []string{wide + `: PCLZ-AWS-REG-001: allowedRegions: ["us-east-1"] refused: allowed a non-empty list of regions from the UK list (eu-west-2); the rule keeps the UK list`}, pe.Lines)

	bad := write("bad.json", `{"all": 1}`)
	_, _, err = Read(bad, cat(false))
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, []string{bad + `: "all": 1 is not a level or an object: allowed advisory, mandatory, remediate, disabled, or an object with "enforcementLevel" and properties`}, pe.Lines)

	_, _, err = Read(dir+"/missing.json", cat(false))
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, []string{dir + `/missing.json: cannot read (no such file or directory): allowed a readable policy-pack config file (JSON)`}, pe.Lines)
}
