package attestation_test

import (
	"fmt"
	"time"

	"github.com/policecloud/landingzones/policy/attestation"
)

func ExampleParse() {
	day := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	f, err := attestation.Parse([]byte(`version: 1
scope: pos
attestations:
  - principle: "6"
    statement: "Everyone with administrative access holds NPPV Level 3 and SC clearance."
    owner: "Jane Smith, Force Vetting Manager"
    evidence: "VET-REG-2026-03"
    reviewed: 2026-04-01
    expires: 2027-03-31
`), "attestations.yaml", day)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range f.Attestations {
		fmt.Printf("principle %s by %s, holds until %s: %v\n", a.Principle, a.Owner, a.Expires.Format(time.DateOnly), a.ActiveOn(day))
	}

	// Every problem at once, each with its file, line and field.
	_, err = attestation.Parse([]byte(`version: 1
scope: pos
attestations:
  - principle: "2.1"
    statement: "Data stays in the UK."
    owner: "Sam Patel, Force ISO"
    evidence: "DPIA-2026-01"
    reviewed: 2026-04-01
    expires: 2027-06-30
`), "attestations.yaml", day)
	fmt.Println(err)
	// Output:
	// principle 6 by Jane Smith, Force Vetting Manager, holds until 2027-03-31: true
	// attestations.yaml:4: principle: "2.1" is not an NCSC Cloud Security Principle: allowed "1" to "14"
	// attestations.yaml:9: expires: 2027-06-30 is more than 12 months after the review on 2026-04-01 (latest allowed: 2027-04-01)
}
