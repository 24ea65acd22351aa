package aws

import (
	"strings"
	"testing"

	"github.com/policecloud/landingzones/policy/policytest"
)

// netAbsenceRules are the network stack rules whose failure can be an absence, with what is absent: there
// is no resource to point at, so their failures may be stack-level only.
var netAbsenceRules = map[string]string{
	"PCLZ-AWS-NET-006 / missing":                    "the foundation has no account-level public access block at all",
	"PCLZ-AWS-NET-013 / no table tagged for bronze": "no transit gateway route table is tagged RouteTableFor=bronze",
	"PCLZ-AWS-NET-014 / foundation: no bronze transit gateway route table": "no transit gateway route table is tagged " +
		"RouteTableFor=bronze",
}

// TestNetAttribution proves every network stack rule's failure names the resource to change.
func TestNetAttribution(t *testing.T) {
	t.Parallel()
	policytest.AssertAttribution(t, StackRules(), &fixtures, netAbsenceRules, func(id string) bool {
		return strings.Contains(id, "-NET-")
	})
}
