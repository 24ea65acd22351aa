package azure

import (
	"strings"
	"testing"

	"github.com/policecloud/landingzones/policy/policytest"
)

// networkAbsenceRules are the network stack rules (or cases, "<ID> / <case>") whose failure is an
// absence, with what is absent: there is no resource to point at, so their failures may be stack-level
// only.
var networkAbsenceRules = map[string]string{}

// TestNetworkAttribution proves every network stack rule's failure names the resource to change.
func TestNetworkAttribution(t *testing.T) {
	t.Parallel()
	policytest.AssertAttribution(t, StackRules(), &fixtures, networkAbsenceRules, func(id string) bool {
		return strings.Contains(id, "-NET-")
	})
}
