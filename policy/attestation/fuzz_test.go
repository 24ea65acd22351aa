package attestation_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/attestation"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(validFile))
	f.Add([]byte(""))
	f.Add([]byte("version: 1\nscope: s\nattestations: []\n"))
	f.Add([]byte("version: 1\nscope: s\nattestations:\n" + entry("6", "2026-02-30", "[")))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("version: 1\nscope: s\nattestations:\n  - {principle: [x], expires: {}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := attestation.Parse(data, "f.yaml", now)
		if err != nil {
			var perr *attestation.Error
			if !errors.As(err, &perr) || len(perr.Problems) == 0 {
				t.Fatalf("error %v is not a non-empty *attestation.Error", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.yaml:") {
					t.Fatalf("problem %q does not start with the file name", line)
				}
			}
			return
		}
		if file.Version != attestation.Version || file.Scope == "" {
			t.Fatalf("valid file with version %d and scope %q", file.Version, file.Scope)
		}
		for _, a := range file.Attestations {
			if _, ok := policy.PrincipleByID(a.Principle); !ok || strings.Contains(a.Principle, ".") {
				t.Fatalf("attestation of unknown principle accepted: %+v", a)
			}
			if a.Statement == "" || a.Owner == "" || a.Evidence == "" || a.Reviewed.IsZero() || a.Expires.IsZero() || a.Line < 1 {
				t.Fatalf("incomplete attestation accepted: %+v", a)
			}
			if a.Reviewed.After(now) || a.Expires.Before(a.Reviewed) || a.Expires.After(a.Reviewed.AddDate(0, 12, 0)) {
				t.Fatalf("attestation with dates out of bounds accepted: %+v", a)
			}
		}
	})
}
