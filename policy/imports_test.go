package policy_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLayering proves the layering of docs/adr/0001: nothing under policy/ depends on a provider SDK,
// the rule packages (and the network diagram) depend on no project package outside policy/ but
// components/tier and components/netplan, components/tier imports only the standard library, and components/netplan only the
// standard library and components/tier.
func TestLayering(t *testing.T) {
	t.Parallel()
	deps := func(pkgs ...string) []string {
		out, err := exec.Command("go", append([]string{"list", "-deps", "-test=false"}, pkgs...)...).Output()
		require.NoError(t, err)
		return strings.Fields(string(out))
	}
	const mod = "github.com/policecloud/landingzones/"
	for _, d := range deps("github.com/policecloud/landingzones/policy/...") {
		assert.NotContains(t, d, "pulumi-aws", "policy/ must not depend on a provider SDK")
		assert.NotContains(t, d, "pulumi-azure-native", "policy/ must not depend on a provider SDK")
	}
	pure := []string{mod + "components/tier", mod + "components/netplan"}
	rulePkgs := []string{mod + "policy", mod + "policy/aws", mod + "policy/azure", mod + "policy/common", mod + "policy/catalog", mod + "policy/report/diagram"}
	for _, d := range deps(rulePkgs...) {
		if strings.HasPrefix(d, mod+"components/") {
			assert.Contains(t, pure, d, "rules may import only components/tier and components/netplan")
		}
	}
	for _, pkg := range pure {
		for _, d := range deps(pkg) {
			if d == pkg || d == mod+"components/tier" {
				continue
			}
			assert.NotContains(t, d, ".", "%s imports only the standard library and components/tier, found %s", pkg, d)
		}
	}
}
