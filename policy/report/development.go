package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Evidence pack files of the secure development evidence (NCSC principle 7), relative to the pack.
const (
	FileDevelopmentJSON     = "development/ci.json"
	FileDevelopmentMarkdown = "development/ci.md"
)

// The repository files the secure development evidence is read from, relative to the repository root.
const (
	CIScript   = ".ci/run"
	Makefile   = "Makefile"
	LintConfig = ".golangci.yml"
)

// Development is the evidence of secure development (NCSC principle 7) read from a repository: the
// checks its CI script runs, the Makefile targets those call, the linters, and the tests, fuzz targets,
// benchmarks and examples the checks run. It says what the repository's CI is set up to run, from the
// files themselves (each with its SHA-256); whether a given run passed is recorded by the CI system.
type Development struct {
	// Sources are the files read, with their SHA-256, paths relative to the repository root.
	Sources []InputFile `json:"sources"`
	// Steps are the CI script's steps in order.
	Steps []CIStep `json:"steps"`
	// MakeTargets are the Makefile targets the steps call, in the order first called.
	MakeTargets []MakeTarget `json:"makeTargets"`
	// PinnedTools are the Makefile's *_VERSION variables ("GOLANGCI_LINT_VERSION v2.15.0").
	PinnedTools []string `json:"pinnedTools"`
	// Linters are the linters the lint configuration enables.
	Linters []string `json:"linters"`
	// Tests, Benchmarks and Examples count the Test, Benchmark and Example functions of the repository's
	// _test.go files.
	Tests      int `json:"tests"`
	Benchmarks int `json:"benchmarks"`
	Examples   int `json:"examples"`
	// FuzzTargets are the fuzz targets ("policy/waiverfile.FuzzParse"), which make fuzz runs.
	FuzzTargets []string `json:"fuzzTargets"`
}

// CIStep is one step of the CI script: the name it prints ("== go vet") and the commands that follow.
type CIStep struct {
	Name     string   `json:"name"`
	Line     int      `json:"line"`
	Commands []string `json:"commands"`
}

// MakeTarget is one Makefile target and its recipe.
type MakeTarget struct {
	Name          string   `json:"name"`
	Line          int      `json:"line"`
	Prerequisites string   `json:"prerequisites,omitempty"`
	Recipe        []string `json:"recipe"`
}

var (
	ciStepLine   = regexp.MustCompile(`^echo "== (.+)"$`)
	makeCall     = regexp.MustCompile(`(?:^|[;&|(]\s*)make\s+([A-Za-z][A-Za-z0-9_-]*)`)
	makeRule     = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_-]*):(?:[^=]|$)(.*)$`)
	makeVersion  = regexp.MustCompile(`^([A-Z0-9_]+_VERSION)\s*:?=\s*(\S+)`)
	goTestFunc   = regexp.MustCompile(`(?m)^func (Test|Benchmark|Example|Fuzz)([A-Z0-9_][A-Za-z0-9_]*)?\(`)
	skipWalkDirs = []string{".git", ".tools", "node_modules", "testdata", "vendor"}
)

// ReadDevelopment reads the secure development evidence of the repository at root. A repository without
// the CI script is an error; the Makefile and lint configuration are read when present.
func ReadDevelopment(root string) (Development, error) {
	var d Development
	read := func(rel, role string, required bool) ([]byte, error) {
		data, err := os.ReadFile(filepath.Join(root, rel)) //nolint:gosec // a file of the repository the pack is made from
		if err != nil {
			if !required && os.IsNotExist(err) {
				return nil, nil
			}
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		d.Sources = append(d.Sources, HashBytes(role, rel, data))
		return data, nil
	}
	script, err := read(CIScript, "CI script", true)
	if err != nil {
		return Development{}, err
	}
	d.Steps = ciSteps(script)
	mk, err := read(Makefile, "Makefile", false)
	if err != nil {
		return Development{}, err
	}
	if mk != nil {
		targets, pins := makeTargets(mk)
		d.PinnedTools = pins
		seen := map[string]bool{}
		for _, s := range d.Steps {
			for _, c := range s.Commands {
				for _, m := range makeCall.FindAllStringSubmatch(c, -1) {
					if t, ok := targets[m[1]]; ok && !seen[m[1]] {
						seen[m[1]] = true
						d.MakeTargets = append(d.MakeTargets, t)
					}
				}
			}
		}
	}
	lint, err := read(LintConfig, "lint configuration", false)
	if err != nil {
		return Development{}, err
	}
	if lint != nil {
		var cfg struct {
			Linters struct {
				Enable []string `yaml:"enable"`
			} `yaml:"linters"`
		}
		if err := yaml.Unmarshal(lint, &cfg); err != nil {
			return Development{}, fmt.Errorf("%s: %w", LintConfig, err)
		}
		d.Linters = cfg.Linters.Enable
	}
	if err := d.countTests(root); err != nil {
		return Development{}, err
	}
	return d, nil
}

// ciSteps splits a CI script into the steps it announces with echo "== name", each with its commands
// (comments, blank lines and echo lines left out).
func ciSteps(script []byte) []CIStep {
	var steps []CIStep
	sc := bufio.NewScanner(bytes.NewReader(script))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if m := ciStepLine.FindStringSubmatch(line); m != nil {
			steps = append(steps, CIStep{Name: m[1], Line: n, Commands: []string{}})
			continue
		}
		if len(steps) == 0 || line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "echo ") {
			continue
		}
		last := &steps[len(steps)-1]
		last.Commands = append(last.Commands, line)
	}
	return steps
}

// makeTargets reads a Makefile's explicit targets with their recipes and its *_VERSION variables.
func makeTargets(mk []byte) (map[string]MakeTarget, []string) {
	targets := map[string]MakeTarget{}
	var pins []string
	var cur *MakeTarget
	flush := func() {
		if cur != nil {
			targets[cur.Name] = *cur
			cur = nil
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(mk))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "\t") {
			if cur != nil {
				cur.Recipe = append(cur.Recipe, strings.TrimSpace(line))
			}
			continue
		}
		flush()
		if m := makeVersion.FindStringSubmatch(line); m != nil {
			pins = append(pins, m[1]+" "+m[2])
			continue
		}
		if m := makeRule.FindStringSubmatch(line); m != nil {
			prereq := strings.TrimSpace(strings.TrimPrefix(line, m[1]+":"))
			cur = &MakeTarget{Name: m[1], Line: n, Prerequisites: prereq, Recipe: []string{}}
		}
	}
	flush()
	return targets, pins
}

// countTests counts the test, benchmark, example and fuzz functions of every _test.go file under root.
func (d *Development) countTests(root string) error {
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != root && (slices.Contains(skipWalkDirs, e.Name()) || strings.HasPrefix(e.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(e.Name(), "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p) //nolint:gosec // a test file of the repository
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		for _, m := range goTestFunc.FindAllStringSubmatch(string(src), -1) {
			switch m[1] {
			case "Test":
				d.Tests++
			case "Benchmark":
				d.Benchmarks++
			case "Example":
				d.Examples++
			case "Fuzz":
				d.FuzzTargets = append(d.FuzzTargets, filepath.ToSlash(rel)+"."+m[1]+m[2])
			}
		}
		return nil
	})
}

// WriteDevelopmentJSON writes d as indented JSON.
func WriteDevelopmentJSON(w io.Writer, d Development) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteDevelopmentMarkdown writes d for reviewers: the CI steps and their commands, the Makefile targets
// they call, the pinned tools, the linters and the test counts.
func WriteDevelopmentMarkdown(w io.Writer, d Development) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Secure development (NCSC principle 7): the repository's CI checks\n\n")
	p("What the repository's CI is set up to run, read from its files when the pack was generated. " +
		"Whether a given run passed is recorded by the CI system that ran it.\n\n")
	p("| source | file | SHA-256 |\n|---|---|---|\n")
	for _, s := range d.Sources {
		p("| %s | %s | `%s` |\n", s.Role, md(s.Path), s.SHA256)
	}
	p("\n## CI steps (%s)\n\n| line | step | commands |\n|---|---|---|\n", CIScript)
	for _, s := range d.Steps {
		p("| %d | %s | %s |\n", s.Line, md(s.Name), codeList(s.Commands))
	}
	if len(d.MakeTargets) > 0 {
		p("\n## Makefile targets the steps call\n\n| target | line | prerequisites | recipe |\n|---|---|---|---|\n")
		for _, t := range d.MakeTargets {
			p("| %s | %d | %s | %s |\n", t.Name, t.Line, md(t.Prerequisites), codeList(t.Recipe))
		}
	}
	if len(d.PinnedTools) > 0 {
		p("\nPinned tools: %s.\n", md(strings.Join(d.PinnedTools, ", ")))
	}
	if len(d.Linters) > 0 {
		p("\nLinters enabled (%s): %s.\n", LintConfig, strings.Join(d.Linters, ", "))
	}
	p("\nTests: %d test functions, %d benchmarks, %d examples, %d fuzz targets.\n", d.Tests, d.Benchmarks, d.Examples, len(d.FuzzTargets))
	if len(d.FuzzTargets) > 0 {
		p("\nFuzz targets: %s.\n", strings.Join(d.FuzzTargets, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func codeList(items []string) string {
	if len(items) == 0 {
		return "(none)"
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "`" + strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "`", "'") + "`"
	}
	return strings.Join(out, "<br>")
}
