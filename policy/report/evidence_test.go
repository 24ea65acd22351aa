package report

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy/attestation"
)

// The matrix cell of a principle: rule verdicts first; where no rule reached one, the stack's
// attestations (an expired one outranks any active one), then the pack's CI and SBOM evidence.
func TestMatrixCellEvidence(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	active := attestation.Attestation{Principle: "6", Expires: day.AddDate(0, 1, 0)}
	expired := attestation.Attestation{Principle: "6", Expires: day.AddDate(0, 0, -1)}
	lastDay := attestation.Attestation{Principle: "14", Expires: day}
	full := Index{GeneratedAt: day.Add(20 * time.Hour), SBOM: &SBOMSummary{Modules: 116}, Development: &Development{Steps: make([]CIStep, 8)}}
	empty := Index{GeneratedAt: day}
	pass := Counts{Pass: 3}
	for _, tc := range []struct {
		name      string
		ix        Index
		principle string
		counts    Counts
		atts      []attestation.Attestation
		want      matrixCell
	}{
		{"rule verdicts win over attestations", full, "6", pass, []attestation.Attestation{active}, matrixCell{Label: "PASS 3", Class: "pass"}},
		{"rule failures win over the SBOM", full, "8", Counts{Fail: 1, Pass: 2}, nil, matrixCell{Label: "FAIL 1", Class: "fail"}},
		{"attested", full, "6", Counts{}, []attestation.Attestation{active, active}, matrixCell{"ATTESTED 2", "evidence", "#attestations"}},
		{"attested where the rules do not apply", full, "6", Counts{NotApplicable: 4}, []attestation.Attestation{active}, matrixCell{"ATTESTED 1", "evidence", "#attestations"}},
		{"an expired attestation outranks active ones", full, "6", Counts{}, []attestation.Attestation{active, expired}, matrixCell{"EXPIRED 1", "fail", "#attestations"}},
		{"an attestation holds through its expiry day", full, "14", Counts{}, []attestation.Attestation{lastDay}, matrixCell{"ATTESTED 1", "evidence", "#attestations"}},
		{"another principle's attestation evidences nothing", empty, "14", Counts{}, []attestation.Attestation{active}, matrixCell{Label: "not evidenced", Class: "na"}},
		{"CI", full, "7", Counts{}, nil, matrixCell{"CI 8 steps", "evidence", "development/ci.md"}},
		{"SBOM", full, "8", Counts{}, nil, matrixCell{"SBOM 116 modules", "evidence", "supply-chain/sbom.cdx.json"}},
		{"no CI evidence", empty, "7", Counts{}, nil, matrixCell{Label: "not evidenced", Class: "na"}},
		{"no SBOM, rules not applicable", empty, "8", Counts{NotApplicable: 1}, nil, matrixCell{Label: "N/A", Class: "na"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, principleCell(tc.ix, tc.principle, tc.counts, tc.atts))
		})
	}
}
