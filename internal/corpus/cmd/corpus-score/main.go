// Command corpus-score runs the adversarial corpus (internal/corpus/cases) under the mock cloud,
// checks every export with the real lz binary, and prints the score: detection and false-positive
// rates per cloud and per area, and every miss and false positive with its findings.
//
//	go run ./internal/corpus/cmd/corpus-score [-exports DIR] [-run REGEXP]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/policecloud/landingzones/internal/corpus"
)

func main() {
	exports := flag.String("exports", "", "write the stack exports (and lz reports) to DIR instead of a temporary directory")
	run := flag.String("run", "", "score only the cases whose id matches this regular expression")
	known := flag.Bool("known", false, "print today's misses and false positives as a known.yaml ratchet instead of the table")
	flag.Parse()
	if err := score(*exports, *run, *known); err != nil {
		fmt.Fprintln(os.Stderr, "corpus-score:", err)
		os.Exit(2)
	}
}

func score(exports, run string, known bool) error {
	root, err := corpus.RepoRoot()
	if err != nil {
		return err
	}
	cases, err := corpus.Load(filepath.Join(root, "internal", "corpus", "cases"))
	if err != nil {
		return err
	}
	if run != "" {
		re, err := regexp.Compile(run)
		if err != nil {
			return fmt.Errorf("-run: %w", err)
		}
		var keep []*corpus.Case
		for _, c := range cases {
			if re.MatchString(c.ID) {
				keep = append(keep, c)
			}
		}
		cases = keep
	}
	work := exports
	if work == "" {
		work, err = os.MkdirTemp("", "corpus-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
	} else {
		if work, err = filepath.Abs(work); err != nil {
			return err
		}
		if err := os.MkdirAll(work, 0o750); err != nil {
			return err
		}
	}
	lz, err := corpus.BuildLZ(root, work)
	if err != nil {
		return err
	}
	s := &corpus.Scorer{LZ: lz, Root: root, Work: work}
	results := s.Run(cases)
	if known {
		corpus.WriteKnown(os.Stdout, results)
		return nil
	}
	fmt.Printf("%d cases\n\n", len(cases))
	corpus.WriteTable(os.Stdout, results)
	if exports != "" {
		fmt.Printf("\nexports and reports in %s\n", work)
	}
	return nil
}
