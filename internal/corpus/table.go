package corpus

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteTable writes the score: detected/non-compliant and false positives/compliant, overall, per
// cloud and per area, for runs with no stack file and (when any case names one) with the stack file;
// then every miss and false positive with a summary of its blocking findings.
func WriteTable(w io.Writer, results []*Result) {
	for _, with := range []bool{false, true} {
		tallies := Tallies(results, with)
		if len(tallies) == 0 {
			continue
		}
		if with {
			fmt.Fprintln(w, "\nWith the stack file the case names (lz check --stack)")
		} else {
			fmt.Fprintln(w, "No stack file (lz check --state export), as a reviewer checks a stack written elsewhere")
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "group\tdetected\tnon-compliant\trate\tfalse positives\tcompliant\tFP rate\terrors\t")
		for _, t := range tallies {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%d\t%s\t%d\t\n", t.Group, t.Detected, t.NonCompliant,
				Pct(t.Detected, t.NonCompliant), t.FPs, t.Compliant, Pct(t.FPs, t.Compliant), t.Errors)
		}
		_ = tw.Flush()
	}
	var header bool
	for _, r := range results {
		if !r.Wrong() && r.Err == nil {
			continue
		}
		if !header {
			fmt.Fprintln(w, "\nMisses, false positives and errors")
			header = true
		}
		kind := "MISS"
		switch {
		case r.Err != nil:
			kind = "ERROR"
		case r.Case.Expect == ExpectPass:
			kind = "FP"
		}
		fmt.Fprintf(w, "  %-5s %s [%s] %s\n", kind, r.Key(), r.Case.Source, r.Case.Note)
		if kind == "MISS" {
			fmt.Fprintf(w, "        not blocked: %v\n", r.Missing)
		}
		fmt.Fprintf(w, "        findings: %s\n", r.Summary())
	}
}
