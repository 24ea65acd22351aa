package common

import (
	"testing"

	"github.com/policecloud/landingzones/policy/policytest"
)

// fixtures collects one fixture per rule; each rule's test file adds its own.
var fixtures policytest.Registry

func TestRules(t *testing.T) {
	t.Parallel()
	policytest.Run(t, Rules(), StackRules(), &fixtures)
}
