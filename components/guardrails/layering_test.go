package guardrails

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLayering proves the package stays pure (ADR 0004): no provider SDK, and of the project's packages
// only components/tier, components/netplan and policy.
func TestLayering(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "-test=false", "github.com/policecloud/landingzones/components/guardrails").Output()
	require.NoError(t, err)
	const mod = "github.com/policecloud/landingzones/"
	allowed := []string{mod + "components/guardrails", mod + "components/tier", mod + "components/netplan", mod + "policy"}
	for _, d := range strings.Fields(string(out)) {
		assert.NotContains(t, d, "pulumi-aws", "guardrails must not depend on a provider SDK")
		assert.NotContains(t, d, "pulumi-azure-native", "guardrails must not depend on a provider SDK")
		if strings.HasPrefix(d, mod) {
			assert.Contains(t, allowed, d, "guardrails may import only %v", allowed)
		}
	}
}
