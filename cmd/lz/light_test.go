package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lz's default build depends on no provider SDK and no stack program (docs/adr/0008), and the build with
// -tags lz_sdk does.
func TestDefaultBuildLeavesOutProviderSDKs(t *testing.T) {
	t.Parallel()
	deps := func(tags ...string) string {
		out, err := exec.Command("go", append(append([]string{"list", "-deps", "-test=false"}, tags...), ".")...).Output()
		require.NoError(t, err)
		return string(out)
	}
	light := deps()
	for _, sdk := range []string{"pulumi-aws", "pulumi-azure-native", "landingzones/internal/program", "landingzones/internal/plan"} {
		assert.NotContains(t, light, sdk)
	}
	// Nor the Pulumi program SDK (and its workspace and plugin packages, whose start-up every run would
	// pay): reading stack files and property values needs none of it.
	for _, pkg := range []string{"sdk/v3/go/pulumi", "sdk/v3/go/common/workspace", "sdk/v3/go/common/resource/plugin"} {
		assert.NotContains(t, light, "github.com/pulumi/pulumi/"+pkg+"\n")
	}
	assert.Contains(t, deps("-tags", "lz_sdk"), "landingzones/internal/plan")
}

// The default build's plan and report say what they need instead of running.
func TestDefaultBuildPlanSaysWhy(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds lz")
	}
	bin := filepath.Join(t.TempDir(), "lz")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())
	for _, args := range [][]string{{"plan", "--stack", "pos-gold"}, {"report", "--all", "--out", t.TempDir()}} {
		cmd := exec.Command(bin, args...)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, string(out))
		assert.Equal(t, exitBadInput, ee.ExitCode(), string(out))
		assert.Contains(t, string(out), "lz "+args[0]+" runs the stack program, which needs the provider SDKs, and this lz was built without them: allowed check, rules, validate, verify, sbom; for "+args[0]+" run lz built with them: go run -tags lz_sdk ./cmd/lz "+args[0]+" ")
	}
	out, err := exec.Command(bin, "rules").CombinedOutput()
	require.NoError(t, err, string(out))
	assert.True(t, strings.Contains(string(out), "PCLZ-AWS-REG-001"), "rules runs in the light build")
}
