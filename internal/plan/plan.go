// Package plan is the offline plan engine behind `lz plan` and `lz report`: it reads a stack file, runs
// the landing zones' one Pulumi program (internal/program) under the mock cloud (internal/mockcloud),
// resolving a tier stack's StackReference to its foundation from the foundation's own offline plan, and
// evaluates every rule of the catalogue over the registered resources with the accreditor's waivers.
//
// The stack context comes from internal/stackctx, exactly as the policy pack builds it inside the Pulumi
// engine, so the findings of an offline plan are the findings the pack reports for the same stack.
package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/program"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

// Project is the Pulumi project name the stacks run under (Pulumi.yaml's name); URNs carry it.
const Project = mockcloud.DefaultProject

// SecretPlaceholder stands in for every secret the program reads: the offline plan holds no secrets.
// Rules never read secret values (the engine hands them to the policy pack as secrets), so findings do
// not depend on it.
const SecretPlaceholder = "offline-plan-placeholder-not-a-secret"

// SecretKeys are the secret config keys the program requires, given SecretPlaceholder when the stack file
// does not set them (a secret is set per deployment with `pulumi config set --secret`, and its
// ciphertext in a stack file cannot be read offline either).
var SecretKeys = []string{program.PSNSharedKeyConfig}

// Program builds the resources of a validated stack and returns its outputs: program.Deploy's shape.
type Program func(ctx *pulumi.Context, st *config.Stack) (pulumi.Map, error)

// Options configure Run.
type Options struct {
	// StacksDir holds the Pulumi.<stack>.yaml files ("stacks").
	StacksDir string
	// WaiverFile is the accreditor's waiver file for the stack, or "" for none. Its scope must be the
	// stack or the stack's landing zone.
	WaiverFile string
	// PolicyConfig is a policy-pack config file (the engine's `--policy-pack-config` format), or "" for
	// none: its settings apply as the policy pack applies them (packconfig), and a file that does not
	// parse or that loosens what the catalogue guarantees gives a *packconfig.Error.
	PolicyConfig string
	// Now is the evaluation day for waiver expiry; the zero value means time.Now().
	Now time.Time
	// Preview runs the program as a preview (dry run), where values the cloud computes are unknown.
	Preview bool
	// Program replaces program.Deploy (nil): tests plan small programs of their own.
	Program Program
}

// Result is the offline plan of one stack.
type Result struct {
	// Stack is the validated stack configuration.
	Stack *config.Stack
	// Context is the rules' view of the stack (stackctx.FromStack).
	Context *policy.Context
	// Resources are the registered resources in registration order, as the rules saw them.
	Resources []*policy.Resource
	// Outputs are the stack's outputs, resolved: what a StackReference to the stack would read.
	Outputs map[string]any
	// Evaluation holds every rule's findings and the waiver uses.
	Evaluation policy.Evaluation
	// Waivers is the parsed waiver file (zero when none was given).
	Waivers waiverfile.File
	// StackFile and WaiverFile are the paths the stack's config and waivers were read from (WaiverFile
	// "" when none was given).
	StackFile, WaiverFile string
	// PolicyConfig is the policy config in force (zero when none was given) and PolicyConfigFile its path.
	PolicyConfig     packconfig.Effective
	PolicyConfigFile string
}

// Run plans the stack named stack from opts.StacksDir and evaluates it.
//
// Errors: a stack file that cannot be read or whose configuration is invalid gives a *config.FileError
// (whose Err is config.Errors for configuration problems; errors.Is(err, fs.ErrNotExist) for a missing
// file), and no resource is registered; a waiver file that does not parse gives a *waiverfile.Error; a
// waiver file for another scope gives a *ScopeError; a policy config that does not parse or is refused
// gives a *packconfig.Error; a program failure gives a *ProgramError.
//
// Runs of the stack program are cached for the life of the process, keyed by the stack file's path and
// contents and by Preview, so that `lz report --all` plans each foundation once. With opts.Program set
// nothing is shared between calls (a function value cannot be told apart from another closure of the
// same code), but a foundation is still planned once per call.
func Run(stack string, opts Options) (*Result, error) {
	if opts.Program != nil {
		return newPlanner().run(stack, opts)
	}
	return defaultPlanner.run(stack, opts)
}

// ProgramError is a failure of the stack program (or of its foundation's) under the mock cloud.
type ProgramError struct {
	Stack string
	Err   error
}

func (e *ProgramError) Error() string {
	return fmt.Sprintf("stack %s: the program failed under the mock cloud: %v", e.Stack, e.Err)
}

func (e *ProgramError) Unwrap() error { return e.Err }

// ScopeError is a waiver file whose scope is neither the stack nor its landing zone.
type ScopeError = waiverfile.ScopeError

// planner runs programs and caches the mock runs of stacks, so that a foundation is planned once per
// process however many tier stacks reference it.
type planner struct {
	mu    sync.Mutex
	cache map[string]*cached
}

type cached struct {
	once      sync.Once
	st        *config.Stack
	resources []*policy.Resource
	outputs   map[string]any
	err       error
}

var defaultPlanner = newPlanner()

func newPlanner() *planner { return &planner{cache: map[string]*cached{}} }

// StackFile returns the path of a stack's file in dir.
func StackFile(dir, stack string) string { return filepath.Join(dir, "Pulumi."+stack+".yaml") }

func (p *planner) run(stack string, opts Options) (*Result, error) {
	c, err := p.mock(stack, opts, nil)
	if err != nil {
		return nil, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	res := &Result{Stack: c.st, Context: stackctx.FromStack(c.st), Resources: c.resources, Outputs: c.outputs,
		StackFile: StackFile(opts.StacksDir, stack), WaiverFile: opts.WaiverFile, PolicyConfigFile: opts.PolicyConfig}
	if opts.PolicyConfig != "" {
		eff, _, err := packconfig.Read(opts.PolicyConfig, packconfig.PackCatalogue(catalog.Metas(), false))
		if err != nil {
			return nil, err
		}
		res.PolicyConfig = eff
	}
	if opts.WaiverFile != "" {
		f, err := waiverfile.Load(opts.WaiverFile, catalog.Meta, now)
		if err != nil {
			return nil, err
		}
		if err := f.CheckStack(c.st.Name, c.st.LandingZone); err != nil {
			return nil, err
		}
		res.Waivers = f
	}
	o := catalog.Options(res.Waivers.Waivers)
	o.Rules, o.StackRules = res.PolicyConfig.Rules(o.Rules), res.PolicyConfig.StackRules(o.StackRules)
	o.Now = now
	res.Evaluation = policy.Evaluate(res.Context, res.Resources, o)
	return res, nil
}

// mock runs the stack's program under the mock cloud once per (file contents, options, program) and
// returns the cached run. seen guards against foundation references that loop.
func (p *planner) mock(stack string, opts Options, seen []string) (*cached, error) {
	path := StackFile(opts.StacksDir, stack)
	name, raw, err := config.ReadFile(path)
	if err != nil {
		return nil, err
	}
	st, err := config.Load(name, raw)
	if err != nil {
		return nil, &config.FileError{Path: path, Err: err}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &config.FileError{Path: path, Err: err}
	}
	key := cacheKey(path, data, opts)
	p.mu.Lock()
	c := p.cache[key]
	if c == nil {
		c = &cached{}
		p.cache[key] = c
	}
	p.mu.Unlock()
	c.once.Do(func() {
		c.st = st
		c.resources, c.outputs, c.err = p.execute(path, data, st, raw, opts, append(seen, stack))
	})
	if c.err != nil {
		return nil, c.err
	}
	return c, nil
}

func cacheKey(path string, data []byte, opts Options) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	sum := sha256.Sum256(data)
	return fmt.Sprintf("%s|%s|%t", abs, hex.EncodeToString(sum[:]), opts.Preview)
}

func (p *planner) execute(path string, data []byte, st *config.Stack, raw map[string]string, opts Options, seen []string) ([]*policy.Resource, map[string]any, error) {
	outputs := map[string]map[string]any{}
	if st.FoundationStack != "" {
		ref := st.FoundationStack
		fname := ref[strings.LastIndex(ref, "/")+1:]
		for _, s := range seen {
			if s == fname {
				return nil, nil, &config.FileError{Path: path, Err: config.Errors{{
					Path: config.Namespace + ":" + config.KeyFoundationStack, Value: ref,
					Msg: fmt.Sprintf("refers back to %s", strings.Join(seen, " -> ")), Allowed: "the name of a foundation stack",
				}}}
			}
		}
		f, err := p.mock(fname, opts, seen)
		if err != nil {
			// A FileError names the foundation's file and a ProgramError its stack: returned as they are.
			return nil, nil, err
		}
		outputs[ref] = f.outputs
	}
	cfg, err := otherNamespaces(data)
	if err != nil {
		return nil, nil, &config.FileError{Path: path, Err: err}
	}
	maps.Copy(cfg, config.Qualified(raw))
	for _, k := range SecretKeys {
		if _, ok := cfg[k]; !ok {
			cfg[k] = SecretPlaceholder
		}
	}
	deploy := opts.Program
	if deploy == nil {
		deploy = program.Deploy
	}
	cloud := mockcloud.New(mockcloud.Options{
		Project:      Project,
		Stack:        st.Name,
		Config:       cfg,
		StackOutputs: outputs,
		Preview:      opts.Preview,
	})
	outs, err := cloud.RunOutputs(func(ctx *pulumi.Context) (pulumi.Map, error) { return deploy(ctx, st) })
	if err != nil {
		return nil, nil, &ProgramError{Stack: st.Name, Err: err}
	}
	return cloud.Resources(), outs, nil
}
