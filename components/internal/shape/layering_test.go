package shape_test

import (
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mod = "github.com/policecloud/landingzones/"

// allowedImports lists, for each package under components/, the project packages it may depend on
// (directly or not). Everything else in the module (components/config for the cloud packages, internal/,
// policy/, cmd/, lztest, stacks) is refused: components take plain Go values and import no stack
// configuration, and only tests reach the rules. The one exception is components/guardrails, which
// generates the in-cloud guardrails from the facts the rules read (the region allow-lists in package
// policy) so that the two cannot disagree; it registers no resource. components/internal/awsname is the
// one check of AWS names (account IDs, role names, Identity Center IDs) that the configuration and
// components/awslz share. Through it, components/awslz reaches
// package policy too: NewOrganization attaches the SCPs guardrails generates (and never calls a rule).
var allowedImports = map[string][]string{
	"components/tier":             nil,
	"components/netplan":          {"components/tier"},
	"components/config":           {"components/tier", "components/netplan", "components/internal/awsname"},
	"components/guardrails":       {"components/tier", "components/netplan", "policy"},
	"components/internal/awsname": nil,
	"components/internal/caller":  nil,
	"components/internal/outputs": nil,
	"components/internal/shape":   nil,
	"components/awslz":            {"components/tier", "components/netplan", "components/internal/awsname", "components/internal/caller", "components/internal/outputs", "components/guardrails", "policy"},
	"components/azurelz":          {"components/tier", "components/netplan", "components/internal/caller", "components/internal/outputs", "components/guardrails", "policy"},
}

// pureImports are the packages that must not depend on a provider SDK or the Pulumi SDK: plain data
// the rules import too.
var pureImports = []string{"components/tier", "components/netplan", "components/config", "components/internal/awsname"}

// TestLayering proves the layering of components/ (README layout, ADR 0001 and ADR 0005): each package depends only on the
// project packages allowedImports lists for it, and the pure packages on no Pulumi SDK.
func TestLayering(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps=false", "-test=false", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, mod+"components/...").Output()
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		seen[pkg] = true
		allowed, known := allowedImports[pkg]
		if !assert.True(t, known, "%s is a new package under components/: add it to allowedImports", pkg) {
			continue
		}
		for _, dep := range fields[1:] {
			if !strings.HasPrefix(dep, mod) {
				for _, p := range pureImports {
					if pkg == p {
						assert.NotContains(t, dep, "github.com/pulumi/", "%s is plain data and must not depend on %s", pkg, dep)
					}
				}
				continue
			}
			d := strings.TrimPrefix(dep, mod)
			assert.Contains(t, allowed, d, "%s must not depend on %s: allowed %v", pkg, d, allowed)
		}
	}
	var want []string
	for p := range allowedImports {
		want = append(want, p)
	}
	sort.Strings(want)
	for _, p := range want {
		assert.True(t, seen[p], "allowedImports lists %s, which go list did not find", p)
	}
}
