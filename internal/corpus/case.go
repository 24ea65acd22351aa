// Package corpus is the adversarial corpus: small Pulumi programs, written the way engineers write them,
// each either non-compliant with the landing zone (the rules must block it, naming the resources at
// fault) or compliant but suspicious-looking (the rules must let it through). Each case is run under the
// mock cloud, exported as `pulumi stack export` writes a stack, and scored by running the real `lz check`
// binary over the export, with no stack file (the stack is corpus-<case id>), as a reviewer checks a
// stack someone else wrote. See docs/corpus.md.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Expectations.
const (
	ExpectFail = "fail" // non-compliant: every atFault resource must carry a blocking finding
	ExpectPass = "pass" // compliant: no blocking finding at all
)

// Tiers a case's resources may be tagged with ("" for a foundation-style case).
var Tiers = []string{"Platinum", "Gold", "Bronze", ""}

// Case is one program of the corpus and what the rules must make of it.
type Case struct {
	// ID is unique and stable: "<cloud>-<area>-<what>".
	ID string `yaml:"id"`
	// Source cites the public control(s) the case is drawn from (Checkov, AWS Config, Azure Policy,
	// Security Hub, Prowler).
	Source string `yaml:"source"`
	// Expect is ExpectFail or ExpectPass.
	Expect string `yaml:"expect"`
	// AtFault names the resources that must carry a blocking failure (fail cases only). An entry
	// "a|b" is satisfied by a blocking failure on either: a fault in a sub-resource (a bucket's
	// encryption configuration) may be reported on it or on the resource it configures (the bucket).
	AtFault []string `yaml:"atFault"`
	// Tier is the tier the case's resources are tagged with.
	Tier string `yaml:"tier"`
	// Note says what the case is, in a line.
	Note string `yaml:"note"`
	// Stack optionally names a stack file in stacks/ that also applies (scored a second time with it).
	Stack string `yaml:"stack"`
	// Resources in declaration order.
	Resources []Resource `yaml:"-"`

	// File is the file the case came from (relative to the cases directory); Cloud and Area come from
	// the file name "<cloud>-<area>.yaml".
	File, Cloud, Area string `yaml:"-"`
}

// Resource is one resource of a case program.
type Resource struct {
	Name string `yaml:"-"`
	// Type is the Pulumi type token ("aws:s3/bucketV2:BucketV2", "pulumi:providers:aws").
	Type string `yaml:"type"`
	// Provider names an explicit provider resource of the case ("" means the default provider).
	Provider string `yaml:"provider"`
	// Properties are the inputs. Strings may hold ${name.output} interpolations; a map
	// {fn::toJSON: value} is the value encoded as a JSON string (an IAM policy document, say).
	Properties map[string]any `yaml:"properties"`
	Options    Options        `yaml:"options"`
}

// Options are the resource options a case may set.
type Options struct {
	Protect        bool     `yaml:"protect"`
	RetainOnDelete bool     `yaml:"retainOnDelete"`
	DependsOn      []string `yaml:"dependsOn"`
	Parent         string   `yaml:"parent"`
}

// file is the shape of a cases file: shared values (for YAML anchors) and the cases.
type file struct {
	Shared any         `yaml:"shared"`
	Cases  []yaml.Node `yaml:"cases"`
}

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)
	awsToken        = regexp.MustCompile(`^aws:[a-zA-Z0-9]+/[a-z][a-zA-Z0-9]*:[A-Z][a-zA-Z0-9]*$`)
	azureToken      = regexp.MustCompile(`^azure-native:[a-z][a-zA-Z0-9]*(/v[0-9a-z]+)?:[A-Z][a-zA-Z0-9]*$`)
	providerToken   = regexp.MustCompile(`^pulumi:providers:(aws|azure-native)$`)
	fileNamePattern = regexp.MustCompile(`^(aws|azure)-([a-z0-9]+)\.yaml$`)
	interpolation   = regexp.MustCompile(`\$\{([^}]*)\}`)
	refPattern      = regexp.MustCompile(`^([A-Za-z0-9_-]+)\.([a-zA-Z][a-zA-Z0-9]*)$`)
)

// Load reads every cases file (<cloud>-<area>.yaml) in dir and validates every case. All errors are
// returned at once, each naming the file, the case and the field.
func Load(dir string) ([]*Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no cases files (<cloud>-<area>.yaml)", dir)
	}
	var (
		all  []*Case
		errs []error
	)
	for _, p := range paths {
		cs, err := LoadFile(p)
		errs = append(errs, err)
		all = append(all, cs...)
	}
	seen := map[string]string{}
	for _, c := range all {
		if prev, ok := seen[c.ID]; ok {
			errs = append(errs, fmt.Errorf("%s: %s: id: duplicate (also in %s): allowed an id used once", c.File, c.ID, prev))
		}
		seen[c.ID] = c.File
	}
	return all, errors.Join(errs...)
}

// LoadFile reads and validates one cases file.
func LoadFile(path string) ([]*Case, error) {
	base := filepath.Base(path)
	m := fileNamePattern.FindStringSubmatch(base)
	if m == nil {
		return nil, fmt.Errorf("%s: file name: allowed <aws|azure>-<area>.yaml", base)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	var (
		out  []*Case
		errs []error
	)
	for i := range f.Cases {
		c, err := decodeCase(&f.Cases[i])
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: case %d (line %d): %w", base, i+1, f.Cases[i].Line, err))
			continue
		}
		c.File, c.Cloud, c.Area = base, m[1], m[2]
		if err := c.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %w", base, c.ID, err))
		}
		out = append(out, c)
	}
	return out, errors.Join(errs...)
}

func decodeCase(n *yaml.Node) (*Case, error) {
	if n.Kind != yaml.MappingNode {
		return nil, errors.New("not a mapping")
	}
	var resNode *yaml.Node
	rest := &yaml.Node{Kind: yaml.MappingNode, Tag: n.Tag}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "resources" {
			resNode = n.Content[i+1]
			continue
		}
		rest.Content = append(rest.Content, n.Content[i], n.Content[i+1])
	}
	c := &Case{}
	if err := strictDecode(rest, c); err != nil {
		return nil, err
	}
	if resNode == nil {
		return c, nil
	}
	for resNode.Kind == yaml.AliasNode {
		resNode = resNode.Alias
	}
	if resNode.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: resources: not a mapping of name to resource", c.ID)
	}
	pairs, err := mappingPairs(resNode)
	if err != nil {
		return nil, fmt.Errorf("%s: resources: %w", c.ID, err)
	}
	for _, p := range pairs {
		r := Resource{Name: p[0].Value}
		if p[1].Kind == yaml.ScalarNode && p[1].Tag == "!!null" {
			// "name: null" leaves out a resource a merged bundle brought in.
			c.Resources = slices.DeleteFunc(c.Resources, func(x Resource) bool { return x.Name == r.Name })
			continue
		}
		if err := strictDecode(p[1], &r); err != nil {
			return nil, fmt.Errorf("%s: resources.%s: %w", c.ID, r.Name, err)
		}
		if i := slices.IndexFunc(c.Resources, func(x Resource) bool { return x.Name == r.Name }); i >= 0 {
			c.Resources[i] = r // an explicit resource overrides a merged one of the same name
			continue
		}
		c.Resources = append(c.Resources, r)
	}
	return c, nil
}

// mappingPairs returns the key/value pairs of a mapping in order, expanding YAML merge keys
// ("<<: *bundle" or "<<: [*a, *b]") in place, so a case can start from shared bundles of resources.
func mappingPairs(n *yaml.Node) ([][2]*yaml.Node, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: not a mapping of name to resource", n.Line)
	}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value != "<<" {
			out = append(out, [2]*yaml.Node{k, v})
			continue
		}
		srcs := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			srcs = v.Content
		}
		for _, src := range srcs {
			sub, err := mappingPairs(src)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		}
	}
	return out, nil
}

// strictDecode decodes a node into v, rejecting mapping keys v has no field for (at the top level,
// and in a resource's options).
func strictDecode(n *yaml.Node, v any) error {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	allowed := map[string][]string{
		"case":     {"id", "source", "expect", "atFault", "tier", "note", "stack"},
		"resource": {"type", "provider", "properties", "options"},
		"options":  {"protect", "retainOnDelete", "dependsOn", "parent"},
	}
	var check func(n *yaml.Node, kind string) error
	check = func(n *yaml.Node, kind string) error {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("line %d: not a mapping", n.Line)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if k == "<<" {
				continue
			}
			if !slices.Contains(allowed[kind], k) {
				return fmt.Errorf("line %d: field %s: allowed %s", n.Content[i].Line, k, strings.Join(allowed[kind], ", "))
			}
			if kind == "resource" && k == "options" {
				if err := check(n.Content[i+1], "options"); err != nil {
					return fmt.Errorf("options: %w", err)
				}
			}
		}
		return nil
	}
	kind := "case"
	if _, ok := v.(*Resource); ok {
		kind = "resource"
	}
	if err := check(n, kind); err != nil {
		return err
	}
	return n.Decode(v)
}

// Resource returns the case's resource of that name, or nil.
func (c *Case) Resource(name string) *Resource {
	for i := range c.Resources {
		if c.Resources[i].Name == name {
			return &c.Resources[i]
		}
	}
	return nil
}

// Validate checks a case: id, source, expect, tier, atFault, resources, type tokens and references.
func (c *Case) Validate() error {
	var errs []error
	bad := func(field string, value any, allowed string) {
		errs = append(errs, fmt.Errorf("%s: %v: allowed %s", field, value, allowed))
	}
	if !idPattern.MatchString(c.ID) {
		bad("id", fmt.Sprintf("%q", c.ID), "lower-case words joined by hyphens")
	} else if c.Cloud != "" && !strings.HasPrefix(c.ID, c.Cloud+"-") {
		bad("id", c.ID, "an id starting "+c.Cloud+"- (the file's cloud)")
	}
	if strings.TrimSpace(c.Source) == "" {
		bad("source", `""`, "the public control(s) the case is drawn from")
	}
	if strings.TrimSpace(c.Note) == "" {
		bad("note", `""`, "a line saying what the case is")
	}
	if !slices.Contains(Tiers, c.Tier) {
		bad("tier", c.Tier, "Platinum, Gold, Bronze or absent")
	}
	if c.Stack != "" && !regexp.MustCompile(`^(pos|met)-(foundation|platinum|gold|bronze)$`).MatchString(c.Stack) {
		bad("stack", c.Stack, "a stack file name in stacks/ (pos-gold, met-bronze, ...)")
	}
	switch c.Expect {
	case ExpectFail:
		if len(c.AtFault) == 0 {
			bad("atFault", "[]", "at least one resource name for a fail case")
		}
	case ExpectPass:
		if len(c.AtFault) > 0 {
			bad("atFault", c.AtFault, "none for a pass case")
		}
	default:
		bad("expect", fmt.Sprintf("%q", c.Expect), "fail or pass")
	}
	for _, alt := range c.AtFault {
		for _, n := range strings.Split(alt, "|") {
			if c.Resource(n) == nil {
				bad("atFault", n, "a resource name of the case (or names joined by | when a finding on any of them names the fault)")
			}
		}
	}
	if len(c.Resources) == 0 {
		bad("resources", "none", "at least one resource")
	}
	names := map[string]bool{}
	for _, r := range c.Resources {
		field := "resources." + r.Name
		if names[r.Name] {
			bad(field, "duplicate", "a name used once")
		}
		names[r.Name] = true
		if !ValidToken(r.Type) {
			bad(field+".type", r.Type, "aws:<module>/<resource>:<Resource>, azure-native:<module>:<Resource> or pulumi:providers:<aws|azure-native>")
		}
		if c.Cloud != "" && !strings.HasPrefix(r.Type, "pulumi:") && cloudOf(r.Type) != c.Cloud {
			bad(field+".type", r.Type, "a "+c.Cloud+" type (the file's cloud)")
		}
		if r.Provider != "" {
			p := c.Resource(r.Provider)
			switch {
			case p == nil:
				bad(field+".provider", r.Provider, "a resource name of the case")
			case !strings.HasPrefix(p.Type, "pulumi:providers:"):
				bad(field+".provider", r.Provider, "a pulumi:providers:* resource")
			case strings.TrimPrefix(p.Type, "pulumi:providers:") != packageOf(r.Type):
				bad(field+".provider", r.Provider, "a provider of package "+packageOf(r.Type))
			}
		}
		for _, d := range r.Options.DependsOn {
			if c.Resource(d) == nil {
				bad(field+".options.dependsOn", d, "a resource name of the case")
			}
		}
		if r.Options.Parent != "" && c.Resource(r.Options.Parent) == nil {
			bad(field+".options.parent", r.Options.Parent, "a resource name of the case")
		}
		for _, ref := range References(r.Properties) {
			m := refPattern.FindStringSubmatch(ref)
			switch {
			case m == nil:
				bad(field+".properties", "${"+ref+"}", "${<resource>.<output>}")
			case c.Resource(m[1]) == nil:
				bad(field+".properties", "${"+ref+"}", "a reference to a resource of the case")
			case m[1] == r.Name:
				bad(field+".properties", "${"+ref+"}", "a reference to another resource")
			case !slices.Contains(Outputs, m[2]):
				bad(field+".properties", "${"+ref+"}", "an output of "+strings.Join(Outputs, ", "))
			}
		}
	}
	if _, err := c.Order(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// ValidToken reports whether a type token has the shape of an aws, azure-native or provider token.
func ValidToken(t string) bool {
	return awsToken.MatchString(t) || azureToken.MatchString(t) || providerToken.MatchString(t)
}

func packageOf(t string) string {
	p, _, _ := strings.Cut(t, ":")
	return p
}

func cloudOf(t string) string {
	if packageOf(t) == "azure-native" {
		return "azure"
	}
	return packageOf(t)
}

// References returns every ${...} interpolation in a value, in order of appearance.
func References(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			for _, m := range interpolation.FindAllStringSubmatch(x, -1) {
				out = append(out, m[1])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k])
			}
		}
	}
	walk(v)
	return out
}

// Order returns the resources in an order where every resource comes after those it references
// (provider, parent, dependsOn, interpolations), keeping declaration order otherwise. A cycle is an
// error.
func (c *Case) Order() ([]*Resource, error) {
	deps := map[string][]string{}
	for _, r := range c.Resources {
		var d []string
		if r.Provider != "" {
			d = append(d, r.Provider)
		}
		if r.Options.Parent != "" {
			d = append(d, r.Options.Parent)
		}
		d = append(d, r.Options.DependsOn...)
		for _, ref := range References(r.Properties) {
			if m := refPattern.FindStringSubmatch(ref); m != nil {
				d = append(d, m[1])
			}
		}
		deps[r.Name] = d
	}
	state := map[string]int{} // 1 visiting, 2 done
	var out []*Resource
	var visit func(name string, path []string) error
	visit = func(name string, path []string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("resources: cycle %s -> %s: allowed references that form no cycle", strings.Join(path, " -> "), name)
		case 2:
			return nil
		}
		r := c.Resource(name)
		if r == nil {
			return nil // reported by Validate
		}
		state[name] = 1
		for _, d := range deps[name] {
			if err := visit(d, append(path, name)); err != nil {
				return err
			}
		}
		state[name] = 2
		out = append(out, r)
		return nil
	}
	for _, r := range c.Resources {
		if err := visit(r.Name, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}
