//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/internal/corpus"
	"github.com/policecloud/landingzones/internal/e2e/fakeprovider"
	"github.com/policecloud/landingzones/internal/plan"
)

const (
	// project is Pulumi.yaml's project name: URNs and stack references carry it.
	project = "police-landing-zones"
	// packRuntime is the runtime the harness's copy of PulumiPolicy.yaml names. No language host has
	// this name, so the engine runs the prebuilt pack binary pulumi-analyzer-policy-<packRuntime>.
	packRuntime = "pclz"
	// noopRuntime names the analyzer plugin of the pack that inspects nothing.
	noopRuntime = "pclznoop"
	// packName is the pack's name (PulumiPolicy.yaml, policy/pack.Name).
	packName = "policecloud-landingzones"
	// passphrase encrypts the throwaway stacks' secrets.
	passphrase = "e2e-only-passphrase"
	// unknownPolicy is the pack's advisory policy that reports rules undecided for computed values
	// (policy/pack.UnknownPolicy); its messages start "<rule ID>: ".
	unknownPolicy = "pclz-unknown-values"
)

// harness is what every e2e test shares: the pinned CLI, the built plugins and pack, and one file
// backend and PULUMI_HOME for the whole run (tier stacks read their foundation's outputs from it).
type harness struct {
	root      string // repository root
	tmp       string
	cli       auto.PulumiCommand
	pluginDir string // pulumi-resource-aws, pulumi-resource-azure-native (test doubles)
	packDir   string // PulumiPolicy.yaml (runtime: pclz) + pulumi-analyzer-policy-pclz
	noopDir   string // a pack that inspects nothing (internal/e2e/nooppack), for BenchmarkPolicyOverhead
	home      string
	backend   string
}

var h *harness

func TestMain(m *testing.M) {
	var err error
	h, err = setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup:", err)
		os.Exit(1)
	}
	code := m.Run()
	if code == 0 || os.Getenv("PCLZ_E2E_KEEP") == "" {
		_ = os.RemoveAll(h.tmp)
	} else {
		fmt.Fprintln(os.Stderr, "e2e: kept", h.tmp)
	}
	os.Exit(code)
}

func setup() (*harness, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "pclz-e2e-")
	if err != nil {
		return nil, err
	}
	hs := &harness{
		root:      root,
		tmp:       tmp,
		pluginDir: filepath.Join(tmp, "plugins"),
		packDir:   filepath.Join(tmp, "pack"),
		noopDir:   filepath.Join(tmp, "nooppack"),
		home:      filepath.Join(tmp, "home"),
		backend:   filepath.Join(tmp, "backend"),
	}
	for _, d := range []string{hs.pluginDir, hs.packDir, hs.noopDir, hs.home, hs.backend} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}

	// The pinned CLI: scripts/install-pulumi.sh builds it once into .tools and prints its path.
	out, err := run(root, "scripts/install-pulumi.sh")
	if err != nil {
		return nil, err
	}
	bin := strings.TrimSpace(lastLine(out))
	hs.cli, err = auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: filepath.Dir(filepath.Dir(bin))})
	if err != nil {
		return nil, fmt.Errorf("pulumi CLI at %s: %w", bin, err)
	}

	// The test-double providers: one binary, named for each package it stands in for.
	aws := filepath.Join(hs.pluginDir, fakeprovider.BinaryPrefix+"aws")
	if _, err := run(root, "go", "build", "-o", aws, "./internal/e2e/fakeprovider/cmd/fakeprovider"); err != nil {
		return nil, err
	}
	for _, pkg := range []string{"azure-native", "azuread"} {
		if err := os.Link(aws, filepath.Join(hs.pluginDir, fakeprovider.BinaryPrefix+pkg)); err != nil {
			return nil, err
		}
	}

	// The policy pack, built as the analyzer plugin binary, beside a PulumiPolicy.yaml naming its runtime.
	if _, err := run(root, "go", "build", "-o", filepath.Join(hs.packDir, "pulumi-analyzer-policy-"+packRuntime), "./policy/pack"); err != nil {
		return nil, err
	}
	yaml, err := os.ReadFile(filepath.Join(root, "policy", "pack", "PulumiPolicy.yaml"))
	if err != nil {
		return nil, err
	}
	re := regexp.MustCompile(`(?m)^runtime:\s*go\s*$`)
	if !re.Match(yaml) {
		return nil, errors.New("policy/pack/PulumiPolicy.yaml has no `runtime: go` line to point at the prebuilt pack")
	}
	yaml = re.ReplaceAll(yaml, []byte("runtime: "+packRuntime))
	if err := os.WriteFile(filepath.Join(hs.packDir, "PulumiPolicy.yaml"), yaml, 0o644); err != nil {
		return nil, err
	}
	// The pack that inspects nothing, as its own analyzer plugin (runtime pclznoop).
	if _, err := run(root, "go", "build", "-o", filepath.Join(hs.noopDir, "pulumi-analyzer-policy-"+noopRuntime), "./internal/e2e/nooppack"); err != nil {
		return nil, err
	}
	noopYAML := "runtime: " + noopRuntime + "\nname: pclz-noop\nversion: 0.0.1\n"
	if err := os.WriteFile(filepath.Join(hs.noopDir, "PulumiPolicy.yaml"), []byte(noopYAML), 0o644); err != nil {
		return nil, err
	}
	return hs, nil
}

func repoRoot() (string, error) { return corpus.RepoRoot() }

func run(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out), nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// env is the CLI's environment: file backend, local PULUMI_HOME, no update check, no plugin download.
func (hs *harness) env() map[string]string {
	return map[string]string{
		"PULUMI_BACKEND_URL":                          "file://" + filepath.ToSlash(hs.backend),
		"PULUMI_CONFIG_PASSPHRASE":                    passphrase,
		"PULUMI_HOME":                                 hs.home,
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
	}
}

// projectSettings is Pulumi.yaml for the inline programs: the test doubles and the pack as project
// plugins, so the engine never looks for a plugin anywhere else.
func (hs *harness) projectSettings() workspace.Project {
	var providers []workspace.PluginOptions
	for _, pkg := range []string{"aws", "azure-native", "azuread"} {
		providers = append(providers, workspace.PluginOptions{Name: pkg, Version: fakeprovider.Versions[pkg], Path: hs.pluginDir})
	}
	return workspace.Project{
		Name:    tokens.PackageName(project),
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Plugins: &workspace.Plugins{
			Providers: providers,
			Analyzers: []workspace.PluginOptions{{Name: "policy-" + packRuntime, Path: hs.packDir}, {Name: "policy-" + noopRuntime, Path: hs.noopDir}},
		},
	}
}

// stack creates (or selects) the stack name in the shared backend, running program, with the
// configuration of stacks/Pulumi.<configStack>.yaml.
func (hs *harness) stack(t testing.TB, name, configStack string, program pulumi.RunFunc) auto.Stack {
	t.Helper()
	dir := t.TempDir()
	cfg, err := os.ReadFile(filepath.Join(hs.root, "stacks", "Pulumi."+configStack+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := auto.UpsertStackInlineSource(context.Background(), name, project, program,
		auto.WorkDir(dir), auto.Project(hs.projectSettings()), auto.EnvVars(hs.env()), auto.Pulumi(hs.cli))
	if err != nil {
		t.Fatalf("stack %s: %v", name, err)
	}
	// Secrets the program requires and stack files leave to the operator get a placeholder, as in the
	// offline plan (plan.SecretKeys), stored encrypted like a real secret.
	for _, k := range plan.SecretKeys {
		if _, err := s.GetConfig(context.Background(), k); err == nil {
			continue
		}
		if err := s.SetConfig(context.Background(), k, auto.ConfigValue{Value: plan.SecretPlaceholder, Secret: true}); err != nil {
			t.Fatalf("stack %s: set %s: %v", name, k, err)
		}
	}
	return s
}

// outcome is one engine operation: its error and every engine event.
type outcome struct {
	op     string
	err    error
	events []events.EngineEvent
	log    string // the CLI's progress output, for failure messages
}

// collect returns an event channel for an operation and a function that waits for the stream to end.
func collect(o *outcome) (chan events.EngineEvent, func()) {
	ch := make(chan events.EngineEvent)
	done := make(chan struct{})
	go func() {
		for e := range ch {
			o.events = append(o.events, e)
		}
		close(done)
	}()
	return ch, func() { <-done }
}

func preview(s auto.Stack, withPack bool) outcome {
	if withPack {
		return previewPack(s, h.packDir, "")
	}
	return previewPack(s, "", "")
}

// previewPack previews s with the policy pack in packDir ("" for none) and, when cfg is not "", the
// policy-pack config file cfg, as `pulumi preview --policy-pack DIR --policy-pack-config cfg` does.
func previewPack(s auto.Stack, packDir, cfg string) outcome {
	o := outcome{op: "preview " + s.Name()}
	ch, wait := collect(&o)
	var log bytes.Buffer
	opts := []optpreview.Option{optpreview.EventStreams(ch), optpreview.ProgressStreams(&log), optpreview.ErrorProgressStreams(&log)}
	if packDir != "" {
		opts = append(opts, optpreview.PolicyPacks(packDir))
	}
	if cfg != "" {
		opts = append(opts, optpreview.PolicyPackConfigs(cfg))
		o.op += " with policy config " + filepath.Base(cfg)
	}
	_, o.err = s.Preview(context.Background(), opts...)
	wait()
	o.log = log.String()
	return o
}

func up(s auto.Stack, withPack bool) outcome {
	o := outcome{op: "up " + s.Name()}
	ch, wait := collect(&o)
	var log bytes.Buffer
	opts := []optup.Option{optup.EventStreams(ch), optup.ProgressStreams(&log), optup.ErrorProgressStreams(&log)}
	if withPack {
		opts = append(opts, optup.PolicyPacks(h.packDir))
	}
	_, o.err = s.Up(context.Background(), opts...)
	wait()
	o.log = log.String()
	return o
}

func destroy(s auto.Stack) outcome {
	o := outcome{op: "destroy " + s.Name()}
	ch, wait := collect(&o)
	var log bytes.Buffer
	_, o.err = s.Destroy(context.Background(), optdestroy.EventStreams(ch), optdestroy.ProgressStreams(&log), optdestroy.ErrorProgressStreams(&log))
	wait()
	o.log = log.String()
	return o
}

// ourPack reports whether an event's pack name is the pack's (a local pack may be named
// "<name>|local|<path>" in events).
func ourPack(name string) bool {
	n, _, _ := strings.Cut(name, "|")
	return n == packName
}

// policyEvents are the violations the pack reported.
func (o outcome) policyEvents() []apitype.PolicyEvent {
	var out []apitype.PolicyEvent
	for _, e := range o.events {
		if p := e.PolicyEvent; p != nil && ourPack(p.PolicyPackName) {
			out = append(out, *p)
		}
	}
	return out
}

// anyPolicyEvents counts policy events of any pack, summaries included.
func (o outcome) anyPolicyEvents() int {
	n := 0
	for _, e := range o.events {
		if e.PolicyEvent != nil || e.PolicyAnalyzeSummaryEvent != nil || e.PolicyAnalyzeStackSummaryEvent != nil || e.PolicyLoadEvent != nil {
			n++
		}
	}
	return n
}

// mandatoryIDs returns the sorted, distinct policy names of the pack's mandatory violations.
func (o outcome) mandatoryIDs() []string {
	var ids []string
	for _, p := range o.policyEvents() {
		if p.EnforcementLevel == "mandatory" && !slices.Contains(ids, p.PolicyName) {
			ids = append(ids, p.PolicyName)
		}
	}
	slices.Sort(ids)
	return ids
}

// packRan reports an error unless the engine ran the pack: an analysis summary from it (per resource, or
// for the stack, which names every stack policy as passed or failed). An update stopped by a resource
// violation never reaches the stack analysis, hence either.
func (o outcome) packRan() error {
	for _, e := range o.events {
		if s := e.PolicyAnalyzeStackSummaryEvent; s != nil && ourPack(s.PolicyPackName) && len(s.Passed)+len(s.Failed) > 0 {
			return nil
		}
		if s := e.PolicyAnalyzeSummaryEvent; s != nil && ourPack(s.PolicyPackName) && len(s.Passed)+len(s.Failed) > 0 {
			return nil
		}
	}
	return fmt.Errorf("%s: the engine did not run policy pack %s (no analysis summary from it)", o.op, packName)
}

// compliant reports an error unless the pack ran and reported no mandatory violation.
func (o outcome) compliant() error {
	if err := o.packRan(); err != nil {
		return err
	}
	if ids := o.mandatoryIDs(); len(ids) > 0 {
		return fmt.Errorf("%s: mandatory violations %s:\n%s", o.op, strings.Join(ids, ", "), o.describe())
	}
	return nil
}

// refused reports an error unless the operation failed and the pack reported exactly want as mandatory
// violations.
func (o outcome) refused(want []string) error {
	if err := o.packRan(); err != nil {
		return err
	}
	if o.err == nil {
		return fmt.Errorf("%s succeeded; want it refused by %s", o.op, strings.Join(want, ", "))
	}
	if got := o.mandatoryIDs(); !slices.Equal(got, want) {
		return fmt.Errorf("%s: mandatory violations %v, want exactly %v:\n%s", o.op, got, want, o.describe())
	}
	return nil
}

// upRefused reports an error unless an update failed on mandatory violations, all of them among want. An
// update stops at the first resource that violates a mandatory resource policy, so it may report fewer
// than its preview.
func (o outcome) upRefused(want []string) error {
	if err := o.packRan(); err != nil {
		return err
	}
	if o.err == nil {
		return fmt.Errorf("%s succeeded; want it refused by %s", o.op, strings.Join(want, ", "))
	}
	got := o.mandatoryIDs()
	if len(got) == 0 {
		return fmt.Errorf("%s failed with no mandatory violation: %w", o.op, o.err)
	}
	for _, id := range got {
		if !slices.Contains(want, id) {
			return fmt.Errorf("%s: mandatory violations %v, want only some of %v:\n%s", o.op, got, want, o.describe())
		}
	}
	return nil
}

// step is one planned change: the resource, its type, the operation and the properties that differ.
type step struct {
	urn, typ string
	op       apitype.OpType
	diffs    []string
}

// changes returns the steps of the operation other than "same".
func (o outcome) changes() []step {
	var out []step
	for _, e := range o.events {
		if e.ResourcePreEvent == nil {
			continue
		}
		m := e.ResourcePreEvent.Metadata
		if m.Op != apitype.OpSame && m.Op != apitype.OpRead {
			out = append(out, step{urn: m.URN, typ: m.Type, op: m.Op, diffs: m.Diffs})
		}
	}
	return out
}

func (o outcome) describe() string {
	var b strings.Builder
	for _, p := range o.policyEvents() {
		msg, _, _ := strings.Cut(p.Message, "\n")
		fmt.Fprintf(&b, "  %s [%s] %s: %s\n", p.PolicyName, p.EnforcementLevel, p.ResourceURN, msg)
	}
	if o.err != nil {
		fmt.Fprintf(&b, "  error: %v\n", o.err)
	}
	return b.String()
}

// stateURNs returns the URNs of the stack's resources in the backend, the stack itself left out.
func stateURNs(t testing.TB, s auto.Stack) []string {
	t.Helper()
	dep, err := s.Export(context.Background())
	if err != nil {
		t.Fatalf("export %s: %v", s.Name(), err)
	}
	var d apitype.DeploymentV3
	if len(dep.Deployment) > 0 {
		if err := json.Unmarshal(dep.Deployment, &d); err != nil {
			t.Fatalf("export %s: %v", s.Name(), err)
		}
	}
	var urns []string
	for _, r := range d.Resources {
		if r.Type != "pulumi:pulumi:Stack" {
			urns = append(urns, string(r.URN))
		}
	}
	slices.Sort(urns)
	return urns
}

// protectedURNs returns the URNs of the stack's protected resources in the backend.
func protectedURNs(t testing.TB, s auto.Stack) []string {
	t.Helper()
	dep, err := s.Export(context.Background())
	if err != nil {
		t.Fatalf("export %s: %v", s.Name(), err)
	}
	var d apitype.DeploymentV3
	if err := json.Unmarshal(dep.Deployment, &d); err != nil {
		t.Fatalf("export %s: %v", s.Name(), err)
	}
	var urns []string
	for _, r := range d.Resources {
		if r.Protect {
			urns = append(urns, string(r.URN))
		}
	}
	return urns
}

// previewDestroy previews a destroy, as `pulumi destroy` does before it asks to go ahead.
func previewDestroy(s auto.Stack) outcome {
	o := outcome{op: "destroy (preview) " + s.Name()}
	ch, wait := collect(&o)
	var log bytes.Buffer
	_, o.err = s.PreviewDestroy(context.Background(), optdestroy.EventStreams(ch), optdestroy.ProgressStreams(&log), optdestroy.ErrorProgressStreams(&log))
	wait()
	o.log = log.String()
	return o
}

// removed returns the URNs in before that are not in after.
func removed(before, after []string) []string {
	var out []string
	for _, u := range before {
		if !slices.Contains(after, u) {
			out = append(out, u)
		}
	}
	return out
}

// destroyRefused runs `pulumi destroy` as an engineer does, preview first, and reports an error unless
// the engine refused it because of protected resources and the stack's state is unchanged. (The
// Automation API's Destroy skips that preview; see TestDestroyProtected for what it does instead.)
func destroyRefused(t testing.TB, s auto.Stack) error {
	t.Helper()
	before := stateURNs(t, s)
	o := previewDestroy(s)
	if o.err == nil {
		// The preview allows it, so `pulumi destroy` would go ahead.
		o = destroy(s)
	}
	gone := removed(before, stateURNs(t, s))
	switch {
	case o.err == nil:
		return fmt.Errorf("destroy %s succeeded and removed %d resources; want it refused by protected resources", s.Name(), len(gone))
	case !strings.Contains(o.err.Error()+o.log, "protect"):
		return fmt.Errorf("%s failed, but not because of protected resources: %w", o.op, o.err)
	case len(gone) > 0:
		return fmt.Errorf("%s was refused but removed %s", o.op, strings.Join(gone, ", "))
	}
	return nil
}
