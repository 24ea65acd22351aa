package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/spf13/cobra"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/report"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

type checkOptions struct {
	state, preview, stack, out, waivers, stacksDir, now string
	tier, landingZone                                   string
	policyConfig                                        string
	allFindings                                         bool
	gate                                                gate
	formats                                             []string
}

func newCheckCmd() *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check (--state FILE | --preview FILE)",
		Short: "Evaluate every policy pack over a real deployment or preview",
		Long: "check evaluates the same rules as lz plan and the policy pack over a real stack: its deployment as\n" +
			"`pulumi stack export` writes it (--state, deployment version 3), or its plan as `pulumi preview --json`\n" +
			"writes it (--preview); - reads either from standard input. The stack is named by its resources' URNs\n" +
			"(or --stack); its stack file gives the tier, address plan and flows the rules hold it to. With --out\n" +
			"the reports are written there; --out - writes the one report --format names to standard output and\n" +
			"the summary to standard error.\n\n" +
			"Exit status: 0 nothing blocks, 1 mandatory failures (--fail-on, --soft-fail), 2 bad input (a file of\n" +
			"the wrong kind, version, truncated or empty), 3 internal error.\n\n" +
			"With no stack file, each resource is held to the tier of its Tier tag (its own, or its provider's\n" +
			"default tags), else the Tier tag of the network or resource it belongs to; --tier holds every\n" +
			"resource to one tier and --landing-zone brings in a landing zone's address plan and flows. The\n" +
			"reports say where each resource's tier came from.",
		Example: "  pulumi stack export --stack pos-gold > pos-gold.json && lz check --state pos-gold.json\n" +
			"  pulumi preview --json --stack pos-gold > preview.json && lz check --preview preview.json --out out/pos-gold\n" +
			"  pulumi preview --json --stack pos-gold | lz check --preview - --format sarif --out - > pos-gold.sarif",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	f := cmd.Flags()
	f.StringVar(&o.state, "state", "", "a FILE written by `pulumi stack export` (- reads standard input)")
	f.StringVar(&o.preview, "preview", "", "a FILE written by `pulumi preview --json` (- reads standard input)")
	f.StringVar(&o.stack, "stack", "", "the stack NAME whose stack file gives the context (default: from the resources' URNs)")
	f.StringVar(&o.out, "out", "", "write the reports to this directory (default: none); - writes the one --format report to standard output (the summary goes to standard error)")
	f.StringVar(&o.tier, "tier", "", "hold every resource to this tier (platinum, gold, bronze) when no stack file says; default: each resource's Tier tag, else its network's")
	f.StringVar(&o.landingZone, "landing-zone", "", "take the address plan and flows of this landing zone (the landingZone of a file in the stacks directory) when no stack file says")
	o.gate.addFlags(f)
	f.StringVar(&o.waivers, "waivers", "", "the accreditor's waiver FILE (scope: the stack or its landing zone)")
	f.StringVar(&o.policyConfig, "policy-pack-config", "", policyConfigFlag)
	f.StringSliceVar(&o.formats, "format", formatNames(), "report formats to write with --out: "+strings.Join(formatNames(), ", "))
	addAllFindingsFlag(f, &o.allFindings)
	addStacksDirFlag(f, &o.stacksDir)
	addNowFlag(f, &o.now)
	return cmd
}

func (o *checkOptions) run(cmd *cobra.Command) error {
	switch {
	case o.state != "" && o.preview != "":
		return &usageError{msg: "--state and --preview cannot be used together: allowed one of them", cmd: cmd}
	case o.state == "" && o.preview == "":
		return &usageError{msg: "nothing to check: allowed --state FILE or --preview FILE", cmd: cmd}
	}
	if o.stack != "" {
		if err := checkStackName(cmd, o.stack); err != nil {
			return err
		}
	}
	if err := checkFormats(cmd, o.formats); err != nil {
		return err
	}
	if err := checkOut(cmd, o.out, o.formats); err != nil {
		return err
	}
	if err := o.gate.parse(cmd); err != nil {
		return err
	}
	var flagTier tier.Tier
	if o.tier != "" {
		t, err := tier.Parse(o.tier)
		if err != nil {
			return &usageError{msg: fmt.Sprintf("--tier %q is not a tier: allowed %s", o.tier, strings.Join(tier.Names(), ", ")), cmd: cmd}
		}
		flagTier = t
	}
	now, err := parseNow(cmd, o.now)
	if err != nil {
		return err
	}
	path, kind := o.state, kindState
	if o.preview != "" {
		path, kind = o.preview, kindPreview
	}
	data, name, err := readInput(cmd, path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &inputError{lines: []string{fmt.Sprintf("%s: cannot read (%v): allowed %s", name, err, kind.allowed())}}
	}
	// The input's hash, for the reports, taken while the input is decoded: the input is not held while
	// the rules run.
	hashed := make(chan report.InputFile, 1)
	if o.out != "" {
		go func() { hashed <- report.HashBytes(string(kind), path, data) }()
	} else {
		hashed <- report.InputFile{}
	}
	var resources []*policy.Resource
	restoreGC := quietGC(len(data))
	defer restoreGC() // on every way out; the first call restores
	if kind == kindState {
		resources, err = readState(data)
	} else {
		resources, err = readPreview(data)
	}
	input := <-hashed
	if err != nil {
		return &inputError{lines: []string{name + ": " + err.Error()}}
	}

	stack := o.stack
	if stack == "" {
		stack = stackFromURNs(resources)
	}
	w := textOut(cmd, o.out)
	pctx := policy.NewContext(stack, "")
	var st *config.Stack
	if stack != "" {
		dir, err := resolveStacksDir(cmd, o.stacksDir)
		if err == nil {
			st, err = config.LoadFile(dir.file(stack))
			switch {
			case err == nil:
				pctx = stackctx.FromStack(st)
			case errors.Is(err, fs.ErrNotExist) && o.stack == "":
				fmt.Fprintf(cmd.ErrOrStderr(), "lz: note: no stack file %s: each resource is held to the tier of its Tier tag or its network's\n", dir.file(stack))
			default:
				return planErr(err, dir, stack)
			}
		} else if o.stack != "" {
			return err
		}
	}
	if err := o.applyFlags(cmd, pctx, st, flagTier); err != nil {
		return err
	}
	var waivers waiverfile.File
	if o.waivers != "" {
		waivers, err = waiverfile.Load(o.waivers, catalog.Meta, now)
		if err != nil {
			return planErr(err, stacksDir{}, stack)
		}
		landingZone := ""
		if st != nil {
			stack, landingZone = st.Name, st.LandingZone
		}
		if err := waivers.CheckStack(stack, landingZone); err != nil {
			return &inputError{lines: []string{err.Error()}}
		}
		for _, warn := range waivers.Warnings {
			fmt.Fprintln(cmd.ErrOrStderr(), "lz: warning: "+warn)
		}
	}
	var eff packconfig.Effective
	if o.policyConfig != "" {
		if eff, _, err = packconfig.Read(o.policyConfig, packconfig.PackCatalogue(catalog.Metas(), false)); err != nil {
			return planErr(err, stacksDir{}, stack)
		}
	}
	opts := catalog.Options(waivers.Waivers)
	opts.Rules, opts.StackRules = eff.Rules(opts.Rules), eff.StackRules(opts.StackRules)
	opts.Now = now
	ev := policy.Evaluate(pctx, resources, opts)

	fmt.Fprintf(w, "%s %s: %d resources of stack %s\n", kind, name, len(resources), orNone(stack))
	if o.out == "" {
		// No reports: the summary is all that is printed.
		printSummary(w, report.Summarise(eff.Metas(catalog.Metas()), ev), ev)
		return o.gate.verdict(fmt.Sprintf("%s %s", kind, name), ev)
	}
	// Writing reports makes garbage: the collector comes back for it. (Without reports, the summary
	// allocates little and the process ends.)
	restoreGC()
	r := report.New(pctx, now, toolName(), eff.Metas(catalog.Metas()), ev, report.Resources(resources))
	r.Provenance = build
	r.AllFindings = o.allFindings
	var stackPath string
	if st != nil {
		r.StackFile = filepath.ToSlash(filepath.Join("stacks", "Pulumi."+st.Name+".yaml"))
		if dir, err := resolveStacksDir(cmd, o.stacksDir); err == nil {
			stackPath = filepath.Join(dir.dir, "Pulumi."+st.Name+".yaml")
		}
	}
	r.Inputs = append([]report.InputFile{input},
		inputFiles(inputFile{"stack file", stackPath, r.StackFile}, inputFile{"waiver file", o.waivers, o.waivers})...)
	applyPolicyConfig(&r, eff, o.policyConfig)
	r.Locations = stackLocations(stackPath, r.StackFile, ev.Findings)
	if err := emitReports(cmd, o.out, r, o.formats, func() { printSummary(w, r.Summary, ev) }); err != nil {
		return err
	}
	return o.gate.verdict(fmt.Sprintf("%s %s", kind, name), ev)
}

func orNone(s string) string {
	if s == "" {
		return "(not known)"
	}
	return s
}

type inputKind string

const (
	kindState   inputKind = "stack export"
	kindPreview inputKind = "preview"
)

func (k inputKind) allowed() string {
	if k == kindState {
		return "the output of `pulumi stack export` (deployment version 3)"
	}
	return "the output of `pulumi preview --json`"
}

// decodeDoc decodes a JSON document into a map of its top-level fields, with one clear message for an
// empty, truncated or non-JSON file.
func decodeDoc(data []byte, k inputKind) (map[string]json.RawMessage, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("is empty: expected %s", k.allowed())
	}
	var doc map[string]json.RawMessage
	// One JSON object and nothing after it decodes in one pass with no copy of the input; anything else
	// is decoded again as a stream to say what is wrong with it.
	if err := json.Unmarshal(data, &doc); err == nil && doc != nil {
		return doc, nil
	}
	doc = nil
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("is truncated: the JSON ends after %d bytes: expected all of %s", len(data), k.allowed())
		case errors.As(err, &se):
			return nil, fmt.Errorf("is not JSON (%w at byte %d): expected %s", se, se.Offset, k.allowed())
		case errors.As(err, &te):
			return nil, fmt.Errorf("is JSON but not an object (found %s): expected %s", te.Value, k.allowed())
		default:
			return nil, fmt.Errorf("is not JSON (%w): expected %s", err, k.allowed())
		}
	}
	if dec.More() {
		return nil, fmt.Errorf("holds more than one JSON document: expected %s", k.allowed())
	}
	return doc, nil
}

// stateResource is one resource of a stack export (apitype.ResourceV3) or a preview step's state.
type stateResource struct {
	URN                  string              `json:"urn"`
	Custom               bool                `json:"custom"`
	Delete               bool                `json:"delete"`
	ID                   string              `json:"id"`
	Type                 string              `json:"type"`
	Inputs               map[string]any      `json:"inputs"`
	Parent               string              `json:"parent"`
	Protect              bool                `json:"protect"`
	RetainOnDelete       bool                `json:"retainOnDelete"`
	Provider             string              `json:"provider"`
	Dependencies         []string            `json:"dependencies"`
	PropertyDependencies map[string][]string `json:"propertyDependencies"`
}

// inputs are a resource's inputs, decoded straight into the rules' property model (policy.FromJSON): no
// intermediate Go maps for what is most of an export's bytes. Inputs that are not an object are refused;
// decodeResources then decodes as before to say why.
type inputs struct{ v property.Value }

var errInputsNotObject = errors.New("inputs are not an object")

func (in *inputs) UnmarshalJSON(data []byte) error {
	switch {
	case string(data) == "null":
		in.v = property.Value{}
		return nil
	case len(data) == 0 || data[0] != '{':
		return errInputsNotObject
	}
	v, err := policy.FromJSON(data)
	in.v = v
	return err
}

// asMap is the inputs as a property map ({} for none).
func (in inputs) asMap() property.Map {
	if in.v.IsNull() {
		return property.Map{}
	}
	return in.v.AsMap()
}

// decodeResources decodes raw into v, whose resources' inputs are of type inputs. Should that fail, it
// decodes raw again into legacy, the same document with inputs as plain Go maps, for encoding/json's own
// account of what is wrong; and should that succeed, convert takes its resources.
func decodeResources(raw []byte, v any, legacy any, convert func()) error {
	err := json.Unmarshal(raw, v)
	if err == nil {
		return nil
	}
	if lerr := json.Unmarshal(raw, legacy); lerr != nil {
		return lerr
	}
	convert()
	return nil
}

// decodedResource is a stateResource with its inputs decoded straight into property values.
type decodedResource struct {
	stateResource
	Inputs inputs `json:"inputs"`
}

// decoded converts a resource decoded with Go maps as its inputs.
func decoded(s stateResource) decodedResource {
	return decodedResource{stateResource: s, Inputs: inputs{v: policy.FromGo(s.Inputs)}}
}

// readState reads `pulumi stack export` output: {"version": 3, "deployment": {"resources": [...]}}.
func readState(data []byte) ([]*policy.Resource, error) {
	if rs, ok := fastState(data); ok {
		return toResources(rs), nil
	}
	return decodeState(data)
}

// decodeState is readState through encoding/json, with a message for every way the document can be
// wrong.
func decodeState(data []byte) ([]*policy.Resource, error) {
	doc, err := decodeDoc(data, kindState)
	if err != nil {
		return nil, err
	}
	if _, ok := doc["steps"]; ok {
		return nil, fmt.Errorf("is the output of `pulumi preview --json`, not a stack export: allowed --preview FILE for it, or --state with %s", kindState.allowed())
	}
	rawVersion, hasVersion := doc["version"]
	rawDeployment, hasDeployment := doc["deployment"]
	if !hasVersion || !hasDeployment {
		return nil, fmt.Errorf("is not a stack export (no %s): expected %s", missing(hasVersion, hasDeployment), kindState.allowed())
	}
	var version int
	if err := json.Unmarshal(rawVersion, &version); err != nil {
		return nil, fmt.Errorf("version %s is not a number: expected %s", rawVersion, kindState.allowed())
	}
	if version != 3 {
		return nil, fmt.Errorf("is a stack export of deployment version %d: allowed version 3 (export it again with a current Pulumi CLI)", version)
	}
	var dep struct {
		Resources []decodedResource `json:"resources"`
	}
	var legacy struct {
		Resources []stateResource `json:"resources"`
	}
	if err := decodeResources(rawDeployment, &dep, &legacy, func() {
		dep.Resources = make([]decodedResource, len(legacy.Resources))
		for i, l := range legacy.Resources {
			dep.Resources[i] = decoded(l)
		}
	}); err != nil {
		return nil, fmt.Errorf("deployment is not a version 3 deployment (%w): expected %s", err, kindState.allowed())
	}
	return toResources(dep.Resources), nil
}

func missing(hasVersion, hasDeployment bool) string {
	switch {
	case !hasVersion && !hasDeployment:
		return `"version" and "deployment"`
	case !hasVersion:
		return `"version"`
	default:
		return `"deployment"`
	}
}

// readPreview reads `pulumi preview --json` output: {"steps": [{"op", "urn", "newState": {...}}, ...]}.
// The resources are the new states of the steps: what the stack will hold after the update. Deleted
// resources (no new state) are left out.
func readPreview(data []byte) ([]*policy.Resource, error) {
	doc, err := decodeDoc(data, kindPreview)
	if err != nil {
		return nil, err
	}
	if _, ok := doc["deployment"]; ok {
		return nil, fmt.Errorf("is a stack export, not the output of `pulumi preview --json`: allowed --state FILE for it, or --preview with %s", kindPreview.allowed())
	}
	rawSteps, ok := doc["steps"]
	if !ok {
		return nil, fmt.Errorf(`is not a preview (no "steps"): expected %s`, kindPreview.allowed())
	}
	type step struct {
		Op       string           `json:"op"`
		URN      string           `json:"urn"`
		NewState *decodedResource `json:"newState"`
	}
	var steps []step
	var legacy []struct {
		Op       string         `json:"op"`
		URN      string         `json:"urn"`
		NewState *stateResource `json:"newState"`
	}
	if err := decodeResources(rawSteps, &steps, &legacy, func() {
		steps = make([]step, len(legacy))
		for i, l := range legacy {
			steps[i] = step{Op: l.Op, URN: l.URN}
			if l.NewState != nil {
				d := decoded(*l.NewState)
				steps[i].NewState = &d
			}
		}
	}); err != nil {
		return nil, fmt.Errorf("steps are not preview steps (%w): expected %s", err, kindPreview.allowed())
	}
	var states []decodedResource
	seen := map[string]bool{}
	for _, s := range steps {
		if s.NewState == nil || s.NewState.URN == "" || seen[s.NewState.URN] {
			continue
		}
		seen[s.NewState.URN] = true
		states = append(states, *s.NewState)
	}
	return toResources(states), nil
}

// toResources converts exported resources into the rules' view, resolving provider references
// ("urn::id") to the provider resources.
func toResources(states []decodedResource) []*policy.Resource {
	out := make([]*policy.Resource, 0, len(states))
	byURN := map[string]*policy.Resource{}
	for _, s := range states {
		if s.Delete || s.URN == "" {
			continue
		}
		r := &policy.Resource{
			Name:                 urnName(s.URN),
			URN:                  s.URN,
			Inputs:               s.Inputs.asMap(),
			Parent:               s.Parent,
			Protect:              s.Protect,
			RetainOnDelete:       s.RetainOnDelete,
			Dependencies:         s.Dependencies,
			PropertyDependencies: s.PropertyDependencies,
			ID:                   s.ID,
		}
		r.SetType(s.Type)
		out = append(out, r)
		byURN[s.URN] = r
	}
	i := 0
	for _, s := range states {
		if s.Delete || s.URN == "" {
			continue
		}
		if s.Provider != "" {
			urn, _, _ := strings.Cut(s.Provider, "::"+providerID(s.Provider))
			if p := byURN[urn]; p != nil {
				out[i].Provider = &policy.Provider{Type: p.Type, Name: p.Name, URN: p.URN, Inputs: p.Inputs}
			}
		}
		i++
	}
	return out
}

// providerID returns the ID part of a provider reference "urn::id" (the text after the last "::").
func providerID(ref string) string {
	if i := strings.LastIndex(ref, "::"); i >= 0 {
		return ref[i+2:]
	}
	return ""
}

// urnName is the name part of a URN (after the last "::").
func urnName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

// stackFromURNs is the stack named by the resources' URNs ("urn:pulumi:<stack>::..."), or "".
func stackFromURNs(rs []*policy.Resource) string {
	for _, r := range rs {
		if rest, ok := strings.CutPrefix(r.URN, "urn:pulumi:"); ok {
			if stack, _, ok := strings.Cut(rest, "::"); ok {
				return stack
			}
		}
	}
	return ""
}

// applyFlags applies --tier and --landing-zone to the context. A stack file says both already: a flag may
// repeat what it says but not contradict it.
func (o *checkOptions) applyFlags(cmd *cobra.Command, pctx *policy.Context, st *config.Stack, t tier.Tier) error {
	if t != "" {
		switch {
		case st != nil && st.Tier != t:
			return &usageError{msg: fmt.Sprintf("--tier %s contradicts stack file Pulumi.%s.yaml, which says tier %q: allowed --tier %s or no --tier",
				t, st.Name, orNone(string(st.Tier)), orNone(string(st.Tier))), cmd: cmd}
		case st == nil:
			p, _ := tier.ProfileFor(t)
			pctx.Tier, pctx.Profile, pctx.TierSource = t, p, policy.TierFromFlag
		}
	}
	if o.landingZone == "" {
		return nil
	}
	if st != nil {
		if st.LandingZone != o.landingZone {
			return &usageError{msg: fmt.Sprintf("--landing-zone %s contradicts stack file Pulumi.%s.yaml, which says landing zone %q: allowed --landing-zone %s or none",
				o.landingZone, st.Name, st.LandingZone, st.LandingZone), cmd: cmd}
		}
		return nil
	}
	dir, err := resolveStacksDir(cmd, o.stacksDir)
	if err != nil {
		return err
	}
	var zones []string
	var found *config.Stack
	for _, name := range dir.stackNames() {
		s, err := config.LoadFile(dir.file(name))
		if err != nil {
			continue
		}
		if !slices.Contains(zones, s.LandingZone) {
			zones = append(zones, s.LandingZone)
		}
		// The foundation holds the whole plan; any stack of the landing zone will do otherwise.
		if s.LandingZone == o.landingZone && (found == nil || s.Role == config.RoleFoundation) {
			found = s
		}
	}
	if found == nil {
		slices.Sort(zones)
		return &usageError{msg: fmt.Sprintf("--landing-zone %q: no stack file in %s is for it: allowed %s", o.landingZone, dir.show(dir.dir), strings.Join(zones, ", ")), cmd: cmd}
	}
	lz := stackctx.FromStack(found)
	pctx.Network = lz.Network
	if pctx.Cloud == "" {
		pctx.Cloud = lz.Cloud
	}
	return nil
}
