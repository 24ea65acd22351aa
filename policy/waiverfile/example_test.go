package waiverfile_test

import (
	"fmt"
	"time"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

func ExampleParse() {
	rules := waiverfile.Rules([]policy.Meta{
		{ID: "PCLZ-AWS-NET-004", Pack: policy.PackIsolation, Waivable: true},
		{ID: "PCLZ-AWS-REG-001", Pack: policy.PackRegion, Waivable: false},
	})
	day := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

	f, err := waiverfile.Parse([]byte(`version: 1
scope: pos-bronze
waivers:
  - rule: PCLZ-AWS-NET-004
    resource: "urn:pulumi:pos-bronze::police-landing-zones::*::legacy-*"
    justification: "Legacy custody system needs a direct route to the records store"
    approver: "Jane Smith, Force SIRO"
    riskRef: "RISK-2026-014"
    expires: 2027-03-31
`), "waivers.yaml", rules, day)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range f.Waivers {
		fmt.Printf("%s line %d: %s waived by %s (%s) until %s\n", f.Scope, w.Line, w.RuleID, w.Approver, w.RiskRef, w.Expires.Format(time.DateOnly))
	}

	_, err = waiverfile.Parse([]byte(`version: 1
scope: pos-bronze
waivers:
  - rule: PCLZ-AWS-REG-001
    resource: "*"
    justification: "Cheaper in another region"
    approver: "Nobody"
    expires: 31/12/2026
`), "bad.yaml", rules, day)
	fmt.Println(err)
	// Output:
	// pos-bronze line 4: PCLZ-AWS-NET-004 waived by Jane Smith, Force SIRO (RISK-2026-014) until 2027-03-31
	// bad.yaml:4: rule: rule PCLZ-AWS-REG-001 cannot be waived: it is a region rule, and data must stay in UK regions under UK jurisdiction (NCSC principle 2.1) whatever the risk appetite
	// bad.yaml:4: riskRef: is required
	// bad.yaml:8: expires: "31/12/2026" is not a date in the form YYYY-MM-DD
}
