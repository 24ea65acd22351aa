package waiverfile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/policecloud/landingzones/policy/waiverfile"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(validFile))
	f.Add([]byte(""))
	f.Add([]byte("version: 1\nscope: s\nwaivers: []\n"))
	f.Add([]byte("version: 1\nscope: s\nwaivers:\n" + entry("PCLZ-AWS-NET-004", "[", "2027-02-30")))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("version: 1\nscope: s\nwaivers:\n  - {rule: [x], expires: {}}\n"))
	rules := testRules()
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := waiverfile.Parse(data, "f.yaml", rules, now)
		if err != nil {
			var perr *waiverfile.Error
			if !errors.As(err, &perr) || len(perr.Problems) == 0 {
				t.Fatalf("error %v is not a non-empty *waiverfile.Error", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.yaml:") {
					t.Fatalf("problem %q does not start with the file name", line)
				}
			}
			return
		}
		if file.Version != waiverfile.Version || file.Scope == "" {
			t.Fatalf("valid file with version %d and scope %q", file.Version, file.Scope)
		}
		for _, w := range file.Waivers {
			if w.RuleID == "" || w.Resource == "" || w.Approver == "" || w.RiskRef == "" || w.Justification == "" || w.Expires.IsZero() || w.Line < 1 {
				t.Fatalf("incomplete waiver accepted: %+v", w)
			}
			if w.Expires.After(now.AddDate(1, 0, 0)) {
				t.Fatalf("waiver beyond 12 months accepted: %+v", w)
			}
		}
	})
}
