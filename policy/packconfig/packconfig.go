// Package packconfig reads the Pulumi engine's policy-pack config (the JSON file `pulumi preview
// --policy-pack-config FILE` takes) and decides which of its settings the landing zones' rules accept.
//
// The file maps a policy name, or "all", to an enforcement level or to an object of an optional
// "enforcementLevel" and the policy's properties:
//
//	{
//	  "all": "mandatory",
//	  "PCLZ-AWS-TAG-001": "advisory",
//	  "PCLZ-AZR-REG-001": { "enforcementLevel": "mandatory", "allowedRegions": ["uksouth"] }
//	}
//
// Config may only narrow what the catalogue guarantees. Resolve refuses, each with a message naming the
// policy, the setting, the value and what is allowed:
//   - a policy the pack does not have;
//   - a never-waivable rule (Meta.Waivable false) set below its own level (advisory or disabled for a
//     mandatory rule), and any change to the pack's own policies (Fixed);
//   - allowedRegions that is not a non-empty subset of the rule's UK list (policy.DefaultAWSRegions or
//     policy.DefaultAzureLocations), or set on a rule that is not a region rule;
//   - any other property.
//
// A refused setting is not applied (the rule keeps its level and its UK list) and is a mandatory
// violation of the pack's input policy under the engine, bad input (exit 2) in lz. The settings that are
// applied are Effective.Overrides, listed in every report and in the engine's output.
//
// lz reads the file itself (Parse); the policy pack gets the same settings from the engine, after the
// engine has applied "all" and filled in every policy's own level (FromEngine). Resolve treats both the
// same way, so lz and the pack reach the same verdict.
package packconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// Level is an enforcement level as the engine writes it.
type Level string

// The engine's enforcement levels.
const (
	Advisory  Level = "advisory"
	Mandatory Level = "mandatory"
	Remediate Level = "remediate"
	Disabled  Level = "disabled"
)

// Levels returns every level the engine accepts.
func Levels() []Level { return []Level{Advisory, Mandatory, Remediate, Disabled} }

// rank orders levels by how much they enforce; remediate enforces as mandatory does (the pack's
// policies validate, they have nothing to remediate).
func (l Level) rank() int {
	switch l {
	case Disabled:
		return 0
	case Advisory:
		return 1
	default:
		return 2
	}
}

// Of is an enforcement's level.
func Of(e policy.Enforcement) Level {
	if e == policy.Mandatory {
		return Mandatory
	}
	return Advisory
}

// Keys with a meaning of their own.
const (
	// All sets every policy's level at once; a policy's own entry wins over it.
	All = "all"
	// RegionsKey is the property of a region rule that narrows its allow-list.
	RegionsKey = "allowedRegions"
	// enforcementKey is the level inside an object entry.
	enforcementKey = "enforcementLevel"
)

// Setting is one policy's entry: a level ("" when the entry does not set one) and properties.
type Setting struct {
	Level      Level
	Properties map[string]any
}

// Config is a policy-pack config: policy name (or All) to setting.
type Config map[string]Setting

// Load reads and parses the file at path; see Parse. It also returns the file's bytes (for its hash).
func Load(path string) (Config, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read policy config: %w", err)
	}
	c, err := Parse(data, path)
	return c, data, err
}

// Parse reads a policy-pack config in the engine's format. name (a path, usually) starts every
// message. An empty file is an empty config, as for the engine. ESC "environments" are refused: lz
// cannot resolve them offline, so a file that uses them would not give the same verdict in both places.
func Parse(data []byte, name string) (Config, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Config{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%s: %s: allowed a JSON object of policy names to levels or settings", name, jsonError(data, err))
	}
	if raw == nil {
		return nil, fmt.Errorf("%s: null: allowed a JSON object of policy names to levels or settings", name)
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("%s: text after the JSON object: allowed one JSON object", name)
	}
	c := Config{}
	var errs []string
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		if k == "environments" {
			errs = append(errs, fmt.Sprintf("%s: \"environments\": ESC environments cannot be read offline: allowed policy names and \"all\"", name))
			continue
		}
		s, err := parseSetting(raw[k])
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %q: %v", name, k, err))
			continue
		}
		c[k] = s
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return c, nil
}

func parseSetting(v any) (Setting, error) {
	switch v := v.(type) {
	case string:
		l, err := parseLevel(v)
		return Setting{Level: l}, err
	case map[string]any:
		s := Setting{}
		if lv, ok := v[enforcementKey]; ok {
			str, ok := lv.(string)
			if !ok {
				return Setting{}, fmt.Errorf("enforcementLevel: %s is not a string: allowed %s", show(lv), levelNames())
			}
			l, err := parseLevel(str)
			if err != nil {
				return Setting{}, fmt.Errorf("enforcementLevel: %w", err)
			}
			s.Level = l
		}
		for k, p := range v {
			if k == enforcementKey {
				continue
			}
			if s.Properties == nil {
				s.Properties = map[string]any{}
			}
			s.Properties[k] = p
		}
		return s, nil
	default:
		return Setting{}, fmt.Errorf("%s is not a level or an object: allowed %s, or an object with \"enforcementLevel\" and properties", show(v), levelNames())
	}
}

func parseLevel(s string) (Level, error) {
	l := Level(s)
	if !slices.Contains(Levels(), l) {
		return "", fmt.Errorf("%q is not an enforcement level: allowed %s", s, levelNames())
	}
	return l, nil
}

func levelNames() string {
	var out []string
	for _, l := range Levels() {
		out = append(out, string(l))
	}
	return strings.Join(out, ", ")
}

// jsonError names the line of a syntax error.
func jsonError(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("line %d: %v", line, se)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("a JSON %s", te.Value)
	}
	return err.Error()
}

// show prints a JSON value as JSON.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// Catalogue is what Resolve checks a config against.
type Catalogue struct {
	// Rules are the rules' metadata.
	Rules []policy.Meta
	// Engine says the config is for the policy pack under the Pulumi engine: a rule's own level is then
	// Meta.EngineEnforcement (else Meta.Enforcement).
	Engine bool
	// Fixed are the pack's own policies, with their levels, that no config may change.
	Fixed map[string]Level
	// Other are the pack's own policies, with their levels, that config may set (informational ones).
	Other map[string]Level
}

// Override is one setting of the config in force.
type Override struct {
	// Policy is the policy (a rule ID, or one of the pack's own policies) the setting changes.
	Policy string `json:"policy"`
	// Setting is "enforcementLevel" or a property name ("allowedRegions").
	Setting string `json:"setting"`
	// Value is the value in force, Default what the policy has without config.
	Value   string `json:"value"`
	Default string `json:"default"`
}

// String is "<policy> <setting> <value> (default <default>)".
func (o Override) String() string {
	return fmt.Sprintf("%s %s %s (default %s)", o.Policy, o.Setting, o.Value, o.Default)
}

// Effective is a config resolved against the catalogue: what is in force and what was refused.
type Effective struct {
	// Overrides are the settings in force, by policy then setting.
	Overrides []Override
	// Problems are the refused settings, one line each, by policy.
	Problems []string
	levels   map[string]Level
	regions  map[string][]string
}

// ProblemPrefix starts every problem line.
const ProblemPrefix = "policy config: "

// Resolve applies cfg as the engine does ("all" first, then each policy's own entry) to every policy
// of cat and decides what is in force.
func Resolve(cfg Config, cat Catalogue) Effective {
	e := Effective{levels: map[string]Level{}, regions: map[string][]string{}}
	problem := func(format string, args ...any) {
		e.Problems = append(e.Problems, ProblemPrefix+fmt.Sprintf(format, args...))
	}
	known := map[string]bool{All: true}
	for k := range cat.Fixed {
		known[k] = true
	}
	for k := range cat.Other {
		known[k] = true
	}
	for _, m := range cat.Rules {
		known[m.ID] = true
	}
	for _, k := range slices.Sorted(maps.Keys(cfg)) {
		if !known[k] {
			problem("%q: not a policy of the pack: allowed a rule ID (`lz rules` lists them), %q, %s", k, All, strings.Join(slices.Sorted(maps.Keys(merge(cat.Fixed, cat.Other))), ", "))
		}
	}
	all := cfg[All]
	if len(all.Properties) > 0 {
		for _, p := range slices.Sorted(maps.Keys(all.Properties)) {
			problem("%s: %q: not a setting of \"all\": allowed enforcementLevel", All, p)
		}
	}
	levelOf := func(name string) Level {
		l := all.Level
		if s, ok := cfg[name]; ok && s.Level != "" {
			l = s.Level
		}
		return l
	}
	for _, name := range slices.Sorted(maps.Keys(cat.Fixed)) {
		def := cat.Fixed[name]
		if l := levelOf(name); l != "" && l != def {
			problem("%s: enforcementLevel %q refused: the pack's own policy stays %s", name, l, def)
		}
		for _, p := range slices.Sorted(maps.Keys(cfg[name].Properties)) {
			problem("%s: %q: not a setting of this policy: allowed none", name, p)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cat.Other)) {
		def := cat.Other[name]
		if l := levelOf(name); l != "" && l != def {
			e.levels[name] = l
			e.Overrides = append(e.Overrides, Override{Policy: name, Setting: enforcementKey, Value: string(l), Default: string(def)})
		}
		for _, p := range slices.Sorted(maps.Keys(cfg[name].Properties)) {
			problem("%s: %q: not a setting of this policy: allowed none", name, p)
		}
	}
	metas := slices.Clone(cat.Rules)
	slices.SortFunc(metas, func(a, b policy.Meta) int { return strings.Compare(a.ID, b.ID) })
	for _, m := range metas {
		def := Of(m.Enforcement)
		if cat.Engine {
			def = Of(m.EngineEnforcement())
		}
		if l := levelOf(m.ID); l != "" && l != def {
			if !m.Waivable && l.rank() < def.rank() {
				problem("%s: enforcementLevel %q refused: the rule is never waivable, so it stays %s", m.ID, l, def)
			} else {
				e.levels[m.ID] = l
				e.Overrides = append(e.Overrides, Override{Policy: m.ID, Setting: enforcementKey, Value: string(l), Default: string(def)})
			}
		}
		props := cfg[m.ID].Properties
		for _, p := range slices.Sorted(maps.Keys(props)) {
			if p != RegionsKey || m.Pack != policy.PackRegion {
				allowed := "none (allowedRegions is a setting of region rules only)"
				if m.Pack == policy.PackRegion {
					allowed = RegionsKey
				}
				problem("%s: %q: not a setting of this rule: allowed %s", m.ID, p, allowed)
				continue
			}
			uk := ukList(m)
			regions, ok := subset(props[p], uk)
			if !ok {
				problem("%s: %s: %s refused: allowed a non-empty list of regions from the UK list (%s); the rule keeps the UK list",
					m.ID, RegionsKey, show(props[p]), strings.Join(uk, ", "))
				continue
			}
			if !slices.Equal(regions, uk) {
				e.regions[m.ID] = regions
				e.Overrides = append(e.Overrides, Override{Policy: m.ID, Setting: RegionsKey, Value: strings.Join(regions, ", "), Default: strings.Join(uk, ", ")})
			}
		}
	}
	return e
}

func merge(a, b map[string]Level) map[string]Level {
	out := maps.Clone(a)
	if out == nil {
		out = map[string]Level{}
	}
	maps.Copy(out, b)
	return out
}

// ukList is a region rule's UK allow-list.
func ukList(m policy.Meta) []string {
	if m.Cloud == policy.CloudAzure {
		return policy.DefaultAzureLocations
	}
	return policy.DefaultAWSRegions
}

// subset reads v as a non-empty list of distinct strings, each on uk, in the order given.
func subset(v any, uk []string) ([]string, bool) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, false
	}
	var out []string
	for _, x := range list {
		s, ok := x.(string)
		if !ok || !slices.Contains(uk, s) || slices.Contains(out, s) {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// Level is the level in force for a policy whose own level is def.
func (e Effective) Level(name string, def Level) Level {
	if l, ok := e.levels[name]; ok {
		return l
	}
	return def
}

// Regions is a region rule's allow-list in force, if config narrowed it.
func (e Effective) Regions(id string) ([]string, bool) {
	r, ok := e.regions[id]
	return r, ok
}

// Disabled lists the rules config disabled, sorted.
func (e Effective) Disabled() []string {
	var out []string
	for k, l := range e.levels {
		if l == Disabled {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// Meta returns a rule's metadata with the level in force (remediate counts as mandatory). ok is false
// when config disabled the rule.
func (e Effective) Meta(m policy.Meta) (policy.Meta, bool) {
	l, set := e.levels[m.ID]
	switch {
	case !set:
		return m, true
	case l == Disabled:
		return m, false
	case l == Advisory:
		m.Enforcement = policy.Advisory
	default:
		m.Enforcement = policy.Mandatory
	}
	return m, true
}

// Rules returns the resource rules in force: levels set, disabled rules left out, narrowed region
// allow-lists applied to the context each rule sees.
func (e Effective) Rules(rs []policy.Rule) []policy.Rule {
	out := make([]policy.Rule, 0, len(rs))
	for _, r := range rs {
		m, ok := e.Meta(r.Meta)
		if !ok {
			continue
		}
		r.Meta = m
		if regions, narrowed := e.regions[r.ID]; narrowed {
			check, cloud := r.Check, r.Cloud
			r.Check = func(ctx *policy.Context, res *policy.Resource) policy.Result {
				return check(narrow(ctx, cloud, regions), res)
			}
		}
		out = append(out, r)
	}
	return out
}

// StackRules is Rules for stack rules.
func (e Effective) StackRules(rs []policy.StackRule) []policy.StackRule {
	out := make([]policy.StackRule, 0, len(rs))
	for _, r := range rs {
		m, ok := e.Meta(r.Meta)
		if !ok {
			continue
		}
		r.Meta = m
		if regions, narrowed := e.regions[r.ID]; narrowed {
			check, cloud := r.Check, r.Cloud
			r.Check = func(ctx *policy.Context, res []*policy.Resource) []policy.Result {
				return check(narrow(ctx, cloud, regions), res)
			}
		}
		out = append(out, r)
	}
	return out
}

// Metas returns every rule's metadata with the level in force (disabled rules keep their own level:
// reports list them with the override that disabled them).
func (e Effective) Metas(ms []policy.Meta) []policy.Meta {
	out := make([]policy.Meta, len(ms))
	for i, m := range ms {
		if mm, ok := e.Meta(m); ok {
			m = mm
		}
		out[i] = m
	}
	return out
}

func narrow(ctx *policy.Context, cloud policy.Cloud, regions []string) *policy.Context {
	c := *ctx
	if cloud == policy.CloudAzure {
		c.AzureLocations = regions
	} else {
		c.AWSRegions = regions
	}
	return &c
}

// The policy pack's own policies, besides one per rule.
const (
	// InputsPolicy reports problems with the pack's inputs (stack config, waiver file, policy config) as
	// mandatory violations; config cannot change it.
	InputsPolicy = "pclz-pack-inputs"
	// ConfigPolicy lists the policy config in force as advisory violations, so `pulumi preview` output
	// shows every override; config cannot change it.
	ConfigPolicy = "pclz-policy-config"
	// UnknownPolicy lists, as advisory, every rule that could not decide because a value is computed at
	// preview; config may set its level.
	UnknownPolicy = "pclz-unknown-values"
)

// PackCatalogue is the catalogue the policy pack's config is checked against: the rules (metas) and the
// pack's own policies. engine is true for the pack under the engine, false for lz.
func PackCatalogue(metas []policy.Meta, engine bool) Catalogue {
	return Catalogue{
		Rules:  metas,
		Engine: engine,
		Fixed:  map[string]Level{InputsPolicy: Mandatory, ConfigPolicy: Advisory},
		Other:  map[string]Level{UnknownPolicy: Advisory},
	}
}

// Error is a policy config that cannot be used: every problem, one a line (a file that does not read or
// parse, or settings Resolve refuses).
type Error struct {
	Lines []string
}

func (e *Error) Error() string { return strings.Join(e.Lines, "\n") }

// Read loads the file at path and resolves it against cat. A file that cannot be read or parsed, or
// that sets anything Resolve refuses, gives an *Error; nothing of such a file is in force. It also
// returns the file's bytes, for its hash in the reports.
func Read(path string, cat Catalogue) (Effective, []byte, error) {
	c, data, err := Load(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return Effective{}, nil, &Error{Lines: []string{fmt.Sprintf("%s: cannot read (%v): allowed a readable policy-pack config file (JSON)", path, pe.Err)}}
		}
		return Effective{}, nil, &Error{Lines: strings.Split(err.Error(), "\n")}
	}
	e := Resolve(c, cat)
	if len(e.Problems) > 0 {
		lines := make([]string, len(e.Problems))
		for i, p := range e.Problems {
			lines[i] = path + ": " + strings.TrimPrefix(p, ProblemPrefix)
		}
		return Effective{}, nil, &Error{Lines: lines}
	}
	return e, data, nil
}
