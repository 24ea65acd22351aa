package corpus

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Known is the ratchet (known.yaml): today's misses and false positives, by result key (the case ID,
// or "<case ID>@<stack>" for a run with a stack file), each with a one-line reason. A wrong result not
// listed fails the corpus test, and so does a listed one that is now right: the list only shrinks.
type Known struct {
	Misses         map[string]string `yaml:"misses"`
	FalsePositives map[string]string `yaml:"falsePositives"`
}

// LoadKnown reads a ratchet file.
func LoadKnown(path string) (Known, error) {
	var k Known
	data, err := os.ReadFile(path)
	if err != nil {
		return k, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&k); err != nil {
		return k, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// Compare returns the wrong results the ratchet does not list (new), and the listed keys whose results
// are now right or that name no result (stale), each as a line to report.
func (k Known) Compare(results []*Result) (unlisted, stale []string) {
	seen := map[string]bool{}
	for _, r := range results {
		key := r.Key()
		seen[key] = true
		if r.Err != nil {
			continue
		}
		switch {
		case r.Case.Expect == ExpectFail && !r.Detected():
			if _, ok := k.Misses[key]; !ok {
				unlisted = append(unlisted, fmt.Sprintf("MISS %s (%s: %s): atFault %v not blocked; findings: %s", key, r.Case.File, r.Case.Note, r.Missing, r.Summary()))
			}
		case r.Case.Expect == ExpectFail:
			if _, ok := k.Misses[key]; ok {
				stale = append(stale, fmt.Sprintf("%s is now detected: remove it from misses", key))
			}
		case r.FalsePositive():
			if _, ok := k.FalsePositives[key]; !ok {
				unlisted = append(unlisted, fmt.Sprintf("FALSE POSITIVE %s (%s: %s): %s", key, r.Case.File, r.Case.Note, r.Summary()))
			}
		default:
			if _, ok := k.FalsePositives[key]; ok {
				stale = append(stale, fmt.Sprintf("%s no longer has a false positive: remove it from falsePositives", key))
			}
		}
	}
	for _, m := range []map[string]string{k.Misses, k.FalsePositives} {
		for key := range m {
			if !seen[key] {
				stale = append(stale, fmt.Sprintf("%s names no case run: remove it", key))
			}
		}
	}
	sort.Strings(unlisted)
	sort.Strings(stale)
	return unlisted, stale
}

// WriteKnown writes a ratchet listing every wrong result, each with a one-line reason drawn from the
// case and today's findings (a starting point: edit the reasons to say why the rules miss it).
func WriteKnown(w io.Writer, results []*Result) {
	fmt.Fprintln(w, "# The corpus ratchet: today's misses and false positives, by case id (\"<id>@<stack>\" for a run with a")
	fmt.Fprintln(w, "# stack file), each with a one-line reason. TestCorpus fails on a wrong result not listed here and on a")
	fmt.Fprintln(w, "# listed one that is now right: remove it when a rule handles it. Never list a case to hide a bug in the case.")
	var misses, fps []string
	for _, r := range results {
		if r.Err != nil || !r.Wrong() {
			continue
		}
		if r.Case.Expect == ExpectFail {
			why := "no blocking finding on " + strings.Join(r.Missing, ", ")
			if len(r.Blocking) > 0 {
				why += " (blocked instead: " + r.Summary() + ")"
			}
			if r.Stack == "" && r.Case.Stack != "" {
				why += "; tier unknown without a stack file"
			}
			misses = append(misses, fmt.Sprintf("  %s: %q", r.Key(), r.Case.Note+": "+why))
		} else {
			fps = append(fps, fmt.Sprintf("  %s: %q", r.Key(), r.Case.Note+": blocked by "+r.Summary()))
		}
	}
	sort.Strings(misses)
	sort.Strings(fps)
	fmt.Fprintln(w, "misses:")
	for _, m := range misses {
		fmt.Fprintln(w, m)
	}
	fmt.Fprintln(w, "falsePositives:")
	for _, f := range fps {
		fmt.Fprintln(w, f)
	}
}
