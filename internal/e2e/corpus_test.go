//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/internal/corpus"
)

// corpusBatch is how many corpus cases share one engine stack: one `pulumi up` per batch keeps the
// whole corpus to a handful of engine runs.
const corpusBatch = 64

// TestCorpus brings every corpus case up under the real engine (test-double providers, no policy
// pack), exports each batch stack with `pulumi stack export`, cuts each case's own export out of it, and
// checks that scoring the engine's exports with lz gives the same verdicts as scoring the mock cloud's:
// the offline corpus measures what a reviewer running lz check on a real export would see.
func TestCorpus(t *testing.T) {
	cases, err := corpus.Load(filepath.Join(h.root, "internal", "corpus", "cases"))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	lz, err := corpus.BuildLZ(h.root, work)
	if err != nil {
		t.Fatal(err)
	}

	exports := map[string][]byte{}
	for i := 0; i < len(cases); i += corpusBatch {
		batch := cases[i:min(i+corpusBatch, len(cases))]
		name := fmt.Sprintf("corpus-batch-%d", i/corpusBatch)
		data := corpusUp(t, name, batch)
		if dir := os.Getenv("PCLZ_CORPUS_EXPORTS"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, name+".json"), data, 0o644)
		}
		for _, c := range batch {
			split, err := corpus.SplitExport(data, name, c)
			if err != nil {
				t.Fatalf("%s: split from %s: %v", c.ID, name, err)
			}
			exports[c.ID] = split
		}
	}

	score := func(kind string, export func(*corpus.Case) ([]byte, error)) map[string]*corpus.Result {
		dir := filepath.Join(work, kind)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		s := &corpus.Scorer{LZ: lz, Root: h.root, Work: dir, Export: export}
		out := map[string]*corpus.Result{}
		for _, r := range s.Run(cases) {
			if r.Err != nil {
				t.Errorf("%s (%s exports): %v", r.Key(), kind, r.Err)
			}
			out[r.Key()] = r
		}
		return out
	}
	mock := score("mock", corpus.ExportMock)
	engine := score("engine", func(c *corpus.Case) ([]byte, error) { return exports[c.ID], nil })

	same := 0
	for key, m := range mock {
		e := engine[key]
		if e == nil || m.Err != nil || e.Err != nil {
			continue
		}
		if verdict(m) != verdict(e) {
			t.Errorf("%s: mock export %s (%s), engine export %s (%s)", key, verdict(m), m.Summary(), verdict(e), e.Summary())
			continue
		}
		same++
	}
	t.Logf("%d of %d case runs score the same from the engine's exports as from the mock cloud's", same, len(mock))
}

// verdict is a result's score: detected, missed, passed or false positive.
func verdict(r *corpus.Result) string {
	switch {
	case r.Case.Expect == corpus.ExpectFail && r.Detected():
		return "detected"
	case r.Case.Expect == corpus.ExpectFail:
		return "missed (" + strings.Join(r.Missing, ", ") + ")"
	case r.FalsePositive():
		return "false positive"
	}
	return "passed"
}

// corpusUp runs one batch of cases as an inline program in a fresh stack and returns its export.
func corpusUp(t *testing.T, name string, batch []*corpus.Case) []byte {
	t.Helper()
	program := func(ctx *pulumi.Context) error {
		for _, c := range batch {
			if err := corpus.Register(c, corpus.BatchPrefix(c))(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	s, err := auto.UpsertStackInlineSource(context.Background(), name, project, program,
		auto.WorkDir(t.TempDir()), auto.Project(h.projectSettings()), auto.EnvVars(h.env()), auto.Pulumi(h.cli))
	if err != nil {
		t.Fatalf("stack %s: %v", name, err)
	}
	if o := up(s, false); o.err != nil {
		t.Fatalf("up %s: %v\n%s", name, o.err, o.log)
	}
	dep, err := s.Export(context.Background())
	if err != nil {
		t.Fatalf("export %s: %v", name, err)
	}
	data, err := json.Marshal(dep)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
