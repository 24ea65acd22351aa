package packconfig_test

import (
	"fmt"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/packconfig"
)

// A config that narrows an Azure region rule is in force; one that disables a never-waivable rule is
// refused, and the rule keeps its level.
func ExampleResolve() {
	rules := []policy.Meta{
		{ID: "PCLZ-AZR-REG-001", Pack: policy.PackRegion, Enforcement: policy.Mandatory, Cloud: policy.CloudAzure},
		{ID: "PCLZ-AWS-REG-001", Pack: policy.PackRegion, Enforcement: policy.Mandatory, Cloud: policy.CloudAWS},
	}
	cfg, err := packconfig.Parse([]byte(`{
		"PCLZ-AZR-REG-001": {"allowedRegions": ["uksouth"]},
		"PCLZ-AWS-REG-001": "disabled"
	}`), "policy.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	e := packconfig.Resolve(cfg, packconfig.PackCatalogue(rules, false))
	for _, o := range e.Overrides {
		fmt.Println("in force:", o)
	}
	for _, p := range e.Problems {
		fmt.Println(p)
	}
	fmt.Println("PCLZ-AWS-REG-001 runs at", e.Level("PCLZ-AWS-REG-001", packconfig.Mandatory))
	// Output:
	// in force: PCLZ-AZR-REG-001 allowedRegions uksouth (default uksouth, ukwest)
	// policy config: PCLZ-AWS-REG-001: enforcementLevel "disabled" refused: the rule is never waivable, so it stays mandatory
	// PCLZ-AWS-REG-001 runs at mandatory
}
