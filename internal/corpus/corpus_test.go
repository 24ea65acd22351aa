package corpus

import (
	"flag"
	"strings"
	"testing"
)

var score = flag.Bool("score", false, "print the corpus score table (go test ./internal/corpus -run TestCorpus -score -v)")

func loadCases(t *testing.T) []*Case {
	t.Helper()
	cases, err := Load("cases")
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestCases validates every case: unique id, expect, atFault names, source, type tokens, references.
func TestCases(t *testing.T) {
	cases := loadCases(t)
	var fail, pass, aws int
	for _, c := range cases {
		if c.Expect == ExpectFail {
			fail++
		} else {
			pass++
		}
		if c.Cloud == "aws" {
			aws++
		}
	}
	t.Logf("%d cases: %d non-compliant, %d compliant; %d AWS, %d Azure", len(cases), fail, pass, aws, len(cases)-aws)
}

// TestCorpus runs every case under the mock cloud, checks its export with the real lz binary, and
// holds the results to the ratchet in known.yaml.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lz and runs every case; skipped with -short")
	}
	cases := loadCases(t)
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	lz, err := BuildLZ(root, work)
	if err != nil {
		t.Fatal(err)
	}
	s := &Scorer{LZ: lz, Root: root, Work: work}
	results := s.Run(cases)
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: harness error: %v", r.Key(), r.Err)
		}
	}
	for _, with := range []bool{false, true} {
		for _, tl := range Tallies(results, with) {
			if tl.Group != "all" {
				continue
			}
			what := "no stack file"
			if with {
				what = "with the stack file"
			}
			t.Logf("%s: detected %d/%d non-compliant (%s); false positives %d/%d compliant (%s)", what,
				tl.Detected, tl.NonCompliant, Pct(tl.Detected, tl.NonCompliant), tl.FPs, tl.Compliant, Pct(tl.FPs, tl.Compliant))
		}
	}
	if *score {
		var b strings.Builder
		WriteTable(&b, results)
		t.Log("\n" + b.String())
	}
	known, err := LoadKnown("known.yaml")
	if err != nil {
		t.Fatal(err)
	}
	unlisted, stale := known.Compare(results)
	for _, u := range unlisted {
		t.Errorf("not in known.yaml: %s", u)
	}
	for _, s := range stale {
		t.Errorf("known.yaml: %s", s)
	}
}
