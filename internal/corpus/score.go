package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/policecloud/landingzones/internal/mockcloud"
)

// StackName is the stack a case's export belongs to: no stack file in stacks/ has this name, so the
// check runs as a reviewer's does over a stack written elsewhere.
func StackName(c *Case) string { return "corpus-" + c.ID }

// mockProject is the project name in every URN (Pulumi.yaml's name).
const mockProject = mockcloud.DefaultProject

// ExportMock runs the case's program under the mock cloud and returns its stack export.
func ExportMock(c *Case) ([]byte, error) {
	cloud := mockcloud.New(mockcloud.Options{Stack: StackName(c)})
	if err := cloud.Run(Program(c)); err != nil {
		return nil, fmt.Errorf("%s: program: %w", c.ID, err)
	}
	return cloud.Export()
}

// Finding is the part of a report finding the scorer reads (policy/report/SCHEMA.md).
type Finding struct {
	RuleID       string `json:"ruleId"`
	URN          string `json:"urn"`
	ResourceName string `json:"resourceName"`
	Status       string `json:"status"`
	Enforcement  string `json:"enforcement"`
	Message      string `json:"message"`
	Blocking     bool   `json:"blocking"`
}

// Result is one scored run of a case: its export checked by lz, with or without a stack file.
type Result struct {
	Case *Case
	// Stack is the stack file the run used ("" for none).
	Stack string
	// Blocking are the blocking findings (mandatory, fail or error, not waived).
	Blocking []Finding
	// Missing are the atFault resources with no blocking finding (fail cases).
	Missing []string
	// Err is a harness error (the program, the export or lz failed to run).
	Err error
}

// Key is the ratchet key of the run: the case ID, plus "@<stack>" when a stack file applied.
func (r *Result) Key() string {
	if r.Stack == "" {
		return r.Case.ID
	}
	return r.Case.ID + "@" + r.Stack
}

// Detected reports whether a non-compliant case was caught: every atFault resource blocked.
func (r *Result) Detected() bool {
	return r.Err == nil && r.Case.Expect == ExpectFail && len(r.Missing) == 0
}

// FalsePositive reports whether a compliant case was blocked.
func (r *Result) FalsePositive() bool {
	return r.Err == nil && r.Case.Expect == ExpectPass && len(r.Blocking) > 0
}

// Wrong reports whether the run got the case wrong (a miss or a false positive).
func (r *Result) Wrong() bool {
	if r.Err != nil {
		return false
	}
	if r.Case.Expect == ExpectFail {
		return !r.Detected()
	}
	return r.FalsePositive()
}

// Summary is a one-line account of the blocking findings, by rule and resource.
func (r *Result) Summary() string {
	if r.Err != nil {
		return "error: " + r.Err.Error()
	}
	if len(r.Blocking) == 0 {
		return "no blocking findings"
	}
	var parts []string
	for _, f := range r.Blocking {
		parts = append(parts, f.RuleID+" on "+orStack(f.ResourceName))
	}
	return strings.Join(parts, "; ")
}

func orStack(s string) string {
	if s == "" {
		return "(stack)"
	}
	return s
}

// Scorer runs the real lz binary over exports.
type Scorer struct {
	// LZ is the lz binary; Root the repository root (lz runs there, so stacks/ is its stacks directory).
	LZ, Root string
	// Work is a directory for exports and reports.
	Work string
	// Export produces a case's stack export (ExportMock when nil).
	Export func(*Case) ([]byte, error)
	// Workers run cases concurrently (2 when 0).
	Workers int
}

// BuildLZ builds the lz binary from the repository at root into dir and returns its path.
func BuildLZ(root, dir string) (string, error) {
	bin := filepath.Join(dir, "lz")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/lz") //nolint:gosec // builds this repository's own lz into a directory the caller chose
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/lz: %w\n%s", err, out)
	}
	return bin, nil
}

// RepoRoot finds the repository root from the working directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module github.com/policecloud/landingzones\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("repository root (go.mod of github.com/policecloud/landingzones) not found")
		}
		dir = parent
	}
}

// Run scores every case: once with no stack file, and once more with the case's stack file when it
// names one. Results are in case order (the stack-file run right after its case's plain run).
func (s *Scorer) Run(cases []*Case) []*Result {
	workers := s.Workers
	if workers <= 0 {
		workers = 2
	}
	export := s.Export
	if export == nil {
		export = ExportMock
	}
	type job struct {
		i int
		c *Case
	}
	results := make([][]*Result, len(cases))
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results[j.i] = s.runCase(j.c, export)
			}
		}()
	}
	for i, c := range cases {
		jobs <- job{i, c}
	}
	close(jobs)
	wg.Wait()
	var out []*Result
	for _, rs := range results {
		out = append(out, rs...)
	}
	return out
}

func (s *Scorer) runCase(c *Case, export func(*Case) ([]byte, error)) []*Result {
	plain := &Result{Case: c}
	data, err := export(c)
	if err != nil {
		plain.Err = err
		return []*Result{plain}
	}
	path := filepath.Join(s.Work, c.ID+".json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		plain.Err = err
		return []*Result{plain}
	}
	out := []*Result{plain}
	s.check(plain, path)
	if c.Stack != "" {
		with := &Result{Case: c, Stack: c.Stack}
		s.check(with, path)
		out = append(out, with)
	}
	return out
}

// check runs `lz check --state path [--stack X] --out dir --format json` and fills the result.
func (s *Scorer) check(r *Result, path string) {
	dir := filepath.Join(s.Work, "reports", r.Key())
	args := []string{"check", "--state", path, "--out", dir, "--format", "json"}
	if r.Stack != "" {
		args = append(args, "--stack", r.Stack)
	}
	cmd := exec.Command(s.LZ, args...) //nolint:gosec // the lz binary BuildLZ built, on exports the scorer wrote
	cmd.Dir = s.Root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		r.Err = fmt.Errorf("lz %s: %w", strings.Join(args, " "), err)
		return
	}
	if code != 0 && code != 1 {
		r.Err = fmt.Errorf("lz %s: exit %d: %s", strings.Join(args, " "), code, strings.TrimSpace(stderr.String()+stdout.String()))
		return
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		r.Err = fmt.Errorf("lz %s: no report: %w", strings.Join(args, " "), err)
		return
	}
	var rep struct {
		Findings []Finding `json:"findings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		r.Err = fmt.Errorf("%s: %w", filepath.Join(dir, "report.json"), err)
		return
	}
	for _, f := range rep.Findings {
		if f.Blocking && f.Enforcement == "mandatory" && (f.Status == "fail" || f.Status == "error") {
			r.Blocking = append(r.Blocking, f)
		}
	}
	if (code == 1) != (len(r.Blocking) > 0) {
		r.Err = fmt.Errorf("lz exit %d but the report has %d blocking findings", code, len(r.Blocking))
		return
	}
	if r.Case.Expect == ExpectFail {
		blocked := map[string]bool{}
		for _, f := range r.Blocking {
			blocked[f.URN] = true
		}
		for _, alt := range r.Case.AtFault {
			if !slices.ContainsFunc(strings.Split(alt, "|"), func(n string) bool { return blocked[URN(r.Case, n)] }) {
				r.Missing = append(r.Missing, alt)
			}
		}
	}
}

// URN is the URN of a case's resource in its export (resources of a case are top level, or children of
// another resource of the case).
func URN(c *Case, name string) string {
	r := c.Resource(name)
	if r == nil {
		return ""
	}
	qualified := r.Type
	for p := c.Resource(r.Options.Parent); p != nil; p = c.Resource(p.Options.Parent) {
		qualified = p.Type + "$" + qualified
	}
	return "urn:pulumi:" + StackName(c) + "::" + mockcloud.DefaultProject + "::" + qualified + "::" + name
}

// Tally counts results per group.
type Tally struct {
	Group                                  string
	NonCompliant, Detected, Compliant, FPs int
	Errors                                 int
}

// Tallies counts results overall ("all"), per cloud and per cloud-area, for runs with no stack file
// (withStack false) or with one (true).
func Tallies(results []*Result, withStack bool) []Tally {
	by := map[string]*Tally{}
	add := func(g string, r *Result) {
		t := by[g]
		if t == nil {
			t = &Tally{Group: g}
			by[g] = t
		}
		switch {
		case r.Err != nil:
			t.Errors++
		case r.Case.Expect == ExpectFail:
			t.NonCompliant++
			if r.Detected() {
				t.Detected++
			}
		default:
			t.Compliant++
			if r.FalsePositive() {
				t.FPs++
			}
		}
	}
	for _, r := range results {
		if (r.Stack != "") != withStack {
			continue
		}
		add("all", r)
		add(r.Case.Cloud, r)
		add(r.Case.Cloud+"-"+r.Case.Area, r)
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := rank(keys[i]), rank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	out := make([]Tally, 0, len(keys))
	for _, k := range keys {
		out = append(out, *by[k])
	}
	return out
}

func rank(g string) int {
	switch {
	case g == "all":
		return 0
	case slices.Contains([]string{"aws", "azure"}, g):
		return 1
	}
	return 2
}

// Pct formats n/d as a percentage.
func Pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}
