package config_test

import (
	"fmt"

	"github.com/policecloud/landingzones/components/config"
)

func ExampleLoad() {
	raw := map[string]string{ // as a Pulumi program sees the landingzone: keys
		"cloud":           "aws",
		"force":           "HO",
		"landingZone":     "pos",
		"role":            "tier",
		"tier":            "gold",
		"region":          "eu-west-2",
		"supernet":        "10.20.0.0/16",
		"classification":  "OFFICIAL",
		"owner":           "cloud-platform@homeoffice.police.uk",
		"costCentre":      "HO-POS-4100",
		"foundationStack": "organization/police-landing-zones/pos-foundation",
		"externalRanges":  `[{"name":"psn","kind":"psn","cidr":"10.128.0.0/10"}]`,
		"flows":           `[{"from":"gold","to":"psn","protocol":"tcp","ports":"443","reason":"Gold reads national indices over PSN"}]`,
	}
	s, err := config.Load("pos-gold", raw)
	if err != nil {
		fmt.Println(err)
		return
	}
	gold, _ := s.Plan.TierRange(s.Tier)
	fmt.Println(s.Tags()["Tier"], s.Profile.AvailabilityZones, "AZs", gold.CIDR, s.Flows[0])

	raw["region"], raw["classification"] = "us-east-1", "SECRET"
	_, err = config.Load("pos-gold", raw)
	fmt.Println(err)
	// Output:
	// Gold 2 AZs 10.20.128.0/18 gold -> psn tcp/443
	// landingzone:classification: "SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only
	// landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)
}
